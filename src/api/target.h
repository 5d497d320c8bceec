// The request target (RFC 9112 origin-form: "/path?query") checked and split
// before any route sees it. Rejected: anything longer than kMaxTargetLength
// (414), not starting with '/', containing "..", NUL, control or non-ASCII bytes,
// a fragment, bad percent-encoding, or a segment that decodes to "." or ".." or
// contains '/', '\' or NUL; more than kMaxQueryParams parameters (all 400). No
// route is a file path today, but the console's static files will be, and a
// target that could climb out of a directory never reaches a handler.
//
// Depends on: api/response.h. Thread-safety: pure functions.
#ifndef OPENLINE_API_TARGET_H_
#define OPENLINE_API_TARGET_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "api/response.h"

namespace openline::api {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct Target {
  std::string path;                   // as sent, without the query
  std::vector<std::string> segments;  // decoded; "/a/b" -> {"a", "b"}, "/" -> {""}
  QueryParams query;                  // decoded ('+' is a space), in order
};

// Splits a route pattern or an already-checked path the same way as targets.
std::vector<std::string_view> SplitPath(std::string_view path);

// Percent-decodes `in`; with plus_is_space, '+' becomes ' ' (query strings).
// False on a truncated or non-hex escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);

// Checks and splits a target; the error is the 400/414 response to send.
tl::expected<Target, Response> ParseTarget(std::string_view target);

}  // namespace openline::api

#endif  // OPENLINE_API_TARGET_H_
