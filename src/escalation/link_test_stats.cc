#include "escalation/link_test_stats.h"

#include <algorithm>

namespace openline::escalation {

void TestStats::RecordAnswered(uint64_t sent_us, uint64_t answered_us) {
  ++answered_;
  consecutive_missed_ = 0;
  last_success_us_ = answered_us;
  const uint64_t took = answered_us >= sent_us ? answered_us - sent_us : 0;
  if (recent_.size() < kAnswerTimeWindow) {
    recent_.push_back(took);
  } else {
    recent_[next_] = took;
    next_ = (next_ + 1) % kAnswerTimeWindow;
  }
}

void TestStats::RecordMissed(Silence silence) {
  ++(silence == Silence::kTechnical ? missed_technical_ : missed_human_);
  ++consecutive_missed_;
}

std::optional<double> TestStats::share_answered() const {
  const uint64_t total = answered_ + missed();
  if (total == 0) return std::nullopt;
  return static_cast<double>(answered_) / static_cast<double>(total);
}

std::optional<uint64_t> TestStats::median_answer_us() const {
  if (recent_.empty()) return std::nullopt;
  std::vector<uint64_t> sorted = recent_;
  const size_t k = (sorted.size() - 1) / 2;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k),
                   sorted.end());
  return sorted[k];
}

}  // namespace openline::escalation
