#include "link/rtt_estimator.h"

#include <algorithm>

#include "link/constants.h"

namespace openline::link {

void RttEstimator::AddSample(uint64_t rtt_us) {
  last_ = rtt_us;
  if (!srtt_) {
    srtt_ = rtt_us;
    rttvar_ = rtt_us / 2;
  } else {
    const uint64_t diff = *srtt_ > rtt_us ? *srtt_ - rtt_us : rtt_us - *srtt_;
    rttvar_ = (3 * rttvar_ + diff) / 4;
    *srtt_ = (7 * *srtt_ + rtt_us) / 8;
  }
  if (recent_.size() < kWindow) {
    recent_.push_back(rtt_us);
  } else {
    recent_[next_] = rtt_us;
    next_ = (next_ + 1) % kWindow;
  }
}

uint64_t RttEstimator::rto_us() const {
  if (!srtt_) return kInitialRtoUs;
  return std::clamp(*srtt_ + 4 * rttvar_, kMinRtoUs, kMaxRtoUs);
}

std::optional<uint64_t> RttEstimator::p99_us() const {
  if (recent_.empty()) return std::nullopt;
  std::vector<uint64_t> sorted = recent_;
  const size_t k = (sorted.size() * 99 + 99) / 100 - 1;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k),
                   sorted.end());
  return sorted[k];
}

}  // namespace openline::link
