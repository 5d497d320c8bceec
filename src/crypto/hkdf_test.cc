// HKDF (RFC 5869; HkdfExtract/HkdfExpand in crypto/hmac.h) against Wycheproof
// hkdf_sha256_test.json (83 valid, 3 invalid) and hkdf_sha512_test.json (80 valid,
// 3 invalid), from shared/vectors/wycheproof/ (github.com/C2SP/wycheproof).
// Valid: Extract then Expand gives exactly okm (an empty salt is used as given;
// HMAC pads it exactly like HashLen zero bytes). Invalid: every one asks for more
// than 255 * HashLen bytes (8161 or 16321), which HkdfExpand must refuse.
#include <algorithm>
#include <cstdio>

#include <gtest/gtest.h>

#include "crypto/hmac.h"
#include "crypto/testing/vectors.h"

namespace openline::crypto {
namespace {

using vectors::Json;

struct HkdfCounts {
  int valid = 0;
  int refused = 0;
};

HkdfCounts RunWycheproofHkdf(const char* file, HashAlgorithm alg) {
  HkdfCounts counts;
  auto doc = vectors::ReadVectorJson(file);
  if (!doc) return counts;
  vectors::ForEachWycheproofTest(*doc, [&](const Json&, const Json& test) {
    auto ikm = vectors::HexField(test, "ikm");
    auto salt = vectors::HexField(test, "salt");
    auto info = vectors::HexField(test, "info");
    auto size = vectors::IntField(test, "size");
    auto okm = vectors::StringField(test, "okm");
    auto result = vectors::StringField(test, "result");
    if (!ikm || !salt || !info || !size || !okm || !result) return;
    ASSERT_GE(*size, 0) << vectors::TestId(test);
    const size_t length = static_cast<size_t>(*size);

    SecretBytes prk = HkdfExtract(alg, *salt, *ikm);
    ASSERT_EQ(prk.size(), HashLen(alg));
    Result<Bytes> out = HkdfExpand(alg, prk.view(), *info, length);
    if (*result == "valid") {
      ASSERT_TRUE(out) << file << " " << vectors::TestId(test) << ": "
                       << out.error().ToString();
      EXPECT_EQ(ToHex(*out), *okm) << file << " " << vectors::TestId(test);
      ++counts.valid;
    } else {
      EXPECT_EQ(*result, "invalid") << vectors::TestId(test);
      // The only invalid cases in these files are over-long outputs.
      EXPECT_GT(length, 255 * HashLen(alg)) << vectors::TestId(test);
      ASSERT_FALSE(out) << file << " " << vectors::TestId(test) << ": length " << length
                        << " was not refused";
      EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
      ++counts.refused;
    }
  });
  std::printf("wycheproof %s: %d valid matched, %d over-long refused\n", file,
              counts.valid, counts.refused);
  return counts;
}

TEST(HkdfTest, Sha256MatchesWycheproof) {
  HkdfCounts c =
      RunWycheproofHkdf("wycheproof/hkdf_sha256_test.json", HashAlgorithm::kSha256);
  EXPECT_EQ(c.valid, 83);
  EXPECT_EQ(c.refused, 3);
}

TEST(HkdfTest, Sha512MatchesWycheproof) {
  HkdfCounts c =
      RunWycheproofHkdf("wycheproof/hkdf_sha512_test.json", HashAlgorithm::kSha512);
  EXPECT_EQ(c.valid, 80);
  EXPECT_EQ(c.refused, 3);
}

TEST(HkdfTest, ExpandAcceptsExactly255Blocks) {
  const Bytes prk(32, 0x01);
  for (auto alg :
       {HashAlgorithm::kSha256, HashAlgorithm::kSha512, HashAlgorithm::kBlake2b}) {
    const size_t max = 255 * HashLen(alg);
    auto at_max = HkdfExpand(alg, prk, {}, max);
    ASSERT_TRUE(at_max) << HashName(alg);
    EXPECT_EQ(at_max->size(), max);
    auto over = HkdfExpand(alg, prk, {}, max + 1);
    ASSERT_FALSE(over) << HashName(alg);
    EXPECT_EQ(over.error().code, ErrorCode::kInvalidArgument);
    // A prefix of a longer output is the shorter output (T(i) does not depend on L).
    auto short_out = HkdfExpand(alg, prk, {}, 100);
    ASSERT_TRUE(short_out);
    EXPECT_TRUE(std::equal(short_out->begin(), short_out->end(), at_max->begin()));
  }
}

TEST(HkdfTest, ExpandOfZeroBytesIsEmpty) {
  auto out = HkdfExpand(HashAlgorithm::kSha256, Bytes(32, 0x01), {}, 0);
  ASSERT_TRUE(out);
  EXPECT_TRUE(out->empty());
}

}  // namespace
}  // namespace openline::crypto
