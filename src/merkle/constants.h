// Numbers of the Merkle tree module, in two parts: what RFC 6962 / RFC 9162 fix
// (hash length, domain-separation prefixes) and the limits this implementation
// chooses (longest proof it will read or write).
//
// Depends on: nothing. Thread-safety: constants.
#ifndef OPENLINE_MERKLE_CONSTANTS_H_
#define OPENLINE_MERKLE_CONSTANTS_H_

#include <cstddef>
#include <cstdint>

namespace openline::merkle {

// --- Specification (RFC 6962 §2.1, RFC 9162 §2.1.1) ---

// SHA-256 output length; every leaf, node and root hash has exactly this length.
inline constexpr size_t kHashLen = 32;
// Prefix byte of a leaf hash, SHA-256(0x00 || data). Distinct from kNodePrefix so
// that no leaf can be passed off as an interior node (second-preimage defence).
inline constexpr uint8_t kLeafPrefix = 0x00;
// Prefix byte of an interior node hash, SHA-256(0x01 || left || right).
inline constexpr uint8_t kNodePrefix = 0x01;

// --- Implementation ---

// Longest proof (in hashes) that is verified, encoded or decoded. An inclusion
// proof in a tree of n < 2^64 leaves has at most 64 hashes; a consistency proof
// has at most ceil(log2(size2)) + 1, which stays within 64 for size2 <= 2^63.
// Longer input is rejected before any hashing, so a hostile proof costs nothing.
inline constexpr size_t kMaxProofHashes = 64;

}  // namespace openline::merkle

#endif  // OPENLINE_MERKLE_CONSTANTS_H_
