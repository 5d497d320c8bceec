// OperatorAuthenticator: the station API's authenticator. A bearer token that
// starts with kSessionTokenPrefix is an operator session (OperatorService); any
// other is handed to the station's API-token authenticator unchanged, so the
// CLI (which holds the token file) is authenticated exactly as before:
// Principal{kToken, "api-token", "admin"}, the same challenges and messages.
//
// Depends on: api/authenticator.h, station/operator_service.h.
// Thread-safety: Authenticate() is const and safe from every API thread
// (OperatorService locks).
#ifndef OPENLINE_STATION_OPERATOR_AUTH_H_
#define OPENLINE_STATION_OPERATOR_AUTH_H_

#include <memory>
#include <optional>
#include <string_view>

#include "api/authenticator.h"
#include "station/operator_service.h"

namespace openline::station {

class OperatorAuthenticator final : public api::Authenticator {
 public:
  // `token_auth`: the station's BearerTokenAuthenticator. `service` must outlive
  // this authenticator (the Station owns both).
  OperatorAuthenticator(std::shared_ptr<const api::Authenticator> token_auth,
                        OperatorService& service)
      : token_auth_(std::move(token_auth)), service_(service) {}

  api::AuthResult Authenticate(api::Method method,
                               const api::Headers& headers) const override;

 private:
  std::shared_ptr<const api::Authenticator> token_auth_;
  OperatorService& service_;
};

// The session token a request carries (`Authorization: Bearer olsess-...`,
// exactly one field), if any. For sign-out, which ends the presented session.
std::optional<std::string_view> PresentedSessionToken(const api::Headers& headers);

}  // namespace openline::station

#endif  // OPENLINE_STATION_OPERATOR_AUTH_H_
