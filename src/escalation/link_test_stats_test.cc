#include "escalation/link_test_stats.h"

#include <gtest/gtest.h>

namespace openline::escalation {
namespace {

TEST(TestStatsTest, EmptyStatsHaveNoShareMedianOrSuccess) {
  const TestStats s;
  EXPECT_EQ(s.share_answered(), std::nullopt);
  EXPECT_EQ(s.median_answer_us(), std::nullopt);
  EXPECT_EQ(s.last_success_us(), std::nullopt);
}

TEST(TestStatsTest, CountsTechnicalAndHumanMissesApart) {
  TestStats s;
  s.RecordAnswered(0, 100);
  s.RecordMissed(Silence::kTechnical);
  s.RecordMissed(Silence::kTechnical);
  s.RecordMissed(Silence::kHuman);
  EXPECT_EQ(s.answered(), 1u);
  EXPECT_EQ(s.missed(), 3u);
  EXPECT_EQ(s.missed_technical(), 2u);
  EXPECT_EQ(s.missed_human(), 1u);
  EXPECT_EQ(s.consecutive_missed(), 3u);
  EXPECT_DOUBLE_EQ(*s.share_answered(), 0.25);
  s.RecordAnswered(1000, 1500);
  EXPECT_EQ(s.consecutive_missed(), 0u);
  EXPECT_EQ(s.last_success_us(), 1500u);
}

TEST(TestStatsTest, MedianIsAnObservedAnswerTime) {
  TestStats s;
  for (uint64_t took : {50u, 10u, 40u}) s.RecordAnswered(0, took);
  EXPECT_EQ(s.median_answer_us(), 40u);
  s.RecordAnswered(0, 30);  // 10 30 40 50: the lower middle one
  EXPECT_EQ(s.median_answer_us(), 30u);
}

TEST(TestStatsTest, MedianForgetsAnswersBeyondTheWindow) {
  TestStats s;
  for (size_t i = 0; i < kAnswerTimeWindow; ++i) s.RecordAnswered(0, 1'000'000);
  for (size_t i = 0; i < kAnswerTimeWindow / 2 + 1; ++i) s.RecordAnswered(0, 5);
  EXPECT_EQ(s.median_answer_us(), 5u);
  EXPECT_EQ(s.answered(), kAnswerTimeWindow + kAnswerTimeWindow / 2 + 1);
}

}  // namespace
}  // namespace openline::escalation
