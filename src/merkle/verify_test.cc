#include "merkle/verify.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "merkle/tree.h"

namespace openline::merkle {
namespace {

Hash Leaf(uint64_t i) { return LeafHash(AsBytes("entry " + std::to_string(i))); }

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (uint64_t i = 0; i < 16; ++i) tree_.Append(Leaf(i));
  }
  Tree tree_;
};

TEST_F(VerifyTest, AcceptsGeneratedInclusionProof) {
  auto proof = tree_.InclusionProof(5, 11);
  ASSERT_TRUE(proof);
  EXPECT_TRUE(VerifyInclusion(5, 11, Leaf(5), *proof, *tree_.RootAt(11)));
  EXPECT_EQ(*RootFromInclusionProof(5, 11, Leaf(5), *proof), *tree_.RootAt(11));
}

TEST_F(VerifyTest, InclusionIndexOutOfBoundsNamesNumbers) {
  auto status = VerifyInclusion(5, 4, Leaf(5), {}, tree_.Root());
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().message, "index 5 out of bounds for tree size 4");
}

TEST_F(VerifyTest, InclusionInEmptyTreeIsAnError) {
  auto status = VerifyInclusion(0, 0, Leaf(0), {}, EmptyRoot());
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "index 0 out of bounds for tree size 0");
}

TEST_F(VerifyTest, InclusionProofOfWrongLengthNamesLengths) {
  auto proof = *tree_.InclusionProof(1, 3);  // 2 hashes
  proof.push_back(Leaf(9));
  auto status = VerifyInclusion(1, 3, Leaf(1), proof, *tree_.RootAt(3));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(status.error().message, "proof has 3 hashes, want 2");
}

TEST_F(VerifyTest, InclusionRootMismatchIsVerificationError) {
  auto proof = *tree_.InclusionProof(3, 16);
  auto status = VerifyInclusion(3, 16, Leaf(4), proof, tree_.Root());
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kVerification);
  EXPECT_NE(status.error().message.find("root mismatch: calculated "), std::string::npos);
  EXPECT_NE(status.error().message.find(ToHex(tree_.Root())), std::string::npos);
}

TEST_F(VerifyTest, OverlongProofIsRejectedBeforeAnyOtherCheck) {
  const std::vector<Hash> proof(65, Leaf(0));
  // Even with arguments that are wrong in other ways, the bound is checked first.
  auto inclusion = VerifyInclusion(7, 3, Leaf(0), proof, tree_.Root());
  ASSERT_FALSE(inclusion);
  EXPECT_EQ(inclusion.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(inclusion.error().message, "proof has 65 hashes, limit 64");
  auto consistency = VerifyConsistency(0, 0, proof, tree_.Root(), tree_.Root());
  ASSERT_FALSE(consistency);
  EXPECT_EQ(consistency.error().code, ErrorCode::kTooLarge);
}

TEST_F(VerifyTest, MaximumTreeSizeProofLengths) {
  constexpr uint64_t kMax = ~uint64_t{0};
  EXPECT_EQ(*InclusionProofLength(0, kMax), 64u);
  EXPECT_EQ(*InclusionProofLength(kMax - 1, kMax), 63u);
  EXPECT_EQ(*ConsistencyProofLength(3, uint64_t{1} << 63), 64u);
  EXPECT_EQ(*ConsistencyProofLength(kMax - 1, kMax), 64u);
  // Beyond 2^63 leaves a consistency proof can need 65 hashes; kMaxProofHashes
  // refuses those (documented in constants.h), trading them for a fixed bound.
  EXPECT_EQ(*ConsistencyProofLength(3, kMax), 65u);
  const std::vector<Hash> proof(65, Leaf(0));
  EXPECT_EQ(VerifyConsistency(3, kMax, proof, Leaf(0), Leaf(1)).error().code,
            ErrorCode::kTooLarge);
}

TEST_F(VerifyTest, AcceptsGeneratedConsistencyProof) {
  auto proof = tree_.ConsistencyProof(6, 13);
  ASSERT_TRUE(proof);
  EXPECT_TRUE(VerifyConsistency(6, 13, *proof, *tree_.RootAt(6), *tree_.RootAt(13)));
}

TEST_F(VerifyTest, ConsistencyFromSizeZeroIsAlwaysAnError) {
  // The chosen policy: size1 = 0 proves nothing, even 0 -> 0 with equal roots.
  for (uint64_t size2 : {uint64_t{0}, uint64_t{1}, uint64_t{16}}) {
    auto status = VerifyConsistency(0, size2, {}, EmptyRoot(), *tree_.RootAt(size2));
    ASSERT_FALSE(status) << size2;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().message, "consistency proof from size 0 is not defined");
  }
}

TEST_F(VerifyTest, ConsistencySize1AboveSize2NamesNumbers) {
  auto status = VerifyConsistency(5, 4, {}, tree_.Root(), tree_.Root());
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "size1 5 exceeds size2 4");
}

TEST_F(VerifyTest, ConsistencyEqualSizesComparesRootsAndWantsEmptyProof) {
  const Hash root = *tree_.RootAt(7);
  EXPECT_TRUE(VerifyConsistency(7, 7, {}, root, root));
  auto mismatch = VerifyConsistency(7, 7, {}, root, tree_.Root());
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, ErrorCode::kVerification);
  const std::vector<Hash> one = {root};
  auto nonempty = VerifyConsistency(7, 7, one, root, root);
  ASSERT_FALSE(nonempty);
  EXPECT_EQ(nonempty.error().message, "proof has 1 hashes, want 0");
}

TEST_F(VerifyTest, ConsistencyEmptyProofForGrowingTreeIsMalformed) {
  auto status = VerifyConsistency(4, 8, {}, *tree_.RootAt(4), *tree_.RootAt(8));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "proof has 0 hashes, want 1");
}

TEST_F(VerifyTest, ConsistencyWithSwappedRootsFails) {
  auto proof = *tree_.ConsistencyProof(5, 9);
  auto status = VerifyConsistency(5, 9, proof, *tree_.RootAt(9), *tree_.RootAt(5));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kVerification);
}

}  // namespace
}  // namespace openline::merkle
