#include "observe/exposition.h"

#include <array>
#include <charconv>
#include <cmath>

namespace openline::observe {
namespace {

std::string Escape(std::string_view s, bool quote) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string EscapeHelp(std::string_view help) { return Escape(help, /*quote=*/false); }

std::string EscapeLabelValue(std::string_view value) {
  return Escape(value, /*quote=*/true);
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::array<char, 32> buf{};  // the shortest form of any double fits in 24
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  if (ec != std::errc()) return "NaN";  // unreachable with this buffer size
  return std::string(buf.data(), end);
}

void AppendSample(std::string& out, std::string_view name, const LabelPairs& labels,
                  std::string_view value) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    bool first = true;
    for (const auto& [label, label_value] : labels) {
      if (!first) out += ',';
      first = false;
      out += label;
      out += "=\"";
      out += EscapeLabelValue(label_value);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

}  // namespace openline::observe
