// Bounded JSON in and out. ParseJsonBody is the one place request bodies become
// JSON: it rejects bodies nested deeper than kMaxJsonDepth before nlohmann sees
// them (its dump() recurses, so depth must be bounded on the way in), and turns
// nlohmann's parse exceptions into error values right where they are thrown.
// DumpJson never throws: invalid UTF-8 in a string (peer-supplied text, say) is
// replaced with U+FFFD instead of aborting a response half-way.
//
// The byte limit is the caller's: the HTTP parser stops a body at the route's
// limit before it reaches here.
//
// Depends on: common/result.h, nlohmann_json. Thread-safety: pure functions.
#ifndef OPENLINE_API_JSON_BODY_H_
#define OPENLINE_API_JSON_BODY_H_

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace openline::api {

// The deepest nesting of arrays and objects in `text` (strings are skipped, so
// brackets inside them do not count). Stops counting once past `limit`.
size_t JsonNestingDepth(std::string_view text, size_t limit);

// Parses a request body. An empty body is JSON null (a POST without a body).
// Errors: kTooLarge when nested deeper than kMaxJsonDepth, kMalformed with
// nlohmann's description (which names the byte offset) for anything else.
Result<nlohmann::json> ParseJsonBody(std::string_view text);

// Serializes compactly; never throws.
std::string DumpJson(const nlohmann::json& value);

}  // namespace openline::api

#endif  // OPENLINE_API_JSON_BODY_H_
