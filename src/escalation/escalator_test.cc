#include "escalation/escalator.h"

#include <map>

#include <gtest/gtest.h>

namespace openline::escalation {
namespace {

using wire::Precedence;

constexpr uint64_t kT0 = 1'700'000'000 * kSecondUs;  // any UTC instant

Escalator MakeEscalator(Escalator::Config config = {}) {
  auto e = Escalator::Make(std::move(config));
  EXPECT_TRUE(e.has_value()) << e.error().ToString();
  return std::move(*e);
}

MessageArrived Flash(std::string id = "beijing:1", uint64_t at = kT0) {
  return {std::move(id), "beijing", "maritime", Precedence::kFlash, at};
}

std::vector<Action> Arrive(Escalator& e, const MessageArrived& m) {
  auto actions = e.OnArrived(m);
  EXPECT_TRUE(actions.has_value()) << actions.error().ToString();
  return actions ? *actions : std::vector<Action>{};
}

Ring RingOf(const std::string& id, int tier, Audience a) {
  return Ring{id, tier, a, "beijing", "maritime", Precedence::kFlash};
}

TEST(EscalatorTest, RingsTheOperatorsOnDutyAtArrival) {
  Escalator e = MakeEscalator();
  EXPECT_EQ(Arrive(e, Flash()),
            (std::vector<Action>{RingOf("beijing:1", 1, Audience::kOnDuty)}));
  EXPECT_EQ(e.NextWakeUp(), kT0 + 10 * kMinuteUs);
  EXPECT_TRUE(e.IsTracked("beijing:1"));
}

TEST(EscalatorTest, UnansweredFlashReachesTier2AndTheNotifierExactlyAtTheDeadline) {
  Escalator e = MakeEscalator();
  Arrive(e, Flash());
  const uint64_t deadline = kT0 + 10 * kMinuteUs;
  EXPECT_TRUE(e.OnTimer(deadline - 1).empty());
  EXPECT_EQ(e.NextWakeUp(), deadline);
  EXPECT_EQ(e.OnTimer(deadline),
            (std::vector<Action>{Escalate{"beijing:1", 2},
                                 RingOf("beijing:1", 2, Audience::kSupervisors),
                                 RingOf("beijing:1", 2, Audience::kNotifier),
                                 Unanswered{"beijing:1", 10 * kMinuteUs, false}}));
  // Exactly once: nothing more, however often or late the timer runs.
  EXPECT_TRUE(e.OnTimer(deadline).empty());
  EXPECT_TRUE(e.OnTimer(deadline + kDayUs).empty());
  EXPECT_EQ(e.NextWakeUp(), std::nullopt);
  EXPECT_EQ(e.stats().unanswered, 1u);
  EXPECT_EQ(e.stats().escalations, 1u);
}

TEST(EscalatorTest, AcknowledgementOneSecondBeforeTheDeadlineStopsEverything) {
  Escalator e = MakeEscalator();
  Arrive(e, Flash());
  const uint64_t deadline = kT0 + 10 * kMinuteUs;
  EXPECT_TRUE(e.OnTimer(deadline - kSecondUs).empty());
  EXPECT_EQ(e.OnAcknowledged({"beijing:1", deadline - kSecondUs}),
            (std::vector<Action>{Stop{"beijing:1", 10 * kMinuteUs - kSecondUs}}));
  EXPECT_EQ(e.NextWakeUp(), std::nullopt);
  EXPECT_TRUE(e.OnTimer(deadline).empty());
  EXPECT_TRUE(e.OnTimer(deadline + kDayUs).empty());
  EXPECT_FALSE(e.IsTracked("beijing:1"));
  EXPECT_EQ(e.stats().acknowledged, 1u);
  EXPECT_EQ(e.stats().unanswered, 0u);
}

TEST(EscalatorTest, AcknowledgementBeforeAnOverdueTimerRunsSuppressesTheTier) {
  Escalator e = MakeEscalator();
  Arrive(e, Flash());
  // The driver was late: the deadline passed, then the ack came in first.
  e.OnAcknowledged({"beijing:1", kT0 + 11 * kMinuteUs});
  EXPECT_TRUE(e.OnTimer(kT0 + 12 * kMinuteUs).empty());
}

TEST(EscalatorTest, Tier3FiresOnceAfterItsInterval) {
  Escalator::Config config;
  config.default_policy.tier3_after_deadline_us = 20 * kMinuteUs;
  Escalator e = MakeEscalator(config);
  Arrive(e, Flash());
  EXPECT_EQ(e.OnTimer(kT0 + 10 * kMinuteUs).size(), 4u);
  EXPECT_EQ(e.NextWakeUp(), kT0 + 30 * kMinuteUs);
  EXPECT_TRUE(e.OnTimer(kT0 + 30 * kMinuteUs - 1).empty());
  EXPECT_EQ(e.OnTimer(kT0 + 30 * kMinuteUs),
            (std::vector<Action>{Escalate{"beijing:1", 3},
                                 RingOf("beijing:1", 3, Audience::kNotifier),
                                 RingOf("beijing:1", 3, Audience::kAdmins)}));
  EXPECT_EQ(e.NextWakeUp(), std::nullopt);
  EXPECT_FALSE(e.IsTracked("beijing:1"));
}

TEST(EscalatorTest, ALateTimerFiresEveryOverdueTierOnceInOrder) {
  Escalator::Config config;
  config.default_policy.tier3_after_deadline_us = kMinuteUs;
  Escalator e = MakeEscalator(config);
  Arrive(e, Flash());
  const auto actions = e.OnTimer(kT0 + kHourUs);
  std::vector<int> tiers;
  for (const Action& a : actions) {
    if (auto* esc = std::get_if<Escalate>(&a)) tiers.push_back(esc->tier);
  }
  EXPECT_EQ(tiers, (std::vector<int>{2, 3}));
  EXPECT_EQ(actions.size(), 7u);  // escalate+2 rings+unanswered, escalate+2 rings
}

TEST(EscalatorTest, EachPrecedenceEscalatesAtItsAcp121Deadline) {
  Escalator e = MakeEscalator();
  const std::pair<Precedence, uint64_t> cases[] = {
      {Precedence::kFlash, 10 * kMinuteUs},
      {Precedence::kImmediate, 30 * kMinuteUs},
      {Precedence::kPriority, 3 * kHourUs},
      {Precedence::kRoutine, 6 * kHourUs},
  };
  int seq = 0;
  std::map<std::string, uint64_t> expected;
  for (const auto& [p, deadline] : cases) {
    const std::string id = "beijing:" + std::to_string(++seq);
    Arrive(e, {id, "beijing", "air", p, kT0});
    expected[id] = kT0 + deadline;
  }
  std::map<std::string, uint64_t> escalated_at;
  while (auto wake = e.NextWakeUp()) {
    for (const Action& a : e.OnTimer(*wake)) {
      if (auto* esc = std::get_if<Escalate>(&a)) escalated_at[esc->id] = *wake;
    }
  }
  EXPECT_EQ(escalated_at, expected);
}

TEST(EscalatorTest, AChannelPolicyAppliesToMessagesArrivingAfterIt) {
  Escalator::Config config;
  config.channel_policies["air"].deadlines.flash_us = 2 * kMinuteUs;
  Escalator e = MakeEscalator(config);
  Arrive(e, {"beijing:1", "beijing", "air", Precedence::kFlash, kT0});
  EXPECT_EQ(e.NextWakeUp(), kT0 + 2 * kMinuteUs);

  EscalationPolicy slower;
  slower.deadlines.flash_us = 5 * kMinuteUs;
  ASSERT_TRUE(e.SetChannelPolicy("air", slower));
  Arrive(e, {"beijing:2", "beijing", "air", Precedence::kFlash, kT0});
  EXPECT_EQ(e.OnTimer(kT0 + 2 * kMinuteUs).size(), 4u);  // beijing:1 kept its policy
  EXPECT_EQ(e.NextWakeUp(), kT0 + 5 * kMinuteUs);
  EXPECT_EQ(e.PolicyFor("maritime").deadlines.flash_us, kFlashDeadlineUs);
}

TEST(EscalatorTest, RefusesAnInvalidChannelPolicyNamingTheChannel) {
  Escalator::Config config;
  config.channel_policies["air"].deadlines.flash_us = 0;
  auto e = Escalator::Make(config);
  ASSERT_FALSE(e.has_value());
  EXPECT_NE(e.error().message.find("channel air"), std::string::npos);

  Escalator ok = MakeEscalator();
  EscalationPolicy bad;
  bad.tier2.clear();
  EXPECT_FALSE(ok.SetChannelPolicy("air", bad));
}

TEST(EscalatorTest, ARepeatedArrivalIsIgnored) {
  Escalator e = MakeEscalator();
  Arrive(e, Flash());
  EXPECT_TRUE(Arrive(e, Flash("beijing:1", kT0 + kMinuteUs)).empty());
  EXPECT_EQ(e.NextWakeUp(), kT0 + 10 * kMinuteUs);
  EXPECT_EQ(e.tracked(), 1u);
}

TEST(EscalatorTest, UnansweredSaysWhetherAConsoleShowedIt) {
  Escalator e = MakeEscalator();
  Arrive(e, Flash());
  e.OnDisplayed({"beijing:1"});
  const auto actions = e.OnTimer(kT0 + 10 * kMinuteUs);
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(std::get<Unanswered>(actions.back()),
            (Unanswered{"beijing:1", 10 * kMinuteUs, true}));
}

TEST(EscalatorTest, AnAcknowledgementOfAMessageNoLongerWatchedStillStopsTheRinging) {
  Escalator e = MakeEscalator();
  Arrive(e, Flash());
  e.OnTimer(kT0 + kHourUs);  // fully escalated, forgotten
  EXPECT_EQ(e.OnAcknowledged({"beijing:1", kT0 + 2 * kHourUs}),
            (std::vector<Action>{Stop{"beijing:1", std::nullopt}}));
}

TEST(EscalatorTest, RefusesMalformedArrivals) {
  Escalator e = MakeEscalator();
  EXPECT_FALSE(e.OnArrived({"", "beijing", "air", Precedence::kFlash, kT0}).has_value());
  EXPECT_FALSE(e.OnArrived({"b:1", "", "air", Precedence::kFlash, kT0}).has_value());
  EXPECT_FALSE(
      e.OnArrived({std::string(kMaxIdLen + 1, 'x'), "b", "air", Precedence::kFlash, kT0})
          .has_value());
  EXPECT_FALSE(
      e.OnArrived({"b:1", "b", "air", static_cast<Precedence>(9), kT0}).has_value());
  EXPECT_EQ(e.tracked(), 0u);
}

// ---- A full table ----

Escalator::Config Tiny(size_t cap) {
  Escalator::Config config;
  config.max_tracked = cap;
  return config;
}

TEST(EscalatorTest, WhenFullAFlashDisplacesTheNewestLeastUrgentMessageAndSaysSo) {
  Escalator e = MakeEscalator(Tiny(3));
  Arrive(e, {"b:1", "b", "air", Precedence::kRoutine, kT0});
  Arrive(e, {"b:2", "b", "air", Precedence::kRoutine, kT0 + 1});
  Arrive(e, {"b:3", "b", "air", Precedence::kPriority, kT0 + 2});
  const auto actions = Arrive(e, Flash("b:4", kT0 + 3));
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(std::get<Untracked>(actions[1]),
            (Untracked{"b:2", Precedence::kRoutine, false}));
  EXPECT_TRUE(e.IsTracked("b:4"));
  EXPECT_TRUE(e.IsTracked("b:1"));
  EXPECT_FALSE(e.IsTracked("b:2"));
  EXPECT_EQ(e.tracked(), 3u);
}

TEST(EscalatorTest, WhenFullANoMoreUrgentMessageIsRungButNotWatched) {
  Escalator e = MakeEscalator(Tiny(1));
  Arrive(e, {"b:1", "b", "air", Precedence::kPriority, kT0});
  const auto actions = Arrive(e, {"b:2", "b", "air", Precedence::kPriority, kT0});
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(std::get<Ring>(actions[0]).tier, 1);
  EXPECT_EQ(std::get<Untracked>(actions[1]),
            (Untracked{"b:2", Precedence::kPriority, false}));
  EXPECT_TRUE(e.IsTracked("b:1"));
  EXPECT_EQ(e.stats().untracked, 1u);
}

TEST(EscalatorTest, AFlashThatCannotBeWatchedIsEscalatedAtOnceNeverDroppedQuietly) {
  Escalator e = MakeEscalator(Tiny(1));
  Arrive(e, Flash("b:1"));
  const auto actions = Arrive(e, Flash("b:2"));
  EXPECT_EQ(actions,
            (std::vector<Action>{RingOf("b:2", 1, Audience::kOnDuty), Escalate{"b:2", 2},
                                 RingOf("b:2", 2, Audience::kSupervisors),
                                 RingOf("b:2", 2, Audience::kNotifier),
                                 Untracked{"b:2", Precedence::kFlash, true}}));
  EXPECT_TRUE(e.IsTracked("b:1"));
  EXPECT_FALSE(e.IsTracked("b:2"));
}

}  // namespace
}  // namespace openline::escalation
