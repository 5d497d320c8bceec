// Sign-in: the limiter first (a locked key costs no Argon2 work), then the
// account and its password, then the session; each outcome to the audit log.
#include "station/operator_service.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "access/operator_name.h"
#include "common/bytes.h"
#include "crypto/hash.h"
#include "crypto/random.h"

namespace openline::station {
namespace {

uint64_t SystemUs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}
uint64_t SteadyUs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

std::string TokenKey(std::string_view token) {
  return ToHex(crypto::Sha256(AsBytes(token)));
}

// Limiter keys and audit fields hold what the client sent only when it is a
// well-formed login, so a hostile "login" cannot put arbitrary text in the log.
std::string LoginForRecord(std::string_view login) {
  return access::ValidateLoginName(login) ? std::string(login) : std::string("(invalid)");
}

LoginRefusal BadCredentials() {
  return {LoginRefusal::Kind::kBadCredentials, 0, "wrong login or password"};
}

}  // namespace

OperatorService::OperatorService(StoreWorker& store, OperatorServiceOptions options)
    : store_(store), options_(std::move(options)), limiter_(options_.limits) {
  if (!options_.wall_us) options_.wall_us = SystemUs;
  if (!options_.mono_us) options_.mono_us = SteadyUs;
}

void OperatorService::Audit(std::string actor, std::string action, std::string target,
                            std::string detail) {
  store::AuditRecord r{0,
                       options_.wall_us(),
                       std::move(actor),
                       std::move(action),
                       std::move(target),
                       std::move(detail)};
  // A failed audit write of a refusal is not a reason to answer differently; a
  // successful login checks its own record (Login).
  (void)store_.Call([&](store::StationStore& s) { return s.AppendAudit(r); });
}

const std::string& OperatorService::DummyHash() {
  std::call_once(dummy_once_, [this] {
    auto pw = crypto::PasswordFromText("openline-no-such-account");
    auto h = crypto::HashPassword(*pw, options_.password_limits);
    dummy_hash_ = h ? *h : std::string();
  });
  return dummy_hash_;
}

Result<std::optional<store::OperatorRecord>> OperatorService::FetchAccount(
    const std::string& login) {
  auto found = store_.Call([&](store::StationStore& s) { return s.FindOperator(login); });
  if (!found) return found;
  std::lock_guard lock(mu_);
  accounts_[login] = Account{*found, options_.mono_us()};
  return found;
}

tl::expected<SessionGrant, LoginRefusal> OperatorService::Login(
    std::string_view login_in, const crypto::SecretBytes& password,
    std::string_view address) {
  const std::string login = LoginForRecord(login_in);
  const std::string addr(address.substr(0, 128));
  nlohmann::json detail = {{"address", addr}};
  access::LoginDecision decision;
  uint64_t checked_at = 0;
  {
    std::lock_guard lock(mu_);
    checked_at = options_.mono_us();
    decision = limiter_.Check(login, addr, checked_at);
  }
  if (!decision.allowed) {
    const uint64_t wait_s =
        decision.retry_at_us > checked_at
            ? (decision.retry_at_us - checked_at + 999'999) / 1'000'000
            : 1;
    detail["reason"] = "rate_limited";
    detail["limited_by"] =
        decision.limited_by == access::LoginLimit::kAccount ? "account" : "address";
    Audit(login, "login_failed", login, detail.dump());
    return tl::unexpected(LoginRefusal{LoginRefusal::Kind::kTryLater, wait_s,
                                       "too many failed sign-ins; try again later"});
  }
  auto account = FetchAccount(login);
  if (!account) {
    return tl::unexpected(LoginRefusal{LoginRefusal::Kind::kUnavailable, 0,
                                       "the station cannot read its accounts now"});
  }
  const bool usable = account->has_value() && !(*account)->disabled;
  // Unknown and disabled accounts still cost one Argon2 verification, so the
  // answer's timing does not tell which logins exist.
  auto verified =
      crypto::VerifyPassword(usable ? (*account)->password_hash : DummyHash(), password);
  if (!usable || !verified || !*verified) {
    {
      std::lock_guard lock(mu_);
      limiter_.RecordFailure(login, addr, options_.mono_us());
    }
    detail["reason"] = !account->has_value()  ? "unknown_account"
                       : (*account)->disabled ? "disabled"
                       : !verified            ? "bad_stored_hash"
                                              : "wrong_password";
    Audit(login, "login_failed", login, detail.dump());
    return tl::unexpected(BadCredentials());
  }
  const store::OperatorRecord& op = **account;
  auto role = access::ParseRole(op.role);
  if (!role) return tl::unexpected(BadCredentials());
  std::string hash = op.password_hash;
  if (auto stale = crypto::NeedsRehash(hash, options_.password_limits); stale && *stale) {
    // The configured cost changed since this hash was made: store a fresh one now
    // that the password is at hand (docs/operators.md). Best effort.
    if (auto fresh = crypto::HashPassword(password, options_.password_limits)) {
      store::AuditRecord r{0,   options_.wall_us(), op.login, "password_rehash", op.login,
                           "{}"};
      auto saved = store_.Call([&](store::StationStore& s) {
        return s.SetOperatorPassword(op.login, *fresh, r.time_us, r);
      });
      if (saved) hash = *fresh;
    }
  }
  store::AuditRecord record{0,       options_.wall_us(), op.login,
                            "login", op.login,           detail.dump()};
  auto logged =
      store_.Call([&](store::StationStore& s) { return s.AppendAudit(record); });
  if (!logged) {
    // No sign-in without its record.
    return tl::unexpected(LoginRefusal{LoginRefusal::Kind::kUnavailable, 0,
                                       "the station cannot write its audit log now"});
  }

  ByteArray<kSessionTokenBytes> raw{};
  crypto::RandomBytes(raw);
  SessionGrant grant;
  grant.token = std::string(kSessionTokenPrefix) + ToHex(raw);
  crypto::Wipe(raw.data(), raw.size());
  grant.login = op.login;
  grant.display_name = op.display_name;
  grant.role = *role;
  grant.expires_us = options_.wall_us() + options_.session_idle_us;
  std::lock_guard lock(mu_);
  limiter_.RecordSuccess(login);
  const uint64_t now = options_.mono_us();
  EvictForNewSession(now);
  sessions_[TokenKey(grant.token)] = Session{op.login, hash, now};
  accounts_[op.login] = Account{store::OperatorRecord(op), now};
  accounts_[op.login].record->password_hash = hash;
  return grant;
}

void OperatorService::EvictForNewSession(uint64_t now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (now - it->second.last_used_mono >= options_.session_idle_us) {
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
  while (!sessions_.empty() && sessions_.size() >= options_.max_sessions) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second.last_used_mono < oldest->second.last_used_mono) oldest = it;
    }
    sessions_.erase(oldest);
  }
}

std::optional<api::Principal> OperatorService::Authenticate(std::string_view token) {
  if (!token.starts_with(kSessionTokenPrefix)) return std::nullopt;
  const std::string key = TokenKey(token);
  std::string login;
  bool refresh = false;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(key);
    if (it == sessions_.end()) return std::nullopt;
    const uint64_t now = options_.mono_us();
    if (now - it->second.last_used_mono >= options_.session_idle_us) {
      sessions_.erase(it);
      return std::nullopt;
    }
    login = it->second.login;
    auto acc = accounts_.find(login);
    refresh = acc == accounts_.end() ||
              now - acc->second.fetched_mono >= options_.account_refresh_us;
  }
  if (refresh && !FetchAccount(login)) return std::nullopt;  // fail closed
  std::lock_guard lock(mu_);
  auto it = sessions_.find(key);
  auto acc = accounts_.find(login);
  if (it == sessions_.end() || acc == accounts_.end()) return std::nullopt;
  const auto& record = acc->second.record;
  if (!record || record->disabled || record->password_hash != it->second.password_hash) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used_mono = options_.mono_us();
  return api::Principal{api::Principal::Kind::kOperator, record->login, record->role,
                        record->display_name};
}

Status OperatorService::Logout(std::string_view token) {
  std::string login;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(TokenKey(token));
    if (it == sessions_.end()) return MakeError(ErrorCode::kNotFound, "no such session");
    login = it->second.login;
    sessions_.erase(it);
  }
  Audit(login, "logout", login, "{}");
  return Ok();
}

Result<std::vector<store::OperatorRecord>> OperatorService::Operators() {
  return store_.Call([](store::StationStore& s) { return s.Operators(); });
}

Result<std::vector<store::AuditRecord>> OperatorService::AuditLog(uint64_t from_id,
                                                                  size_t limit) {
  return store_.Call([&](store::StationStore& s) { return s.AuditLog(from_id, limit); });
}

size_t OperatorService::session_count() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace openline::station
