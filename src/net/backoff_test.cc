#include "net/backoff.h"

#include <vector>

#include <gtest/gtest.h>

namespace openline::net {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

TEST(BackoffTest, CeilingDoublesUpToTheCap) {
  const BackoffPolicy policy;  // 200 ms, cap 30 s
  const std::vector<milliseconds> expected = {200ms,   400ms,   800ms,   1600ms,
                                              3200ms,  6400ms,  12800ms, 25600ms,
                                              30000ms, 30000ms, 30000ms};
  for (uint32_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(BackoffCeiling(policy, i), expected[i]) << i;
  }
}

TEST(BackoffTest, CeilingNeverOverflows) {
  const BackoffPolicy policy{.initial = 1ms, .cap = milliseconds::max()};
  milliseconds previous{0};
  for (uint32_t i : {0u, 1u, 10u, 40u, 62u, 63u, 64u, 1000u, UINT32_MAX}) {
    const milliseconds ceiling = BackoffCeiling(policy, i);
    EXPECT_GE(ceiling, previous) << i;
    EXPECT_GT(ceiling.count(), 0) << i;
    previous = ceiling;
  }
}

TEST(BackoffTest, JitterStaysWithinTheCeilingAndCeilingsAreMonotone) {
  for (uint64_t seed = 0; seed < 50; ++seed) {
    Backoff backoff({}, seed);
    milliseconds previous_ceiling{0};
    for (int i = 0; i < 20; ++i) {
      const milliseconds ceiling = backoff.ceiling();
      EXPECT_GE(ceiling, previous_ceiling);
      EXPECT_LE(ceiling, kBackoffCap);
      const milliseconds delay = backoff.Next();
      EXPECT_GE(delay, 0ms);
      EXPECT_LE(delay, ceiling);
      previous_ceiling = ceiling;
    }
    EXPECT_EQ(backoff.ceiling(), kBackoffCap);
  }
}

TEST(BackoffTest, SameSeedSameScheduleOtherSeedOtherSchedule) {
  Backoff a({}, 1234);
  Backoff b({}, 1234);
  Backoff c({}, 1235);
  bool differs = false;
  for (int i = 0; i < 12; ++i) {
    const milliseconds da = a.Next();
    EXPECT_EQ(da, b.Next());
    differs = differs || da != c.Next();
  }
  EXPECT_TRUE(differs);
}

TEST(BackoffTest, JitterSpreadsOverTheWholeRange) {
  // Full jitter: at the cap, delays fall in every quarter of [0, cap].
  Backoff backoff({.initial = 1000ms, .cap = 1000ms}, 99);
  int quarters[4] = {0, 0, 0, 0};
  for (int i = 0; i < 400; ++i)
    ++quarters[std::min<int64_t>(backoff.Next().count() / 250, 3)];
  for (int q : quarters) EXPECT_GT(q, 50);
}

TEST(BackoffTest, ResetStartsFromTheInitialDelay) {
  Backoff backoff({}, 5);
  for (int i = 0; i < 10; ++i) (void)backoff.Next();
  EXPECT_EQ(backoff.failures(), 10u);
  EXPECT_EQ(backoff.ceiling(), kBackoffCap);
  backoff.Reset();
  EXPECT_EQ(backoff.failures(), 0u);
  EXPECT_EQ(backoff.ceiling(), kBackoffInitial);
  EXPECT_LE(backoff.Next(), kBackoffInitial);
}

}  // namespace
}  // namespace openline::net
