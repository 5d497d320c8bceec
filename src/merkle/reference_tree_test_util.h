// A deliberately naive Merkle tree written straight from RFC 9162 §2.1 (MTH,
// PATH, PROOF/SUBPROOF), recursing over the leaf list with no stored nodes, for
// tests that cross-check the fast Tree. Quadratic-ish; fine for a few thousand
// leaves. Test-only: not part of openline_merkle.
//
// Depends on: merkle/hasher.h. Thread-safety: pure functions.
#ifndef OPENLINE_MERKLE_REFERENCE_TREE_TEST_UTIL_H_
#define OPENLINE_MERKLE_REFERENCE_TREE_TEST_UTIL_H_

#include <cstdint>
#include <span>
#include <vector>

#include "merkle/hasher.h"

namespace openline::merkle::reference {

using Leaves = std::span<const Hash>;  // leaf hashes, LeafHash(d) for each entry d

// "the largest power of two smaller than n" (n > 1), found the slow way.
inline size_t Split(size_t n) {
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// MTH({}) = SHA-256(); MTH({d0}) = leaf; MTH(D[n]) = node(MTH(D[0:k]), MTH(D[k:n])).
inline Hash Mth(Leaves d) {
  if (d.empty()) return EmptyRoot();
  if (d.size() == 1) return d[0];
  const size_t k = Split(d.size());
  return NodeHash(Mth(d.subspan(0, k)), Mth(d.subspan(k)));
}

// PATH(m, D[n]); requires m < n.
inline std::vector<Hash> Path(size_t m, Leaves d) {
  if (d.size() == 1) return {};
  const size_t k = Split(d.size());
  std::vector<Hash> out;
  if (m < k) {
    out = Path(m, d.subspan(0, k));
    out.push_back(Mth(d.subspan(k)));
  } else {
    out = Path(m - k, d.subspan(k));
    out.push_back(Mth(d.subspan(0, k)));
  }
  return out;
}

// SUBPROOF(m, D[n], b); requires 0 < m <= n.
inline std::vector<Hash> Subproof(size_t m, Leaves d, bool b) {
  if (m == d.size()) {
    if (b) return {};
    return {Mth(d)};
  }
  const size_t k = Split(d.size());
  std::vector<Hash> out;
  if (m <= k) {
    out = Subproof(m, d.subspan(0, k), b);
    out.push_back(Mth(d.subspan(k)));
  } else {
    out = Subproof(m - k, d.subspan(k), false);
    out.push_back(Mth(d.subspan(0, k)));
  }
  return out;
}

// PROOF(m, D[n]) = SUBPROOF(m, D[n], true); requires 0 < m <= n.
inline std::vector<Hash> Proof(size_t m, Leaves d) { return Subproof(m, d, true); }

}  // namespace openline::merkle::reference

#endif  // OPENLINE_MERKLE_REFERENCE_TREE_TEST_UTIL_H_
