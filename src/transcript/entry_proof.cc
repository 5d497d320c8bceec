#include "transcript/entry_proof.h"

#include "common/byte_reader.h"
#include "common/byte_writer.h"
#include "merkle/proof_codec.h"
#include "merkle/verify.h"
#include "wire/checkpoint.h"

namespace openline::transcript {
namespace {

Violation Fail(ViolationKind kind, std::string detail) {
  return Violation{kind, -1, 0, std::move(detail)};
}

// The countersignature of `proposal` in the other chain, if there is one.
const wire::SignedEnvelope* FindCountersignature(const Chain& chain,
                                                 const wire::EntryRef& proposal) {
  for (const auto& env : chain.entries()) {
    if (env.fields().kind != wire::Kind::kCheckpoint) continue;
    auto cp = wire::Checkpoint::Parse(env.fields().body);
    if (cp && cp->proposal && *cp->proposal == proposal) return &env;
  }
  return nullptr;
}

}  // namespace

Bytes EntryProof::Encode() const {
  Bytes out;
  ByteWriter w(out);
  w.PutBytes(AsBytes(kProofMagic));
  w.PutU8(kProofVersion);
  for (const auto& s : sides) {
    w.PutBytes(s.sign_key);
    w.PutBytes(s.dh_key);
  }
  w.PutPrefixed32(entry);
  w.PutPrefixed32(proposal);
  w.PutPrefixed32(countersignature);
  w.PutBytes(*merkle::EncodeProof(path));
  return out;
}

Result<EntryProof> EntryProof::Parse(ByteView bytes) {
  ByteReader r(bytes);
  auto magic = r.ReadBytes(kProofMagic.size(), "magic");
  if (!magic || AsChars(*magic) != kProofMagic) {
    return MakeError(ErrorCode::kMalformed, "not an openline entry proof (bad magic)");
  }
  auto version = r.ReadU8("version");
  if (!version) return tl::unexpected(version.error());
  if (*version != kProofVersion) {
    return MakeError(ErrorCode::kUnsupported,
                     "proof version " + std::to_string(*version));
  }
  EntryProof p;
  for (auto& s : p.sides) {
    auto sign = r.ReadArray<32>("signing key");
    if (!sign) return tl::unexpected(sign.error());
    auto dh = r.ReadArray<32>("static key");
    if (!dh) return tl::unexpected(dh.error());
    s = {*sign, *dh};
  }
  for (Bytes* field : {&p.entry, &p.proposal, &p.countersignature}) {
    auto e = r.ReadPrefixed32(wire::kMaxEnvelopeLen, "envelope");
    if (!e) return tl::unexpected(e.error());
    field->assign(e->begin(), e->end());
  }
  auto path = merkle::DecodeProof(bytes.subspan(r.offset()));
  if (!path) return tl::unexpected(path.error());
  p.path = std::move(*path);
  return p;
}

Result<EntryProof> ProveEntry(const Transcript& t, int side, uint64_t seq) {
  if (side < 0 || side > 1 || seq == 0 || seq > t.chain(side).size()) {
    return MakeError(ErrorCode::kInvalidArgument, "no entry #" + std::to_string(seq) +
                                                      " on side " + std::to_string(side));
  }
  // The earliest co-signed checkpoint that covers the entry: the one whose state
  // for the entry's side is smallest (shortest path, least else revealed in sizes).
  const wire::SignedEnvelope* best = nullptr;
  const wire::SignedEnvelope* best_counter = nullptr;
  uint64_t best_size = 0;
  for (int proposer = 0; proposer < 2; ++proposer) {
    for (const auto& env : t.chain(proposer).entries()) {
      if (env.fields().kind != wire::Kind::kCheckpoint) continue;
      auto cp = wire::Checkpoint::Parse(env.fields().body);
      if (!cp || cp->role != wire::CheckpointRole::kProposal) continue;
      const uint64_t size = cp->sides[side].size;
      if (size < seq || (best != nullptr && size >= best_size)) continue;
      const auto* counter = FindCountersignature(t.chain(1 - proposer), env.ref());
      if (counter == nullptr) continue;
      best = &env;
      best_counter = counter;
      best_size = size;
    }
  }
  if (best != nullptr) {
    auto path = t.chain(side).tree().InclusionProof(seq - 1, best_size);
    if (!path) return tl::unexpected(path.error());
    EntryProof p;
    p.sides = {t.parties().side(0), t.parties().side(1)};
    p.entry = t.chain(side).at(seq).bytes();
    p.proposal = best->bytes();
    p.countersignature = best_counter->bytes();
    p.path = std::move(*path);
    return p;
  }
  return MakeError(ErrorCode::kNotFound, "no co-signed checkpoint covers entry #" +
                                             std::to_string(seq) + " yet");
}

tl::expected<ProvenEntry, Violation> VerifyEntryProof(
    const EntryProof& proof, const std::optional<identity::PublicIdentity>& expected) {
  auto parties = LinkParties::Make(proof.sides[0], proof.sides[1]);
  if (!parties || !(parties->side(0) == proof.sides[0])) {
    return tl::unexpected(
        Fail(ViolationKind::kIdentityMismatch, "the two keys are not a link"));
  }
  if (expected && !(proof.sides[0] == *expected) && !(proof.sides[1] == *expected)) {
    return tl::unexpected(
        Fail(ViolationKind::kIdentityMismatch,
             "the expected station key is not one of the proof's stations"));
  }
  std::vector<wire::SignedEnvelope> envs;
  envs.reserve(3);
  const Bytes* raw[3] = {&proof.entry, &proof.proposal, &proof.countersignature};
  int senders[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    auto env = wire::SignedEnvelope::Parse(*raw[i]);
    if (!env)
      return tl::unexpected(Fail(ViolationKind::kMalformedEntry, env.error().message));
    if (env->fields().link != parties->id()) {
      return tl::unexpected(
          Fail(ViolationKind::kWrongLink, "an envelope names another link"));
    }
    auto side = parties->SideOf(env->fields().sender);
    if (!side) {
      return tl::unexpected(Fail(ViolationKind::kForeignSender,
                                 "an envelope is signed by a key that is not a party"));
    }
    if (!env->VerifySignature()) {
      return tl::unexpected(
          Fail(ViolationKind::kBadSignature, "a signature does not verify"));
    }
    senders[i] = *side;
    envs.push_back(std::move(*env));
  }
  auto proposal = wire::Checkpoint::Parse(envs[1].fields().body);
  auto counter = wire::Checkpoint::Parse(envs[2].fields().body);
  if (envs[1].fields().kind != wire::Kind::kCheckpoint || !proposal ||
      proposal->role != wire::CheckpointRole::kProposal ||
      envs[2].fields().kind != wire::Kind::kCheckpoint || !counter ||
      counter->role != wire::CheckpointRole::kCountersign ||
      !(*counter->proposal == envs[1].ref()) || senders[1] == senders[2]) {
    return tl::unexpected(
        Fail(ViolationKind::kCheckpointInvalid,
             "the checkpoint is not a proposal countersigned by the other "
             "station"));
  }
  const int side = senders[0];
  const wire::ChainHead& head = proposal->sides[side];
  const uint64_t seq = envs[0].fields().seq;
  if (seq > head.size) {
    return tl::unexpected(
        Fail(ViolationKind::kCheckpointInvalid,
             "the checkpoint does not cover entry #" + std::to_string(seq)));
  }
  if (auto ok = merkle::VerifyInclusion(seq - 1, head.size, merkle::LeafHash(proof.entry),
                                        proof.path, head.root);
      !ok) {
    return tl::unexpected(
        Fail(ViolationKind::kCheckpointInvalid,
             "the inclusion path does not lead to the checkpoint's root: " +
                 ok.error().message));
  }
  return ProvenEntry{side, std::move(envs[0]), std::move(envs[1]), std::move(envs[2])};
}

}  // namespace openline::transcript
