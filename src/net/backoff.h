// Backoff: the delays between a dialer's rounds of connection attempts.
// Exponential with full jitter (Brooker, "Exponential Backoff And Jitter", AWS
// Architecture Blog, 2015): the delay before retry n (0-based) is uniform in
// [0, min(cap, initial * 2^n)]. Jitter spreads two stations that lost their link
// at the same moment (or many links after a restart) so they do not retry in
// lock step; the cap keeps a long outage from turning into hour-long waits.
//
// Pure: the random source is a seeded SplitMix64, so a test that passes a seed
// sees the same schedule every run; the Dialer seeds it from crypto::RandomBytes.
// Depends on: net/constants.h. Thread-safety: a value; one owner.
#ifndef OPENLINE_NET_BACKOFF_H_
#define OPENLINE_NET_BACKOFF_H_

#include <chrono>
#include <cstdint>

#include "net/constants.h"

namespace openline::net {

struct BackoffPolicy {
  std::chrono::milliseconds initial = kBackoffInitial;
  std::chrono::milliseconds cap = kBackoffCap;
};

// min(cap, initial * 2^attempt), without overflow for any attempt.
std::chrono::milliseconds BackoffCeiling(const BackoffPolicy& policy, uint32_t attempt);

class Backoff {
 public:
  Backoff(BackoffPolicy policy, uint64_t seed);

  // The delay before the next retry, uniform in [0, BackoffCeiling(failures())];
  // then counts one more failure.
  std::chrono::milliseconds Next();
  // After a success: the next delay starts from `initial` again.
  void Reset() { failures_ = 0; }
  uint32_t failures() const { return failures_; }
  // The largest delay Next() may return now.
  std::chrono::milliseconds ceiling() const { return BackoffCeiling(policy_, failures_); }

 private:
  uint64_t NextRandom();

  BackoffPolicy policy_;
  uint64_t state_;
  uint32_t failures_ = 0;
};

}  // namespace openline::net

#endif  // OPENLINE_NET_BACKOFF_H_
