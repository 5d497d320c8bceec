#include "observe/metric.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace openline::observe {

std::string_view ToString(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

void Counter::Inc(double amount) {
  if (!(amount > 0)) return;  // also false for NaN
  value_.fetch_add(amount, std::memory_order_relaxed);
}

Histogram::Histogram(std::shared_ptr<const std::vector<double>> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)), counts_(upper_bounds_->size() + 1, 0) {}

void Histogram::Observe(double value) {
  if (std::isnan(value)) return;
  // Buckets are upper-inclusive (le = "less or equal").
  const auto it = std::lower_bound(upper_bounds_->begin(), upper_bounds_->end(), value);
  const auto bucket = static_cast<size_t>(it - upper_bounds_->begin());
  std::lock_guard lock(mu_);
  ++counts_[bucket];
  sum_ += value;
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  std::lock_guard lock(mu_);
  s.cumulative.reserve(counts_.size());
  for (const uint64_t c : counts_) {
    s.count += c;
    s.cumulative.push_back(s.count);
  }
  s.sum = sum_;
  return s;
}

}  // namespace openline::observe
