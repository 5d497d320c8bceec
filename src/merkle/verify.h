// Verification of RFC 9162 inclusion proofs (§2.1.3.2) and consistency proofs
// (§2.1.4.2) against trusted roots. Nothing here fetches anything: the caller
// supplies the sizes, the hashes it trusts and the proof it was given, and gets
// back a value. The expected proof length is a function of the sizes alone
// (InclusionProofLength, ConsistencyProofLength), so a caller reading nodes from
// a store knows how many to read, and a proof of any other length is refused
// before it is hashed. A proof longer than kMaxProofHashes is refused first.
//
// Errors name the numbers involved ("index 5 out of bounds for tree size 4",
// "proof has 3 hashes, want 2"). Codes: kInvalidArgument for impossible sizes or
// indices, kTooLarge for an over-long proof, kMalformed for a proof of the wrong
// length, kVerification when the hashes do not lead to the trusted root (the
// only outcome that means "the log lied" rather than "the request was wrong").
//
// Size-0 policy (the transparency-dev/merkle choice): a consistency proof needs
// 0 < size1 <= size2. size1 = 0 is always an error, even for size2 = 0: every
// tree extends the empty tree, so such a proof proves nothing, and a verifier
// that accepted it would have to trust whatever root1 the caller passed for the
// empty tree. Callers that track a log from its start should begin at the first
// non-empty signed size. size1 = size2 needs an empty proof and root1 == root2.
// Inclusion needs index < size, so size 0 never verifies.
//
// Depends on: merkle/hasher.h, common/. Thread-safety: pure functions.
#ifndef OPENLINE_MERKLE_VERIFY_H_
#define OPENLINE_MERKLE_VERIFY_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/result.h"
#include "merkle/hasher.h"

namespace openline::merkle {

// Number of hashes in the inclusion proof of leaf `index` in a tree of `size`
// leaves. Requires index < size.
Result<size_t> InclusionProofLength(uint64_t index, uint64_t size);

// Number of hashes in the consistency proof from size1 to size2. Requires
// 0 < size1 <= size2; equal sizes give 0.
Result<size_t> ConsistencyProofLength(uint64_t size1, uint64_t size2);

// The root that `proof` implies for `leaf_hash` at `index` in a tree of `size`
// leaves (RFC 9162 §2.1.3.2 without the final comparison). Requires index < size
// and a proof of exactly InclusionProofLength(index, size) hashes.
Result<Hash> RootFromInclusionProof(uint64_t index, uint64_t size, const Hash& leaf_hash,
                                    std::span<const Hash> proof);

// Succeeds iff `proof` shows that `leaf_hash` is leaf `index` of the tree of
// `size` leaves whose root is `root`.
Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root);

// Succeeds iff `proof` shows that the tree of size1 leaves with root1 is a prefix
// of the tree of size2 leaves with root2 (RFC 9162 §2.1.4.2). Requires
// 0 < size1 <= size2 (see the size-0 policy above).
Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof,
                         const Hash& root1, const Hash& root2);

}  // namespace openline::merkle

#endif  // OPENLINE_MERKLE_VERIFY_H_
