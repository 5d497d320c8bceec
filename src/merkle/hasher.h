// RFC 6962 / RFC 9162 §2.1.1 hashing with domain separation: a leaf is hashed as
// SHA-256(0x00 || data), an interior node as SHA-256(0x01 || left || right), and
// the empty tree's root is SHA-256(""). The prefixes keep leaf and node hashes in
// disjoint input spaces, so a leaf can never be presented as a subtree root.
//
// Hash is a fixed 32-byte value: a hash of any other length cannot be formed, and
// HashFromBytes is the one door from untrusted bytes to a Hash.
//
// Depends on: crypto/hash.h (SHA-256), common/. Thread-safety: pure functions.
#ifndef OPENLINE_MERKLE_HASHER_H_
#define OPENLINE_MERKLE_HASHER_H_

#include "common/bytes.h"
#include "common/result.h"
#include "merkle/constants.h"

namespace openline::merkle {

using Hash = ByteArray<kHashLen>;

// SHA-256(0x00 || data): the hash of one log entry.
Hash LeafHash(ByteView data);

// SHA-256(0x01 || left || right): the hash of an interior node.
Hash NodeHash(const Hash& left, const Hash& right);

// SHA-256(""): the root of the tree with no leaves (RFC 9162 §2.1.1).
Hash EmptyRoot();

// Copies exactly kHashLen bytes into a Hash; any other length is kMalformed and
// the message names the length ("hash has 12 bytes, want 32").
Result<Hash> HashFromBytes(ByteView bytes);

}  // namespace openline::merkle

#endif  // OPENLINE_MERKLE_HASHER_H_
