// An append-only, in-memory Merkle tree with the shape of RFC 9162 §2.1.1. It
// keeps every complete subtree: level 0 holds the leaf hashes, level k the hash
// of each complete run of 2^k leaves. Any root, inclusion proof or consistency
// proof for any earlier size is then assembled from O(log n) stored nodes plus
// O(log^2 n) node hashes at most, with no recursion over leaves. Memory is about
// two hashes (64 bytes) per leaf; appending costs one leaf store plus one node
// hash per completed subtree (amortised one).
//
// The tree stores leaf hashes, not entries: callers append LeafHash(data) (or use
// AppendData). Proof hashes are ordered from the leaf towards the root, as RFC
// 9162 PATH and PROOF produce them, and are what merkle/verify.h checks.
//
// Preconditions are checked and reported as errors, never assumed: a size must
// not exceed size(), an index must be below its tree size, and a consistency
// proof needs 0 < old_size <= new_size (see verify.h for why size 0 is refused).
//
// Depends on: merkle/hasher.h, common/. Thread-safety: const methods may run
// concurrently with each other; Append needs exclusive access.
#ifndef OPENLINE_MERKLE_TREE_H_
#define OPENLINE_MERKLE_TREE_H_

#include <cstdint>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "merkle/hasher.h"

namespace openline::merkle {

class Tree {
 public:
  Tree() = default;

  // Appends one leaf by its hash, LeafHash(entry).
  void Append(const Hash& leaf_hash);
  // Appends LeafHash(data).
  void AppendData(ByteView data) { Append(LeafHash(data)); }

  // Number of leaves appended so far.
  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }

  // MTH of all leaves; EmptyRoot() while the tree is empty.
  Hash Root() const;
  // MTH of the first n leaves (n <= size(); n = 0 gives EmptyRoot()).
  Result<Hash> RootAt(uint64_t n) const;
  // The stored leaf hash at index (< size()).
  Result<Hash> LeafAt(uint64_t index) const;

  // RFC 9162 §2.1.3.1 PATH(index, D[n]) for the first n leaves: index < n <= size().
  Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t n) const;
  // RFC 9162 §2.1.4.1 PROOF(old_size, D[new_size]): 0 < old_size <= new_size <=
  // size(). Equal sizes give an empty proof.
  Result<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size) const;

 private:
  // MTH(D[begin:end]) for a range that the RFC recursion visits, i.e. begin is a
  // multiple of the smallest power of two >= end - begin, and begin < end <= size().
  Hash RangeRoot(uint64_t begin, uint64_t end) const;

  // levels_[k][i] = MTH(D[i * 2^k : (i + 1) * 2^k]).
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace openline::merkle

#endif  // OPENLINE_MERKLE_TREE_H_
