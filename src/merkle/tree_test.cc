#include "merkle/tree.h"

#include <string>

#include <gtest/gtest.h>

#include "merkle/verify.h"

namespace openline::merkle {
namespace {

Hash Leaf(uint64_t i) { return LeafHash(AsBytes("entry " + std::to_string(i))); }

Tree TreeOf(uint64_t n) {
  Tree tree;
  for (uint64_t i = 0; i < n; ++i) tree.Append(Leaf(i));
  return tree;
}

TEST(TreeTest, EmptyTreeHasEmptyRoot) {
  Tree tree;
  EXPECT_EQ(tree.size(), 0u);
  EXPECT_EQ(tree.Root(), EmptyRoot());
  EXPECT_EQ(*tree.RootAt(0), EmptyRoot());
}

TEST(TreeTest, SingleLeafRootIsTheLeafHash) {
  Tree tree;
  tree.AppendData(AsBytes("a"));
  EXPECT_EQ(tree.size(), 1u);
  EXPECT_EQ(tree.Root(), LeafHash(AsBytes("a")));
  EXPECT_EQ(*tree.LeafAt(0), LeafHash(AsBytes("a")));
}

TEST(TreeTest, ThreeLeavesNestToTheRight) {
  Tree tree = TreeOf(3);
  EXPECT_EQ(tree.Root(), NodeHash(NodeHash(Leaf(0), Leaf(1)), Leaf(2)));
  EXPECT_EQ(*tree.RootAt(2), NodeHash(Leaf(0), Leaf(1)));
}

TEST(TreeTest, RootAtBeyondSizeIsAnError) {
  Tree tree = TreeOf(4);
  auto root = tree.RootAt(5);
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(root.error().message, "size 5 exceeds tree size 4");
}

TEST(TreeTest, LeafAtBeyondSizeIsAnError) {
  Tree tree = TreeOf(4);
  auto leaf = tree.LeafAt(4);
  ASSERT_FALSE(leaf);
  EXPECT_EQ(leaf.error().message, "index 4 out of bounds for tree size 4");
}

TEST(TreeTest, InclusionProofRejectsIndexOutOfBounds) {
  Tree tree = TreeOf(8);
  auto proof = tree.InclusionProof(5, 4);
  ASSERT_FALSE(proof);
  EXPECT_EQ(proof.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(proof.error().message, "index 5 out of bounds for tree size 4");
  EXPECT_FALSE(tree.InclusionProof(0, 0));
  EXPECT_EQ(tree.InclusionProof(0, 9).error().message, "size 9 exceeds tree size 8");
}

TEST(TreeTest, ConsistencyProofRejectsBadSizes) {
  Tree tree = TreeOf(8);
  EXPECT_EQ(tree.ConsistencyProof(5, 4).error().message, "old size 5 exceeds new size 4");
  EXPECT_EQ(tree.ConsistencyProof(1, 9).error().message, "size 9 exceeds tree size 8");
  auto from_empty = tree.ConsistencyProof(0, 3);
  ASSERT_FALSE(from_empty);
  EXPECT_EQ(from_empty.error().message, "consistency proof from size 0 is not defined");
}

TEST(TreeTest, EqualSizesGiveEmptyConsistencyProof) {
  Tree tree = TreeOf(8);
  for (uint64_t n = 1; n <= 8; ++n) EXPECT_TRUE(tree.ConsistencyProof(n, n)->empty());
}

TEST(TreeTest, OldRootsStayReachableAfterAppends) {
  Tree tree;
  std::vector<Hash> roots;
  for (uint64_t i = 0; i < 100; ++i) {
    tree.Append(Leaf(i));
    roots.push_back(tree.Root());
  }
  for (uint64_t n = 1; n <= 100; ++n) EXPECT_EQ(*tree.RootAt(n), roots[n - 1]) << n;
}

// A distinct stand-in leaf hash without hashing: the tree never looks inside.
Hash CheapLeaf(uint64_t i) {
  Hash h{};
  for (size_t b = 0; b < 8; ++b) h[b] = static_cast<uint8_t>(i >> (8 * b));
  return h;
}

// Transcripts grow to this order; everything must stay logarithmic. Correctness
// is checked through the verifier, whose code shares nothing with Tree.
TEST(TreeTest, MillionLeavesProofsVerify) {
  constexpr uint64_t kSize = 1'000'000;
  Tree tree;
  for (uint64_t i = 0; i < kSize; ++i) tree.Append(CheapLeaf(i));
  ASSERT_EQ(tree.size(), kSize);
  const Hash root = tree.Root();
  for (uint64_t index : {uint64_t{0}, uint64_t{1}, uint64_t{524'287}, uint64_t{524'288},
                         uint64_t{999'998}, kSize - 1}) {
    auto proof = tree.InclusionProof(index, kSize);
    ASSERT_TRUE(proof);
    EXPECT_EQ(proof->size(), *InclusionProofLength(index, kSize));
    EXPECT_TRUE(VerifyInclusion(index, kSize, CheapLeaf(index), *proof, root)) << index;
  }
  for (uint64_t old_size : {uint64_t{1}, uint64_t{3}, uint64_t{65'536}, uint64_t{777'777},
                            kSize - 1, kSize}) {
    auto proof = tree.ConsistencyProof(old_size, kSize);
    ASSERT_TRUE(proof);
    EXPECT_TRUE(VerifyConsistency(old_size, kSize, *proof, *tree.RootAt(old_size), root))
        << old_size;
  }
}

}  // namespace
}  // namespace openline::merkle
