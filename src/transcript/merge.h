// Rebuilds a Transcript from its two chains, each in sequence order, by admitting
// entries in causal order: an entry goes in once the peer entry it references is
// in. Used by the verifier (two chains read from a file) and by a station
// restarting from its store (which may trust its own stored signatures, see
// SignatureCheck). Every rule of Transcript::Append applies.
//
// Depends on: transcript/transcript.h. Thread-safety: pure.
#ifndef OPENLINE_TRANSCRIPT_MERGE_H_
#define OPENLINE_TRANSCRIPT_MERGE_H_

#include <vector>

#include "transcript/transcript.h"

namespace openline::transcript {

tl::expected<Transcript, Violation> MergeChains(
    LinkParties parties, std::vector<wire::SignedEnvelope> side0,
    std::vector<wire::SignedEnvelope> side1,
    SignatureCheck signatures = SignatureCheck::kVerify);

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_MERGE_H_
