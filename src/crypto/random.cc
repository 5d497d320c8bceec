#include "crypto/random.h"

#include <cstdlib>

#include <sodium.h>

namespace openline::crypto {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

void RandomBytes(std::span<uint8_t> out) {
  EnsureSodium();
  randombytes_buf(out.data(), out.size());
}

uint64_t RandomUniform(uint64_t upper_bound) {
  EnsureSodium();
  if (upper_bound <= 1) return 0;
  if (upper_bound <= UINT32_MAX) {
    return randombytes_uniform(static_cast<uint32_t>(upper_bound));
  }
  // Rejection sampling over 64 bits for the (rare) large bound.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % upper_bound;
  uint64_t v = 0;
  do {
    randombytes_buf(&v, sizeof v);
  } while (v >= limit);
  return v % upper_bound;
}

}  // namespace openline::crypto
