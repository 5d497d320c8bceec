#include "identity/station_name.h"

namespace openline::identity {

Status ValidateStationName(std::string_view name) {
  if (name.empty() || name.size() > kMaxStationNameLen) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "station name must be 1..64 characters");
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "station name may only hold a-z, 0-9, '-', '_' and '.'");
    }
  }
  return Ok();
}

}  // namespace openline::identity
