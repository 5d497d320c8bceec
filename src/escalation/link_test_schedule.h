// Link tests for one link, as a sans-IO schedule: the caller's clock (UTC
// microseconds since 1970) in; tests to send, misses and alarms out; NextWakeUp
// for the next OnTimer.
//
//   * Automatic tests every `automatic_interval_us` (default hourly), on UTC
//     multiples of the interval (hourly tests go out on the hour). The peer
//     station answers them itself; no answer within `automatic_window_us` is a
//     miss.
//   * Operator checks at fixed UTC times of day (e.g. 09:00 and 17:00) that a
//     person on duty must answer within `operator_check_window_us`.
//
// The driver sends each SendTest as a test message (marked as test), reports the
// peer's received receipt for it (TestReceived: the technical half) and its
// answer (TestAnswered). A test not answered within its window yields TestMissed
// with the silence — no received receipt (technical) or received but not
// answered (human) — and TestAlarm; the next answered test of that kind yields
// TestAlarmCleared. An answer after the window is ignored: the miss stands.
//
// Slots that pass while OnTimer is not called (the station was off) are skipped,
// not sent in a burst and not counted as misses: the peer was not silent, we
// were absent. At most one test per kind is outstanding (Validate ensures the
// windows fit between tests), so memory is constant.
//
// Depends on: escalation/{constants,silence,link_test_stats}.h, common/.
// Thread-safety: none; one owner.
#ifndef OPENLINE_ESCALATION_LINK_TEST_SCHEDULE_H_
#define OPENLINE_ESCALATION_LINK_TEST_SCHEDULE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/result.h"
#include "escalation/constants.h"
#include "escalation/link_test_stats.h"
#include "escalation/silence.h"

namespace openline::escalation {

struct TimeOfDay {
  uint32_t hour = 0;  // UTC, 0..23
  uint32_t minute = 0;
  uint64_t SinceMidnightUs() const { return hour * kHourUs + minute * kMinuteUs; }
};

struct LinkTestConfig {
  std::string link;
  bool automatic = true;
  uint64_t automatic_interval_us = kDefaultTestIntervalUs;
  uint64_t automatic_window_us = kDefaultAutomaticAnswerWindowUs;
  std::vector<TimeOfDay> operator_checks;  // none by default
  uint64_t operator_check_window_us = kDefaultOperatorCheckWindowUs;
  // The first test id; the driver carries the last one over a restart so ids
  // stay unique on the link.
  uint64_t first_test_id = 1;
};

// A link name; an automatic interval in kMinTestIntervalUs..1 day with a window
// of 1 us..the interval; operator checks at valid, distinct times (at most
// kMaxOperatorChecksPerDay) with a window of at least 1 us and no longer than
// the shortest gap between two checks.
Status Validate(const LinkTestConfig& config);

// ---- Events in ----

struct TestReceived {
  uint64_t test_id = 0;
  uint64_t at_us = 0;
};
struct TestAnswered {
  uint64_t test_id = 0;
  uint64_t at_us = 0;
};

// ---- Actions out ----

struct SendTest {
  std::string link;
  TestKind kind = TestKind::kAutomatic;
  uint64_t test_id = 0;
  bool operator==(const SendTest&) const = default;
};
struct TestMissed {
  std::string link;
  TestKind kind = TestKind::kAutomatic;
  uint64_t test_id = 0;
  Silence silence = Silence::kTechnical;
  uint64_t sent_us = 0;
  bool operator==(const TestMissed&) const = default;
};
// Raise (or keep raised) the link's test alarm for this kind.
struct TestAlarm {
  std::string link;
  TestKind kind = TestKind::kAutomatic;
  Silence silence = Silence::kTechnical;
  uint64_t consecutive_missed = 0;
  bool operator==(const TestAlarm&) const = default;
};
struct TestAlarmCleared {
  std::string link;
  TestKind kind = TestKind::kAutomatic;
  bool operator==(const TestAlarmCleared&) const = default;
};

using TestAction = std::variant<SendTest, TestMissed, TestAlarm, TestAlarmCleared>;

class LinkTestSchedule {
 public:
  // The first tests fall in the first slots after now_us.
  static Result<LinkTestSchedule> Make(LinkTestConfig config, uint64_t now_us);

  // Misses first (windows that ended by now_us), then tests now due.
  std::vector<TestAction> OnTimer(uint64_t now_us);
  void OnReceived(const TestReceived& r);
  std::vector<TestAction> OnAnswered(const TestAnswered& a);
  std::optional<uint64_t> NextWakeUp() const;

  const std::string& link() const { return config_.link; }
  const TestStats& stats(TestKind kind) const {
    return kind == TestKind::kAutomatic ? automatic_stats_ : check_stats_;
  }
  size_t outstanding() const { return outstanding_.size(); }

 private:
  struct Outstanding {
    TestKind kind = TestKind::kAutomatic;
    uint64_t sent_us = 0;
    uint64_t due_us = 0;
    bool received = false;
  };

  LinkTestSchedule(LinkTestConfig config, uint64_t now_us);
  TestStats& MutableStats(TestKind kind) {
    return kind == TestKind::kAutomatic ? automatic_stats_ : check_stats_;
  }
  uint64_t NextAutomaticAfter(uint64_t t) const;
  uint64_t NextCheckAfter(uint64_t t) const;
  void Send(TestKind kind, uint64_t now_us, uint64_t window_us,
            std::vector<TestAction>& out);

  LinkTestConfig config_;
  uint64_t next_test_id_;
  std::optional<uint64_t> next_automatic_us_;
  std::optional<uint64_t> next_check_us_;
  std::map<uint64_t, Outstanding> outstanding_;  // by test id; at most one per kind
  TestStats automatic_stats_;
  TestStats check_stats_;
};

}  // namespace openline::escalation

#endif  // OPENLINE_ESCALATION_LINK_TEST_SCHEDULE_H_
