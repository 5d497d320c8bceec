// The lexical rules of the Prometheus text exposition format, version 0.0.4:
// how help text and label values are escaped, how a float is written, and how one
// sample line is laid out. Everything that decides bytes on the /metrics page is
// here, so the registry only decides which lines exist.
//
// Depends on: nothing but the standard library. Thread-safety: pure.
#ifndef OPENLINE_OBSERVE_EXPOSITION_H_
#define OPENLINE_OBSERVE_EXPOSITION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openline::observe {

// The Content-Type the HTTP route serves Render() with.
inline constexpr std::string_view kExpositionContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// HELP text: '\' -> "\\", newline -> "\n".
std::string EscapeHelp(std::string_view help);

// Label value: '\' -> "\\", '"' -> "\"", newline -> "\n".
std::string EscapeLabelValue(std::string_view value);

// A float as Prometheus (Go's strconv.ParseFloat) reads it: "+Inf", "-Inf",
// "NaN", and otherwise the shortest decimal that reads back to the same double
// ("1", "0.005", "1e+21").
std::string FormatValue(double value);

// Label names paired with values already bounded (BoundUntrustedText); values are
// escaped here.
using LabelPairs = std::vector<std::pair<std::string_view, std::string_view>>;

// Appends `name{l1="v1",...} value\n`, or `name value\n` without labels.
void AppendSample(std::string& out, std::string_view name, const LabelPairs& labels,
                  std::string_view value);

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_EXPOSITION_H_
