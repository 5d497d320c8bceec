#include "net/backoff.h"

#include <algorithm>

namespace openline::net {

std::chrono::milliseconds BackoffCeiling(const BackoffPolicy& policy, uint32_t attempt) {
  const int64_t initial = std::max<int64_t>(policy.initial.count(), 0);
  const int64_t cap = std::max<int64_t>(policy.cap.count(), 0);
  int64_t ceiling = std::min(initial, cap);
  // Doubling stops once the next step would pass the cap (so it cannot
  // overflow, and runs at most 63 times whatever `attempt` is).
  for (uint32_t i = 0; i < attempt && ceiling > 0; ++i) {
    if (ceiling > cap / 2) return std::chrono::milliseconds(cap);
    ceiling *= 2;
  }
  return std::chrono::milliseconds(ceiling);
}

Backoff::Backoff(BackoffPolicy policy, uint64_t seed) : policy_(policy), state_(seed) {}

std::chrono::milliseconds Backoff::Next() {
  const auto bound = static_cast<uint64_t>(ceiling().count());
  if (failures_ < UINT32_MAX) ++failures_;
  // Modulo bias is below bound/2^64: irrelevant for a jitter.
  return std::chrono::milliseconds(static_cast<int64_t>(NextRandom() % (bound + 1)));
}

// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every
// platform, unlike the std:: distributions.
uint64_t Backoff::NextRandom() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace openline::net
