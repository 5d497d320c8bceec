// Handlers for sign-in, sign-out, the account list and the audit log. Refusals
// of a sign-in never say whether the login or the password was wrong.
#include "station/operator_routes.h"


#include "access/role.h"
#include "api/json_body.h"
#include "station/operator_auth.h"
#include "station/route_helpers.h"

namespace openline::station {
namespace {

using api::HttpStatus;
using api::Request;
using api::Response;
using nlohmann::json;

// {login, password}: a few hundred bytes at most.
constexpr size_t kLoginBodyLimit = 4 * 1024;

// Failures count per client address; a request without one (in-process tests)
// shares one bucket.
std::string ClientAddress(const Request& req) {
  return req.peer_address.empty() ? "local" : req.peer_address;
}

Response Login(OperatorService& service, const Request& req) {
  const json& b = req.body;
  if (!b.is_object() || !b.contains("login") || !b["login"].is_string() ||
      !b.contains("password") || !b["password"].is_string()) {
    return Response::Error(HttpStatus::kBadRequest, "bad_request",
                           "send {\"login\": \"...\", \"password\": \"...\"}");
  }
  auto password = crypto::PasswordFromText(b["password"].get_ref<const std::string&>());
  if (!password) {
    return Response::Error(HttpStatus::kBadRequest, "bad_request",
                           password.error().message);
  }
  auto grant =
      service.Login(b["login"].get<std::string>(), *password, ClientAddress(req));
  if (!grant) {
    const LoginRefusal& no = grant.error();
    switch (no.kind) {
      case LoginRefusal::Kind::kTryLater:
        return Response::Error(HttpStatus::kTooManyRequests, "too_many_attempts",
                               no.message)
            .WithHeader("Retry-After", std::to_string(no.retry_after_s));
      case LoginRefusal::Kind::kUnavailable:
        return Response::Error(HttpStatus::kServiceUnavailable, "unavailable",
                               no.message);
      case LoginRefusal::Kind::kBadCredentials:
        break;
    }
    return Response::Error(HttpStatus::kUnauthorized, "invalid_credentials", no.message);
  }
  return Response::Json({{"token", grant->token},
                         {"login", grant->login},
                         {"name", grant->display_name},
                         {"role", access::ToString(grant->role)},
                         {"expires_us", grant->expires_us}});
}

Response Logout(OperatorService& service, const Request& req) {
  auto token = PresentedSessionToken(req.headers);
  if (req.principal.kind != api::Principal::Kind::kOperator || !token) {
    return Response::Error(HttpStatus::kBadRequest, "not_a_session",
                           "this request is not authenticated by a session");
  }
  if (auto ok = service.Logout(*token); !ok) {
    return Response::Error(HttpStatus::kUnauthorized, "unauthorized", ok.error().message);
  }
  return Response::Json(nullptr, HttpStatus::kNoContent);
}

Response ListOperators(OperatorService& service, const Request& req) {
  // Admins manage accounts; supervisors keep the duty roster and must see them.
  if (!MayDo(req.principal, access::Action::kManageOperators) &&
      !MayDo(req.principal, access::Action::kManageRoster)) {
    return Forbidden("list operator accounts");
  }
  auto ops = service.Operators();
  if (!ops) return Unavailable(ops.error());
  json out = json::array();
  for (const auto& op : *ops) {  // never the password hash
    out.push_back({{"login", op.login},
                   {"name", op.display_name},
                   {"role", op.role},
                   {"disabled", op.disabled},
                   {"created_us", op.created_us},
                   {"updated_us", op.updated_us}});
  }
  return Response::Json({{"operators", out}});
}

Response ReadAudit(OperatorService& service, const Request& req) {
  if (!MayDo(req.principal, access::Action::kReadAudit)) {
    return Forbidden("read the audit log");
  }
  uint64_t from = 1;
  size_t limit = kDefaultAuditPage;
  if (auto q = req.Query("from")) {
    auto v = ParseU64(*q);
    if (!v)
      return Response::Error(HttpStatus::kBadRequest, "bad_request", "from: a record id");
    from = *v;
  }
  if (auto q = req.Query("limit")) {
    auto v = ParseU64(*q);
    if (!v || *v == 0 || *v > kMaxAuditPage) {
      return Response::Error(HttpStatus::kBadRequest, "bad_request",
                             "limit: 1.." + std::to_string(kMaxAuditPage));
    }
    limit = static_cast<size_t>(*v);
  }
  auto records = service.AuditLog(from, limit);
  if (!records) return Unavailable(records.error());
  json out = json::array();
  for (const auto& r : *records) {
    auto detail = api::ParseJsonBody(r.detail);
    out.push_back({{"id", r.id},
                   {"time_us", r.time_us},
                   {"actor", r.actor},
                   {"action", r.action},
                   {"target", r.target},
                   {"detail", detail ? *detail : json(r.detail)}});
  }
  json body = {{"records", out}};
  if (records->size() == limit) body["next"] = records->back().id + 1;
  return Response::Json(body);
}

}  // namespace

void AddOperatorRoutes(api::Router& r, OperatorService& service) {
  r.Post("/v1/sessions", [&service](const Request& req) { return Login(service, req); },
         {api::Access::kPublic, kLoginBodyLimit});
  r.Add(api::Method::kDelete, "/v1/sessions/current",
        [&service](const Request& req) { return Logout(service, req); });
  r.Get("/v1/operators",
        [&service](const Request& req) { return ListOperators(service, req); });
  r.Get("/v1/audit", [&service](const Request& req) { return ReadAudit(service, req); });
}

}  // namespace openline::station
