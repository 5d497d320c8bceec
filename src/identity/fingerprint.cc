#include "identity/fingerprint.h"

#include <algorithm>
#include <cstdio>

#include "crypto/hash.h"

namespace openline::identity {
namespace {

constexpr std::string_view kPairContext = "openline/pair-fingerprint/v1";

Bytes KeyBytes(const PublicIdentity& id) {
  Bytes out;
  Append(out, id.sign_key);
  Append(out, id.dh_key);
  return out;
}

}  // namespace

std::string PairFingerprint(const PublicIdentity& a, const PublicIdentity& b) {
  const PublicIdentity& low = std::min(a, b);
  const PublicIdentity& high = std::max(a, b);
  Bytes input;
  Append(input, AsBytes(kPairContext));
  Append(input, KeyBytes(low));
  Append(input, KeyBytes(high));
  Bytes digest = crypto::Hash(crypto::HashAlgorithm::kSha512, input);
  for (int i = 1; i < kFingerprintIterations; ++i) {
    crypto::Hasher h(crypto::HashAlgorithm::kSha512);
    h.Update(digest).Update(KeyBytes(low)).Update(KeyBytes(high));
    digest = h.Final();
  }
  std::string out;
  for (int g = 0; g < kFingerprintGroups; ++g) {
    uint64_t v = 0;
    for (int i = 0; i < 5; ++i) v = (v << 8) | digest[static_cast<size_t>(g * 5 + i)];
    char group[8];
    std::snprintf(group, sizeof group, "%05u", static_cast<unsigned>(v % 100000));
    if (!out.empty()) out.push_back(' ');
    out += group;
  }
  return out;
}

std::string ShortFingerprint(const PublicIdentity& id) {
  auto digest = crypto::Sha256(KeyBytes(id));
  std::string hex = ToHex(ByteView(digest.data(), 8));
  return hex.substr(0, 4) + "-" + hex.substr(4, 4) + "-" + hex.substr(8, 4) + "-" +
         hex.substr(12, 4);
}

}  // namespace openline::identity
