// Authentication of API requests. An Authenticator looks at the request head
// (method and header fields, never the body: the server authenticates before it
// reads a body, so an unauthenticated client cannot make it buffer one) and
// returns the Principal or the complete error response to send (401 with a
// WWW-Authenticate challenge, or 403).
//
// BearerTokenAuthenticator checks `Authorization: Bearer <token>` against the
// station's API token in constant time (crypto::ConstantTimeEqual: only the
// length may leak). Operator sign-in sessions (cookies, a later issue) will be
// another Authenticator; ChainAuthenticator accepts whichever succeeds first.
//
// Depends on: api value types, crypto/secret.h (constant-time compare, wiping).
// Thread-safety: Authenticate() is const and called concurrently from every
// session; implementations must be safe for that.
#ifndef OPENLINE_API_AUTHENTICATOR_H_
#define OPENLINE_API_AUTHENTICATOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "api/headers.h"
#include "api/http_types.h"
#include "api/principal.h"
#include "api/response.h"
#include "common/result.h"

namespace openline::api {

using AuthResult = tl::expected<Principal, Response>;

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual AuthResult Authenticate(Method method, const Headers& headers) const = 0;
};

// The 401 every bearer failure gets: the one error shape plus
// `WWW-Authenticate: Bearer realm="openline"[, error="invalid_token"]`.
Response BearerChallenge(std::string message, bool invalid_token);

// Tokens are RFC 6750 token68 strings of this many characters.
inline constexpr size_t kMinTokenLength = 16;
inline constexpr size_t kMaxTokenLength = 512;

class BearerTokenAuthenticator final : public Authenticator {
 public:
  // `token` is the content of the station's API token file (without a trailing
  // newline). Fails unless it is kMinTokenLength..kMaxTokenLength token68 chars.
  static Result<std::unique_ptr<BearerTokenAuthenticator>> Create(std::string_view token);
  ~BearerTokenAuthenticator() override;
  BearerTokenAuthenticator(const BearerTokenAuthenticator&) = delete;
  BearerTokenAuthenticator& operator=(const BearerTokenAuthenticator&) = delete;

  // Principal{kToken, "api-token", "admin"} when exactly one Authorization field
  // carries the token; otherwise BearerChallenge.
  AuthResult Authenticate(Method method, const Headers& headers) const override;

 private:
  explicit BearerTokenAuthenticator(std::string token) : token_(std::move(token)) {}
  std::string token_;  // wiped on destruction
};

// Asks each authenticator in order; the first Principal wins. If all refuse,
// the first one's refusal is returned (so the bearer challenge stays visible).
class ChainAuthenticator final : public Authenticator {
 public:
  explicit ChainAuthenticator(std::vector<std::shared_ptr<const Authenticator>> chain);
  AuthResult Authenticate(Method method, const Headers& headers) const override;

 private:
  std::vector<std::shared_ptr<const Authenticator>> chain_;
};

// True if `s` is a non-empty RFC 6750 token68: ALPHA DIGIT "-._~+/" then "="*.
bool IsToken68(std::string_view s);

}  // namespace openline::api

#endif  // OPENLINE_API_AUTHENTICATOR_H_
