// The HTTP vocabulary handlers speak: methods and status codes, without Beast, so
// the router, handlers and their tests compile without pulling Boost in.
//
// Depends on: nothing. Thread-safety: values.
#ifndef OPENLINE_API_HTTP_TYPES_H_
#define OPENLINE_API_HTTP_TYPES_H_

#include <string_view>

namespace openline::api {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "POST", ...; kOther is "OTHER".
std::string_view ToString(Method method);

// The statuses the server itself produces, plus the common success codes.
// A handler may return any other code with static_cast<HttpStatus>(n).
enum class HttpStatus : unsigned {
  kOk = 200,
  kCreated = 201,
  kAccepted = 202,
  kNoContent = 204,
  kBadRequest = 400,
  kUnauthorized = 401,
  kForbidden = 403,
  kNotFound = 404,
  kMethodNotAllowed = 405,
  kConflict = 409,
  kPayloadTooLarge = 413,
  kUriTooLong = 414,
  kUnsupportedMediaType = 415,
  kMisdirectedRequest = 421,
  kUnprocessableEntity = 422,
  kUpgradeRequired = 426,
  kTooManyRequests = 429,
  kHeaderFieldsTooLarge = 431,
  kInternalServerError = 500,
  kServiceUnavailable = 503,
};

inline unsigned ToInt(HttpStatus status) { return static_cast<unsigned>(status); }

}  // namespace openline::api

#endif  // OPENLINE_API_HTTP_TYPES_H_
