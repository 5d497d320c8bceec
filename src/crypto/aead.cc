#include "crypto/aead.h"

#include <sodium.h>

#include "crypto/random.h"

namespace openline::crypto {
namespace {

using EncryptFn = int (*)(unsigned char*, unsigned long long*, const unsigned char*,
                          unsigned long long, const unsigned char*, unsigned long long,
                          const unsigned char*, const unsigned char*,
                          const unsigned char*);
using DecryptFn = int (*)(unsigned char*, unsigned long long*, unsigned char*,
                          const unsigned char*, unsigned long long, const unsigned char*,
                          unsigned long long, const unsigned char*, const unsigned char*);

Status CheckSizes(ByteView key, ByteView nonce, size_t nonce_len) {
  if (key.size() != kAeadKeyLen) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "AEAD key must be 32 bytes, got " + std::to_string(key.size()));
  }
  if (nonce.size() != nonce_len) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "AEAD nonce must be " + std::to_string(nonce_len) + " bytes, got " +
                         std::to_string(nonce.size()));
  }
  return Ok();
}

Result<Bytes> Seal(EncryptFn fn, size_t nonce_len, ByteView key, ByteView nonce,
                   ByteView ad, ByteView plaintext) {
  OPENLINE_TRY(CheckSizes(key, nonce, nonce_len));
  EnsureSodium();
  Bytes out(plaintext.size() + kAeadTagLen);
  unsigned long long out_len = 0;
  fn(out.data(), &out_len, plaintext.data(), plaintext.size(), ad.data(), ad.size(),
     nullptr, nonce.data(), key.data());
  out.resize(out_len);
  return out;
}

Result<Bytes> Open(DecryptFn fn, size_t nonce_len, ByteView key, ByteView nonce,
                   ByteView ad, ByteView ciphertext) {
  OPENLINE_TRY(CheckSizes(key, nonce, nonce_len));
  if (ciphertext.size() < kAeadTagLen) {
    return MakeError(ErrorCode::kCrypto, "AEAD authentication failed");
  }
  EnsureSodium();
  Bytes out(ciphertext.size() - kAeadTagLen);
  unsigned long long out_len = 0;
  if (fn(out.data(), &out_len, nullptr, ciphertext.data(), ciphertext.size(), ad.data(),
         ad.size(), nonce.data(), key.data()) != 0) {
    return MakeError(ErrorCode::kCrypto, "AEAD authentication failed");
  }
  out.resize(out_len);
  return out;
}

}  // namespace

Result<Bytes> ChaChaPolyEncrypt(ByteView key, ByteView nonce, ByteView ad,
                                ByteView plaintext) {
  return Seal(crypto_aead_chacha20poly1305_ietf_encrypt, kChaChaNonceLen, key, nonce, ad,
              plaintext);
}
Result<Bytes> ChaChaPolyDecrypt(ByteView key, ByteView nonce, ByteView ad,
                                ByteView ciphertext) {
  return Open(crypto_aead_chacha20poly1305_ietf_decrypt, kChaChaNonceLen, key, nonce, ad,
              ciphertext);
}
Result<Bytes> XChaChaPolyEncrypt(ByteView key, ByteView nonce, ByteView ad,
                                 ByteView plaintext) {
  return Seal(crypto_aead_xchacha20poly1305_ietf_encrypt, kXChaChaNonceLen, key, nonce,
              ad, plaintext);
}
Result<Bytes> XChaChaPolyDecrypt(ByteView key, ByteView nonce, ByteView ad,
                                 ByteView ciphertext) {
  return Open(crypto_aead_xchacha20poly1305_ietf_decrypt, kXChaChaNonceLen, key, nonce,
              ad, ciphertext);
}

}  // namespace openline::crypto
