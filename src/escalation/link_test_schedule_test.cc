#include "escalation/link_test_schedule.h"

#include <gtest/gtest.h>

namespace openline::escalation {
namespace {

constexpr uint64_t kDay0 = 20'000 * kDayUs;  // a UTC midnight

LinkTestSchedule MakeSchedule(LinkTestConfig config, uint64_t now) {
  auto s = LinkTestSchedule::Make(std::move(config), now);
  EXPECT_TRUE(s.has_value()) << s.error().ToString();
  return std::move(*s);
}

LinkTestConfig Config(std::string link = "beijing") {
  LinkTestConfig c;
  c.link = std::move(link);
  return c;
}

LinkTestConfig WithChecks(std::vector<TimeOfDay> checks, uint64_t window) {
  LinkTestConfig c = Config("b");
  c.operator_checks = std::move(checks);
  c.operator_check_window_us = window;
  return c;
}

LinkTestConfig ChecksOnly() {
  LinkTestConfig c;
  c.link = "beijing";
  c.automatic = false;
  c.operator_checks = {{9, 0}, {17, 0}};
  return c;
}

TEST(LinkTestScheduleTest, SendsAnAutomaticTestOnTheHourByDefault) {
  LinkTestSchedule s = MakeSchedule(Config(), kDay0 + 10 * kHourUs + 20 * kMinuteUs);
  EXPECT_EQ(s.NextWakeUp(), kDay0 + 11 * kHourUs);
  EXPECT_TRUE(s.OnTimer(kDay0 + 11 * kHourUs - 1).empty());
  EXPECT_EQ(s.OnTimer(kDay0 + 11 * kHourUs),
            (std::vector<TestAction>{SendTest{"beijing", TestKind::kAutomatic, 1}}));
  EXPECT_EQ(s.NextWakeUp(), kDay0 + 11 * kHourUs + 5 * kMinuteUs);  // its window
  s.OnReceived({1, kDay0 + 11 * kHourUs + 40'000});
  EXPECT_TRUE(s.OnAnswered({1, kDay0 + 11 * kHourUs + 80'000}).empty());
  EXPECT_EQ(s.NextWakeUp(), kDay0 + 12 * kHourUs);
  EXPECT_EQ(s.stats(TestKind::kAutomatic).answered(), 1u);
  EXPECT_EQ(s.stats(TestKind::kAutomatic).median_answer_us(), 80'000u);
}

TEST(LinkTestScheduleTest, OperatorChecksFallAtTheirUtcTimesEveryDay) {
  LinkTestSchedule s = MakeSchedule(ChecksOnly(), kDay0 + 8 * kHourUs);
  std::vector<uint64_t> sent_at;
  while (auto wake = s.NextWakeUp()) {
    if (*wake > kDay0 + kDayUs + 12 * kHourUs) break;
    for (const TestAction& a : s.OnTimer(*wake)) {
      if (auto* send = std::get_if<SendTest>(&a)) {
        EXPECT_EQ(send->kind, TestKind::kOperatorCheck);
        sent_at.push_back(*wake);
        s.OnAnswered({send->test_id, *wake + kMinuteUs});
      }
    }
  }
  EXPECT_EQ(sent_at, (std::vector<uint64_t>{kDay0 + 9 * kHourUs, kDay0 + 17 * kHourUs,
                                            kDay0 + kDayUs + 9 * kHourUs}));
}

TEST(LinkTestScheduleTest, AMissedTestSaysWhichSilenceAndRaisesAnAlarmUntilOneSucceeds) {
  LinkTestSchedule s = MakeSchedule(ChecksOnly(), kDay0);
  const uint64_t nine = kDay0 + 9 * kHourUs;
  s.OnTimer(nine);  // test 1, never received
  EXPECT_EQ(
      s.OnTimer(nine + 15 * kMinuteUs),
      (std::vector<TestAction>{
          TestMissed{"beijing", TestKind::kOperatorCheck, 1, Silence::kTechnical, nine},
          TestAlarm{"beijing", TestKind::kOperatorCheck, Silence::kTechnical, 1}}));
  const uint64_t five = kDay0 + 17 * kHourUs;
  s.OnTimer(five);  // test 2, received, nobody answers
  s.OnReceived({2, five + kSecondUs});
  EXPECT_EQ(s.OnTimer(five + 15 * kMinuteUs),
            (std::vector<TestAction>{
                TestMissed{"beijing", TestKind::kOperatorCheck, 2, Silence::kHuman, five},
                TestAlarm{"beijing", TestKind::kOperatorCheck, Silence::kHuman, 2}}));
  EXPECT_TRUE(s.OnAnswered({2, five + 20 * kMinuteUs}).empty());  // too late: ignored
  s.OnTimer(nine + kDayUs);                                       // test 3
  EXPECT_EQ(
      s.OnAnswered({3, nine + kDayUs + kMinuteUs}),
      (std::vector<TestAction>{TestAlarmCleared{"beijing", TestKind::kOperatorCheck}}));
  const TestStats& stats = s.stats(TestKind::kOperatorCheck);
  EXPECT_EQ(stats.missed_technical(), 1u);
  EXPECT_EQ(stats.missed_human(), 1u);
  EXPECT_EQ(stats.answered(), 1u);
}

TEST(LinkTestScheduleTest, SlotsPassedWhileTheStationWasOffAreSkippedNotBurst) {
  LinkTestSchedule s = MakeSchedule(Config(), kDay0);
  const auto actions = s.OnTimer(kDay0 + 5 * kHourUs + 30 * kMinuteUs);
  EXPECT_EQ(actions.size(), 1u);
  EXPECT_EQ(s.NextWakeUp(), kDay0 + 5 * kHourUs + 35 * kMinuteUs);
  s.OnAnswered({1, kDay0 + 5 * kHourUs + 31 * kMinuteUs});
  EXPECT_EQ(s.NextWakeUp(), kDay0 + 6 * kHourUs);
  EXPECT_EQ(s.stats(TestKind::kAutomatic).missed(), 0u);
}

// One day of hourly automatic tests and 09:00/17:00 operator checks. The line is
// down from 02:30 to 05:30 (tests sent then are never received; the one queued
// at 05:00 arrives at 05:30 and its answer is late), and nobody answers the
// 17:00 check though it arrives. The statistics keep the two silences apart.
TEST(LinkTestScheduleTest, StatisticsAfterAnOutageKeepTechnicalAndHumanSilenceApart) {
  LinkTestConfig config;
  config.link = "beijing";
  config.operator_checks = {{9, 0}, {17, 0}};
  LinkTestSchedule s = MakeSchedule(config, kDay0);
  auto line_up = [](uint64_t t) {
    return t < kDay0 + 2 * kHourUs + 30 * kMinuteUs ||
           t >= kDay0 + 5 * kHourUs + 30 * kMinuteUs;
  };
  std::vector<TestAction> alarms;
  auto record_alarms = [&](const std::vector<TestAction>& actions) {
    for (const TestAction& a : actions) {
      if (std::holds_alternative<TestAlarm>(a) ||
          std::holds_alternative<TestAlarmCleared>(a)) {
        alarms.push_back(a);
      }
    }
  };
  std::vector<uint64_t> queued_during_outage;
  const uint64_t end = kDay0 + kDayUs + 10 * kMinuteUs;
  while (auto wake = s.NextWakeUp()) {
    if (*wake > end) break;
    if (!queued_during_outage.empty() && line_up(*wake)) {
      // The outbox drains once the line is back: received, answered, too late.
      for (uint64_t id : queued_during_outage) {
        s.OnReceived({id, *wake});
        record_alarms(s.OnAnswered({id, *wake}));
      }
      queued_during_outage.clear();
    }
    const std::vector<TestAction> actions = s.OnTimer(*wake);
    record_alarms(actions);
    for (const TestAction& a : actions) {
      const auto* send = std::get_if<SendTest>(&a);
      if (!send) continue;
      if (!line_up(*wake)) {
        queued_during_outage.push_back(send->test_id);
        continue;
      }
      s.OnReceived({send->test_id, *wake + 50'000});
      if (send->kind == TestKind::kAutomatic) {
        record_alarms(s.OnAnswered({send->test_id, *wake + 100'000}));
      } else if (*wake == kDay0 + 9 * kHourUs) {
        record_alarms(s.OnAnswered({send->test_id, *wake + 3 * kMinuteUs}));
      }
    }
  }

  const TestStats& automatic = s.stats(TestKind::kAutomatic);
  EXPECT_EQ(automatic.answered(), 21u);  // 01:00 .. 24:00 but 03:00, 04:00, 05:00
  EXPECT_EQ(automatic.missed_technical(), 3u);
  EXPECT_EQ(automatic.missed_human(), 0u);
  EXPECT_DOUBLE_EQ(*automatic.share_answered(), 21.0 / 24.0);
  EXPECT_EQ(automatic.median_answer_us(), 100'000u);
  EXPECT_EQ(automatic.last_success_us(), kDay0 + kDayUs + 100'000);

  const TestStats& checks = s.stats(TestKind::kOperatorCheck);
  EXPECT_EQ(checks.answered(), 1u);
  EXPECT_EQ(checks.missed_technical(), 0u);
  EXPECT_EQ(checks.missed_human(), 1u);
  EXPECT_EQ(checks.median_answer_us(), 3 * kMinuteUs);
  EXPECT_EQ(checks.last_success_us(), kDay0 + 9 * kHourUs + 3 * kMinuteUs);

  const std::vector<TestAction> expected_alarms = {
      TestAlarm{"beijing", TestKind::kAutomatic, Silence::kTechnical, 1},
      TestAlarm{"beijing", TestKind::kAutomatic, Silence::kTechnical, 2},
      TestAlarm{"beijing", TestKind::kAutomatic, Silence::kTechnical, 3},
      TestAlarmCleared{"beijing", TestKind::kAutomatic},  // 06:00 goes through
      TestAlarm{"beijing", TestKind::kOperatorCheck, Silence::kHuman, 1},
  };
  EXPECT_EQ(alarms, expected_alarms);
  EXPECT_EQ(s.outstanding(), 0u);
}

TEST(LinkTestScheduleTest, RefusesConfigurationsThatCannotWork) {
  auto refused = [](LinkTestConfig c, std::string_view why) {
    const Status s = Validate(c);
    EXPECT_FALSE(s) << why;
    if (!s) {
      EXPECT_NE(s.error().message.find(why), std::string::npos) << s.error().message;
    }
  };
  refused(Config(""), "link name");
  LinkTestConfig c = Config("b");
  c.automatic_interval_us = kSecondUs;
  refused(c, "automatic interval 1 s");
  c = Config("b");
  c.automatic_window_us = 2 * kHourUs;
  refused(c, "automatic answer window");
  const uint64_t window = kDefaultOperatorCheckWindowUs;
  refused(WithChecks({{24, 0}}, window), "24:0 is not a time of day");
  refused(WithChecks({{9, 0}, {9, 0}}, window), "same time");
  refused(WithChecks({{9, 0}, {9, 10}}, window), "shortest gap between checks 600 s");
  refused(WithChecks({{9, 0}}, 0), "operator check window 0 s");
  EXPECT_TRUE(Validate(WithChecks({{0, 0}, {23, 50}}, 10 * kMinuteUs)));
  EXPECT_FALSE(Validate(WithChecks({{0, 0}, {23, 55}}, 10 * kMinuteUs)));  // midnight
}

}  // namespace
}  // namespace openline::escalation
