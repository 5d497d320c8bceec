// Tai64n: the 12-byte timestamp an initiator puts in handshake message 1, and
// which the responder requires to grow strictly per peer (replay protection,
// as in WireGuard). Layout: big-endian u64 TAI64 label (2^62 + 10 + Unix
// seconds, WireGuard's approximation of TAI) || big-endian u32 nanoseconds.
// The value comes from the caller's `now`; this file never reads a clock.
//
// Depends on: common/. Thread-safety: a plain value.
#ifndef OPENLINE_SESSION_TAI64N_H_
#define OPENLINE_SESSION_TAI64N_H_

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>

#include "common/bytes.h"
#include "common/result.h"
#include "session/link_constants.h"

namespace openline::session {

struct Tai64n {
  uint64_t seconds = 0;      // TAI64 label
  uint32_t nanoseconds = 0;  // < 10^9

  static Tai64n FromTimePoint(std::chrono::system_clock::time_point t);
  ByteArray<kTimestampLen> Encode() const;
  // kMalformed unless exactly 12 bytes with nanoseconds below 10^9.
  static Result<Tai64n> Decode(ByteView bytes);
  std::string ToString() const;  // "@<label hex>.<ns>" for logs

  auto operator<=>(const Tai64n&) const = default;
};

}  // namespace openline::session

#endif  // OPENLINE_SESSION_TAI64N_H_
