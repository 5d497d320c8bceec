// Every number the wire formats depend on, in one place. "Specification" values
// change the bytes on the wire or on disk and need a new version to change;
// "implementation" values are our limits and may change without one.
//
// Depends on: nothing. Thread-safety: constants.
#ifndef OPENLINE_WIRE_CONSTANTS_H_
#define OPENLINE_WIRE_CONSTANTS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace openline::wire {

// ---- Specification constants ----

// First byte of every envelope.
inline constexpr uint8_t kEnvelopeVersion = 1;
// Signatures cover this context string followed by the envelope's bytes up to the
// signature, so an envelope signature can never be replayed as another object's.
inline constexpr std::string_view kEnvelopeSignContext = "openline/envelope/v1";
// Offset of the first variable-length field (the channel length byte).
inline constexpr size_t kEnvelopeFixedHeaderLen = 156;
inline constexpr size_t kSignatureLen = 64;
inline constexpr size_t kHashLen = 32;
inline constexpr size_t kLinkIdLen = 32;

// Transport frames on a stream: u16 big-endian length, then that many bytes (one
// Noise message). Noise caps a message at 65535 bytes (spec §3).
inline constexpr size_t kFrameHeaderLen = 2;
inline constexpr size_t kMaxFrameLen = 65535;

// First byte of a notice body (wire/notice.h). Receipts and checkpoints predate
// body versions; notices are new and will grow types, so they carry one.
inline constexpr uint8_t kNoticeVersion = 1;
// An "unanswered after N s" notice claims at most a week: the longest answer
// deadline a policy may set (escalation's Deadlines::Validate refuses more). A
// larger N is not a deadline but a typo or a lie, and a u32 cannot overflow the
// microsecond arithmetic the transcript rule does with it.
inline constexpr uint32_t kMaxNoticeDeadlineS = 7 * 24 * 3600;

// ---- Implementation constants ----

// Channel names are 1..64 bytes of [a-z0-9._-], so they are safe in file names,
// URLs and logs without escaping.
inline constexpr size_t kMaxChannelLen = 64;
// A body fits one Noise message with room for the header, signature, frame type
// and AEAD tag; larger attachments are split by the sender.
inline constexpr size_t kMaxBodyLen = 60 * 1024;
inline constexpr size_t kMaxEnvelopeLen =
    kEnvelopeFixedHeaderLen + 1 + kMaxChannelLen + 4 + kMaxBodyLen + kSignatureLen;
static_assert(kMaxEnvelopeLen + 64 <= kMaxFrameLen, "an envelope must fit in one frame");

// Receipts: an operator name and role are short labels; a note is a sentence.
inline constexpr size_t kMaxOperatorNameLen = 128;
inline constexpr size_t kMaxOperatorRoleLen = 32;
inline constexpr size_t kMaxReceiptNoteLen = 2000;

}  // namespace openline::wire

#endif  // OPENLINE_WIRE_CONSTANTS_H_
