#include "crypto/hmac.h"

#include <algorithm>

namespace openline::crypto {

SecretBytes Hmac(HashAlgorithm alg, ByteView key, std::initializer_list<ByteView> data) {
  const size_t block = BlockLen(alg);
  const size_t hash_len = HashLen(alg);

  // K0: the key hashed if longer than a block, then zero-padded to a block.
  std::array<uint8_t, 128> k0{};
  if (key.size() > block) {
    Hasher(alg).Update(key).Final(k0);
  } else {
    std::copy(key.begin(), key.end(), k0.begin());
  }

  std::array<uint8_t, 128> pad{};
  for (size_t i = 0; i < block; ++i) pad[i] = k0[i] ^ 0x36;
  Hasher inner(alg);
  inner.Update({pad.data(), block});
  for (ByteView d : data) inner.Update(d);
  std::array<uint8_t, kMaxHashLen> inner_digest{};
  inner.Final(inner_digest);

  for (size_t i = 0; i < block; ++i) pad[i] = k0[i] ^ 0x5c;
  Hasher outer(alg);
  outer.Update({pad.data(), block}).Update({inner_digest.data(), hash_len});
  SecretBytes out;
  out.Resize(hash_len);
  outer.Final(out.mutable_view());

  Wipe(k0.data(), k0.size());
  Wipe(pad.data(), pad.size());
  Wipe(inner_digest.data(), inner_digest.size());
  return out;
}

SecretBytes HkdfExtract(HashAlgorithm alg, ByteView salt, ByteView ikm) {
  // RFC 5869 §2.2: an absent salt is HashLen zero bytes, which HMAC pads the same
  // way as an empty key, so passing `salt` through unchanged is correct.
  return Hmac(alg, salt, {ikm});
}

Result<Bytes> HkdfExpand(HashAlgorithm alg, ByteView prk, ByteView info, size_t length) {
  const size_t hash_len = HashLen(alg);
  if (length > 255 * hash_len) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "HKDF output length " + std::to_string(length) +
                         " exceeds 255*HashLen = " + std::to_string(255 * hash_len));
  }
  Bytes out;
  out.reserve(length);
  SecretBytes t;
  for (uint8_t counter = 1; out.size() < length; ++counter) {
    const uint8_t c[1] = {counter};
    t = Hmac(alg, prk, {t.view(), info, ByteView(c, 1)});
    const size_t take = std::min(hash_len, length - out.size());
    out.insert(out.end(), t.data(), t.data() + take);
  }
  return out;
}

}  // namespace openline::crypto
