#include "api/authenticator.h"

#include "common/bytes.h"
#include "crypto/secret.h"

namespace openline::api {
namespace {

bool IsToken68Char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

}  // namespace

bool IsToken68(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsToken68Char(s[i])) ++i;
  if (i == 0) return false;
  while (i < s.size() && s[i] == '=') ++i;
  return i == s.size();
}

Response BearerChallenge(std::string message, bool invalid_token) {
  std::string challenge = "Bearer realm=\"openline\"";
  if (invalid_token) challenge += ", error=\"invalid_token\"";
  return Response::Error(HttpStatus::kUnauthorized, std::move(message))
      .WithHeader("WWW-Authenticate", std::move(challenge));
}

Result<std::unique_ptr<BearerTokenAuthenticator>> BearerTokenAuthenticator::Create(
    std::string_view token) {
  if (token.size() < kMinTokenLength || token.size() > kMaxTokenLength) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "API token of " + std::to_string(token.size()) +
                         " characters; expected " + std::to_string(kMinTokenLength) +
                         " to " + std::to_string(kMaxTokenLength));
  }
  if (!IsToken68(token)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "API token has characters outside RFC 6750 token68");
  }
  return std::unique_ptr<BearerTokenAuthenticator>(
      new BearerTokenAuthenticator(std::string(token)));
}

BearerTokenAuthenticator::~BearerTokenAuthenticator() {
  crypto::Wipe(token_.data(), token_.size());
}

AuthResult BearerTokenAuthenticator::Authenticate(Method /*method*/,
                                                  const Headers& headers) const {
  size_t count = headers.Count("Authorization");
  if (count == 0) {
    return tl::unexpected(BearerChallenge(
        "missing credentials: send Authorization: Bearer <token>", false));
  }
  if (count > 1) {
    return tl::unexpected(BearerChallenge("more than one Authorization header", true));
  }
  std::string_view value = *headers.Find("Authorization");
  constexpr std::string_view kScheme = "Bearer";
  if (value.size() <= kScheme.size() ||
      !EqualsIgnoreCase(value.substr(0, kScheme.size()), kScheme) ||
      value[kScheme.size()] != ' ') {
    return tl::unexpected(
        BearerChallenge("the Authorization scheme must be Bearer", true));
  }
  std::string_view presented = value.substr(kScheme.size());
  while (!presented.empty() && presented.front() == ' ') presented.remove_prefix(1);
  // Lengths differ -> false at once; only the length is public, never the bytes.
  if (!crypto::ConstantTimeEqual(AsBytes(presented), AsBytes(token_))) {
    return tl::unexpected(BearerChallenge("invalid bearer token", true));
  }
  return Principal{Principal::Kind::kToken, "api-token", "admin"};
}

ChainAuthenticator::ChainAuthenticator(
    std::vector<std::shared_ptr<const Authenticator>> chain)
    : chain_(std::move(chain)) {}

AuthResult ChainAuthenticator::Authenticate(Method method, const Headers& headers) const {
  std::optional<Response> first_refusal;
  for (const auto& authenticator : chain_) {
    AuthResult result = authenticator->Authenticate(method, headers);
    if (result) return result;
    if (!first_refusal) first_refusal = std::move(result).error();
  }
  if (!first_refusal) {
    return tl::unexpected(
        Response::Error(HttpStatus::kUnauthorized, "no authentication is configured"));
  }
  return tl::unexpected(std::move(*first_refusal));
}

}  // namespace openline::api
