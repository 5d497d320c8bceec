// The API routes for operator sign-in, the account list and the audit log
// (docs/api/openapi.yaml, docs/operators.md):
//   POST   /v1/sessions          public: {login, password} -> {token, role, name,
//   expires_us} DELETE /v1/sessions/current  ends the session the request carries GET
//   /v1/operators         accounts (roles that manage operators or the roster) GET
//   /v1/audit             the audit log (roles allowed read_audit)
// Permissions are access::Allows; the station API token counts as an admin.
//
// Depends on: api/router.h, access/role.h, station/operator_service.h.
// Thread-safety: handlers run on API threads; OperatorService is thread-safe.
#ifndef OPENLINE_STATION_OPERATOR_ROUTES_H_
#define OPENLINE_STATION_OPERATOR_ROUTES_H_

#include "api/router.h"
#include "station/operator_service.h"

namespace openline::station {

// Audit records per GET /v1/audit page, by default and at most.
inline constexpr size_t kDefaultAuditPage = 100;
inline constexpr size_t kMaxAuditPage = 1000;

void AddOperatorRoutes(api::Router& r, OperatorService& service);

}  // namespace openline::station

#endif  // OPENLINE_STATION_OPERATOR_ROUTES_H_
