#include "merkle/verify.h"

#include <bit>
#include <string>

#include "merkle/constants.h"

namespace openline::merkle {
namespace {

std::string Num(uint64_t v) { return std::to_string(v); }

Status CheckProofBound(std::span<const Hash> proof) {
  if (proof.size() > kMaxProofHashes) {
    return MakeError(ErrorCode::kTooLarge, "proof has " + Num(proof.size()) +
                                               " hashes, limit " + Num(kMaxProofHashes));
  }
  return Ok();
}

Status CheckProofLength(std::span<const Hash> proof, size_t want) {
  if (proof.size() != want) {
    return MakeError(ErrorCode::kMalformed,
                     "proof has " + Num(proof.size()) + " hashes, want " + Num(want));
  }
  return Ok();
}

Status CheckMatch(std::string_view what, const Hash& calculated, const Hash& expected) {
  if (calculated != expected) {
    return MakeError(ErrorCode::kVerification,
                     std::string(what) + " mismatch: calculated " + ToHex(calculated) +
                         ", want " + ToHex(expected));
  }
  return Ok();
}

// The paths from the root to leaf `index` and to the last leaf `size - 1` share
// their top part and diverge below it. `inner` counts the levels below the fork
// (one proof hash each); above it the path runs along the right border, where a
// proof hash appears only at levels where `index` has a left sibling, i.e. for
// each set bit of index >> inner. This is transparency-dev's decompInclProof.
struct Decomposition {
  size_t inner;
  size_t border;
};

Decomposition Decompose(uint64_t index, uint64_t size) {
  const auto inner = static_cast<size_t>(std::bit_width(index ^ (size - 1)));
  const uint64_t above = inner >= 64 ? 0 : index >> inner;
  return {inner, static_cast<size_t>(std::popcount(above))};
}

}  // namespace

Result<size_t> InclusionProofLength(uint64_t index, uint64_t size) {
  if (index >= size) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "index " + Num(index) + " out of bounds for tree size " + Num(size));
  }
  const Decomposition d = Decompose(index, size);
  return d.inner + d.border;
}

Result<size_t> ConsistencyProofLength(uint64_t size1, uint64_t size2) {
  if (size1 > size2) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "size1 " + Num(size1) + " exceeds size2 " + Num(size2));
  }
  if (size1 == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "consistency proof from size 0 is not defined");
  }
  if (size1 == size2) return size_t{0};
  // The proof is the inclusion proof of the node that ends at size1 - 1 at level
  // countr_zero(size1), the largest complete subtree ending the old tree, plus
  // that node itself unless it is the whole old tree (size1 a power of two).
  const Decomposition d = Decompose(size1 - 1, size2);
  const auto shift = static_cast<size_t>(std::countr_zero(size1));
  const size_t seed = std::has_single_bit(size1) ? 0 : 1;
  return seed + (d.inner - shift) + d.border;
}

Result<Hash> RootFromInclusionProof(uint64_t index, uint64_t size, const Hash& leaf_hash,
                                    std::span<const Hash> proof) {
  OPENLINE_TRY(CheckProofBound(proof));
  const Result<size_t> want = InclusionProofLength(index, size);
  if (!want) return tl::unexpected(want.error());
  OPENLINE_TRY(CheckProofLength(proof, *want));

  // RFC 9162 §2.1.3.2, steps 2-5; fn is the node's index on its level, sn the
  // index of the last node on that level.
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) {
      return MakeError(ErrorCode::kMalformed,
                       "proof is longer than the path to the root");
    }
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      // A right-border node without a sibling moves up unchanged.
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return MakeError(ErrorCode::kMalformed, "proof is shorter than the path to the root");
  }
  return r;
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root) {
  const Result<Hash> calculated = RootFromInclusionProof(index, size, leaf_hash, proof);
  if (!calculated) return tl::unexpected(calculated.error());
  return CheckMatch("root", *calculated, root);
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof,
                         const Hash& root1, const Hash& root2) {
  OPENLINE_TRY(CheckProofBound(proof));
  const Result<size_t> want = ConsistencyProofLength(size1, size2);
  if (!want) return tl::unexpected(want.error());
  OPENLINE_TRY(CheckProofLength(proof, *want));
  if (size1 == size2) return CheckMatch("root2", root1, root2);

  // RFC 9162 §2.1.4.2. Step 2: when size1 is a power of two the old root is the
  // first node of the path, and the proof omits it.
  size_t next = 0;
  const Hash& seed = std::has_single_bit(size1) ? root1 : proof[next++];
  // Steps 3-4: start at the level of that node.
  uint64_t fn = size1 - 1;
  uint64_t sn = size2 - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  // Steps 5-6: fr rebuilds the old root from left siblings only; sr the new root.
  Hash fr = seed;
  Hash sr = seed;
  for (; next < proof.size(); ++next) {
    const Hash& c = proof[next];
    if (sn == 0) {
      return MakeError(ErrorCode::kMalformed,
                       "proof is longer than the path to the root");
    }
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 7.
  if (sn != 0) {
    return MakeError(ErrorCode::kMalformed, "proof is shorter than the path to the root");
  }
  OPENLINE_TRY(CheckMatch("root1", fr, root1));
  return CheckMatch("root2", sr, root2);
}

}  // namespace openline::merkle
