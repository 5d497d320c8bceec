// Request: what a handler sees. By the time a handler runs, the target has been
// checked (api/target.h), the route matched, the caller authenticated (unless the
// route is public) and the body parsed as JSON within the route's byte limit; a
// failure at any of those steps was already answered with a JSON error.
//
// Depends on: nlohmann_json and the api value types. Thread-safety: a value.
#ifndef OPENLINE_API_REQUEST_H_
#define OPENLINE_API_REQUEST_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/headers.h"
#include "api/http_types.h"
#include "api/principal.h"
#include "api/target.h"

namespace openline::api {

using PathParams = std::map<std::string, std::string, std::less<>>;

struct Request {
  Method method = Method::kGet;
  std::string path;     // as sent, without the query
  PathParams params;    // "{id}" in the pattern -> params["id"], decoded
  QueryParams query;    // decoded, in order
  Headers headers;      // as sent
  nlohmann::json body;  // null when the request had no body
  Principal principal;  // kAnonymous on public routes
  // The client's address without the port ("127.0.0.1", "::1"); empty when
  // unknown (tests). Login limits count failures per address.
  std::string peer_address;

  // The path parameter's value; "" if the pattern has no such parameter.
  std::string_view Param(std::string_view name) const;
  // The first value of a query parameter, if present.
  std::optional<std::string_view> Query(std::string_view name) const;
};

}  // namespace openline::api

#endif  // OPENLINE_API_REQUEST_H_
