// Session tokens are told apart by their prefix, so the API token's constant-
// time comparison and its error messages are untouched for the CLI.
#include "station/operator_auth.h"

namespace openline::station {

std::optional<std::string_view> PresentedSessionToken(const api::Headers& headers) {
  if (headers.Count("Authorization") != 1) return std::nullopt;
  std::string_view value = *headers.Find("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (value.size() <= kScheme.size() ||
      !api::EqualsIgnoreCase(value.substr(0, kScheme.size() - 1), "Bearer") ||
      value[kScheme.size() - 1] != ' ') {
    return std::nullopt;
  }
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (!value.starts_with(kSessionTokenPrefix)) return std::nullopt;
  return value;
}

api::AuthResult OperatorAuthenticator::Authenticate(api::Method method,
                                                    const api::Headers& headers) const {
  auto session = PresentedSessionToken(headers);
  if (!session) return token_auth_->Authenticate(method, headers);
  if (auto principal = service_.Authenticate(*session)) return *principal;
  return tl::unexpected(
      api::BearerChallenge("the session has ended (expired, signed out or the account "
                           "changed); sign in again",
                           true));
}

}  // namespace openline::station
