#include "merkle/proof_codec.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace openline::merkle {
namespace {

std::vector<Hash> Hashes(size_t n) {
  std::vector<Hash> out;
  for (size_t i = 0; i < n; ++i) out.push_back(LeafHash(AsBytes(std::to_string(i))));
  return out;
}

TEST(ProofCodecTest, RoundTripsEveryLengthUpToTheLimit) {
  for (size_t n = 0; n <= 64; ++n) {
    const std::vector<Hash> proof = Hashes(n);
    auto bytes = EncodeProof(proof);
    ASSERT_TRUE(bytes) << n;
    ASSERT_EQ(bytes->size(), 1 + 32 * n);
    EXPECT_EQ((*bytes)[0], n);
    auto decoded = DecodeProof(*bytes);
    ASSERT_TRUE(decoded) << n;
    EXPECT_EQ(*decoded, proof);
  }
}

TEST(ProofCodecTest, EncodeRefusesMoreThan64Hashes) {
  auto bytes = EncodeProof(Hashes(65));
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(bytes.error().message, "proof has 65 hashes, limit 64");
}

TEST(ProofCodecTest, DecodeRefusesCountAbove64BeforeReadingHashes) {
  Bytes bytes = {65};  // no hashes follow: the count alone is enough to refuse
  auto decoded = DecodeProof(bytes);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(decoded.error().message, "proof has 65 hashes, limit 64");
}

TEST(ProofCodecTest, DecodeRefusesEmptyInput) {
  auto decoded = DecodeProof({});
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, ErrorCode::kMalformed);
}

TEST(ProofCodecTest, DecodeRefusesTruncatedHash) {
  Bytes bytes = *EncodeProof(Hashes(2));
  bytes.pop_back();
  auto decoded = DecodeProof(bytes);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(decoded.error().message, "truncated proof hash: need 32 bytes, have 31");
}

TEST(ProofCodecTest, DecodeRefusesTrailingBytes) {
  Bytes bytes = *EncodeProof(Hashes(2));
  bytes.push_back(0);
  auto decoded = DecodeProof(bytes);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, ErrorCode::kMalformed);
}

}  // namespace
}  // namespace openline::merkle
