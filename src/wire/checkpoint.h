// The body of a checkpoint envelope (kind = checkpoint). A checkpoint fixes the
// record of a link at a moment: the size and RFC 6962 Merkle root of each side's
// chain. Side 0 is the station whose public identity sorts first.
//
//   u8   role: 1 proposal, 2 countersignature
//   u64  size of side 0's chain covered, 32 bytes its Merkle root
//   u64  size of side 1's chain covered, 32 bytes its Merkle root
//   role 2 only: u64 seq + 32 hash of the proposal being countersigned
//
// Every checkpoint states its signer's own view at that moment: its chain before
// the checkpoint and the peer's chain up to the checkpoint's peer reference. A
// proposal asks the peer to confirm; the peer answers with a countersignature that
// names the proposal and states the peer's own view, of which the proposal's must
// be a prefix with the same roots. A proposal with its countersignature is a
// co-signed checkpoint: both stations have signed the same record, so neither can
// later present a shorter or different one for that prefix.
//
// Depends on: wire/envelope.h. Thread-safety: plain values.
#ifndef OPENLINE_WIRE_CHECKPOINT_H_
#define OPENLINE_WIRE_CHECKPOINT_H_

#include <optional>

#include "wire/envelope.h"

namespace openline::wire {

enum class CheckpointRole : uint8_t { kProposal = 1, kCountersign = 2 };

struct ChainHead {
  uint64_t size = 0;
  Hash root{};
  bool operator==(const ChainHead&) const = default;
};

struct Checkpoint {
  CheckpointRole role = CheckpointRole::kProposal;
  ChainHead sides[2];
  std::optional<EntryRef> proposal;  // set iff role == kCountersign

  Result<Bytes> Encode() const;
  static Result<Checkpoint> Parse(ByteView body);
  bool operator==(const Checkpoint&) const = default;
};

}  // namespace openline::wire

#endif  // OPENLINE_WIRE_CHECKPOINT_H_
