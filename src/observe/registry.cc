#include "observe/registry.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "observe/bounded_text.h"
#include "observe/names.h"

namespace openline::observe {
namespace {

std::vector<std::string> SampleNames(const std::string& name, MetricType type) {
  if (type != MetricType::kHistogram) return {name};
  return {name, name + "_bucket", name + "_sum", name + "_count"};
}

}  // namespace

Registry::Registry(FamilyLimits default_limits) : default_limits_(default_limits) {
  // Bounded by the number of families, which only code creates.
  auto refused = AddCallback(
      {.name = std::string(kRefusedLabelSetsMetric),
       .help = "Label-value lists refused because a metric family reached its cap.",
       .labels = {"family"},
       .limits = FamilyLimits{.max_children = 10'000, .max_label_value_bytes = 256}},
      MetricType::kCounter, [this](ScrapeSink& sink) {
        std::lock_guard lock(mu_);
        for (const auto& [name, family] : families_) {
          if (name != kRefusedLabelSetsMetric) {
            (void)sink.Set({name}, static_cast<double>(family->refused()));
          }
        }
      });
  assert(refused);
  (void)refused;
}

Result<FamilyInfo> Registry::Claim(const MetricSpec& spec, MetricType type) {
  OPENLINE_TRY(ValidateMetricName(spec.name));
  if (spec.labels.size() > kMaxLabelNames) {
    return MakeError(ErrorCode::kTooLarge, "metric " + spec.name + " has more than " +
                                               std::to_string(kMaxLabelNames) +
                                               " labels");
  }
  std::set<std::string_view> seen;
  for (const std::string& label : spec.labels) {
    OPENLINE_TRY(ValidateLabelName(label));
    if (!seen.insert(label).second) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "metric " + spec.name + " names label '" + label + "' twice");
    }
    if (type == MetricType::kHistogram && label == "le") {
      return MakeError(ErrorCode::kInvalidArgument,
                       "histogram " + spec.name + " may not use the label 'le'");
    }
  }
  const FamilyLimits limits = LimitsFor(spec);
  if (limits.max_children == 0 || limits.max_label_value_bytes == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "metric " + spec.name + " has a zero limit");
  }
  const std::vector<std::string> samples = SampleNames(spec.name, type);
  std::lock_guard lock(mu_);
  for (const std::string& s : samples) {
    if (sample_names_.contains(s)) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          "metric " + spec.name + " collides with an existing series name " + s);
    }
  }
  sample_names_.insert(samples.begin(), samples.end());
  return FamilyInfo{.name = spec.name,
                    .help = BoundUntrustedText(spec.help, kMaxHelpBytes),
                    .type = type,
                    .label_names = spec.labels};
}

template <class F>
F* Registry::Insert(std::unique_ptr<F> family) {
  F* raw = family.get();
  std::lock_guard lock(mu_);
  families_.emplace(raw->name(), std::move(family));
  return raw;
}

Result<Family<Counter>*> Registry::AddCounter(MetricSpec spec) {
  auto info = Claim(spec, MetricType::kCounter);
  if (!info) return tl::unexpected(std::move(info).error());
  return Insert(std::make_unique<Family<Counter>>(
      std::move(*info), LimitsFor(spec), [] { return std::make_unique<Counter>(); }));
}

Result<Family<Gauge>*> Registry::AddGauge(MetricSpec spec) {
  auto info = Claim(spec, MetricType::kGauge);
  if (!info) return tl::unexpected(std::move(info).error());
  return Insert(std::make_unique<Family<Gauge>>(
      std::move(*info), LimitsFor(spec), [] { return std::make_unique<Gauge>(); }));
}

Result<Family<Histogram>*> Registry::AddHistogram(MetricSpec spec,
                                                  std::vector<double> upper_bounds) {
  if (!upper_bounds.empty() && std::isinf(upper_bounds.back()) &&
      upper_bounds.back() > 0) {
    upper_bounds.pop_back();
  }
  if (upper_bounds.size() > kMaxHistogramBuckets) {
    return MakeError(ErrorCode::kTooLarge, "histogram " + spec.name + " has more than " +
                                               std::to_string(kMaxHistogramBuckets) +
                                               " buckets");
  }
  for (size_t i = 0; i < upper_bounds.size(); ++i) {
    if (!std::isfinite(upper_bounds[i]) ||
        (i > 0 && !(upper_bounds[i - 1] < upper_bounds[i]))) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "histogram " + spec.name +
                           " bucket bounds must be finite and strictly increasing");
    }
  }
  auto info = Claim(spec, MetricType::kHistogram);
  if (!info) return tl::unexpected(std::move(info).error());
  auto bounds = std::make_shared<const std::vector<double>>(std::move(upper_bounds));
  return Insert(std::make_unique<Family<Histogram>>(
      std::move(*info), LimitsFor(spec),
      [bounds] { return std::make_unique<Histogram>(bounds); }));
}

Result<CallbackFamily*> Registry::AddCallback(MetricSpec spec, MetricType type,
                                              CallbackFamily::Collect collect) {
  if (type == MetricType::kHistogram) {
    return MakeError(ErrorCode::kUnsupported, "collect-at-scrape metric " + spec.name +
                                                  " must be a counter or gauge");
  }
  auto info = Claim(spec, type);
  if (!info) return tl::unexpected(std::move(info).error());
  return Insert(std::make_unique<CallbackFamily>(std::move(*info), LimitsFor(spec),
                                                 std::move(collect)));
}

std::string Registry::Render() const {
  // Collect callbacks run without the registry lock, so they may take their own
  // locks (and the refusal callback may take this one) without deadlock.
  std::vector<const FamilyBase*> families;
  {
    std::lock_guard lock(mu_);
    families.reserve(families_.size());
    for (const auto& [name, family] : families_) families.push_back(family.get());
  }
  std::string out;
  for (const FamilyBase* family : families) family->Render(out);
  return out;
}

}  // namespace openline::observe
