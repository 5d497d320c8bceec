#include "transcript/chain.h"

#include <cstdlib>

#include "merkle/hasher.h"

namespace openline::transcript {

wire::EntryRef Chain::head() const {
  if (entries_.empty()) return {};
  return entries_.back().ref();
}

Check Chain::CheckNext(const wire::SignedEnvelope& env) const {
  const auto& f = env.fields();
  const uint64_t expected = size() + 1;
  if (f.seq < expected) {
    if (at(f.seq).hash() == env.hash()) {
      return tl::unexpected(
          Fail(ViolationKind::kDuplicate, f.seq, "entry recorded twice"));
    }
    return tl::unexpected(
        Fail(ViolationKind::kEquivocation, f.seq,
             "two different signed entries with the same sequence number"));
  }
  if (f.seq > expected) {
    return tl::unexpected(Fail(ViolationKind::kSequenceGap, f.seq,
                               "entries " + std::to_string(expected) + ".." +
                                   std::to_string(f.seq - 1) + " are missing"));
  }
  const wire::Hash want_prev = empty() ? wire::Hash{} : entries_.back().hash();
  if (f.prev != want_prev) {
    return tl::unexpected(
        Fail(ViolationKind::kBrokenChain, f.seq,
             "previous-entry hash does not match entry #" + std::to_string(f.seq - 1)));
  }
  if (!empty()) {
    const auto& last = entries_.back().fields();
    if (f.time_us < last.time_us) {
      return tl::unexpected(
          Fail(ViolationKind::kClockRegression, f.seq,
               "time is earlier than entry #" + std::to_string(last.seq)));
    }
    if (f.peer.seq < last.peer.seq) {
      return tl::unexpected(Fail(ViolationKind::kCrossReference, f.seq,
                                 "references peer entry #" + std::to_string(f.peer.seq) +
                                     " after already referencing #" +
                                     std::to_string(last.peer.seq)));
    }
  }
  return {};
}

void Chain::Append(wire::SignedEnvelope env) {
  tree_.Append(merkle::LeafHash(env.bytes()));
  entries_.push_back(std::move(env));
}

wire::Hash Chain::RootAt(uint64_t n) const {
  auto root = tree_.RootAt(n);
  // Every caller bounds n by a checked sequence number; past the end is a bug.
  if (!root) std::abort();
  return *root;
}

}  // namespace openline::transcript
