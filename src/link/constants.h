// Every number the link protocol's behaviour depends on. Times are microseconds
// on the caller's clock (the machine has no clock of its own).
//
// Depends on: nothing. Thread-safety: constants.
#ifndef OPENLINE_LINK_CONSTANTS_H_
#define OPENLINE_LINK_CONSTANTS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace openline::link {

// ---- Implementation constants (may change without a wire change) ----

// Own entries signed but not yet acknowledged by the peer: bounds the peer's
// reassembly buffer and how long a FLASH can wait behind entries already signed
// (everything not yet signed waits in the outbox, ordered by precedence).
inline constexpr uint64_t kDefaultWindow = 64;
// Accepted, not yet signed messages held in memory per link (beyond it the station
// refuses to accept more for this link until the backlog drains: back-pressure
// to the operator instead of unbounded memory).
inline constexpr size_t kMaxQueuedBytes = 64 * 1024 * 1024;
// Heartbeats while connected; the round-trip time comes from their echoes.
inline constexpr uint64_t kHeartbeatIntervalUs = 1'000'000;
// No message at all from the peer for this long: the session is presumed dead
// and the owner should drop the connection and redial.
inline constexpr uint64_t kPeerSilenceUs = 5'000'000;
// Retransmission timeout (RFC 6298 shape): initial, floor and cap.
inline constexpr uint64_t kInitialRtoUs = 1'000'000;
inline constexpr uint64_t kMinRtoUs = 200'000;
inline constexpr uint64_t kMaxRtoUs = 30'000'000;
// Channel of link-level entries (cumulative receipts, checkpoints).
inline constexpr std::string_view kLinkChannel = "link";

}  // namespace openline::link

#endif  // OPENLINE_LINK_CONSTANTS_H_
