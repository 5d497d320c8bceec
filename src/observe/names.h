// Which metric and label names Prometheus accepts. Names come from our own code,
// but a typo caught at registration is a bug caught at start-up instead of a
// scrape that Prometheus rejects whole.
//
// Depends on: common/result.h. Thread-safety: pure.
#ifndef OPENLINE_OBSERVE_NAMES_H_
#define OPENLINE_OBSERVE_NAMES_H_

#include <string_view>

#include "common/result.h"

namespace openline::observe {

// Longer names are legal for Prometheus but never needed here; the bound keeps
// every rendered line short.
inline constexpr size_t kMaxNameBytes = 128;

// [a-zA-Z_:][a-zA-Z0-9_:]*, at most kMaxNameBytes.
Status ValidateMetricName(std::string_view name);

// [a-zA-Z_][a-zA-Z0-9_]*, at most kMaxNameBytes, not starting with "__"
// (reserved for Prometheus itself).
Status ValidateLabelName(std::string_view name);

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_NAMES_H_
