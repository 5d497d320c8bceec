// Notice bodies: encoding and strict, bounded parsing (layout in notice.h).
//
// Depends on: wire/notice.h, common/byte_{reader,writer}.h. Thread-safety: pure.
#include "wire/notice.h"

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace openline::wire {
namespace {

bool KnownSilence(uint8_t v) { return v == 1 || v == 2; }

}  // namespace

std::string_view ToString(NoticeType type) {
  switch (type) {
    case NoticeType::kUnanswered:
      return "unanswered";
  }
  return "unknown";
}

std::string_view ToString(NoticeSilence silence) {
  switch (silence) {
    case NoticeSilence::kTechnical:
      return "technical";
    case NoticeSilence::kHuman:
      return "human";
  }
  return "unknown";
}

std::string_view Describe(NoticeSilence silence) {
  switch (silence) {
    case NoticeSilence::kTechnical:
      return "no received receipt";
    case NoticeSilence::kHuman:
      return "received, not acknowledged";
  }
  return "unknown silence";
}

Result<Bytes> Notice::Encode() const {
  // Refuse on the way out what Parse refuses on the way in, so a station can
  // never sign a notice that every verifier would call malformed.
  if (type != NoticeType::kUnanswered) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown notice type");
  }
  if (subject.seq == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "a notice must name an entry");
  }
  if (deadline_s == 0 || deadline_s > kMaxNoticeDeadlineS) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "notice deadline must be 1.." + std::to_string(kMaxNoticeDeadlineS) + " s");
  }
  if (!KnownSilence(static_cast<uint8_t>(silence))) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown notice silence");
  }
  Bytes out;
  out.reserve(kUnansweredNoticeLen);
  ByteWriter w(out);
  w.PutU8(kNoticeVersion);
  w.PutU8(static_cast<uint8_t>(type));
  w.PutU64(subject.seq);
  w.PutBytes(subject.hash);
  w.PutU32(deadline_s);
  w.PutU8(static_cast<uint8_t>(silence));
  return out;
}

Result<Notice> Notice::Parse(ByteView body) {
  ByteReader r(body);
  Notice n;
  auto version = r.ReadU8("notice version");
  if (!version) return tl::unexpected(version.error());
  if (*version != kNoticeVersion) {
    return MakeError(ErrorCode::kMalformed,
                     "unknown notice version " + std::to_string(*version));
  }
  auto type = r.ReadU8("notice type");
  if (!type) return tl::unexpected(type.error());
  if (*type != static_cast<uint8_t>(NoticeType::kUnanswered)) {
    return MakeError(ErrorCode::kMalformed,
                     "unknown notice type " + std::to_string(*type));
  }
  n.type = NoticeType::kUnanswered;
  auto seq = r.ReadU64("notice subject seq");
  if (!seq) return tl::unexpected(seq.error());
  if (*seq == 0) return MakeError(ErrorCode::kMalformed, "notice names entry 0");
  n.subject.seq = *seq;
  auto hash = r.ReadArray<kHashLen>("notice subject hash");
  if (!hash) return tl::unexpected(hash.error());
  n.subject.hash = *hash;
  auto deadline = r.ReadU32("notice deadline");
  if (!deadline) return tl::unexpected(deadline.error());
  if (*deadline == 0 || *deadline > kMaxNoticeDeadlineS) {
    return MakeError(ErrorCode::kMalformed,
                     "notice deadline " + std::to_string(*deadline) +
                         " s is outside 1.." + std::to_string(kMaxNoticeDeadlineS));
  }
  n.deadline_s = *deadline;
  auto silence = r.ReadU8("notice silence");
  if (!silence) return tl::unexpected(silence.error());
  if (!KnownSilence(*silence)) {
    return MakeError(ErrorCode::kMalformed,
                     "unknown notice silence " + std::to_string(*silence));
  }
  n.silence = static_cast<NoticeSilence>(*silence);
  OPENLINE_TRY(r.ExpectEnd("notice"));
  return n;
}

}  // namespace openline::wire
