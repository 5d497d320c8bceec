#include "crypto/x25519.h"

#include <sodium.h>

#include "crypto/random.h"

namespace openline::crypto {

X25519KeyPair X25519KeyPair::Generate() {
  Secret<kX25519Len> priv;
  RandomBytes(priv.mutable_view());
  return FromPrivate(priv.view());
}

X25519KeyPair X25519KeyPair::FromPrivate(ByteView private_key) {
  EnsureSodium();
  X25519KeyPair kp;
  kp.private_key = X25519Private(private_key);
  crypto_scalarmult_curve25519_base(kp.public_key.data(), kp.private_key.data());
  return kp;
}

Result<Secret<kX25519Len>> X25519(ByteView private_key, ByteView public_key) {
  if (private_key.size() != kX25519Len || public_key.size() != kX25519Len) {
    return MakeError(ErrorCode::kInvalidArgument, "X25519 keys must be 32 bytes");
  }
  EnsureSodium();
  Secret<kX25519Len> shared;
  if (crypto_scalarmult_curve25519(shared.data(), private_key.data(),
                                   public_key.data()) != 0) {
    return MakeError(ErrorCode::kCrypto, "X25519 with a low-order public key");
  }
  return shared;
}

}  // namespace openline::crypto
