#include "transcript/transcript.h"

#include "common/text.h"
#include "wire/checkpoint.h"
#include "wire/notice.h"
#include "wire/receipt.h"

namespace openline::transcript {
namespace {

Violation Fail(ViolationKind kind, int side, uint64_t seq, std::string detail) {
  return Violation{kind, side, seq, std::move(detail)};
}

// The kinds an operator answers, so the kinds that can go unanswered. A test has
// its own notice type to come (test_missed); receipts, checkpoints and notices
// are the stations' bookkeeping, never answered by a person.
bool IsAnswerable(wire::Kind kind) {
  return kind == wire::Kind::kText || kind == wire::Kind::kCatalogue ||
         kind == wire::Kind::kAttachment || kind == wire::Kind::kCall;
}

}  // namespace

Check Transcript::Append(wire::SignedEnvelope env, SignatureCheck signatures) {
  auto ok = CheckAppend(env, signatures);
  if (!ok) return ok;
  const int side = *parties_.SideOf(env.fields().sender);
  if (env.fields().kind == wire::Kind::kReceipt) {
    // Valid: CheckReceipt parsed it.
    answers_.Add(side, env.fields().seq, *wire::Receipt::Parse(env.fields().body));
  }
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
    case wire::Kind::kNotice:
      return CheckNotice(*side, env);
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

Check Transcript::CheckNotice(int side, const wire::SignedEnvelope& env) const {
  const auto& f = env.fields();
  auto notice = wire::Notice::Parse(f.body);
  if (!notice) {
    return tl::unexpected(
        Fail(ViolationKind::kNoticeInvalid, side, f.seq, notice.error().message));
  }
  const std::string about =
      "notice for own entry #" + std::to_string(notice->subject.seq);
  // A station states facts about its own messages only: the peer's silences are
  // the peer's to state, and a notice cannot be about itself or the future.
  const Chain& own = chains_[side];
  if (notice->subject.seq >= f.seq ||
      own.at(notice->subject.seq).hash() != notice->subject.hash) {
    return tl::unexpected(Fail(ViolationKind::kNoticeInvalid, side, f.seq,
                               about + " does not match an earlier entry of its sender"));
  }
  const auto& subject = own.at(notice->subject.seq).fields();
  if (!IsAnswerable(subject.kind)) {
    return tl::unexpected(Fail(ViolationKind::kNoticeInvalid, side, f.seq,
                               about + " names a " +
                                   std::string(wire::ToString(subject.kind)) +
                                   " entry, which nobody answers"));
  }
  // Both times are the sender's own clock (never running backwards in its chain),
  // so "after N s" is checked exactly, with no skew allowance. The deadline counts
  // from the signed message, the first moment the peer could have had it.
  const uint64_t deadline_us = uint64_t{notice->deadline_s} * 1'000'000;
  if (f.time_us - subject.time_us < deadline_us) {
    return tl::unexpected(Fail(
        ViolationKind::kNoticeInvalid, side, f.seq,
        about + " claims unanswered after " + std::to_string(notice->deadline_s) +
            " s but is dated " +
            std::to_string((f.time_us - subject.time_us) / 1'000'000) + " s after it"));
  }
  // Only the receipts the sender had recorded count (its peer reference): one
  // still in flight when it wrote the notice does not make the notice false.
  const auto seen = answers_.Find(side, notice->subject.seq, f.peer.seq);
  const std::string claim = about + " claims " +
                            std::string(wire::ToString(notice->silence)) + " silence (" +
                            std::string(wire::Describe(notice->silence)) + ")";
  if (seen.acknowledged_by) {
    return tl::unexpected(Fail(ViolationKind::kNoticeContradicted, side, f.seq,
                               claim + ", but it had recorded peer entry #" +
                                   std::to_string(*seen.acknowledged_by) +
                                   " acknowledging it"));
  }
  if (notice->silence == wire::NoticeSilence::kTechnical && seen.received_by) {
    return tl::unexpected(Fail(ViolationKind::kNoticeContradicted, side, f.seq,
                               claim + ", but it had recorded peer entry #" +
                                   std::to_string(*seen.received_by) +
                                   " showing it received"));
  }
  if (notice->silence == wire::NoticeSilence::kHuman && !seen.received_by) {
    return tl::unexpected(Fail(ViolationKind::kNoticeContradicted, side, f.seq,
                               claim + ", but no receipt it had recorded shows it "
                                       "received"));
  }
  return {};
}

}  // namespace openline::transcript
