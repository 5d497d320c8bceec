#include "transcript/transcript.h"

#include "common/text.h"
#include "wire/checkpoint.h"
#include "wire/receipt.h"

namespace openline::transcript {
namespace {

Violation Fail(ViolationKind kind, int side, uint64_t seq, std::string detail) {
  return Violation{kind, side, seq, std::move(detail)};
}

}  // namespace

Check Transcript::Append(wire::SignedEnvelope env, SignatureCheck signatures) {
  auto ok = CheckAppend(env, signatures);
  if (!ok) return ok;
  const int side = *parties_.SideOf(env.fields().sender);
  chains_[side].Append(std::move(env));
  return {};
}

Check Transcript::CheckAppend(const wire::SignedEnvelope& env,
                              SignatureCheck signatures) const {
  const auto& f = env.fields();
  if (f.link != parties_.id()) {
    return tl::unexpected(
        Fail(ViolationKind::kWrongLink, -1, f.seq,
             "entry #" + std::to_string(f.seq) + " names another link"));
  }
  const auto side = parties_.SideOf(f.sender);
  if (!side) {
    return tl::unexpected(
        Fail(ViolationKind::kForeignSender, -1, f.seq,
             "entry #" + std::to_string(f.seq) +
                 " is signed by a key that is not one of the two stations"));
  }
  if (signatures == SignatureCheck::kVerify && !env.VerifySignature()) {
    return tl::unexpected(
        Fail(ViolationKind::kBadSignature, *side, f.seq, "signature does not verify"));
  }
  if (auto ok = chains_[*side].CheckNext(env); !ok) return ok;
  if (auto ok = CheckCrossReference(*side, env); !ok) return ok;
  switch (f.kind) {
    case wire::Kind::kReceipt:
      return CheckReceipt(*side, env);
    case wire::Kind::kCheckpoint:
      return CheckCheckpoint(*side, env);
    case wire::Kind::kKeyRotation:
      return tl::unexpected(Fail(ViolationKind::kUnsupportedKind, *side, f.seq,
                                 "key rotation entries are not defined in this version"));
    default:
      return {};
  }
}

Check Transcript::CheckCrossReference(int side, const wire::SignedEnvelope& env) const {
  const auto& f = env.fields();
  if (f.peer.seq == 0) return {};
  const Chain& other = chains_[1 - side];
  if (f.peer.seq > other.size()) {
    return tl::unexpected(Fail(ViolationKind::kTruncated, side, f.seq,
                               "references peer entry #" + std::to_string(f.peer.seq) +
                                   " but only " + std::to_string(other.size()) +
                                   " peer entries are recorded"));
  }
  if (other.at(f.peer.seq).hash() != f.peer.hash) {
    return tl::unexpected(
        Fail(ViolationKind::kCrossReference, side, f.seq,
             "references peer entry #" + std::to_string(f.peer.seq) +
                 " with a hash that does not match the recorded entry"));
  }
  const uint64_t peer_time = other.at(f.peer.seq).fields().time_us;
  if (peer_time > f.time_us && peer_time - f.time_us > kMaxClockSkewUs) {
    return tl::unexpected(Fail(ViolationKind::kCausality, side, f.seq,
                               "dated " +
                                   std::to_string((peer_time - f.time_us) / 1'000'000) +
                                   " s before peer entry #" + std::to_string(f.peer.seq) +
                                   ", which it references (allowed skew: 300 s)"));
  }
  return {};
}

Check Transcript::CheckReceipt(int side, const wire::SignedEnvelope& env) const {
  const auto& f = env.fields();
  auto receipt = wire::Receipt::Parse(f.body);
  if (!receipt) {
    return tl::unexpected(
        Fail(ViolationKind::kReceiptInvalid, side, f.seq, receipt.error().message));
  }
  const Chain& other = chains_[1 - side];
  if (receipt->subject.seq > f.peer.seq ||
      other.at(receipt->subject.seq).hash() != receipt->subject.hash) {
    return tl::unexpected(Fail(ViolationKind::kReceiptInvalid, side, f.seq,
                               "receipt for peer entry #" +
                                   std::to_string(receipt->subject.seq) +
                                   " does not match an entry the sender had seen"));
  }
  if (receipt->type == wire::ReceiptType::kAcknowledged &&
      receipt->operator_name.empty()) {
    return tl::unexpected(Fail(ViolationKind::kReceiptInvalid, side, f.seq,
                               "an acknowledgement must name the operator who answered"));
  }
  if (!IsValidUtf8(receipt->operator_name) || !IsValidUtf8(receipt->operator_role) ||
      !IsValidUtf8(receipt->note)) {
    return tl::unexpected(Fail(ViolationKind::kReceiptInvalid, side, f.seq,
                               "operator name, role or note is not valid UTF-8"));
  }
  return {};
}

Check Transcript::CheckCheckpoint(int side, const wire::SignedEnvelope& env) const {
  const auto& f = env.fields();
  auto cp = wire::Checkpoint::Parse(f.body);
  if (!cp) {
    return tl::unexpected(
        Fail(ViolationKind::kCheckpointInvalid, side, f.seq, cp.error().message));
  }
  const Chain& own = chains_[side];
  const Chain& other = chains_[1 - side];
  const wire::ChainHead& own_head = cp->sides[side];
  const wire::ChainHead& other_head = cp->sides[1 - side];
  if (own_head.size != f.seq - 1 || other_head.size != f.peer.seq) {
    return tl::unexpected(
        Fail(ViolationKind::kCheckpointInvalid, side, f.seq,
             "checkpoint sizes do not match the entry's own position and "
             "peer reference"));
  }
  if (own.RootAt(own_head.size) != own_head.root ||
      other.RootAt(other_head.size) != other_head.root) {
    return tl::unexpected(
        Fail(ViolationKind::kCheckpointInvalid, side, f.seq,
             "checkpoint Merkle root does not match the recorded entries"));
  }
  if (cp->role == wire::CheckpointRole::kCountersign) {
    const wire::EntryRef& p = *cp->proposal;
    if (p.seq > f.peer.seq || other.at(p.seq).hash() != p.hash) {
      return tl::unexpected(
          Fail(ViolationKind::kCheckpointInvalid, side, f.seq,
               "countersignature names a proposal the sender had not seen"));
    }
    auto proposal = wire::Checkpoint::Parse(other.at(p.seq).fields().body);
    if (other.at(p.seq).fields().kind != wire::Kind::kCheckpoint || !proposal ||
        proposal->role != wire::CheckpointRole::kProposal) {
      return tl::unexpected(
          Fail(ViolationKind::kCheckpointInvalid, side, f.seq,
               "countersignature names an entry that is not a proposal"));
    }
    // The countersigner states its own (later) view; the proposal's state must be a
    // prefix of it, so both signatures cover the proposal's record.
    for (int s = 0; s < 2; ++s) {
      const auto& proposed = proposal->sides[s];
      const Chain& chain = chains_[s];
      if (proposed.size > cp->sides[s].size ||
          chain.RootAt(proposed.size) != proposed.root) {
        return tl::unexpected(
            Fail(ViolationKind::kCheckpointInvalid, side, f.seq,
                 "countersignature does not cover the proposed record"));
      }
    }
  }
  return {};
}

}  // namespace openline::transcript
