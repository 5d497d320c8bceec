#include "merkle/tree.h"

#include <algorithm>
#include <bit>
#include <string>

namespace openline::merkle {
namespace {

// The k of RFC 9162 §2.1.1: the largest power of two smaller than n (n >= 2).
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

std::string Num(uint64_t v) { return std::to_string(v); }

}  // namespace

void Tree::Append(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  // Each level whose count became even just completed a pair: hash it upwards.
  for (size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    if (levels_.size() == k + 1) levels_.emplace_back();
    const std::vector<Hash>& level = levels_[k];
    levels_[k + 1].push_back(NodeHash(level[level.size() - 2], level.back()));
  }
}

Hash Tree::Root() const { return size() == 0 ? EmptyRoot() : RangeRoot(0, size()); }

Result<Hash> Tree::RootAt(uint64_t n) const {
  if (n > size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "size " + Num(n) + " exceeds tree size " + Num(size()));
  }
  return n == 0 ? EmptyRoot() : RangeRoot(0, n);
}

Result<Hash> Tree::LeafAt(uint64_t index) const {
  if (index >= size()) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "index " + Num(index) + " out of bounds for tree size " + Num(size()));
  }
  return levels_[0][index];
}

Hash Tree::RangeRoot(uint64_t begin, uint64_t end) const {
  // Because begin is aligned, D[begin:end] splits into complete subtrees whose
  // sizes are the set bits of its length, largest first. MTH nests to the right
  // (MTH(D[n]) = NodeHash(MTH(D[0:k]), MTH(D[k:n]))), so fold from the smallest.
  const uint64_t length = end - begin;
  Hash acc{};
  bool have_acc = false;
  for (size_t level = 0; level < 64; ++level) {
    const uint64_t bit = uint64_t{1} << level;
    if ((length & bit) == 0) continue;
    // This subtree starts after all larger ones, i.e. the higher bits of length.
    const uint64_t start = begin + (length & ~((bit << 1) - 1));
    const Hash& node = levels_[level][start >> level];
    acc = have_acc ? NodeHash(node, acc) : node;
    have_acc = true;
    if ((length >> level) == 1) break;  // that was the highest bit
  }
  return acc;
}

Result<std::vector<Hash>> Tree::InclusionProof(uint64_t index, uint64_t n) const {
  if (n > size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "size " + Num(n) + " exceeds tree size " + Num(size()));
  }
  if (index >= n) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "index " + Num(index) + " out of bounds for tree size " + Num(n));
  }
  // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])        if m < k
  //               = PATH(m - k, D[k:n]) : MTH(D[0:k])    otherwise.
  // Walk down from the root collecting siblings, then reverse: leaf first.
  std::vector<Hash> path;
  uint64_t begin = 0;
  uint64_t end = n;
  while (end - begin > 1) {
    const uint64_t mid = begin + SplitPoint(end - begin);
    if (index < mid) {
      path.push_back(RangeRoot(mid, end));
      end = mid;
    } else {
      path.push_back(RangeRoot(begin, mid));
      begin = mid;
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

Result<std::vector<Hash>> Tree::ConsistencyProof(uint64_t old_size,
                                                 uint64_t new_size) const {
  if (new_size > size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "size " + Num(new_size) + " exceeds tree size " + Num(size()));
  }
  if (old_size > new_size) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "old size " + Num(old_size) + " exceeds new size " + Num(new_size));
  }
  if (old_size == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "consistency proof from size 0 is not defined");
  }
  // SUBPROOF(m, D[n], b) = [] if m = n and b; [MTH(D[n])] if m = n and not b;
  //   SUBPROOF(m, D[0:k], b) : MTH(D[k:n])          if m <= k
  //   SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])  otherwise.
  // Collected root-down and reversed, like PATH.
  std::vector<Hash> proof;
  uint64_t begin = 0;
  uint64_t end = new_size;
  uint64_t m = old_size;
  bool whole_old_tree = true;  // the RFC's b: this subtree is the entire old tree
  while (m != end - begin) {
    const uint64_t k = SplitPoint(end - begin);
    if (m <= k) {
      proof.push_back(RangeRoot(begin + k, end));
      end = begin + k;
    } else {
      proof.push_back(RangeRoot(begin, begin + k));
      begin += k;
      m -= k;
      whole_old_tree = false;
    }
  }
  if (!whole_old_tree) proof.push_back(RangeRoot(begin, end));
  std::reverse(proof.begin(), proof.end());
  return proof;
}

}  // namespace openline::merkle
