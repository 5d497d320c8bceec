// What every station route file shares: the error responses in the API's one
// shape, the number parser for path parameters, and the role check.
//
// Depends on: api/, access/role.h. Thread-safety: pure functions.
#ifndef OPENLINE_STATION_ROUTE_HELPERS_H_
#define OPENLINE_STATION_ROUTE_HELPERS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "access/role.h"
#include "api/principal.h"
#include "api/response.h"
#include "common/result.h"

namespace openline::station {

api::Response Bad(std::string message);
api::Response NotFound(std::string message);
api::Response Unavailable(const Error& e);
api::Response Forbidden(std::string_view what);

// A whole decimal string, or nothing.
std::optional<uint64_t> ParseU64(std::string_view s);

// The station's own token may do everything; an operator what their role allows.
bool MayDo(const api::Principal& p, access::Action action);

}  // namespace openline::station

#endif  // OPENLINE_STATION_ROUTE_HELPERS_H_
