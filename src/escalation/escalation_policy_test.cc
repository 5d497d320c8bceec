#include "escalation/escalation_policy.h"

#include <gtest/gtest.h>

namespace openline::escalation {
namespace {

using wire::Precedence;

bool Mentions(const Status& s, std::string_view text) {
  return !s && s.error().message.find(text) != std::string::npos;
}

TEST(EscalationPolicyTest, DefaultsAreAcp121AndValid) {
  const EscalationPolicy p;
  EXPECT_EQ(p.deadlines.For(Precedence::kFlash), 10 * kMinuteUs);
  EXPECT_EQ(p.deadlines.For(Precedence::kImmediate), 30 * kMinuteUs);
  EXPECT_EQ(p.deadlines.For(Precedence::kPriority), 3 * kHourUs);
  EXPECT_EQ(p.deadlines.For(Precedence::kRoutine), 6 * kHourUs);
  EXPECT_EQ(p.tier1, std::vector<Audience>{Audience::kOnDuty});
  EXPECT_EQ(p.tier2,
            (std::vector<Audience>{Audience::kSupervisors, Audience::kNotifier}));
  EXPECT_EQ(p.tier_count(), 2);
  EXPECT_TRUE(Validate(p));
}

TEST(EscalationPolicyTest, TierOffsetsCountFromArrival) {
  EscalationPolicy p;
  EXPECT_EQ(p.TierOffsetUs(Precedence::kFlash, 1), 0u);
  EXPECT_EQ(p.TierOffsetUs(Precedence::kFlash, 2), 10 * kMinuteUs);
  p.tier3_after_deadline_us = 15 * kMinuteUs;
  EXPECT_EQ(p.tier_count(), 3);
  EXPECT_EQ(p.TierOffsetUs(Precedence::kImmediate, 3), 45 * kMinuteUs);
}

TEST(EscalationPolicyTest, RefusesAZeroDeadline) {
  EscalationPolicy p;
  p.deadlines.immediate_us = 0;
  const Status s = Validate(p);
  EXPECT_TRUE(Mentions(s, "immediate deadline is 0"));
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

TEST(EscalationPolicyTest, RefusesADeadlineBeyondAWeek) {
  EscalationPolicy p;
  p.deadlines.routine_us = kMaxDeadlineUs + 1;
  const Status s = Validate(p);
  EXPECT_TRUE(Mentions(s, "routine deadline 604800.000001 s exceeds"));
  EXPECT_EQ(s.error().code, ErrorCode::kTooLarge);
}

TEST(EscalationPolicyTest, RefusesAMoreUrgentPrecedenceWaitingLonger) {
  EscalationPolicy p;
  p.deadlines.flash_us = kHourUs;
  EXPECT_TRUE(Mentions(Validate(p),
                       "flash deadline 3600 s is longer than immediate deadline 1800 s"));
  p.deadlines.flash_us = 30 * kMinuteUs;  // equal is fine
  EXPECT_TRUE(Validate(p));
}

TEST(EscalationPolicyTest, RefusesTiersThatRingNobodyOrSomeoneTwice) {
  EscalationPolicy p;
  p.tier2.clear();
  EXPECT_TRUE(Mentions(Validate(p), "tier 2 rings nobody"));
  p = {};
  p.tier1 = {Audience::kOnDuty, Audience::kOnDuty};
  EXPECT_TRUE(Mentions(Validate(p), "tier 1 names on_duty twice"));
  p = {};
  p.tier2 = {static_cast<Audience>(77)};
  EXPECT_TRUE(Mentions(Validate(p), "unknown audience 77"));
}

TEST(EscalationPolicyTest, ChecksTier3OnlyWhenConfigured) {
  EscalationPolicy p;
  p.tier3.clear();
  EXPECT_TRUE(Validate(p));  // unused
  p.tier3_after_deadline_us = kHourUs;
  EXPECT_TRUE(Mentions(Validate(p), "tier 3 rings nobody"));
  p.tier3 = {Audience::kNotifier};
  p.tier3_after_deadline_us = 0;
  EXPECT_TRUE(Mentions(Validate(p), "tier 3 interval is 0"));
}

TEST(EscalationPolicyTest, FormatsDurations) {
  EXPECT_EQ(FormatDuration(600 * kSecondUs), "600 s");
  EXPECT_EQ(FormatDuration(1'500'000), "1.5 s");
  EXPECT_EQ(FormatDuration(250), "250 us");
  EXPECT_EQ(FormatDuration(0), "0 s");
}

}  // namespace
}  // namespace openline::escalation
