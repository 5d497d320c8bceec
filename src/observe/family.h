// A metric family: one name, help text and type, a fixed list of label names, and
// one child series per distinct list of label values. Label values are untrusted
// (link names, operator names), so a family bounds each value's length and the
// number of children it will ever hold; past the cap it refuses, counts the
// refusal, and memory stays where it was.
//
// Depends on: observe/metric.h, observe/exposition.h, common/result.h.
// Thread-safety: every method may be called from any thread; children are created
// under the family's mutex and never freed before the family, so a Child* stays
// valid for the registry's lifetime.
#ifndef OPENLINE_OBSERVE_FAMILY_H_
#define OPENLINE_OBSERVE_FAMILY_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "observe/exposition.h"
#include "observe/metric.h"

namespace openline::observe {

struct FamilyLimits {
  size_t max_children = 1000;          // distinct label-value lists per family
  size_t max_label_value_bytes = 128;  // longer values are cut (and so may merge)
};

struct FamilyInfo {
  std::string name{};
  std::string help{};
  MetricType type = MetricType::kGauge;
  std::vector<std::string> label_names{};
};

class FamilyBase {
 public:
  FamilyBase(FamilyInfo info, FamilyLimits limits)
      : info_(std::move(info)), limits_(limits) {}
  virtual ~FamilyBase() = default;
  FamilyBase(const FamilyBase&) = delete;
  FamilyBase& operator=(const FamilyBase&) = delete;

  const std::string& name() const { return info_.name; }
  MetricType type() const { return info_.type; }
  const std::vector<std::string>& label_names() const { return info_.label_names; }
  const FamilyLimits& limits() const { return limits_; }
  // Label-value lists turned away by the cardinality cap since start.
  uint64_t refused() const { return refused_.load(std::memory_order_relaxed); }

  // Appends `# HELP`, `# TYPE` and every sample of the family.
  void Render(std::string& out) const;

  // The bounded label values for `values`, or kInvalidArgument when their number
  // does not match label_names().
  Result<std::vector<std::string>> MakeKey(
      std::span<const std::string_view> values) const;
  void CountRefusal() const { refused_.fetch_add(1, std::memory_order_relaxed); }
  // The name=value pairs of one child, for AppendSample.
  LabelPairs Pairs(const std::vector<std::string>& key) const;

 protected:
  virtual void RenderSamples(std::string& out) const = 0;

 private:
  const FamilyInfo info_;
  const FamilyLimits limits_;
  mutable std::atomic<uint64_t> refused_{0};
};

// One child's samples; defined in family.cc for each metric kind.
void RenderChild(std::string& out, const FamilyBase& family, const LabelPairs& labels,
                 const Counter& c);
void RenderChild(std::string& out, const FamilyBase& family, const LabelPairs& labels,
                 const Gauge& g);
void RenderChild(std::string& out, const FamilyBase& family, const LabelPairs& labels,
                 const Histogram& h);

template <class Child>
class Family final : public FamilyBase {
 public:
  using Factory = std::function<std::unique_ptr<Child>()>;

  Family(FamilyInfo info, FamilyLimits limits, Factory make)
      : FamilyBase(std::move(info), limits), make_(std::move(make)) {
    // A family without labels has exactly one series, shown (as 0) from the start.
    if (label_names().empty()) children_.emplace(std::vector<std::string>{}, make_());
  }

  // The child for these label values (in label_names() order), created on first
  // use. kInvalidArgument for a wrong number of values; kTooLarge when the family
  // already holds limits().max_children others (the refusal is counted).
  Result<Child*> WithLabels(std::span<const std::string_view> values) {
    auto key = MakeKey(values);
    if (!key) return tl::unexpected(std::move(key).error());
    std::lock_guard lock(mu_);
    if (auto it = children_.find(*key); it != children_.end()) return it->second.get();
    if (children_.size() >= limits().max_children) {
      CountRefusal();
      return MakeError(ErrorCode::kTooLarge, "metric " + name() + " already has " +
                                                 std::to_string(children_.size()) +
                                                 " label sets (the cap)");
    }
    auto [it, inserted] = children_.emplace(std::move(*key), make_());
    return it->second.get();
  }
  Result<Child*> WithLabels(std::initializer_list<std::string_view> values) {
    return WithLabels(std::span<const std::string_view>(values.begin(), values.size()));
  }
  Result<Child*> WithLabels(const std::vector<std::string>& values) {
    const std::vector<std::string_view> views(values.begin(), values.end());
    return WithLabels(std::span<const std::string_view>(views));
  }

  size_t size() const {
    std::lock_guard lock(mu_);
    return children_.size();
  }

 private:
  void RenderSamples(std::string& out) const override {
    std::lock_guard lock(mu_);
    for (const auto& [key, child] : children_)
      RenderChild(out, *this, Pairs(key), *child);
  }

  const Factory make_;
  mutable std::mutex mu_;
  // Ordered, so a scrape lists series in a stable order.
  std::map<std::vector<std::string>, std::unique_ptr<Child>> children_;
};

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_FAMILY_H_
