// Rate limits on wrong passwords, per account AND per client address, as the
// station's login path sees them. Sans-IO: the caller passes a monotonic clock in
// microseconds and acts on the decision; nothing here sleeps or reads a clock.
//
// The login path is:
//   1. d = limiter.Check(account, address, now); if !d.allowed, refuse without
//      verifying the password (no Argon2 work for a locked key: the limit also
//      protects the CPU) and tell the client only "try again later";
//   2. verify the password; RecordFailure or RecordSuccess.
// Record failures for unknown accounts too, so a lockout does not reveal which
// account names exist.
//
// Why both dimensions: per address stops one client guessing many accounts; per
// account stops many addresses (a botnet, or one client cycling IPv6 addresses)
// guessing one account. The account lockout is capped lower by default because
// anyone can trigger it: it must slow guessing without keeping the duty officer
// out for long during a crisis. Success clears the account's count, not the
// address's: otherwise an attacker with one valid account could reset its
// address count between guesses at other accounts.
//
// Pass the address without the port (and an IPv6 client's /64, so one host's
// many addresses count as one).
//
// Depends on: access/failure_table.h. Thread-safety: none; the station owns one
// and calls it from its API strand.
#ifndef OPENLINE_ACCESS_LOGIN_LIMITER_H_
#define OPENLINE_ACCESS_LOGIN_LIMITER_H_

#include <cstdint>
#include <string_view>

#include "access/failure_table.h"

namespace openline::access {

struct LoginLimiterConfig {
  // 5 free failures, then 1 s doubling to 5 min; one failure forgiven per 15 min.
  LockoutPolicy account{5, 1'000'000, 300'000'000, 900'000'000, 4096};
  // 10 free failures, then 1 s doubling to 1 h; one forgiven per 15 min.
  LockoutPolicy address{10, 1'000'000, 3'600'000'000, 900'000'000, 16384};
};

enum class LoginLimit { kNone, kAccount, kAddress };

struct LoginDecision {
  bool allowed = true;
  uint64_t retry_at_us = 0;  // when !allowed: the earliest time to try again
  LoginLimit limited_by = LoginLimit::kNone;  // for the station's log, not the client
};

class LoginLimiter {
 public:
  explicit LoginLimiter(LoginLimiterConfig config = {})
      : accounts_(config.account), addresses_(config.address) {}

  LoginDecision Check(std::string_view account, std::string_view address,
                      uint64_t now_us) const;
  void RecordFailure(std::string_view account, std::string_view address, uint64_t now_us);
  // The right password: the account's count starts over (the address's does not).
  void RecordSuccess(std::string_view account);
  void Prune(uint64_t now_us);

  const FailureTable& accounts() const { return accounts_; }
  const FailureTable& addresses() const { return addresses_; }

 private:
  FailureTable accounts_;
  FailureTable addresses_;
};

}  // namespace openline::access

#endif  // OPENLINE_ACCESS_LOGIN_LIMITER_H_
