// Principal: who a request comes from, as an Authenticator established it. The
// bearer token of the station's API token file is one principal (kToken, used by
// the CLI); operator sign-in sessions (a later issue) yield kOperator principals
// with the operator's name and role. Public routes see kAnonymous.
//
// Depends on: nothing. Thread-safety: a value.
#ifndef OPENLINE_API_PRINCIPAL_H_
#define OPENLINE_API_PRINCIPAL_H_

#include <string>

namespace openline::api {

struct Principal {
  enum class Kind { kAnonymous, kToken, kOperator };

  Kind kind = Kind::kAnonymous;
  std::string name;  // "api-token" for the token; the operator's account name
  std::string role;  // "admin" for the token; operator, supervisor, auditor, admin
  std::string display_name = {};  // an operator's, as signed receipts name them
};

}  // namespace openline::api

#endif  // OPENLINE_API_PRINCIPAL_H_
