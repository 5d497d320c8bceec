// The value behind one labelled series: a Counter (only goes up), a Gauge (any
// value) or a Histogram (fixed buckets, cumulative on output). A Family
// (observe/family.h) owns them; callers keep the pointer it hands out and update
// it on the hot path without a lookup.
//
// Depends on: nothing but the standard library. Thread-safety: every method may be
// called from any thread. Counter and Gauge are one atomic each; a Histogram takes
// a short mutex so that a scrape never sees a count that disagrees with its buckets.
#ifndef OPENLINE_OBSERVE_METRIC_H_
#define OPENLINE_OBSERVE_METRIC_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace openline::observe {

enum class MetricType { kCounter, kGauge, kHistogram };

// The word on the `# TYPE` line.
std::string_view ToString(MetricType type);

class Counter {
 public:
  // Negative and NaN increments are ignored: a counter that went down would read
  // as a process restart to Prometheus' rate().
  void Inc(double amount = 1.0);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double amount) { value_.fetch_add(amount, std::memory_order_relaxed); }
  void Inc() { Add(1.0); }
  void Dec() { Add(-1.0); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  // `upper_bounds` strictly increasing and finite (Registry::AddHistogram checks);
  // the +Inf bucket is implicit.
  explicit Histogram(std::shared_ptr<const std::vector<double>> upper_bounds);

  // A NaN observation is ignored: it would turn _sum into NaN for good.
  void Observe(double value);

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // one per upper bound, then +Inf (== count)
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot Read() const;
  const std::vector<double>& upper_bounds() const { return *upper_bounds_; }

 private:
  std::shared_ptr<const std::vector<double>> upper_bounds_;
  mutable std::mutex mu_;
  std::vector<uint64_t> counts_;  // per bucket, not cumulative; last is +Inf
  double sum_ = 0;
};

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_METRIC_H_
