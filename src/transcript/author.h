// Makes a station's next transcript entries: the right sequence number, previous
// hash, peer reference (the newest peer entry recorded) and a time that never
// runs backwards, signed with the station's key. The station uses it for every
// entry it originates; tests and the sample generator use it to build real
// transcripts. Every entry it makes passes Transcript::CheckAppend on the
// transcript it was made from, except a notice made with Next: whether its claim
// holds depends on the notice body and the receipts recorded, so the caller
// checks it (LinkMachine does before signing it into the chain).
//
// Depends on: transcript/transcript.h, identity/station_keys.h, wire/.
// Thread-safety: none; a view over one Transcript and one key.
#ifndef OPENLINE_TRANSCRIPT_AUTHOR_H_
#define OPENLINE_TRANSCRIPT_AUTHOR_H_

#include <string>

#include "identity/station_keys.h"
#include "transcript/transcript.h"
#include "wire/checkpoint.h"
#include "wire/receipt.h"

namespace openline::transcript {

struct Draft {
  wire::Kind kind = wire::Kind::kText;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  std::string channel;
  Bytes body;
};

class Author {
 public:
  // Fails if `keys` is not one of the transcript's two stations.
  static Result<Author> Make(const identity::StationKeys& keys,
                             const Transcript& transcript);

  int side() const { return side_; }

  // The next entry of this station. `now_us` is the caller's clock; if it is
  // earlier than this station's last entry, the last entry's time is used so the
  // chain's clock never runs backwards.
  Result<wire::SignedEnvelope> Next(Draft draft, uint64_t now_us) const;

  Result<wire::SignedEnvelope> Receipt(const wire::Receipt& receipt,
                                       wire::Precedence precedence,
                                       const std::string& channel, uint64_t now_us) const;
  // A checkpoint proposal of this station's current view.
  Result<wire::SignedEnvelope> ProposeCheckpoint(uint64_t now_us) const;
  // A countersignature of the peer's proposal `proposal` (an entry of the peer's
  // chain already recorded). Fails if it is not a valid proposal.
  Result<wire::SignedEnvelope> Countersign(wire::EntryRef proposal,
                                           uint64_t now_us) const;

 private:
  Author(const identity::StationKeys& keys, const Transcript& t, int side)
      : keys_(&keys), transcript_(&t), side_(side) {}
  Result<wire::SignedEnvelope> MakeCheckpoint(std::optional<wire::EntryRef> proposal,
                                              uint64_t now_us) const;

  const identity::StationKeys* keys_;
  const Transcript* transcript_;
  int side_;
};

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_AUTHOR_H_
