#include "api/json_body.h"

#include "api/constants.h"

namespace openline::api {

size_t JsonNestingDepth(std::string_view text, size_t limit) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > deepest) deepest = depth;
        if (deepest > limit) return deepest;
        break;
      case ']':
      case '}':
        // Unbalanced closers are the parser's problem; only depth matters here.
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return deepest;
}

Result<nlohmann::json> ParseJsonBody(std::string_view text) {
  if (text.empty()) return nlohmann::json();
  if (JsonNestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    return MakeError(ErrorCode::kTooLarge, "JSON body nested deeper than " +
                                               std::to_string(kMaxJsonDepth) + " levels");
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kMalformed,
                     std::string("malformed JSON body: ") + e.what());
  }
}

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace openline::api
