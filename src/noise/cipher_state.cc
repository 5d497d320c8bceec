#include "noise/cipher_state.h"

#include <array>
#include <string>

#include "crypto/aead.h"

namespace openline::noise {
namespace {

// §12.3 ChaChaPoly: "96-bit nonce is formed by encoding 32 bits of zeros followed
// by little-endian encoding of n".
std::array<uint8_t, kChaChaNonceLen> ChaChaNonce(uint64_t n) {
  std::array<uint8_t, kChaChaNonceLen> nonce{};
  for (size_t i = 0; i < 8; ++i) nonce[4 + i] = static_cast<uint8_t>(n >> (8 * i));
  return nonce;
}

}  // namespace

Status CipherState::InitializeKey(ByteView key) {
  k_.Clear();
  n_ = 0;
  has_key_ = false;
  if (key.empty()) return Ok();
  if (key.size() != kKeyLen) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "cipher key must be 32 bytes, got " + std::to_string(key.size()));
  }
  k_ = CipherKey(key);
  has_key_ = true;
  return Ok();
}

Result<Bytes> CipherState::EncryptWithAd(ByteView ad, ByteView plaintext) {
  if (!has_key_) return Bytes(plaintext.begin(), plaintext.end());
  if (n_ == kMaxNonce) {
    return MakeError(ErrorCode::kState,
                     "cipher nonce exhausted (n = 2^64-1 is reserved)");
  }
  const auto nonce = ChaChaNonce(n_);
  auto ciphertext = crypto::ChaChaPolyEncrypt(k_.view(), nonce, ad, plaintext);
  if (!ciphertext) return ciphertext;
  ++n_;
  return ciphertext;
}

Result<Bytes> CipherState::DecryptWithAd(ByteView ad, ByteView ciphertext) {
  if (!has_key_) return Bytes(ciphertext.begin(), ciphertext.end());
  if (n_ == kMaxNonce) {
    return MakeError(ErrorCode::kState,
                     "cipher nonce exhausted (n = 2^64-1 is reserved)");
  }
  const auto nonce = ChaChaNonce(n_);
  auto plaintext = crypto::ChaChaPolyDecrypt(k_.view(), nonce, ad, ciphertext);
  if (!plaintext) return plaintext;  // n stays: the caller may not retry, but it is exact
  ++n_;
  return plaintext;
}

Status CipherState::Rekey() {
  if (!has_key_) return MakeError(ErrorCode::kState, "Rekey with an empty key");
  const std::array<uint8_t, kKeyLen> zeros{};
  const auto nonce = ChaChaNonce(kMaxNonce);
  auto out = crypto::ChaChaPolyEncrypt(k_.view(), nonce, {}, zeros);
  if (!out) return tl::unexpected(std::move(out).error());
  k_ = CipherKey(ByteView(out->data(), kKeyLen));
  crypto::Wipe(out->data(), out->size());
  return Ok();
}

}  // namespace openline::noise
