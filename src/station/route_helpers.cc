#include "station/route_helpers.h"

#include <charconv>

namespace openline::station {

using api::HttpStatus;
using api::Response;

Response Bad(std::string message) {
  return Response::Error(HttpStatus::kBadRequest, "bad_request", std::move(message));
}

Response NotFound(std::string message) {
  return Response::Error(HttpStatus::kNotFound, "not_found", std::move(message));
}

Response Unavailable(const Error& e) {
  return Response::Error(HttpStatus::kServiceUnavailable, "unavailable", e.message);
}

Response Forbidden(std::string_view what) {
  return Response::Error(HttpStatus::kForbidden, "forbidden",
                         "your role may not " + std::string(what));
}

std::optional<uint64_t> ParseU64(std::string_view s) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool MayDo(const api::Principal& p, access::Action action) {
  if (p.kind == api::Principal::Kind::kToken) return true;
  auto role = access::ParseRole(p.role);
  return p.kind == api::Principal::Kind::kOperator && role &&
         access::Allows(*role, action);
}

}  // namespace openline::station
