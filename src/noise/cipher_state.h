// CipherState (Noise rev. 34 §5.1): a cipher key k (possibly empty) and a 64-bit
// nonce n. The cipher is ChaChaPoly, the only one openline speaks (§12.3): its
// nonce is 4 zero bytes || little-endian n. Encryption with no key passes the
// plaintext through, exactly as the spec says, because the handshake relies on it.
//
// Owns: the key (a crypto::Secret, wiped on destruction and on InitializeKey).
// Depends on: common/, crypto/aead.h. Thread-safety: a value; one user at a time.
#ifndef OPENLINE_NOISE_CIPHER_STATE_H_
#define OPENLINE_NOISE_CIPHER_STATE_H_

#include <cstdint>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/secret.h"
#include "noise/constants.h"

namespace openline::noise {

using CipherKey = crypto::Secret<kKeyLen>;

class CipherState {
 public:
  CipherState() = default;
  CipherState(CipherState&&) noexcept = default;
  CipherState& operator=(CipherState&&) noexcept = default;
  CipherState(const CipherState&) = delete;
  CipherState& operator=(const CipherState&) = delete;

  // InitializeKey(key): sets k = key (empty if `key` is empty) and n = 0.
  // A non-empty key must be kKeyLen bytes.
  Status InitializeKey(ByteView key);
  // HasKey(): true if k is non-empty.
  bool HasKey() const { return has_key_; }
  // SetNonce(nonce): sets n. Used after a Rekey-free resynchronisation and in tests.
  void SetNonce(uint64_t nonce) { n_ = nonce; }
  uint64_t nonce() const { return n_; }

  // EncryptWithAd(ad, plaintext): if k is non-empty returns ENCRYPT(k, n++, ad,
  // plaintext), otherwise the plaintext. Fails with kState once n reaches the
  // reserved value 2^64-1, so a nonce is never reused.
  Result<Bytes> EncryptWithAd(ByteView ad, ByteView plaintext);
  // DecryptWithAd(ad, ciphertext): if k is non-empty returns DECRYPT(k, n++, ad,
  // ciphertext), otherwise the ciphertext. On an authentication failure it fails
  // with kCrypto and n is NOT incremented (§5.1).
  Result<Bytes> DecryptWithAd(ByteView ad, ByteView ciphertext);
  // Rekey(): k = REKEY(k) = the first 32 bytes of ENCRYPT(k, 2^64-1, zerolen,
  // 32 zero bytes) (§4.2). n is unchanged. Fails with kState if k is empty.
  Status Rekey();

  // For tests that check both sides rekeyed identically; never log this.
  ByteView KeyForTesting() const { return k_.view(); }

 private:
  CipherKey k_;
  bool has_key_ = false;
  uint64_t n_ = 0;
};

}  // namespace openline::noise

#endif  // OPENLINE_NOISE_CIPHER_STATE_H_
