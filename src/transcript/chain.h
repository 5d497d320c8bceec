// One station's chain within a link's transcript: its envelopes in sequence order
// (seq 1, 2, 3, ...), each naming the hash of the one before, and the RFC 6962
// Merkle tree over them (leaf i = the bytes of entry i+1) from which checkpoints
// take their roots and inclusion proofs are cut.
//
// A Chain checks only what one sender's entries must satisfy among themselves;
// Transcript adds the rules that tie the two chains together.
//
// Depends on: wire/envelope.h, merkle/, transcript/violation.h.
// Thread-safety: none; owned by one Transcript.
#ifndef OPENLINE_TRANSCRIPT_CHAIN_H_
#define OPENLINE_TRANSCRIPT_CHAIN_H_

#include <vector>

#include <tl/expected.hpp>

#include "merkle/tree.h"
#include "transcript/violation.h"
#include "wire/checkpoint.h"
#include "wire/envelope.h"

namespace openline::transcript {

using Check = tl::expected<void, Violation>;

class Chain {
 public:
  explicit Chain(int side) : side_(side) {}

  int side() const { return side_; }
  uint64_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // Entry with sequence number seq (1-based). Precondition: 1 <= seq <= size().
  const wire::SignedEnvelope& at(uint64_t seq) const { return entries_[seq - 1]; }
  const std::vector<wire::SignedEnvelope>& entries() const { return entries_; }
  wire::EntryRef head() const;

  // Whether `env` may come next: sequence, duplicate/equivocation, prev hash, clock,
  // monotonic peer reference. Does not append.
  Check CheckNext(const wire::SignedEnvelope& env) const;
  // Precondition: CheckNext(env) succeeded.
  void Append(wire::SignedEnvelope env);

  // Merkle root of the first n entries. Precondition: n <= size().
  wire::Hash RootAt(uint64_t n) const;
  wire::ChainHead HeadAt(uint64_t n) const { return {n, RootAt(n)}; }
  const merkle::Tree& tree() const { return tree_; }

 private:
  Violation Fail(ViolationKind kind, uint64_t seq, std::string detail) const {
    return Violation{kind, side_, seq, std::move(detail)};
  }

  int side_;
  std::vector<wire::SignedEnvelope> entries_;
  merkle::Tree tree_;
};

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_CHAIN_H_
