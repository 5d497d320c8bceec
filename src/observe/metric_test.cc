#include "observe/metric.h"

#include <cmath>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace openline::observe {
namespace {

TEST(MetricTest, CounterOnlyGoesUp) {
  Counter c;
  c.Inc();
  c.Inc(2.5);
  c.Inc(-10);
  c.Inc(std::nan(""));
  EXPECT_EQ(c.Value(), 3.5);
}

TEST(MetricTest, GaugeSetsAndMoves) {
  Gauge g;
  g.Set(5);
  g.Inc();
  g.Dec();
  g.Dec();
  g.Add(0.5);
  EXPECT_EQ(g.Value(), 4.5);
}

TEST(MetricTest, HistogramBucketsAreCumulativeAndUpperInclusive) {
  Histogram h(std::make_shared<const std::vector<double>>(std::vector<double>{1, 5, 10}));
  for (double v : {0.5, 1.0, 3.0, 10.0, 11.0, 1000.0}) h.Observe(v);
  h.Observe(std::nan(""));  // ignored
  const Histogram::Snapshot s = h.Read();
  EXPECT_EQ(s.cumulative, (std::vector<uint64_t>{2, 3, 4, 6}));
  EXPECT_EQ(s.count, 6u);
  EXPECT_EQ(s.sum, 0.5 + 1 + 3 + 10 + 11 + 1000);
}

TEST(MetricTest, ConcurrentUpdatesAreNotLost) {
  Counter c;
  Gauge g;
  Histogram h(std::make_shared<const std::vector<double>>(std::vector<double>{0.5}));
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        c.Inc();
        g.Add(2);
        h.Observe(i % 2 == 0 ? 0.25 : 1.0);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.Value(), kThreads * kPerThread);
  EXPECT_EQ(g.Value(), 2.0 * kThreads * kPerThread);
  const Histogram::Snapshot s = h.Read();
  EXPECT_EQ(s.count, static_cast<uint64_t>(kThreads * kPerThread));
  EXPECT_EQ(s.cumulative[0], static_cast<uint64_t>(kThreads * kPerThread / 2));
}

}  // namespace
}  // namespace openline::observe
