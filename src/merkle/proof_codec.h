// The wire form of a Merkle proof (inclusion or consistency; the sizes travel
// separately, in whatever message carries the proof):
//
//   +-------+----------------+-----+----------------+
//   | count | hash[0] (32 B) | ... | hash[count-1]  |
//   +-------+----------------+-----+----------------+
//     u8, count <= kMaxProofHashes (64)
//
// Decoding is strict: a count above the limit is kTooLarge before anything is
// read or allocated, a short body is kMalformed, and bytes after the last hash
// are kMalformed, so each proof has exactly one encoding.
//
// Depends on: merkle/hasher.h, common/. Thread-safety: pure functions.
#ifndef OPENLINE_MERKLE_PROOF_CODEC_H_
#define OPENLINE_MERKLE_PROOF_CODEC_H_

#include <span>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "merkle/hasher.h"

namespace openline::merkle {

// Fails with kTooLarge if the proof has more than kMaxProofHashes hashes.
Result<Bytes> EncodeProof(std::span<const Hash> proof);

// Parses exactly one encoded proof; `bytes` must hold nothing else.
Result<std::vector<Hash>> DecodeProof(ByteView bytes);

}  // namespace openline::merkle

#endif  // OPENLINE_MERKLE_PROOF_CODEC_H_
