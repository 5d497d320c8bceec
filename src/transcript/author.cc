#include "transcript/author.h"

#include <algorithm>

namespace openline::transcript {

inline constexpr std::string_view kCheckpointChannel = "link";

Result<Author> Author::Make(const identity::StationKeys& keys,
                            const Transcript& transcript) {
  auto side = transcript.parties().SideOf(keys.signing.public_key());
  if (!side) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "this station is not a party to the link");
  }
  return Author(keys, transcript, *side);
}

Result<wire::SignedEnvelope> Author::Next(Draft draft, uint64_t now_us) const {
  const Chain& own = transcript_->chain(side_);
  const Chain& peer = transcript_->chain(1 - side_);
  wire::EnvelopeFields f;
  f.kind = draft.kind;
  f.precedence = draft.precedence;
  f.link = transcript_->parties().id();
  f.sender = keys_->signing.public_key();
  f.seq = own.size() + 1;
  f.prev = own.head().hash;
  f.peer = peer.head();
  f.time_us =
      own.empty() ? now_us : std::max(now_us, own.at(own.size()).fields().time_us);
  f.channel = std::move(draft.channel);
  f.body = std::move(draft.body);
  return wire::SignedEnvelope::Sign(std::move(f), keys_->signing);
}

Result<wire::SignedEnvelope> Author::Receipt(const wire::Receipt& receipt,
                                             wire::Precedence precedence,
                                             const std::string& channel,
                                             uint64_t now_us) const {
  auto body = receipt.Encode();
  if (!body) return tl::unexpected(body.error());
  return Next({wire::Kind::kReceipt, precedence, channel, std::move(*body)}, now_us);
}

Result<wire::SignedEnvelope> Author::ProposeCheckpoint(uint64_t now_us) const {
  return MakeCheckpoint(std::nullopt, now_us);
}

Result<wire::SignedEnvelope> Author::Countersign(wire::EntryRef proposal,
                                                 uint64_t now_us) const {
  const Chain& peer = transcript_->chain(1 - side_);
  if (proposal.seq == 0 || proposal.seq > peer.size() ||
      peer.at(proposal.seq).hash() != proposal.hash ||
      peer.at(proposal.seq).fields().kind != wire::Kind::kCheckpoint) {
    return MakeError(ErrorCode::kInvalidArgument, "not a recorded checkpoint proposal");
  }
  return MakeCheckpoint(proposal, now_us);
}

Result<wire::SignedEnvelope> Author::MakeCheckpoint(
    std::optional<wire::EntryRef> proposal, uint64_t now_us) const {
  wire::Checkpoint cp;
  cp.role =
      proposal ? wire::CheckpointRole::kCountersign : wire::CheckpointRole::kProposal;
  cp.proposal = proposal;
  cp.sides[0] = transcript_->HeadOf(0);
  cp.sides[1] = transcript_->HeadOf(1);
  auto body = cp.Encode();
  if (!body) return tl::unexpected(body.error());
  return Next({wire::Kind::kCheckpoint, wire::Precedence::kRoutine,
               std::string(kCheckpointChannel), std::move(*body)},
              now_us);
}

}  // namespace openline::transcript
