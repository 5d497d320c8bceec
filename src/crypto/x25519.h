// X25519 Diffie-Hellman (RFC 7748) for Noise's DH functions and station static keys.
// Dh() refuses a result of all zeros (a low-order peer point), as libsodium does and
// as Noise §4.1 allows: a peer that sends one is misbehaving, never useful.
//
// Depends on: crypto/secret.h, libsodium (in x25519.cc). Thread-safety: pure.
#ifndef OPENLINE_CRYPTO_X25519_H_
#define OPENLINE_CRYPTO_X25519_H_

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/secret.h"

namespace openline::crypto {

inline constexpr size_t kX25519Len = 32;
using X25519Public = ByteArray<kX25519Len>;
using X25519Private = Secret<kX25519Len>;

struct X25519KeyPair {
  X25519Private private_key;
  X25519Public public_key{};

  static X25519KeyPair Generate();
  // From a private scalar (clamped by X25519 itself). Precondition: 32 bytes;
  // another size aborts (see Secret) rather than yield a predictable key.
  static X25519KeyPair FromPrivate(ByteView private_key);

  // An explicit copy, so every duplication of a private key is visible in review.
  X25519KeyPair Clone() const { return {private_key.Clone(), public_key}; }
};

Result<Secret<kX25519Len>> X25519(ByteView private_key, ByteView public_key);

}  // namespace openline::crypto

#endif  // OPENLINE_CRYPTO_X25519_H_
