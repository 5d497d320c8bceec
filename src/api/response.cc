#include "api/response.h"

#include "api/headers.h"

namespace openline::api {

Response Response::Json(nlohmann::json body, HttpStatus status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::Text(std::string content_type, std::string body) {
  Response r;
  r.text.emplace(std::move(content_type), std::move(body));
  return r;
}

Response Response::Error(HttpStatus status, std::string_view code, std::string message) {
  Response r;
  r.status = status;
  r.body = {{"error", {{"code", std::string(code)}, {"message", std::move(message)}}}};
  return r;
}

Response Response::Error(HttpStatus status, std::string message) {
  return Error(status, DefaultErrorCode(status), std::move(message));
}

Response& Response::WithHeader(std::string name, std::string value) & {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response&& Response::WithHeader(std::string name, std::string value) && {
  headers.emplace_back(std::move(name), std::move(value));
  return std::move(*this);
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return {};
}

std::string_view DefaultErrorCode(HttpStatus status) {
  switch (status) {
    case HttpStatus::kBadRequest:
      return "bad_request";
    case HttpStatus::kUnauthorized:
      return "unauthorized";
    case HttpStatus::kForbidden:
      return "forbidden";
    case HttpStatus::kNotFound:
      return "not_found";
    case HttpStatus::kMethodNotAllowed:
      return "method_not_allowed";
    case HttpStatus::kConflict:
      return "conflict";
    case HttpStatus::kPayloadTooLarge:
      return "payload_too_large";
    case HttpStatus::kUriTooLong:
      return "uri_too_long";
    case HttpStatus::kUnsupportedMediaType:
      return "unsupported_media_type";
    case HttpStatus::kMisdirectedRequest:
      return "misdirected_request";
    case HttpStatus::kUnprocessableEntity:
      return "unprocessable_entity";
    case HttpStatus::kUpgradeRequired:
      return "upgrade_required";
    case HttpStatus::kTooManyRequests:
      return "too_many_requests";
    case HttpStatus::kHeaderFieldsTooLarge:
      return "header_too_large";
    case HttpStatus::kInternalServerError:
      return "internal";
    case HttpStatus::kServiceUnavailable:
      return "unavailable";
    default:
      return "error";
  }
}

}  // namespace openline::api
