// A proof that one entry is part of a record both stations signed, that reveals
// nothing else of the transcript: the entry, the co-signed checkpoint that covers
// it (the proposal and the peer's countersignature) and an RFC 9162 inclusion
// path from the entry to the Merkle root the checkpoint states. This is what the
// Merkle roots buy: after an incident a ministry can show a third party exactly
// one message, provably as both sides recorded it.
//
// File form (all integers big-endian):
//   "OLPROOF1" | version u8 = 1 | side 0 keys (64) | side 1 keys (64)
//   | entry (u32 len + envelope) | proposal (u32 len + envelope)
//   | countersignature (u32 len + envelope) | path (u8 count <= 64, 32-byte hashes)
//
// Depends on: transcript/, merkle/. Thread-safety: pure.
#ifndef OPENLINE_TRANSCRIPT_ENTRY_PROOF_H_
#define OPENLINE_TRANSCRIPT_ENTRY_PROOF_H_

#include <array>
#include <optional>
#include <vector>

#include "merkle/hasher.h"
#include "transcript/transcript.h"

namespace openline::transcript {

inline constexpr std::string_view kProofMagic = "OLPROOF1";
inline constexpr uint8_t kProofVersion = 1;

struct EntryProof {
  std::array<identity::PublicIdentity, 2> sides;
  Bytes entry;
  Bytes proposal;
  Bytes countersignature;
  std::vector<merkle::Hash> path;

  Bytes Encode() const;
  static Result<EntryProof> Parse(ByteView bytes);
};

// Cuts a proof for entry `seq` of side `side` from the earliest co-signed
// checkpoint that covers it. kNotFound if no co-signed checkpoint covers it yet.
Result<EntryProof> ProveEntry(const Transcript& transcript, int side, uint64_t seq);

struct ProvenEntry {
  int side = 0;
  wire::SignedEnvelope entry;
  wire::SignedEnvelope proposal;
  wire::SignedEnvelope countersignature;
};

// Checks everything a third party can check from the proof alone: the link id
// from the two keys, every signature, that the countersignature answers this
// proposal, and the inclusion path to the proposal's root for the entry's side.
tl::expected<ProvenEntry, Violation> VerifyEntryProof(
    const EntryProof& proof,
    const std::optional<identity::PublicIdentity>& expected = {});

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_ENTRY_PROOF_H_
