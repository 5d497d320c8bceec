#include "crypto/ed25519.h"

#include <sodium.h>

#include "crypto/random.h"

namespace openline::crypto {

SigningKey SigningKey::Generate() {
  Secret<kEd25519SeedLen> seed;
  RandomBytes(seed.mutable_view());
  return *FromSeed(seed.view());
}

Result<SigningKey> SigningKey::FromSeed(ByteView seed) {
  if (seed.size() != kEd25519SeedLen) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "Ed25519 seed must be 32 bytes, got " + std::to_string(seed.size()));
  }
  EnsureSodium();
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_.data(), seed.data());
  return key;
}

Ed25519Signature SigningKey::Sign(ByteView message) const {
  Ed25519Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(),
                       secret_.data());
  return sig;
}

bool Ed25519Verify(ByteView public_key, ByteView message, ByteView signature) {
  if (public_key.size() != kEd25519PublicLen ||
      signature.size() != kEd25519SignatureLen) {
    return false;
  }
  EnsureSodium();
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     public_key.data()) == 0;
}

}  // namespace openline::crypto
