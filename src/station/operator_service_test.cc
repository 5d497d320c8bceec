// OperatorService with a real store and fake clocks: sign-in, the limiter, idle
// expiry, disabled accounts and password changes ending sessions, the audit log
// of each, and the authenticator/route glue around it.
#include "station/operator_service.h"

#include <gtest/gtest.h>

#include "api/router.h"
#include "station/operator_auth.h"
#include "station/operator_routes.h"
#include "store/sqlite_store.h"
#include "store/testing/store_testing.h"

namespace openline::station {
namespace {

constexpr uint64_t kSecond = 1'000'000;
constexpr std::string_view kPassword = "correct horse battery";
constexpr std::string_view kApiToken = "0123456789abcdef0123456789abcdef";

crypto::SecretBytes Pw(std::string_view text) { return *crypto::PasswordFromText(text); }

class OperatorServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.Path("station.db"));
    ASSERT_TRUE(s) << s.error().ToString();
    worker_ = std::make_unique<StoreWorker>(std::move(*s));
    AddAccount("liwei", "operator");
    AddAccount("ada", "auditor");
    options_.password_limits = crypto::PasswordLimits::Minimum();
    options_.account_refresh_us = 0;  // see every account change at once
    options_.wall_us = [this] { return 1'700'000'000 * kSecond + mono_; };
    options_.mono_us = [this] { return mono_; };
    service_ = std::make_unique<OperatorService>(*worker_, options_);
  }

  void AddAccount(const std::string& login, const std::string& role) {
    store::OperatorRecord op{
        login, "Li Wei",
        role,  *crypto::HashPassword(Pw(kPassword), crypto::PasswordLimits::Minimum()),
        false, 1,
        1};
    store::AuditRecord audit{0, 1, "cli", "operator_add", login, "{}"};
    ASSERT_TRUE(
        worker_->Call([&](store::StationStore& s) { return s.AddOperator(op, audit); }));
  }
  std::vector<store::AuditRecord> Log() {
    return worker_->Call([](store::StationStore& s) { return s.AuditLog(0, 1000); })
        .value();
  }
  std::string LastAction() { return Log().back().action; }

  store::testing::TempDir dir_;
  std::unique_ptr<StoreWorker> worker_;
  OperatorServiceOptions options_;
  std::unique_ptr<OperatorService> service_;
  uint64_t mono_ = 1000 * kSecond;
};

TEST_F(OperatorServiceTest, TheRightPasswordGivesASessionThatAuthenticates) {
  auto grant = service_->Login("liwei", Pw(kPassword), "127.0.0.1");
  ASSERT_TRUE(grant) << grant.error().message;
  EXPECT_TRUE(grant->token.starts_with(kSessionTokenPrefix));
  EXPECT_EQ(grant->token.size(), kSessionTokenPrefix.size() + 2 * kSessionTokenBytes);
  EXPECT_EQ(grant->role, access::Role::kOperator);
  EXPECT_EQ(grant->display_name, "Li Wei");
  EXPECT_EQ(grant->expires_us, options_.wall_us() + options_.session_idle_us);
  auto who = service_->Authenticate(grant->token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->kind, api::Principal::Kind::kOperator);
  EXPECT_EQ(who->name, "liwei");
  EXPECT_EQ(who->role, "operator");
  EXPECT_EQ(LastAction(), "login");
  // Two sign-ins, two different tokens; a token one character off is nothing.
  auto second = service_->Login("liwei", Pw(kPassword), "127.0.0.1");
  EXPECT_NE(second->token, grant->token);
  std::string typo = grant->token;
  typo.back() = typo.back() == '0' ? '1' : '0';
  EXPECT_FALSE(service_->Authenticate(typo));
  EXPECT_FALSE(service_->Authenticate(""));
}

TEST_F(OperatorServiceTest, WrongPasswordsAndUnknownAccountsLookTheSameAndAreAudited) {
  auto wrong = service_->Login("liwei", Pw("not the password"), "127.0.0.1");
  auto unknown = service_->Login("nobody", Pw(kPassword), "127.0.0.1");
  auto garbage = service_->Login("Bad\nName", Pw(kPassword), "127.0.0.1");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(garbage);
  EXPECT_EQ(wrong.error().kind, LoginRefusal::Kind::kBadCredentials);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  auto log = Log();
  ASSERT_EQ(log.size(), 5u);  // two accounts added, three failures
  EXPECT_EQ(log[2].action, "login_failed");
  EXPECT_NE(log[2].detail.find("wrong_password"), std::string::npos);
  EXPECT_NE(log[3].detail.find("unknown_account"), std::string::npos);
  EXPECT_EQ(log[4].actor, "(invalid)");  // the raw text never reaches the log
}

TEST_F(OperatorServiceTest, AnAccountIsLockedAfterFiveFailuresEvenForTheRightPassword) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(
        service_->Login("liwei", Pw("wrong wrong"), "10.0.0." + std::to_string(i)));
  }
  auto locked = service_->Login("liwei", Pw(kPassword), "10.0.0.9");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().kind, LoginRefusal::Kind::kTryLater);
  EXPECT_GE(locked.error().retry_after_s, 1u);
  EXPECT_NE(Log().back().detail.find("rate_limited"), std::string::npos);
  mono_ += 2 * kSecond;  // the first lockout is 1 s
  EXPECT_TRUE(service_->Login("liwei", Pw(kPassword), "10.0.0.9"));
}

TEST_F(OperatorServiceTest, OneAddressIsLimitedAcrossAccounts) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_FALSE(
        service_->Login("guess" + std::to_string(i), Pw(kPassword), "192.0.2.7"));
  }
  auto limited = service_->Login("liwei", Pw(kPassword), "192.0.2.7");
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().kind, LoginRefusal::Kind::kTryLater);
  EXPECT_TRUE(service_->Login("liwei", Pw(kPassword), "192.0.2.8"));
}

TEST_F(OperatorServiceTest, SessionsExpireWhenIdleAndUseExtendsThem) {
  auto grant = service_->Login("liwei", Pw(kPassword), "a");
  ASSERT_TRUE(grant);
  mono_ += options_.session_idle_us - kSecond;
  ASSERT_TRUE(service_->Authenticate(grant->token));  // used: idle time restarts
  mono_ += options_.session_idle_us - kSecond;
  ASSERT_TRUE(service_->Authenticate(grant->token));
  mono_ += options_.session_idle_us;
  EXPECT_FALSE(service_->Authenticate(grant->token));
  EXPECT_EQ(service_->session_count(), 0u);
}

TEST_F(OperatorServiceTest, DisablingOrChangingThePasswordEndsSessions) {
  auto a = service_->Login("liwei", Pw(kPassword), "a");
  auto b = service_->Login("ada", Pw(kPassword), "a");
  ASSERT_TRUE(a && b);
  store::AuditRecord audit{0, 2, "cli", "operator_disable", "liwei", "{}"};
  ASSERT_TRUE(worker_->Call([&](store::StationStore& s) {
    return s.SetOperatorDisabled("liwei", true, 2, audit);
  }));
  EXPECT_FALSE(service_->Authenticate(a->token));
  EXPECT_FALSE(service_->Login("liwei", Pw(kPassword), "a"));  // disabled: no new one
  EXPECT_NE(Log().back().detail.find("disabled"), std::string::npos);
  ASSERT_TRUE(worker_->Call([&](store::StationStore& s) {
    return s.SetOperatorDisabled("liwei", false, 3, audit);
  }));
  EXPECT_FALSE(service_->Authenticate(a->token));  // an ended session stays ended
  const auto fresh =
      *crypto::HashPassword(Pw("another password"), crypto::PasswordLimits::Minimum());
  ASSERT_TRUE(service_->Authenticate(b->token));
  ASSERT_TRUE(worker_->Call([&](store::StationStore& s) {
    return s.SetOperatorPassword("ada", fresh, 4, audit);
  }));
  EXPECT_FALSE(service_->Authenticate(b->token));
}

TEST_F(OperatorServiceTest, LogoutEndsTheSessionAndIsAudited) {
  auto grant = service_->Login("liwei", Pw(kPassword), "a");
  ASSERT_TRUE(grant);
  ASSERT_TRUE(service_->Logout(grant->token));
  EXPECT_FALSE(service_->Authenticate(grant->token));
  EXPECT_EQ(LastAction(), "logout");
  EXPECT_FALSE(service_->Logout(grant->token));
}

TEST_F(OperatorServiceTest, TheAuthenticatorKeepsTheApiTokenAndAddsSessions) {
  std::shared_ptr<const api::Authenticator> token_auth =
      std::move(*api::BearerTokenAuthenticator::Create(kApiToken));
  OperatorAuthenticator auth(token_auth, *service_);
  auto headers = [](std::string value) {
    api::Headers h;
    h.Add("Authorization", std::move(value));
    return h;
  };
  auto cli =
      auth.Authenticate(api::Method::kGet, headers("Bearer " + std::string(kApiToken)));
  ASSERT_TRUE(cli);
  EXPECT_EQ(cli->kind, api::Principal::Kind::kToken);
  EXPECT_EQ(cli->name, "api-token");
  EXPECT_EQ(cli->role, "admin");
  auto grant = service_->Login("ada", Pw(kPassword), "a");
  auto op = auth.Authenticate(api::Method::kGet, headers("Bearer " + grant->token));
  ASSERT_TRUE(op);
  EXPECT_EQ(op->name, "ada");
  EXPECT_EQ(op->role, "auditor");
  auto ended = auth.Authenticate(api::Method::kGet, headers("Bearer olsess-00"));
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().status, api::HttpStatus::kUnauthorized);
  EXPECT_FALSE(
      auth.Authenticate(api::Method::kGet, headers("Bearer wrong-token-123456")));
  EXPECT_FALSE(auth.Authenticate(api::Method::kGet, api::Headers{}));
}

// Runs one route of the table as the server would once the request is admitted.
api::Response Call(const api::Router& r, api::Method method, const std::string& path,
                   api::Principal who, nlohmann::json body = nullptr,
                   api::Headers headers = {}) {
  std::vector<std::string> segments;
  for (size_t start = 1; start <= path.size();) {
    size_t end = path.find_first_of("/?", start);
    if (end == std::string::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    if (end == path.size() || path[end] == '?') break;
    start = end + 1;
  }
  auto match = r.Match(method, segments);
  EXPECT_NE(match.route, nullptr) << path;
  api::Request req;
  req.method = method;
  req.path = path;
  req.params = match.params;
  req.body = std::move(body);
  req.principal = std::move(who);
  req.headers = std::move(headers);
  return match.route->handler(req);
}

TEST_F(OperatorServiceTest, RoutesSignInListAndReadTheAuditLogByRole) {
  api::Router r;
  AddOperatorRoutes(r, *service_);
  const api::Principal anon;
  auto bad = Call(r, api::Method::kPost, "/v1/sessions", anon,
                  {{"login", "liwei"}, {"password", "nope nope nope"}});
  EXPECT_EQ(bad.status, api::HttpStatus::kUnauthorized);
  EXPECT_EQ(bad.body["error"]["code"], "invalid_credentials");
  EXPECT_EQ(
      Call(r, api::Method::kPost, "/v1/sessions", anon, {{"login", "liwei"}}).status,
      api::HttpStatus::kBadRequest);
  auto ok = Call(r, api::Method::kPost, "/v1/sessions", anon,
                 {{"login", "liwei"}, {"password", kPassword}});
  ASSERT_EQ(ok.status, api::HttpStatus::kOk) << ok.body.dump();
  EXPECT_EQ(ok.body["role"], "operator");
  EXPECT_EQ(ok.body["name"], "Li Wei");
  EXPECT_TRUE(ok.body["expires_us"].is_number_unsigned());

  const api::Principal op{api::Principal::Kind::kOperator, "liwei", "operator"};
  const api::Principal auditor{api::Principal::Kind::kOperator, "ada", "auditor"};
  const api::Principal admin{api::Principal::Kind::kToken, "api-token", "admin"};
  EXPECT_EQ(Call(r, api::Method::kGet, "/v1/operators", op).status,
            api::HttpStatus::kForbidden);
  EXPECT_EQ(Call(r, api::Method::kGet, "/v1/audit", op).status,
            api::HttpStatus::kForbidden);
  auto list = Call(r, api::Method::kGet, "/v1/operators", admin);
  ASSERT_EQ(list.status, api::HttpStatus::kOk);
  ASSERT_EQ(list.body["operators"].size(), 2u);
  EXPECT_FALSE(list.body["operators"][0].contains("password_hash"));
  auto audit = Call(r, api::Method::kGet, "/v1/audit", auditor);
  ASSERT_EQ(audit.status, api::HttpStatus::kOk);
  EXPECT_EQ(audit.body["records"].back()["action"], "login");
  EXPECT_EQ(audit.body["records"].back()["detail"]["address"], "local");

  api::Headers h;
  h.Add("Authorization", "Bearer " + ok.body["token"].get<std::string>());
  auto out = Call(r, api::Method::kDelete, "/v1/sessions/current", op, nullptr, h);
  EXPECT_EQ(out.status, api::HttpStatus::kNoContent);
  EXPECT_FALSE(service_->Authenticate(ok.body["token"].get<std::string>()));
  EXPECT_EQ(Call(r, api::Method::kDelete, "/v1/sessions/current", admin).status,
            api::HttpStatus::kBadRequest);
}

}  // namespace
}  // namespace openline::station
