#include "merkle/hasher.h"

#include <algorithm>
#include <string>

#include "crypto/hash.h"

namespace openline::merkle {

static_assert(kHashLen == crypto::kSha256Len);

Hash LeafHash(ByteView data) {
  const uint8_t prefix[1] = {kLeafPrefix};
  Hash out{};
  crypto::Hasher(crypto::HashAlgorithm::kSha256).Update(prefix).Update(data).Final(out);
  return out;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  // One-shot SHA-256 over a stack buffer: a tree of n leaves computes n - 1 of
  // these, so the streaming Hasher's heap state would dominate the cost.
  ByteArray<1 + 2 * kHashLen> input{};
  input[0] = kNodePrefix;
  std::copy(left.begin(), left.end(), input.begin() + 1);
  std::copy(right.begin(), right.end(), input.begin() + 1 + kHashLen);
  return crypto::Sha256(input);
}

Hash EmptyRoot() { return crypto::Sha256({}); }

Result<Hash> HashFromBytes(ByteView bytes) {
  if (bytes.size() != kHashLen) {
    return MakeError(ErrorCode::kMalformed, "hash has " + std::to_string(bytes.size()) +
                                                " bytes, want " +
                                                std::to_string(kHashLen));
  }
  Hash out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

}  // namespace openline::merkle
