#include "transcript/merge.h"

namespace openline::transcript {

tl::expected<Transcript, Violation> MergeChains(LinkParties parties,
                                                std::vector<wire::SignedEnvelope> side0,
                                                std::vector<wire::SignedEnvelope> side1,
                                                SignatureCheck signatures) {
  std::vector<wire::SignedEnvelope>* sides[2] = {&side0, &side1};
  Transcript t(std::move(parties));
  size_t next[2] = {0, 0};
  while (next[0] < side0.size() || next[1] < side1.size()) {
    int pick = -1;
    for (int s = 0; s < 2 && pick < 0; ++s) {
      if (next[s] < sides[s]->size() &&
          (*sides[s])[next[s]].fields().peer.seq <= t.chain(1 - s).size()) {
        pick = s;
      }
    }
    if (pick < 0) {
      // Neither can go in: some reference points past what the other side holds.
      for (int s = 0; s < 2; ++s) {
        if (next[s] >= sides[s]->size()) continue;
        const auto& f = (*sides[s])[next[s]].fields();
        if (f.peer.seq <= sides[1 - s]->size()) continue;
        return tl::unexpected(Violation{
            ViolationKind::kTruncated, s, f.seq,
            "references peer entry #" + std::to_string(f.peer.seq) + " but only " +
                std::to_string(sides[1 - s]->size()) + " peer entries are held"});
      }
      return tl::unexpected(Violation{ViolationKind::kCrossReference, -1, 0,
                                      "the two chains reference each other in a cycle"});
    }
    auto ok = t.Append(std::move((*sides[pick])[next[pick]]), signatures);
    if (!ok) return tl::unexpected(ok.error());
    ++next[pick];
  }
  return t;
}

}  // namespace openline::transcript
