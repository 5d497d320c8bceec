// The set of metric families a station exports, and the /metrics page they make.
// Families are registered once at start-up (names and label names are checked
// then, and errors come back as values); children are looked up or created by
// label values at any time; Render() writes the Prometheus text exposition format
// 0.0.4 (observe/exposition.h), families sorted by name.
//
// The registry also exports its own guard rail:
// `openline_metrics_label_sets_refused_total{family}` counts label-value lists turned
// away by each family's cardinality cap.
//
// Depends on: observe/family.h, observe/callback_family.h, common/result.h.
// Thread-safety: every method may be called from any thread. Families are never
// removed, so the pointers Add* return stay valid for the registry's lifetime.
#ifndef OPENLINE_OBSERVE_REGISTRY_H_
#define OPENLINE_OBSERVE_REGISTRY_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "observe/callback_family.h"
#include "observe/family.h"
#include "observe/metric.h"

namespace openline::observe {

inline constexpr std::string_view kRefusedLabelSetsMetric =
    "openline_metrics_label_sets_refused_total";
inline constexpr size_t kMaxHelpBytes = 1024;
inline constexpr size_t kMaxLabelNames = 16;
inline constexpr size_t kMaxHistogramBuckets = 64;

struct MetricSpec {
  // Default member initializers let callers name only the fields they set.
  std::string name{};                    // ValidateMetricName; counters end in _total
  std::string help{};                    // bounded to kMaxHelpBytes, escaped on output
  std::vector<std::string> labels{};     // ValidateLabelName each, no duplicates
  std::optional<FamilyLimits> limits{};  // the registry's default when unset
};

class Registry {
 public:
  explicit Registry(FamilyLimits default_limits = {});
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  Result<Family<Counter>*> AddCounter(MetricSpec spec);
  Result<Family<Gauge>*> AddGauge(MetricSpec spec);
  // `upper_bounds`: finite and strictly increasing, at most kMaxHistogramBuckets;
  // a trailing +Inf is accepted and dropped (it is always there). No label "le".
  Result<Family<Histogram>*> AddHistogram(MetricSpec spec,
                                          std::vector<double> upper_bounds);
  // `type` is kCounter or kGauge; `collect` runs on each Render().
  Result<CallbackFamily*> AddCallback(MetricSpec spec, MetricType type,
                                      CallbackFamily::Collect collect);

  // The exposition text, served with kExpositionContentType.
  std::string Render() const;

 private:
  // Checks `spec` and claims every sample name the family will write, so that a
  // gauge "x_count" cannot collide with histogram "x"'s count.
  Result<FamilyInfo> Claim(const MetricSpec& spec, MetricType type);
  FamilyLimits LimitsFor(const MetricSpec& spec) const {
    return spec.limits.value_or(default_limits_);
  }
  template <class F>
  F* Insert(std::unique_ptr<F> family);

  const FamilyLimits default_limits_;
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<FamilyBase>> families_;  // by name
  std::set<std::string> sample_names_;
};

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_REGISTRY_H_
