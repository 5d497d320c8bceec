// OperatorService: the station's operator sign-in. It checks a login and password
// (Argon2id, crypto/password.h) behind the login limiter (access/login_limiter.h),
// issues session tokens, answers "whose session is this token" for the API's
// authenticator, ends sessions, and writes every sign-in, failure and sign-out to
// the store's audit log.
//
// Sessions live in memory only (docs/operators.md, "Sessions"): a restart signs
// everyone out, which costs a duty officer one login, and in exchange no usable
// bearer secret is ever written to disk and using a session needs no store
// write. Tokens are 32 random bytes; the table is keyed by their SHA-256, so a
// lookup compares hashes, never the secret, and reveals nothing through timing.
// A session ends after `session_idle_us` without use, at sign-out, when its
// account is disabled, and when its password changes. Account changes made by
// `openline operator ...` in another process are seen within `account_refresh_us`
// (the service re-reads an account at most that often).
//
// Depends on: access/, crypto/, store/ (through StoreWorker), api/principal.h.
// Thread-safety: every public method may be called from any thread (API
// threads); Argon2 work and store calls run outside the internal lock.
#ifndef OPENLINE_STATION_OPERATOR_SERVICE_H_
#define OPENLINE_STATION_OPERATOR_SERVICE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "access/login_limiter.h"
#include "access/role.h"
#include "api/principal.h"
#include "crypto/password.h"
#include "crypto/secret.h"
#include "station/store_worker.h"

namespace openline::station {

// Session tokens start with this, so the authenticator tells them from the
// station's API token without trying both.
inline constexpr std::string_view kSessionTokenPrefix = "olsess-";
inline constexpr size_t kSessionTokenBytes = 32;

struct OperatorServiceOptions {
  uint64_t session_idle_us =
      12ull * 3600 * 1'000'000;  // a long shift, then sign in again
  size_t max_sessions = 1024;    // beyond it, the least recently used session ends
  uint64_t account_refresh_us = 1'000'000;
  crypto::PasswordLimits password_limits = crypto::PasswordLimits::Interactive();
  access::LoginLimiterConfig limits;
  // Wall clock (expiry times shown to clients, audit times) and monotonic clock
  // (idle expiry, the limiter), in microseconds; tests replace both.
  std::function<uint64_t()> wall_us;
  std::function<uint64_t()> mono_us;
};

struct SessionGrant {
  std::string token;
  std::string login;
  std::string display_name;
  access::Role role = access::Role::kOperator;
  uint64_t expires_us = 0;  // wall clock, if unused until then
};

struct LoginRefusal {
  enum class Kind { kBadCredentials, kTryLater, kUnavailable };
  Kind kind = Kind::kBadCredentials;
  uint64_t retry_after_s = 0;  // kTryLater
  std::string message;         // for the client: never says which part was wrong
};

class OperatorService {
 public:
  OperatorService(StoreWorker& store, OperatorServiceOptions options);

  // `address` is the client's address without the port (the limiter's key).
  tl::expected<SessionGrant, LoginRefusal> Login(std::string_view login,
                                                 const crypto::SecretBytes& password,
                                                 std::string_view address);
  // The operator a session token belongs to, if the session is still good; a use
  // extends it. Never touches the audit log (it runs on every request).
  std::optional<api::Principal> Authenticate(std::string_view token);
  // Ends the session; kNotFound if the token names none.
  Status Logout(std::string_view token);

  Result<std::vector<store::OperatorRecord>> Operators();
  Result<std::vector<store::AuditRecord>> AuditLog(uint64_t from_id, size_t limit);

  size_t session_count() const;

 private:
  struct Session {
    std::string login;
    std::string password_hash;  // a password change ends the session
    uint64_t last_used_mono = 0;
  };
  struct Account {
    std::optional<store::OperatorRecord> record;  // nullopt: no such account
    uint64_t fetched_mono = 0;
  };

  Result<std::optional<store::OperatorRecord>> FetchAccount(const std::string& login);
  void Audit(std::string actor, std::string action, std::string target,
             std::string detail);
  const std::string& DummyHash();
  void EvictForNewSession(uint64_t now);

  StoreWorker& store_;
  OperatorServiceOptions options_;

  mutable std::mutex mu_;
  access::LoginLimiter limiter_;
  std::map<std::string, Session, std::less<>> sessions_;  // key: SHA-256 of the token
  std::map<std::string, Account, std::less<>> accounts_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace openline::station

#endif  // OPENLINE_STATION_OPERATOR_SERVICE_H_
