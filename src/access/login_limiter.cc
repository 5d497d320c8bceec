#include "access/login_limiter.h"

namespace openline::access {

LoginDecision LoginLimiter::Check(std::string_view account, std::string_view address,
                                  uint64_t now_us) const {
  const uint64_t by_account = accounts_.LockedUntil(account, now_us);
  const uint64_t by_address = addresses_.LockedUntil(address, now_us);
  if (by_account == 0 && by_address == 0) return {};
  // Both may be locked; the later one is when an attempt can succeed.
  if (by_account >= by_address) return {false, by_account, LoginLimit::kAccount};
  return {false, by_address, LoginLimit::kAddress};
}

void LoginLimiter::RecordFailure(std::string_view account, std::string_view address,
                                 uint64_t now_us) {
  accounts_.RecordFailure(account, now_us);
  addresses_.RecordFailure(address, now_us);
}

void LoginLimiter::RecordSuccess(std::string_view account) { accounts_.Forget(account); }

void LoginLimiter::Prune(uint64_t now_us) {
  accounts_.Prune(now_us);
  addresses_.Prune(now_us);
}

}  // namespace openline::access
