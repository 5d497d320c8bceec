#include "link/rtt_estimator.h"

#include <gtest/gtest.h>

#include "link/constants.h"

namespace openline::link {
namespace {

TEST(RttEstimatorTest, InitialRtoWithoutSamples) {
  RttEstimator r;
  EXPECT_EQ(r.rto_us(), kInitialRtoUs);
  EXPECT_FALSE(r.smoothed_us());
  EXPECT_FALSE(r.p99_us());
}

TEST(RttEstimatorTest, ConvergesAndClamps) {
  RttEstimator r;
  for (int i = 0; i < 100; ++i) r.AddSample(10'000);
  EXPECT_EQ(*r.smoothed_us(), 10'000u);
  EXPECT_EQ(r.rto_us(), kMinRtoUs);  // 10 ms + 4 * ~0 is below the floor
  for (int i = 0; i < 100; ++i) r.AddSample(600'000);
  EXPECT_NEAR(static_cast<double>(*r.smoothed_us()), 600'000.0, 1'000.0);
  EXPECT_GE(r.rto_us(), 600'000u);
}

TEST(RttEstimatorTest, P99OfRecentSamples) {
  RttEstimator r;
  for (int i = 1; i <= 100; ++i) r.AddSample(static_cast<uint64_t>(i) * 1000);
  EXPECT_EQ(*r.p99_us(), 99'000u);
  EXPECT_EQ(*r.last_us(), 100'000u);
}

}  // namespace
}  // namespace openline::link
