// A station's long-term secret keys: an Ed25519 key that signs every envelope,
// checkpoint and export it makes, and an X25519 static key that authenticates its
// Noise sessions. Two keys rather than one converted key so each is used for one
// purpose only. Secrets live in wiping buffers; the struct is move-only.
//
// Depends on: crypto/. Thread-safety: a value; share by const reference.
#ifndef OPENLINE_IDENTITY_STATION_KEYS_H_
#define OPENLINE_IDENTITY_STATION_KEYS_H_

#include "crypto/ed25519.h"
#include "crypto/x25519.h"
#include "identity/public_identity.h"

namespace openline::identity {

struct StationKeys {
  crypto::SigningKey signing;
  crypto::X25519KeyPair dh;

  static StationKeys Generate();
  // Deterministic keys, for tests and simulations only: both keys from one seed.
  static StationKeys FromSeedForTesting(uint8_t seed);

  PublicIdentity Public() const { return {signing.public_key(), dh.public_key}; }
};

}  // namespace openline::identity

#endif  // OPENLINE_IDENTITY_STATION_KEYS_H_
