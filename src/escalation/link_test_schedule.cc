#include "escalation/link_test_schedule.h"

#include <algorithm>

#include "escalation/escalation_policy.h"

namespace openline::escalation {

Status Validate(const LinkTestConfig& c) {
  const std::string where = "link tests of " + (c.link.empty() ? "?" : c.link) + ": ";
  auto bad = [&](const std::string& why) {
    return MakeError(ErrorCode::kInvalidArgument, where + why);
  };
  if (c.link.empty() || c.link.size() > kMaxIdLen) {
    return bad("link name empty or longer than " + std::to_string(kMaxIdLen));
  }
  if (c.automatic) {
    if (c.automatic_interval_us < kMinTestIntervalUs ||
        c.automatic_interval_us > kDayUs) {
      return bad("automatic interval " + FormatDuration(c.automatic_interval_us) +
                 " is outside " + FormatDuration(kMinTestIntervalUs) + ".." +
                 FormatDuration(kDayUs));
    }
    if (c.automatic_window_us == 0 || c.automatic_window_us > c.automatic_interval_us) {
      return bad("automatic answer window " + FormatDuration(c.automatic_window_us) +
                 " must be above 0 and at most the interval " +
                 FormatDuration(c.automatic_interval_us));
    }
  }
  if (c.operator_checks.size() > kMaxOperatorChecksPerDay) {
    return bad(std::to_string(c.operator_checks.size()) +
               " operator checks a day exceed " +
               std::to_string(kMaxOperatorChecksPerDay));
  }
  std::vector<uint64_t> times;
  for (const TimeOfDay& t : c.operator_checks) {
    if (t.hour > 23 || t.minute > 59) {
      return bad("operator check at " + std::to_string(t.hour) + ":" +
                 std::to_string(t.minute) + " is not a time of day");
    }
    times.push_back(t.SinceMidnightUs());
  }
  if (times.empty()) return Ok();
  std::sort(times.begin(), times.end());
  uint64_t shortest_gap = kDayUs - times.back() + times.front();  // across midnight
  for (size_t i = 0; i + 1 < times.size(); ++i) {
    if (times[i] == times[i + 1]) return bad("two operator checks at the same time");
    shortest_gap = std::min(shortest_gap, times[i + 1] - times[i]);
  }
  if (c.operator_check_window_us == 0 || c.operator_check_window_us > shortest_gap) {
    return bad("operator check window " + FormatDuration(c.operator_check_window_us) +
               " must be above 0 and at most the shortest gap between checks " +
               FormatDuration(shortest_gap));
  }
  return Ok();
}

Result<LinkTestSchedule> LinkTestSchedule::Make(LinkTestConfig config, uint64_t now_us) {
  OPENLINE_TRY(Validate(config));
  return LinkTestSchedule(std::move(config), now_us);
}

LinkTestSchedule::LinkTestSchedule(LinkTestConfig config, uint64_t now_us)
    : config_(std::move(config)), next_test_id_(config_.first_test_id) {
  if (config_.automatic) next_automatic_us_ = NextAutomaticAfter(now_us);
  if (!config_.operator_checks.empty()) next_check_us_ = NextCheckAfter(now_us);
}

uint64_t LinkTestSchedule::NextAutomaticAfter(uint64_t t) const {
  return (t / config_.automatic_interval_us + 1) * config_.automatic_interval_us;
}

uint64_t LinkTestSchedule::NextCheckAfter(uint64_t t) const {
  const uint64_t midnight = t - t % kDayUs;
  uint64_t best = UINT64_MAX;
  for (const TimeOfDay& check : config_.operator_checks) {
    uint64_t at = midnight + check.SinceMidnightUs();
    if (at <= t) at += kDayUs;
    best = std::min(best, at);
  }
  return best;
}

void LinkTestSchedule::Send(TestKind kind, uint64_t now_us, uint64_t window_us,
                            std::vector<TestAction>& out) {
  const uint64_t id = next_test_id_++;
  outstanding_[id] = Outstanding{kind, now_us, now_us + window_us, false};
  out.push_back(SendTest{config_.link, kind, id});
}

std::vector<TestAction> LinkTestSchedule::OnTimer(uint64_t now_us) {
  std::vector<TestAction> out;
  // Misses first, so a window that ends as the next test goes out is closed
  // before it, and at most one test per kind is ever outstanding.
  for (auto it = outstanding_.begin(); it != outstanding_.end();) {
    const Outstanding& o = it->second;
    if (o.due_us > now_us) {
      ++it;
      continue;
    }
    const Silence silence = o.received ? Silence::kHuman : Silence::kTechnical;
    TestStats& stats = MutableStats(o.kind);
    stats.RecordMissed(silence);
    out.push_back(TestMissed{config_.link, o.kind, it->first, silence, o.sent_us});
    out.push_back(TestAlarm{config_.link, o.kind, silence, stats.consecutive_missed()});
    it = outstanding_.erase(it);
  }
  if (next_automatic_us_ && *next_automatic_us_ <= now_us) {
    Send(TestKind::kAutomatic, now_us, config_.automatic_window_us, out);
    next_automatic_us_ = NextAutomaticAfter(now_us);
  }
  if (next_check_us_ && *next_check_us_ <= now_us) {
    Send(TestKind::kOperatorCheck, now_us, config_.operator_check_window_us, out);
    next_check_us_ = NextCheckAfter(now_us);
  }
  return out;
}

void LinkTestSchedule::OnReceived(const TestReceived& r) {
  if (auto it = outstanding_.find(r.test_id); it != outstanding_.end()) {
    it->second.received = true;
  }
}

std::vector<TestAction> LinkTestSchedule::OnAnswered(const TestAnswered& a) {
  std::vector<TestAction> out;
  auto it = outstanding_.find(a.test_id);
  if (it == outstanding_.end()) return out;  // late, duplicate or unknown
  const Outstanding o = it->second;
  outstanding_.erase(it);
  TestStats& stats = MutableStats(o.kind);
  const bool was_alarmed = stats.consecutive_missed() > 0;
  stats.RecordAnswered(o.sent_us, a.at_us);
  if (was_alarmed) out.push_back(TestAlarmCleared{config_.link, o.kind});
  return out;
}

std::optional<uint64_t> LinkTestSchedule::NextWakeUp() const {
  std::optional<uint64_t> next;
  auto consider = [&](std::optional<uint64_t> t) {
    if (t && (!next || *t < *next)) next = t;
  };
  consider(next_automatic_us_);
  consider(next_check_us_);
  for (const auto& [id, o] : outstanding_) consider(o.due_us);
  return next;
}

}  // namespace openline::escalation
