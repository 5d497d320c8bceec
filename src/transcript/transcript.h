// A link's transcript: the two stations' chains and the rules that bind them.
// Append() admits one signed envelope if, and only if, every rule holds:
//
//   1. it names this link and is signed by one of its two stations;
//   2. it is the next entry of its sender's chain (Chain::CheckNext);
//   3. its peer reference names an entry of the other chain that is recorded
//      here with exactly that hash (so the sender vouches for the peer's history),
//      and it is not dated before that entry by more than kMaxClockSkewUs;
//   4. a receipt names an entry of the other chain the sender had seen, and an
//      acknowledgement names its operator (valid UTF-8 throughout);
//   5. a checkpoint states exactly the sender's view (its own chain before it, the
//      peer's chain up to its peer reference) with the right Merkle roots; a
//      countersignature also names a proposal of the peer's whose state is a
//      prefix of its own, with the same roots;
//   6. a notice ("unanswered after N s") names an earlier message of its sender's
//      own chain, is dated at least N s after it, and its silence agrees with the
//      peer's receipts the sender had recorded (up to its peer reference): no
//      acknowledgement of the subject at all, no received receipt covering it for
//      a technical silence, and one for a human silence;
//   7. its kind has defined rules (key rotation has none yet and is refused).
//
// Entries must arrive in causal order: an entry's peer reference must already be
// recorded. A live station appends in that order by construction; the verifier
// merges a file's two chains into it (see verifier.h).
//
// Depends on: transcript/{chain,link_parties,answer_index}.h, wire/.
// Thread-safety: none.
#ifndef OPENLINE_TRANSCRIPT_TRANSCRIPT_H_
#define OPENLINE_TRANSCRIPT_TRANSCRIPT_H_

#include "transcript/answer_index.h"
#include "transcript/chain.h"
#include "transcript/link_parties.h"

namespace openline::transcript {

// How far one station's clock may run behind the other's: an entry may be dated
// up to this much before the peer entry it references. Stations keep UTC by NTP;
// five minutes tolerates a bad sync without letting a receipt be backdated by hours.
inline constexpr uint64_t kMaxClockSkewUs = 300'000'000;

// Whether Append checks each entry's signature. kTrustStored is only for a
// station reloading its own store, whose entries were all verified before they
// were committed: skipping the Ed25519 check (most of the cost) keeps restart
// time short as history grows, while every other rule, the hash chains and the
// cross-references are still checked. Anything read from outside verifies.
enum class SignatureCheck { kVerify, kTrustStored };

class Transcript {
 public:
  explicit Transcript(LinkParties parties)
      : parties_(std::move(parties)), chains_{Chain(0), Chain(1)} {}

  const LinkParties& parties() const { return parties_; }
  const Chain& chain(int side) const { return chains_[side]; }

  // Checks every rule; on success records the entry. On failure nothing changes.
  Check Append(wire::SignedEnvelope env,
               SignatureCheck signatures = SignatureCheck::kVerify);
  // The same checks without recording, for a station deciding whether to accept.
  Check CheckAppend(const wire::SignedEnvelope& env,
                    SignatureCheck signatures = SignatureCheck::kVerify) const;

  // What each side's receipts say about the other side's entries so far.
  const AnswerIndex& answers() const { return answers_; }

  // The current state as a checkpoint would state it.
  wire::ChainHead HeadOf(int side) const {
    return chains_[side].HeadAt(chains_[side].size());
  }

 private:
  Check CheckCrossReference(int side, const wire::SignedEnvelope& env) const;
  Check CheckReceipt(int side, const wire::SignedEnvelope& env) const;
  Check CheckCheckpoint(int side, const wire::SignedEnvelope& env) const;
  Check CheckNotice(int side, const wire::SignedEnvelope& env) const;

  LinkParties parties_;
  Chain chains_[2];
  AnswerIndex answers_;
};

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_TRANSCRIPT_H_
