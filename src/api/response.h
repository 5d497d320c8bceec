// Response: what a handler returns: a status, a JSON body and optional extra
// headers. Every error the API produces, whether from the server or a handler,
// has the one shape {"error": {"code": "<snake_case>", "message": "<for a person>"}}
// built by Response::Error, so clients branch on `code` and show `message`.
//
// Depends on: nlohmann_json. Thread-safety: values.
#ifndef OPENLINE_API_RESPONSE_H_
#define OPENLINE_API_RESPONSE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/http_types.h"

namespace openline::api {

struct Response {
  HttpStatus status = HttpStatus::kOk;
  // Sent as application/json; ignored for 204. Strings that are not valid UTF-8
  // are sent with U+FFFD in place of the bad bytes rather than failing the send.
  nlohmann::json body;
  // Extra header fields (e.g. Allow, WWW-Authenticate, Location). Names and values
  // with CR, LF or NUL are dropped when the response is sent; Content-Type,
  // Content-Length, Connection and Transfer-Encoding belong to the server.
  std::vector<std::pair<std::string, std::string>> headers;
  // A body that is not JSON (e.g. the Prometheus text format on /metrics): when
  // set, it is sent as is with this content type, and `body` is ignored.
  std::optional<std::pair<std::string, std::string>> text;  // content type, body

  static Response Json(nlohmann::json body, HttpStatus status = HttpStatus::kOk);
  static Response Text(std::string content_type, std::string body);

  // The one error shape, with an explicit code (e.g. "unknown_link").
  static Response Error(HttpStatus status, std::string_view code, std::string message);
  // The one error shape, with the code DefaultErrorCode(status).
  static Response Error(HttpStatus status, std::string message);

  Response& WithHeader(std::string name, std::string value) &;
  Response&& WithHeader(std::string name, std::string value) &&;

  // The first value of the named extra header (case-insensitive), or "".
  std::string_view Header(std::string_view name) const;
};

// "bad_request" for 400, "unauthorized" for 401, ... "error" for codes without a
// name of their own.
std::string_view DefaultErrorCode(HttpStatus status);

}  // namespace openline::api

#endif  // OPENLINE_API_RESPONSE_H_
