// Failed attempts per key (an account name or a client address), with an
// exponential lockout and a bounded size. LoginLimiter keeps one table per
// dimension; this file owns the counting, the decay and the memory bound.
//
// A key may fail `failures_before_lockout` times freely; the failure that reaches
// that count locks the key for `base_lockout_us`, and each further failure doubles
// the lockout up to `max_lockout_us`. One failure is forgiven per `decay_us` without
// a failure, so a person who mistyped last week starts fresh.
//
// The table holds at most `max_entries` keys: a new key beyond that evicts the
// key that would be forgotten soonest anyway (lockout over and failures decayed
// first; for keys with one failure each, the oldest). So an attacker cycling
// through addresses or made-up account names cannot grow the table, and cannot
// flush a heavily failed key out of it with cheap one-failure keys either.
// Keys longer than kMaxKeyBytes are truncated: long keys that share a prefix then
// share a counter, which only ever limits more.
//
// Sans-IO: time is a caller-supplied microsecond count from a monotonic clock.
// Depends on: nothing but the standard library. Thread-safety: none.
#ifndef OPENLINE_ACCESS_FAILURE_TABLE_H_
#define OPENLINE_ACCESS_FAILURE_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace openline::access {

struct LockoutPolicy {
  uint32_t failures_before_lockout = 5;
  uint64_t base_lockout_us = 1'000'000;
  uint64_t max_lockout_us = 300'000'000;
  uint64_t decay_us = 900'000'000;
  size_t max_entries = 4096;
};

class FailureTable {
 public:
  static constexpr size_t kMaxKeyBytes = 128;

  // Precondition: policy.decay_us > 0, policy.max_entries > 0,
  // policy.failures_before_lockout > 0.
  explicit FailureTable(LockoutPolicy policy) : policy_(policy) {}

  // 0 if `key` may try now, otherwise the time from which it may.
  uint64_t LockedUntil(std::string_view key, uint64_t now_us) const;
  // The failures still counted against `key` at `now_us` (after decay).
  uint32_t Failures(std::string_view key, uint64_t now_us) const;

  void RecordFailure(std::string_view key, uint64_t now_us);
  void Forget(std::string_view key);
  // Drops keys that are fully decayed and unlocked; memory stays bounded without
  // it, this only returns it early. O(keys dropped).
  void Prune(uint64_t now_us);

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint32_t failures = 0;
    uint64_t last_failure_us = 0;
    uint64_t locked_until_us = 0;
    std::multimap<uint64_t, std::string>::iterator forgotten;  // in by_forget_time_
  };

  static std::string_view Bounded(std::string_view key) {
    return key.substr(0, kMaxKeyBytes);
  }
  uint32_t Decayed(const Entry& e, uint64_t now_us) const;
  uint64_t LockoutFor(uint32_t failures) const;
  // When `e` has no effect any more: unlocked and every failure decayed.
  uint64_t ForgetTime(const Entry& e) const;

  LockoutPolicy policy_;
  std::unordered_map<std::string, Entry> entries_;
  std::multimap<uint64_t, std::string> by_forget_time_;  // soonest forgotten first
};

}  // namespace openline::access

#endif  // OPENLINE_ACCESS_FAILURE_TABLE_H_
