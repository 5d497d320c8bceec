// AnswerIndex: see answer_index.h.
//
// Depends on: transcript/answer_index.h. Thread-safety: none.
#include "transcript/answer_index.h"

#include <algorithm>

namespace openline::transcript {

void AnswerIndex::Add(int receipt_side, uint64_t receipt_seq, const wire::Receipt& rc) {
  const int subject_side = 1 - receipt_side;
  switch (rc.type) {
    case wire::ReceiptType::kReceived: {
      auto& steps = received_through_[subject_side];
      if (steps.empty() || rc.subject.seq > steps.back().second) {
        steps.emplace_back(receipt_seq, rc.subject.seq);
      }
      break;
    }
    case wire::ReceiptType::kDisplayed:
      first_displayed_[subject_side].emplace(rc.subject.seq, receipt_seq);
      break;
    case wire::ReceiptType::kAcknowledged:
      first_acknowledged_[subject_side].emplace(rc.subject.seq, receipt_seq);
      break;
  }
}

AnswerIndex::Evidence AnswerIndex::Find(int subject_side, uint64_t subject_seq,
                                        uint64_t upto) const {
  Evidence out;
  auto earliest = [&](std::optional<uint64_t> seq) {
    if (seq && *seq <= upto && (!out.received_by || *seq < *out.received_by)) {
      out.received_by = seq;
    }
  };
  // The first step whose coverage reaches the subject is the first received
  // receipt covering it (coverage only grows along the steps).
  const auto& steps = received_through_[subject_side];
  auto it = std::lower_bound(steps.begin(), steps.end(), subject_seq,
                             [](const std::pair<uint64_t, uint64_t>& step, uint64_t s) {
                               return step.second < s;
                             });
  if (it != steps.end()) earliest(it->first);
  if (auto d = first_displayed_[subject_side].find(subject_seq);
      d != first_displayed_[subject_side].end()) {
    earliest(d->second);
  }
  if (auto a = first_acknowledged_[subject_side].find(subject_seq);
      a != first_acknowledged_[subject_side].end() && a->second <= upto) {
    out.acknowledged_by = a->second;
    earliest(a->second);
  }
  return out;
}

}  // namespace openline::transcript
