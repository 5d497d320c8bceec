// LoginLimiter with a fake clock: per-account and per-address limits, which one
// wins, success, and the memory bound against an attacker cycling addresses.
#include "access/login_limiter.h"

#include <string>

#include <gtest/gtest.h>

namespace openline::access {
namespace {

constexpr uint64_t kSec = 1'000'000;

LoginLimiterConfig Config() {
  LoginLimiterConfig c;
  c.account = {3, 1 * kSec, 30 * kSec, 600 * kSec, 50};
  c.address = {5, 2 * kSec, 300 * kSec, 600 * kSec, 200};
  return c;
}

TEST(LoginLimiterTest, FreshAccountAndAddressAreAllowed) {
  LoginLimiter l(Config());
  EXPECT_TRUE(l.Check("liwei", "192.0.2.1", 0).allowed);
}

TEST(LoginLimiterTest, AccountIsLockedAcrossAddresses) {
  LoginLimiter l(Config());
  const uint64_t now = 100 * kSec;
  // Three wrong passwords for one account from three different addresses.
  l.RecordFailure("liwei", "192.0.2.1", now);
  l.RecordFailure("liwei", "192.0.2.2", now);
  l.RecordFailure("liwei", "192.0.2.3", now);
  auto d = l.Check("liwei", "198.51.100.9", now);  // a fresh address does not help
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.limited_by, LoginLimit::kAccount);
  EXPECT_EQ(d.retry_at_us, now + 1 * kSec);
  EXPECT_TRUE(l.Check("other", "198.51.100.9", now).allowed);
  EXPECT_TRUE(l.Check("liwei", "198.51.100.9", now + 1 * kSec).allowed);
}

TEST(LoginLimiterTest, AddressIsLockedAcrossAccounts) {
  LoginLimiter l(Config());
  const uint64_t now = 100 * kSec;
  // Five accounts, one wrong guess each (no account reaches its limit).
  for (int i = 0; i < 5; ++i)
    l.RecordFailure("user" + std::to_string(i), "192.0.2.1", now);
  auto d = l.Check("user9", "192.0.2.1", now);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.limited_by, LoginLimit::kAddress);
  EXPECT_EQ(d.retry_at_us, now + 2 * kSec);
  EXPECT_TRUE(l.Check("user9", "192.0.2.2", now).allowed);
}

TEST(LoginLimiterTest, TheLaterLockoutIsReported) {
  LoginLimiter l(Config());
  const uint64_t now = 100 * kSec;
  for (int i = 0; i < 5; ++i) l.RecordFailure("liwei", "192.0.2.1", now);
  // account: 5 failures, limit 3 -> 1 s * 2^2 = 4 s; address: 5 failures -> 2 s.
  auto d = l.Check("liwei", "192.0.2.1", now);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.limited_by, LoginLimit::kAccount);
  EXPECT_EQ(d.retry_at_us, now + 4 * kSec);
}

TEST(LoginLimiterTest, SuccessClearsTheAccountButNotTheAddress) {
  LoginLimiter l(Config());
  const uint64_t now = 100 * kSec;
  for (int i = 0; i < 2; ++i) l.RecordFailure("liwei", "192.0.2.1", now);
  l.RecordSuccess("liwei");
  EXPECT_EQ(l.accounts().Failures("liwei", now), 0u);
  EXPECT_EQ(l.addresses().Failures("192.0.2.1", now), 2u);
  // Two more failures would have locked the account without the reset.
  for (int i = 0; i < 2; ++i) l.RecordFailure("liwei", "192.0.2.1", now);
  EXPECT_TRUE(l.Check("liwei", "192.0.2.7", now).allowed);
}

TEST(LoginLimiterTest, LockoutsFadeAfterQuietTime) {
  LoginLimiter l(Config());
  uint64_t now = 100 * kSec;
  for (int i = 0; i < 3; ++i) l.RecordFailure("liwei", "192.0.2.1", now);
  EXPECT_FALSE(l.Check("liwei", "192.0.2.1", now).allowed);
  now += 3 * 600 * kSec;  // three decay intervals forgive all three failures
  EXPECT_TRUE(l.Check("liwei", "192.0.2.1", now).allowed);
  l.RecordFailure("liwei", "192.0.2.1", now);
  EXPECT_TRUE(l.Check("liwei", "192.0.2.1", now).allowed);  // only one failure counted
}

TEST(LoginLimiterTest, AttackerCyclingAddressesCannotGrowMemoryOrEscapeTheAccountLimit) {
  LoginLimiter l(Config());
  uint64_t now = 100 * kSec;
  int allowed_guesses = 0;
  for (int i = 0; i < 100'000; ++i) {
    const std::string address = "2001:db8::" + std::to_string(i);
    const std::string account = i % 2 == 0 ? "liwei" : "user" + std::to_string(i);
    if (l.Check(account, address, now).allowed) {
      if (account == "liwei") ++allowed_guesses;
      l.RecordFailure(account, address, now);
    }
    now += 1000;  // 1 ms apart: 100 s in all
  }
  EXPECT_LE(l.addresses().size(), 200u);
  EXPECT_LE(l.accounts().size(), 50u);
  // The target account, even though fresh account names keep evicting others, stays
  // limited: in 100 s at most 3 free + lockouts of 1, 2, 4, 8, 16, 30, 30 s.
  EXPECT_LE(allowed_guesses, 10);
  EXPECT_FALSE(l.Check("liwei", "2001:db8::ffff", now).allowed);
}

TEST(LoginLimiterTest, PruneReturnsMemoryOfQuietKeys) {
  LoginLimiter l(Config());
  l.RecordFailure("liwei", "192.0.2.1", 0);
  EXPECT_EQ(l.accounts().size(), 1u);
  l.Prune(600 * kSec);
  EXPECT_EQ(l.accounts().size(), 0u);
  EXPECT_EQ(l.addresses().size(), 0u);
}

}  // namespace
}  // namespace openline::access
