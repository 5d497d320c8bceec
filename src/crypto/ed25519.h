// Ed25519 signatures (RFC 8032) for envelopes, checkpoints and exported files.
// Verification is libsodium's: canonical S, no small-order or non-canonical A/R
// (see tests for the exact policy against the CCTV edge-case vectors), so a
// signature cannot be mauled into a second valid one for the same message.
//
// Depends on: crypto/secret.h, libsodium (in ed25519.cc). Thread-safety: pure;
// a SigningKey is a value.
#ifndef OPENLINE_CRYPTO_ED25519_H_
#define OPENLINE_CRYPTO_ED25519_H_

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/secret.h"

namespace openline::crypto {

inline constexpr size_t kEd25519PublicLen = 32;
inline constexpr size_t kEd25519SeedLen = 32;
inline constexpr size_t kEd25519SignatureLen = 64;
using Ed25519Public = ByteArray<kEd25519PublicLen>;
using Ed25519Signature = ByteArray<kEd25519SignatureLen>;

class SigningKey {
 public:
  static SigningKey Generate();
  // Deterministic key from a 32-byte seed (RFC 8032 private key).
  static Result<SigningKey> FromSeed(ByteView seed);

  const Ed25519Public& public_key() const { return public_key_; }
  // The seed is what is stored on disk; handle it as a secret.
  ByteView seed() const { return {secret_.data(), kEd25519SeedLen}; }

  Ed25519Signature Sign(ByteView message) const;

 private:
  SigningKey() = default;
  Secret<64> secret_;  // libsodium's seed || public key form
  Ed25519Public public_key_{};
};

// False for any signature that libsodium rejects, including wrong lengths.
bool Ed25519Verify(ByteView public_key, ByteView message, ByteView signature);

}  // namespace openline::crypto

#endif  // OPENLINE_CRYPTO_ED25519_H_
