// Authenticated encryption: ChaCha20-Poly1305 (IETF, 96-bit nonce; Noise's
// ChaChaPoly) and XChaCha20-Poly1305 (192-bit nonce, safe with random nonces; for
// sealed files). Ciphertext is ct || 16-byte tag. Decryption failure is one error
// with no detail, so callers cannot become an oracle.
//
// Depends on: common/, crypto/secret.h, libsodium (in aead.cc). Thread-safety: pure.
#ifndef OPENLINE_CRYPTO_AEAD_H_
#define OPENLINE_CRYPTO_AEAD_H_

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/secret.h"

namespace openline::crypto {

inline constexpr size_t kAeadKeyLen = 32;
inline constexpr size_t kAeadTagLen = 16;
inline constexpr size_t kChaChaNonceLen = 12;
inline constexpr size_t kXChaChaNonceLen = 24;

using AeadKey = Secret<kAeadKeyLen>;

// Both return kInvalidArgument when the key or nonce has the wrong size.
Result<Bytes> ChaChaPolyEncrypt(ByteView key, ByteView nonce, ByteView ad,
                                ByteView plaintext);
Result<Bytes> ChaChaPolyDecrypt(ByteView key, ByteView nonce, ByteView ad,
                                ByteView ciphertext);

Result<Bytes> XChaChaPolyEncrypt(ByteView key, ByteView nonce, ByteView ad,
                                 ByteView plaintext);
Result<Bytes> XChaChaPolyDecrypt(ByteView key, ByteView nonce, ByteView ad,
                                 ByteView ciphertext);

}  // namespace openline::crypto

#endif  // OPENLINE_CRYPTO_AEAD_H_
