// FailureTable with a fake clock (plain microsecond counts).
#include "access/failure_table.h"

#include <string>

#include <gtest/gtest.h>

namespace openline::access {
namespace {

constexpr uint64_t kSec = 1'000'000;

LockoutPolicy Policy() {
  LockoutPolicy p;
  p.failures_before_lockout = 3;
  p.base_lockout_us = 1 * kSec;
  p.max_lockout_us = 60 * kSec;
  p.decay_us = 600 * kSec;
  p.max_entries = 100;
  return p;
}

TEST(FailureTableTest, FreeFailuresThenLockout) {
  FailureTable t(Policy());
  uint64_t now = 1000 * kSec;
  t.RecordFailure("k", now);
  t.RecordFailure("k", now);
  EXPECT_EQ(t.LockedUntil("k", now), 0u);
  t.RecordFailure("k", now);  // the third failure locks
  EXPECT_EQ(t.LockedUntil("k", now), now + 1 * kSec);
  EXPECT_EQ(t.LockedUntil("k", now + 1 * kSec), 0u);  // lockout ends exactly then
  EXPECT_EQ(t.LockedUntil("other", now), 0u);
}

TEST(FailureTableTest, LockoutDoublesUpToTheMaximum) {
  FailureTable t(Policy());
  uint64_t now = 1000 * kSec;
  for (int i = 0; i < 3; ++i) t.RecordFailure("k", now);
  std::vector<uint64_t> lockouts;
  for (int i = 0; i < 9; ++i) {
    now = t.LockedUntil("k", now);  // the attacker tries again as soon as allowed
    t.RecordFailure("k", now);
    lockouts.push_back((t.LockedUntil("k", now) - now) / kSec);
  }
  EXPECT_EQ(lockouts, (std::vector<uint64_t>{2, 4, 8, 16, 32, 60, 60, 60, 60}));
}

TEST(FailureTableTest, HugeFailureCountsSaturateInsteadOfOverflowing) {
  LockoutPolicy p = Policy();
  p.max_lockout_us = UINT64_MAX / 4;
  p.decay_us = UINT64_MAX;
  FailureTable t(p);
  for (int i = 0; i < 200; ++i) t.RecordFailure("k", 5);
  EXPECT_EQ(t.LockedUntil("k", 5), 5 + p.max_lockout_us);
}

TEST(FailureTableTest, FailuresDecayOnePerQuietInterval) {
  FailureTable t(Policy());
  const uint64_t t0 = 1000 * kSec;
  for (int i = 0; i < 2; ++i) t.RecordFailure("k", t0);
  EXPECT_EQ(t.Failures("k", t0 + 599 * kSec), 2u);
  EXPECT_EQ(t.Failures("k", t0 + 600 * kSec), 1u);
  EXPECT_EQ(t.Failures("k", t0 + 1200 * kSec), 0u);
  // After one interval, two more failures make three: locked. Without decay it would
  // have been four failures and a 2 s lockout.
  const uint64_t t1 = t0 + 600 * kSec;
  t.RecordFailure("k", t1);
  EXPECT_EQ(t.LockedUntil("k", t1), 0u);
  t.RecordFailure("k", t1);
  EXPECT_EQ(t.LockedUntil("k", t1), t1 + 1 * kSec);
}

TEST(FailureTableTest, ClockSteppingBackForgivesNothing) {
  FailureTable t(Policy());
  for (int i = 0; i < 2; ++i) t.RecordFailure("k", 1000 * kSec);
  EXPECT_EQ(t.Failures("k", 10 * kSec), 2u);
}

TEST(FailureTableTest, ForgetClearsOneKey) {
  FailureTable t(Policy());
  for (int i = 0; i < 3; ++i) t.RecordFailure("k", kSec);
  t.RecordFailure("j", kSec);
  t.Forget("k");
  EXPECT_EQ(t.LockedUntil("k", kSec), 0u);
  EXPECT_EQ(t.Failures("k", kSec), 0u);
  EXPECT_EQ(t.Failures("j", kSec), 1u);
  EXPECT_EQ(t.size(), 1u);
}

TEST(FailureTableTest, SizeIsBoundedAndTheOldestKeyIsEvicted) {
  FailureTable t(Policy());
  for (uint64_t i = 0; i < 100'000; ++i) t.RecordFailure("addr" + std::to_string(i), i);
  EXPECT_EQ(t.size(), 100u);
  EXPECT_EQ(t.Failures("addr0", 100'000), 0u);      // evicted
  EXPECT_EQ(t.Failures("addr99999", 100'000), 1u);  // newest kept
  EXPECT_EQ(t.Failures("addr99900", 100'000), 1u);  // the 100 newest
  EXPECT_EQ(t.Failures("addr99899", 100'000), 0u);
}

TEST(FailureTableTest, CheapOneFailureKeysCannotFlushALockedKey) {
  FailureTable t(Policy());
  for (int i = 0; i < 3; ++i) t.RecordFailure("victim", 0);
  const uint64_t locked_until = t.LockedUntil("victim", 0);
  ASSERT_GT(locked_until, 0u);
  // Made-up keys, one failure each, arriving after the victim's failures: they
  // evict each other (soonest forgotten first), never the victim.
  for (uint64_t i = 0; i < 10'000; ++i) t.RecordFailure("x" + std::to_string(i), 1 + i);
  EXPECT_EQ(t.size(), 100u);
  EXPECT_EQ(t.Failures("victim", 10'001), 3u);
  EXPECT_EQ(t.LockedUntil("victim", 10'001), locked_until);
}

TEST(FailureTableTest, LongKeysAreTruncatedNotStoredWhole) {
  FailureTable t(Policy());
  const std::string prefix(FailureTable::kMaxKeyBytes, 'a');
  t.RecordFailure(prefix + "one", 0);
  t.RecordFailure(prefix + "two", 0);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.Failures(prefix, 0), 2u);
}

TEST(FailureTableTest, PruneDropsOnlyFullyDecayedUnlockedKeys) {
  FailureTable t(Policy());
  t.RecordFailure("old", 0);
  t.RecordFailure("recent", 500 * kSec);
  t.Prune(600 * kSec);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.Failures("recent", 600 * kSec), 1u);
}

}  // namespace
}  // namespace openline::access
