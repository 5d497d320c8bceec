// The one source of randomness: libsodium's randombytes (getrandom(2) on Linux).
// Deterministic tests never call this; they inject keys explicitly.
//
// Depends on: libsodium (in random.cc). Thread-safety: safe from any thread.
#ifndef OPENLINE_CRYPTO_RANDOM_H_
#define OPENLINE_CRYPTO_RANDOM_H_

#include <cstdint>
#include <span>

namespace openline::crypto {

// Initialises libsodium once. Every crypto entry point calls it; calling it again
// is cheap. Aborts if libsodium cannot initialise (no entropy source): a station
// must not run with broken randomness.
void EnsureSodium();

void RandomBytes(std::span<uint8_t> out);
uint64_t RandomUniform(uint64_t upper_bound);  // in [0, upper_bound)

}  // namespace openline::crypto

#endif  // OPENLINE_CRYPTO_RANDOM_H_
