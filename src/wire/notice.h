// The body of a notice envelope (kind = notice): a signed fact a station states
// about one of its *own* earlier messages. The first type is "unanswered after
// N s": the sender's deadline passed with no answer from the peer, and which of
// the two silences it was. Writing it into the transcript (rather than keeping a
// local flag) lets any auditor later tell "the line was down" from "nobody
// answered" from the record both stations hold (docs/decisions/0006).
//
//   u8   version (= kNoticeVersion)
//   u8   type: 1 unanswered (2 is reserved for test_missed; unknown types are
//             refused, so a new type needs verifiers that know its rule)
//   type 1, unanswered:
//     u64  subject seq    \ the sender's own earlier message that went unanswered
//     32   subject hash   /
//     u32  deadline, whole seconds, 1..kMaxNoticeDeadlineS: the N of "after N s"
//     u8   silence: 1 technical (no received receipt), 2 human (received, not
//          acknowledged)
//
// Parsing is strict: every field checked, no trailing bytes, fixed length per type.
//
// Depends on: wire/envelope.h (EntryRef), wire/constants.h, common/.
// Thread-safety: plain values.
#ifndef OPENLINE_WIRE_NOTICE_H_
#define OPENLINE_WIRE_NOTICE_H_

#include <string_view>

#include "wire/envelope.h"

namespace openline::wire {

enum class NoticeType : uint8_t { kUnanswered = 1 };
std::string_view ToString(NoticeType type);

// Which silence the sender observed at its deadline. The two are kept apart
// everywhere: a technical silence is the line's or the peer station's failure, a
// human one is nobody on duty answering.
enum class NoticeSilence : uint8_t {
  kTechnical = 1,  // no *received* receipt covers the subject
  kHuman = 2,      // received (stored by the peer), never *acknowledged*
};
// "technical" / "human": the stable name (JSON, logs).
std::string_view ToString(NoticeSilence silence);
// The words a report shows: "no received receipt" / "received, not acknowledged".
std::string_view Describe(NoticeSilence silence);

// Length of a version-1 unanswered notice body.
inline constexpr size_t kUnansweredNoticeLen = 1 + 1 + 8 + kHashLen + 4 + 1;

struct Notice {
  NoticeType type = NoticeType::kUnanswered;
  EntryRef subject;
  uint32_t deadline_s = 0;
  NoticeSilence silence = NoticeSilence::kTechnical;

  // kInvalidArgument for subject seq 0, a deadline of 0 or above
  // kMaxNoticeDeadlineS, or an unknown type or silence.
  Result<Bytes> Encode() const;
  static Result<Notice> Parse(ByteView body);
  bool operator==(const Notice&) const = default;
};

}  // namespace openline::wire

#endif  // OPENLINE_WIRE_NOTICE_H_
