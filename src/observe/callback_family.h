// A family whose values are collected at scrape time: Render() calls a function
// that fills in the current series. For state owned by another thread (a link's
// up/down and RTT live on its I/O thread), the owner publishes a snapshot however
// it likes and the callback reads it, instead of every state change pushing into
// gauges.
//
// Depends on: observe/family.h. Thread-safety: the callback runs on the scraping
// thread, once per Render(), and must not call back into the Registry.
#ifndef OPENLINE_OBSERVE_CALLBACK_FAMILY_H_
#define OPENLINE_OBSERVE_CALLBACK_FAMILY_H_

#include <functional>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "observe/family.h"

namespace openline::observe {

class CallbackFamily;

// What a collect callback fills: one value per label-value list, under the same
// bounds and cap as a stored family.
class ScrapeSink {
 public:
  explicit ScrapeSink(const CallbackFamily& family) : family_(family) {}

  // Sets (or overwrites) one series. kInvalidArgument for a wrong number of
  // values, kTooLarge past the family's max_children (counted as a refusal).
  Status Set(std::span<const std::string_view> label_values, double value);
  Status Set(std::initializer_list<std::string_view> label_values, double value) {
    return Set(
        std::span<const std::string_view>(label_values.begin(), label_values.size()),
        value);
  }

  const std::map<std::vector<std::string>, double>& values() const { return values_; }

 private:
  const CallbackFamily& family_;
  std::map<std::vector<std::string>, double> values_;
};

class CallbackFamily final : public FamilyBase {
 public:
  using Collect = std::function<void(ScrapeSink&)>;

  // `info.type` is kCounter or kGauge (Registry::AddCallback checks).
  CallbackFamily(FamilyInfo info, FamilyLimits limits, Collect collect)
      : FamilyBase(std::move(info), limits), collect_(std::move(collect)) {}

 private:
  void RenderSamples(std::string& out) const override;

  const Collect collect_;
};

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_CALLBACK_FAMILY_H_
