// The messages two stations exchange inside a link's encrypted session (each is
// the plaintext of one Noise transport message). They carry transcript entries
// and the little protocol that delivers them exactly once: where to resume after
// a reconnect, cumulative and selective acknowledgements, heartbeats.
//
//   type u8 | fields (big-endian)
//   1 HELLO  version u8 (= 1) | have u64: how many of YOUR entries I hold durably
//            (contiguous from 1) | size u64: how many entries MY chain holds durably
//   2 ENTRY  one envelope (the rest of the message)
//   3 ACK    have u64 (as in HELLO) | n u8 (<= kMaxSackRanges) | n x (first u64, last
//   u64):
//            entries beyond `have` that I hold in memory (not yet durable)
//   4 PING   nonce u64 | sent_us u64 (the sender's clock, echoed back)
//   5 PONG   nonce u64 | sent_us u64 (copied from the PING)
//
// `have` is a durability statement: an acknowledged entry is on the peer's stable
// storage, so it is never sent again on any path. Parsing is exact (no trailing
// bytes) and bounded.
//
// Depends on: wire/envelope.h. Thread-safety: plain values.
#ifndef OPENLINE_WIRE_LINK_MESSAGE_H_
#define OPENLINE_WIRE_LINK_MESSAGE_H_

#include <variant>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"

namespace openline::wire {

inline constexpr uint8_t kLinkProtocolVersion = 1;
inline constexpr size_t kMaxSackRanges = 16;

struct Hello {
  uint64_t have = 0;
  uint64_t size = 0;
  bool operator==(const Hello&) const = default;
};
struct Entry {
  Bytes envelope;
  bool operator==(const Entry&) const = default;
};
struct SackRange {
  uint64_t first = 0;
  uint64_t last = 0;
  bool operator==(const SackRange&) const = default;
};
struct Ack {
  uint64_t have = 0;
  std::vector<SackRange> sack;
  bool operator==(const Ack&) const = default;
};
struct Ping {
  uint64_t nonce = 0;
  uint64_t sent_us = 0;
  bool operator==(const Ping&) const = default;
};
struct Pong {
  uint64_t nonce = 0;
  uint64_t sent_us = 0;
  bool operator==(const Pong&) const = default;
};

using LinkMessage = std::variant<Hello, Entry, Ack, Ping, Pong>;

Bytes EncodeLinkMessage(const LinkMessage& message);
Result<LinkMessage> ParseLinkMessage(ByteView bytes);

}  // namespace openline::wire

#endif  // OPENLINE_WIRE_LINK_MESSAGE_H_
