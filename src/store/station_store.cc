// What the StationStore interface itself defines, shared by every implementation.
#include "store/station_store.h"

namespace openline::store {

Status ValidateRequestId(std::string_view id) {
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == ':' || c == '-';
  };
  if (id.empty() || id.size() > kMaxRequestIdLen) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "a request id is 1.." + std::to_string(kMaxRequestIdLen) + " characters");
  }
  for (char c : id) {
    if (!allowed(c)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "a request id may only hold letters, digits and . _ : -");
    }
  }
  return Ok();
}

bool IsStoredRoleName(std::string_view role) {
  return role == "operator" || role == "supervisor" || role == "auditor" ||
         role == "admin";
}

}  // namespace openline::store
