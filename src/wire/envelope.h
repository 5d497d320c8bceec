// The envelope: the signed unit of a link's transcript. Every message, receipt,
// checkpoint, key rotation and notice is one. Byte layout (big-endian; docs/protocol.md):
//
//   off  size  field
//     0     1  version (= 1)
//     1     1  kind
//     2     1  precedence
//     3     1  flags (must be 0)
//     4    32  link id
//    36    32  sender: Ed25519 public key of the station that made it
//    68     8  seq: the sender's sequence number, 1, 2, 3, ... with no gaps
//    76    32  prev: hash of the sender's entry seq-1 (zeros for seq 1)
//   108     8  peer seq: the peer's latest entry the sender had seen (0 = none)
//   116    32  peer hash: that entry's hash (zeros when peer seq is 0)
//   148     8  time: microseconds since 1970-01-01T00:00:00Z (UTC)
//   156     1  channel length n (1..64), then n bytes [a-z0-9._-]
//     .     4  body length m (<= kMaxBodyLen), then m bytes
//     .    64  Ed25519 signature over kEnvelopeSignContext || all bytes above
//
// An entry's hash is SHA-256 of its complete bytes, signature included. Parsing is
// strict (every field checked, no trailing bytes) and keeps the exact bytes: the
// signature and hash are always computed over what was received, never over a
// re-encoding.
//
// Depends on: common/, crypto/ (types, SHA-256, Ed25519), wire/constants.h.
// Thread-safety: plain values.
#ifndef OPENLINE_WIRE_ENVELOPE_H_
#define OPENLINE_WIRE_ENVELOPE_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/ed25519.h"
#include "crypto/hash.h"
#include "wire/constants.h"

namespace openline::wire {

enum class Kind : uint8_t {
  kText = 1,
  kCatalogue = 2,
  kAttachment = 3,
  kCall = 4,
  kTest = 5,
  kReceipt = 6,
  kCheckpoint = 7,
  kKeyRotation = 8,
  // A signed fact about the sender's own earlier message, e.g. "unanswered after
  // N s" (wire/notice.h). Never itself receipted or escalated.
  kNotice = 9,
};
// The highest Kind value this version knows; parsing refuses anything above it.
inline constexpr uint8_t kLastKind = static_cast<uint8_t>(Kind::kNotice);

// ACP 121 precedence. Higher value = more urgent, so comparisons read naturally.
enum class Precedence : uint8_t {
  kRoutine = 1,
  kPriority = 2,
  kImmediate = 3,
  kFlash = 4,
};

std::string_view ToString(Kind kind);
std::string_view ToString(Precedence precedence);
std::optional<Kind> KindFromString(std::string_view s);
std::optional<Precedence> PrecedenceFromString(std::string_view s);

using Hash = crypto::Sha256Digest;
using LinkId = ByteArray<kLinkIdLen>;

// A pointer to one entry of one sender's chain: its sequence number and hash.
// seq 0 with a zero hash means "none".
struct EntryRef {
  uint64_t seq = 0;
  Hash hash{};
  bool operator==(const EntryRef&) const = default;
};

struct EnvelopeFields {
  Kind kind = Kind::kText;
  Precedence precedence = Precedence::kRoutine;
  LinkId link{};
  crypto::Ed25519Public sender{};
  uint64_t seq = 0;
  Hash prev{};
  EntryRef peer;
  uint64_t time_us = 0;
  std::string channel;
  Bytes body;

  bool operator==(const EnvelopeFields&) const = default;
};

class SignedEnvelope {
 public:
  // Only Sign and Parse make envelopes: an empty one would have no signature to
  // point at.
  const EnvelopeFields& fields() const { return fields_; }
  // The exact bytes, signature included, as made or as received.
  const Bytes& bytes() const { return bytes_; }
  ByteView signature() const;
  const Hash& hash() const { return hash_; }
  EntryRef ref() const { return {fields_.seq, hash_}; }

  // True iff the signature is the sender's over these exact bytes.
  bool VerifySignature() const;

  // Builds and signs an envelope. Fails if a field breaks a format rule or the key
  // is not the sender's.
  static Result<SignedEnvelope> Sign(EnvelopeFields fields,
                                     const crypto::SigningKey& key);
  // Parses untrusted bytes. Does not check the signature (see VerifySignature), so
  // a caller can report "malformed" and "forged" separately.
  static Result<SignedEnvelope> Parse(ByteView bytes);

 private:
  SignedEnvelope() = default;

  EnvelopeFields fields_;
  Bytes bytes_;
  Hash hash_{};
};

// Checks a channel name against the format rule.
Status ValidateChannel(std::string_view channel);

}  // namespace openline::wire

#endif  // OPENLINE_WIRE_ENVELOPE_H_
