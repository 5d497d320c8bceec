#include "observe/names.h"

#include <string>

namespace openline::observe {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Status CheckName(std::string_view name, std::string_view what, bool allow_colon) {
  if (name.empty())
    return MakeError(ErrorCode::kInvalidArgument, std::string(what) + " is empty");
  if (name.size() > kMaxNameBytes) {
    return MakeError(ErrorCode::kTooLarge, std::string(what) + " longer than " +
                                               std::to_string(kMaxNameBytes) + " bytes");
  }
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = IsAsciiLetter(c) || c == '_' || (allow_colon && c == ':') ||
                    (i > 0 && IsDigit(c));
    if (!ok) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(what) + " '" + std::string(name) +
                           "' has an invalid character at offset " + std::to_string(i));
    }
  }
  return Ok();
}

}  // namespace

Status ValidateMetricName(std::string_view name) {
  return CheckName(name, "metric name", /*allow_colon=*/true);
}

Status ValidateLabelName(std::string_view name) {
  OPENLINE_TRY(CheckName(name, "label name", /*allow_colon=*/false));
  if (name.starts_with("__")) {
    return MakeError(ErrorCode::kInvalidArgument, "label name '" + std::string(name) +
                                                      "' starts with the reserved '__'");
  }
  return Ok();
}

}  // namespace openline::observe
