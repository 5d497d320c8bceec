// Smoothed round-trip time and retransmission timeout from heartbeat echoes, as
// RFC 6298 computes them (alpha 1/8, beta 1/4, RTO = SRTT + 4 RTTVAR, clamped),
// plus the last sample and a p99 over a sliding window for the console.
//
// Depends on: link/constants.h. Thread-safety: none.
#ifndef OPENLINE_LINK_RTT_ESTIMATOR_H_
#define OPENLINE_LINK_RTT_ESTIMATOR_H_

#include <cstdint>
#include <optional>
#include <vector>

namespace openline::link {

class RttEstimator {
 public:
  void AddSample(uint64_t rtt_us);
  std::optional<uint64_t> smoothed_us() const { return srtt_; }
  std::optional<uint64_t> last_us() const { return last_; }
  uint64_t rto_us() const;
  // 99th percentile of the last kWindow samples; nullopt without samples.
  std::optional<uint64_t> p99_us() const;

 private:
  static constexpr size_t kWindow = 256;
  std::optional<uint64_t> srtt_;
  uint64_t rttvar_ = 0;
  std::optional<uint64_t> last_;
  std::vector<uint64_t> recent_;
  size_t next_ = 0;
};

}  // namespace openline::link

#endif  // OPENLINE_LINK_RTT_ESTIMATOR_H_
