#include "access/failure_table.h"

#include <algorithm>

namespace openline::access {
namespace {

uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint64_t SaturatingMul(uint64_t a, uint64_t b) {
  return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

}  // namespace

uint32_t FailureTable::Decayed(const Entry& e, uint64_t now_us) const {
  // A clock that steps back (it should not: callers pass a monotonic clock)
  // forgives nothing rather than wrapping around.
  const uint64_t quiet = now_us > e.last_failure_us ? now_us - e.last_failure_us : 0;
  const uint64_t forgiven = quiet / policy_.decay_us;
  return forgiven >= e.failures ? 0 : e.failures - static_cast<uint32_t>(forgiven);
}

uint64_t FailureTable::LockoutFor(uint32_t failures) const {
  if (failures < policy_.failures_before_lockout) return 0;
  const uint32_t doublings =
      std::min<uint32_t>(failures - policy_.failures_before_lockout, 63);
  const uint64_t base = policy_.base_lockout_us;
  // Saturate instead of overflowing: base << doublings can exceed 64 bits.
  if (base != 0 && (policy_.max_lockout_us >> doublings) < base) {
    return policy_.max_lockout_us;
  }
  return std::min(base << doublings, policy_.max_lockout_us);
}

uint64_t FailureTable::ForgetTime(const Entry& e) const {
  const uint64_t decayed =
      SaturatingAdd(e.last_failure_us, SaturatingMul(e.failures, policy_.decay_us));
  return std::max(decayed, e.locked_until_us);
}

uint64_t FailureTable::LockedUntil(std::string_view key, uint64_t now_us) const {
  auto it = entries_.find(std::string(Bounded(key)));
  if (it == entries_.end() || it->second.locked_until_us <= now_us) return 0;
  return it->second.locked_until_us;
}

uint32_t FailureTable::Failures(std::string_view key, uint64_t now_us) const {
  auto it = entries_.find(std::string(Bounded(key)));
  return it == entries_.end() ? 0 : Decayed(it->second, now_us);
}

void FailureTable::RecordFailure(std::string_view key, uint64_t now_us) {
  std::string k(Bounded(key));
  auto it = entries_.find(k);
  if (it == entries_.end()) {
    if (entries_.size() >= policy_.max_entries) {
      entries_.erase(by_forget_time_.begin()->second);
      by_forget_time_.erase(by_forget_time_.begin());
    }
    it = entries_.emplace(k, Entry{}).first;
  } else {
    by_forget_time_.erase(it->second.forgotten);
  }
  Entry& e = it->second;
  e.failures = Decayed(e, now_us);
  if (e.failures < UINT32_MAX) ++e.failures;
  e.last_failure_us = std::max(e.last_failure_us, now_us);
  if (const uint64_t lockout = LockoutFor(e.failures); lockout > 0) {
    e.locked_until_us = std::max(e.locked_until_us, SaturatingAdd(now_us, lockout));
  }
  e.forgotten = by_forget_time_.emplace(ForgetTime(e), std::move(k));
}

void FailureTable::Forget(std::string_view key) {
  auto it = entries_.find(std::string(Bounded(key)));
  if (it == entries_.end()) return;
  by_forget_time_.erase(it->second.forgotten);
  entries_.erase(it);
}

void FailureTable::Prune(uint64_t now_us) {
  while (!by_forget_time_.empty() && by_forget_time_.begin()->first <= now_us) {
    entries_.erase(by_forget_time_.begin()->second);
    by_forget_time_.erase(by_forget_time_.begin());
  }
}

}  // namespace openline::access
