#include "noise/symmetric_state.h"

#include <array>

#include "crypto/hmac.h"
#include "noise/constants.h"

namespace openline::noise {
namespace {

// "If HASHLEN is 64, then truncates temp_k to 32 bytes."
ByteView Truncated(const crypto::SecretBytes& temp_k) {
  return temp_k.view().first(kKeyLen);
}

}  // namespace

void SymmetricState::InitializeSymmetric(crypto::HashAlgorithm hash,
                                         std::string_view protocol_name) {
  hash_ = hash;
  const size_t hash_len = crypto::HashLen(hash);
  if (protocol_name.size() <= hash_len) {
    // "If protocol_name is less than or equal to HASHLEN bytes in length, sets h
    // equal to protocol_name with zero bytes appended to make HASHLEN bytes."
    std::array<uint8_t, kMaxHashLen> padded{};
    std::copy(protocol_name.begin(), protocol_name.end(), padded.begin());
    h_.Assign(ByteView(padded.data(), hash_len));
  } else {
    // "Otherwise sets h = HASH(protocol_name)."
    h_.Resize(hash_len);
    crypto::Hasher(hash).Update(AsBytes(protocol_name)).Final(h_.mutable_view());
  }
  // "Sets ck = h." "Calls InitializeKey(empty)."
  ck_ = h_.Clone();
  (void)cipher_.InitializeKey({});
}

Status SymmetricState::Hkdf(ByteView input_key_material, size_t outputs,
                            crypto::SecretBytes* out1, crypto::SecretBytes* out2,
                            crypto::SecretBytes* out3) const {
  const size_t hash_len = crypto::HashLen(hash_);
  // temp_key = HMAC-HASH(chaining_key, input_key_material), i.e. HKDF-Extract with
  // salt = ck; outputs = HKDF-Expand(temp_key, info = empty, n * HASHLEN).
  crypto::SecretBytes temp_key =
      crypto::HkdfExtract(hash_, ck_.view(), input_key_material);
  auto okm = crypto::HkdfExpand(hash_, temp_key.view(), {}, outputs * hash_len);
  if (!okm) return tl::unexpected(std::move(okm).error());
  ByteView all(*okm);
  out1->Assign(all.subspan(0, hash_len));
  out2->Assign(all.subspan(hash_len, hash_len));
  if (outputs == 3) out3->Assign(all.subspan(2 * hash_len, hash_len));
  crypto::Wipe(okm->data(), okm->size());
  return Ok();
}

Status SymmetricState::MixKey(ByteView input_key_material) {
  crypto::SecretBytes ck;
  crypto::SecretBytes temp_k;
  OPENLINE_TRY(Hkdf(input_key_material, 2, &ck, &temp_k, nullptr));
  ck_ = std::move(ck);
  return cipher_.InitializeKey(Truncated(temp_k));
}

void SymmetricState::MixHash(ByteView data) {
  crypto::Hasher hasher(hash_);
  hasher.Update(h_.view()).Update(data);
  hasher.Final(h_.mutable_view());
}

Status SymmetricState::MixKeyAndHash(ByteView input_key_material) {
  crypto::SecretBytes ck;
  crypto::SecretBytes temp_h;
  crypto::SecretBytes temp_k;
  OPENLINE_TRY(Hkdf(input_key_material, 3, &ck, &temp_h, &temp_k));
  ck_ = std::move(ck);
  MixHash(temp_h.view());
  return cipher_.InitializeKey(Truncated(temp_k));
}

Result<Bytes> SymmetricState::EncryptAndHash(ByteView plaintext) {
  auto ciphertext = cipher_.EncryptWithAd(h_.view(), plaintext);
  if (!ciphertext) return ciphertext;
  MixHash(*ciphertext);
  return ciphertext;
}

Result<Bytes> SymmetricState::DecryptAndHash(ByteView ciphertext) {
  auto plaintext = cipher_.DecryptWithAd(h_.view(), ciphertext);
  if (!plaintext) return plaintext;
  MixHash(ciphertext);
  return plaintext;
}

Result<std::pair<CipherState, CipherState>> SymmetricState::Split() const {
  crypto::SecretBytes temp_k1;
  crypto::SecretBytes temp_k2;
  OPENLINE_TRY(Hkdf({}, 2, &temp_k1, &temp_k2, nullptr));
  std::pair<CipherState, CipherState> out;
  OPENLINE_TRY(out.first.InitializeKey(Truncated(temp_k1)));
  OPENLINE_TRY(out.second.InitializeKey(Truncated(temp_k2)));
  return out;
}

}  // namespace openline::noise
