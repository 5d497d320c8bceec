// Cross-checks the fast Tree and the verifiers against the naive RFC 9162
// reference in reference_tree_test_util.h: exhaustively for every size, index
// and size pair up to 64 leaves, and with rapidcheck for random larger trees.
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "merkle/reference_tree_test_util.h"
#include "merkle/tree.h"
#include "merkle/verify.h"

namespace openline::merkle {
namespace {

std::vector<Hash> MakeLeaves(uint64_t n) {
  std::vector<Hash> leaves;
  for (uint64_t i = 0; i < n; ++i) {
    leaves.push_back(LeafHash(AsBytes("leaf " + std::to_string(i))));
  }
  return leaves;
}

Tree MakeTree(std::span<const Hash> leaves) {
  Tree tree;
  for (const Hash& h : leaves) tree.Append(h);
  return tree;
}

Hash FlipBit(Hash h, size_t bit) {
  h[bit / 8] = static_cast<uint8_t>(h[bit / 8] ^ (1u << (bit % 8)));
  return h;
}

TEST(ReferenceTest, EveryRootUpTo64LeavesMatches) {
  const std::vector<Hash> leaves = MakeLeaves(64);
  const Tree tree = MakeTree(leaves);
  for (size_t n = 0; n <= 64; ++n) {
    EXPECT_EQ(*tree.RootAt(n), reference::Mth(std::span(leaves).first(n))) << n;
  }
}

TEST(ReferenceTest, EveryInclusionProofUpTo64LeavesMatchesAndVerifies) {
  const std::vector<Hash> leaves = MakeLeaves(64);
  const Tree tree = MakeTree(leaves);
  for (size_t n = 1; n <= 64; ++n) {
    const auto prefix = std::span(leaves).first(n);
    const Hash root = reference::Mth(prefix);
    for (size_t i = 0; i < n; ++i) {
      auto proof = tree.InclusionProof(i, n);
      ASSERT_TRUE(proof) << i << "/" << n;
      EXPECT_EQ(*proof, reference::Path(i, prefix)) << i << "/" << n;
      EXPECT_TRUE(VerifyInclusion(i, n, leaves[i], *proof, root)) << i << "/" << n;
    }
  }
}

TEST(ReferenceTest, EveryConsistencyProofUpTo64LeavesMatchesAndVerifies) {
  const std::vector<Hash> leaves = MakeLeaves(64);
  const Tree tree = MakeTree(leaves);
  for (size_t n = 1; n <= 64; ++n) {
    const auto prefix = std::span(leaves).first(n);
    const Hash root2 = reference::Mth(prefix);
    for (size_t m = 1; m <= n; ++m) {
      auto proof = tree.ConsistencyProof(m, n);
      ASSERT_TRUE(proof) << m << "->" << n;
      EXPECT_EQ(*proof, reference::Proof(m, prefix)) << m << "->" << n;
      const Hash root1 = reference::Mth(prefix.first(m));
      EXPECT_TRUE(VerifyConsistency(m, n, *proof, root1, root2)) << m << "->" << n;
    }
  }
}

// Random trees beyond the exhaustive range: roots, proofs and verification agree
// with the reference for one random index and one random old size per case.
RC_GTEST_PROP(ReferenceProperty, RandomTreesMatchReference, ()) {
  const auto n = *rc::gen::inRange<uint64_t>(1, 3000);
  const auto index = *rc::gen::inRange<uint64_t>(0, n);
  const auto m = *rc::gen::inRange<uint64_t>(1, n + 1);
  const std::vector<Hash> leaves = MakeLeaves(n);
  const Tree tree = MakeTree(leaves);
  const Hash root = reference::Mth(leaves);
  const Hash old_root = reference::Mth(std::span(leaves).first(m));

  RC_ASSERT(tree.Root() == root);
  RC_ASSERT(*tree.RootAt(m) == old_root);

  const auto inclusion = tree.InclusionProof(index, n);
  RC_ASSERT(inclusion.has_value());
  RC_ASSERT(*inclusion == reference::Path(index, leaves));
  RC_ASSERT(inclusion->size() == *InclusionProofLength(index, n));
  RC_ASSERT(VerifyInclusion(index, n, leaves[index], *inclusion, root).has_value());

  const auto consistency = tree.ConsistencyProof(m, n);
  RC_ASSERT(consistency.has_value());
  RC_ASSERT(*consistency == reference::Proof(m, leaves));
  RC_ASSERT(consistency->size() == *ConsistencyProofLength(m, n));
  RC_ASSERT(VerifyConsistency(m, n, *consistency, old_root, root).has_value());
}

// One flipped bit anywhere in an inclusion proof, the root or the leaf hash
// makes verification fail.
RC_GTEST_PROP(ReferenceProperty, FlippedBitBreaksInclusion, ()) {
  const auto n = *rc::gen::inRange<uint64_t>(1, 300);
  const auto index = *rc::gen::inRange<uint64_t>(0, n);
  const auto bit = *rc::gen::inRange<size_t>(0, kHashLen * 8);
  const std::vector<Hash> leaves = MakeLeaves(n);
  const Tree tree = MakeTree(leaves);
  const Hash root = tree.Root();
  const std::vector<Hash> proof = *tree.InclusionProof(index, n);
  RC_ASSERT(VerifyInclusion(index, n, leaves[index], proof, root).has_value());

  RC_ASSERT(!VerifyInclusion(index, n, FlipBit(leaves[index], bit), proof, root));
  RC_ASSERT(!VerifyInclusion(index, n, leaves[index], proof, FlipBit(root, bit)));
  if (!proof.empty()) {
    const auto at = *rc::gen::inRange<size_t>(0, proof.size());
    std::vector<Hash> bad = proof;
    bad[at] = FlipBit(bad[at], bit);
    RC_ASSERT(!VerifyInclusion(index, n, leaves[index], bad, root));
  }
}

// One flipped bit anywhere in a consistency proof or either root makes
// verification fail.
RC_GTEST_PROP(ReferenceProperty, FlippedBitBreaksConsistency, ()) {
  const auto n = *rc::gen::inRange<uint64_t>(1, 300);
  const auto m = *rc::gen::inRange<uint64_t>(1, n + 1);
  const auto bit = *rc::gen::inRange<size_t>(0, kHashLen * 8);
  const std::vector<Hash> leaves = MakeLeaves(n);
  const Tree tree = MakeTree(leaves);
  const Hash root1 = *tree.RootAt(m);
  const Hash root2 = tree.Root();
  const std::vector<Hash> proof = *tree.ConsistencyProof(m, n);
  RC_ASSERT(VerifyConsistency(m, n, proof, root1, root2).has_value());

  RC_ASSERT(!VerifyConsistency(m, n, proof, FlipBit(root1, bit), root2));
  RC_ASSERT(!VerifyConsistency(m, n, proof, root1, FlipBit(root2, bit)));
  if (!proof.empty()) {
    const auto at = *rc::gen::inRange<size_t>(0, proof.size());
    std::vector<Hash> bad = proof;
    bad[at] = FlipBit(bad[at], bit);
    RC_ASSERT(!VerifyConsistency(m, n, bad, root1, root2));
  }
}

}  // namespace
}  // namespace openline::merkle
