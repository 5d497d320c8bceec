#include "observe/registry.h"

#include <atomic>
#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace openline::observe {
namespace {

TEST(RegistryTest, RendersTheExpositionFormat) {
  Registry r;
  auto a = r.AddCounter({.name = "a_total",
                         .help = "Things.\nWith newline and \\ backslash",
                         .labels = {"link"}});
  ASSERT_TRUE(a);
  ASSERT_TRUE(r.AddGauge({.name = "b", .help = "A gauge."}));
  auto c = r.AddHistogram({.name = "c_seconds", .help = "Latency."}, {0.1, 1});
  ASSERT_TRUE(c);
  (*(*a)->WithLabels({"beijing"}))->Inc(2);
  Histogram* h = *(*c)->WithLabels({});
  h->Observe(0.25);
  h->Observe(5);

  EXPECT_EQ(r.Render(),
            "# HELP a_total Things.\\nWith newline and \\\\ backslash\n"
            "# TYPE a_total counter\n"
            "a_total{link=\"beijing\"} 2\n"
            "# HELP b A gauge.\n"
            "# TYPE b gauge\n"
            "b 0\n"
            "# HELP c_seconds Latency.\n"
            "# TYPE c_seconds histogram\n"
            "c_seconds_bucket{le=\"0.1\"} 0\n"
            "c_seconds_bucket{le=\"1\"} 1\n"
            "c_seconds_bucket{le=\"+Inf\"} 2\n"
            "c_seconds_sum 5.25\n"
            "c_seconds_count 2\n"
            "# HELP openline_metrics_label_sets_refused_total Label-value lists refused "
            "because a metric family reached its cap.\n"
            "# TYPE openline_metrics_label_sets_refused_total counter\n"
            "openline_metrics_label_sets_refused_total{family=\"a_total\"} 0\n"
            "openline_metrics_label_sets_refused_total{family=\"b\"} 0\n"
            "openline_metrics_label_sets_refused_total{family=\"c_seconds\"} 0\n");
}

TEST(RegistryTest, HistogramKeepsLabelsBeforeLe) {
  Registry r;
  auto h = r.AddHistogram({.name = "rtt_seconds", .help = "h", .labels = {"link"}},
                          {1, std::numeric_limits<double>::infinity()});
  ASSERT_TRUE(h);
  (*(*h)->WithLabels({"x"}))->Observe(0.5);
  const std::string out = r.Render();
  EXPECT_NE(out.find("rtt_seconds_bucket{link=\"x\",le=\"1\"} 1\n"), std::string::npos);
  EXPECT_NE(out.find("rtt_seconds_bucket{link=\"x\",le=\"+Inf\"} 1\n"),
            std::string::npos);
  EXPECT_NE(out.find("rtt_seconds_sum{link=\"x\"} 0.5\n"), std::string::npos);
  EXPECT_NE(out.find("rtt_seconds_count{link=\"x\"} 1\n"), std::string::npos);
}

TEST(RegistryTest, SpecialFloatValuesRender) {
  Registry r;
  auto g = r.AddGauge({.name = "g", .help = "h", .labels = {"k"}});
  ASSERT_TRUE(g);
  (*(*g)->WithLabels({"inf"}))->Set(std::numeric_limits<double>::infinity());
  (*(*g)->WithLabels({"nan"}))->Set(std::nan(""));
  const std::string out = r.Render();
  EXPECT_NE(out.find("g{k=\"inf\"} +Inf\n"), std::string::npos);
  EXPECT_NE(out.find("g{k=\"nan\"} NaN\n"), std::string::npos);
}

TEST(RegistryTest, RejectsBadRegistrations) {
  Registry r;
  EXPECT_EQ(r.AddCounter({.name = "bad-name"}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(r.AddCounter({.name = "x_total", .labels = {"__reserved"}}));
  EXPECT_FALSE(r.AddCounter({.name = "x_total", .labels = {"a:b"}}));
  EXPECT_FALSE(r.AddCounter({.name = "x_total", .labels = {"link", "link"}}));
  EXPECT_FALSE(r.AddHistogram({.name = "h", .labels = {"le"}}, {1}));
  EXPECT_FALSE(r.AddHistogram({.name = "h"}, {2, 1}));
  EXPECT_FALSE(r.AddHistogram({.name = "h"}, {1, 1}));
  EXPECT_FALSE(r.AddHistogram({.name = "h"}, {std::nan("")}));
  EXPECT_FALSE(
      r.AddHistogram({.name = "h"}, std::vector<double>(kMaxHistogramBuckets + 1)));
  EXPECT_EQ(r.AddCallback({.name = "cb"}, MetricType::kHistogram, nullptr).error().code,
            ErrorCode::kUnsupported);
  EXPECT_FALSE(r.AddGauge({.name = "z", .limits = FamilyLimits{.max_children = 0}}));

  ASSERT_TRUE(r.AddCounter({.name = "x_total"}));
  EXPECT_FALSE(r.AddGauge({.name = "x_total"}));  // same name, any type
  ASSERT_TRUE(r.AddHistogram({.name = "lat"}, {1}));
  EXPECT_FALSE(r.AddGauge({.name = "lat_count"}));  // would collide with lat's series
  EXPECT_FALSE(r.AddCounter({.name = std::string(kRefusedLabelSetsMetric)}));
}

TEST(RegistryTest, WrongNumberOfLabelValuesIsAnError) {
  Registry r;
  auto f = r.AddCounter({.name = "m_total", .labels = {"link", "state"}});
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->WithLabels({"only-one"}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE((*f)->WithLabels({"a", "b", "c"}));
  EXPECT_TRUE((*f)->WithLabels({"a", "b"}));
  EXPECT_TRUE((*f)->WithLabels(std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*f)->size(), 1u);  // the same child twice
}

TEST(RegistryTest, SameLabelValuesGiveTheSameChild) {
  Registry r;
  auto f = r.AddGauge({.name = "q", .labels = {"link"}});
  ASSERT_TRUE(f);
  Gauge* a = *(*f)->WithLabels({"beijing"});
  Gauge* b = *(*f)->WithLabels({"beijing"});
  EXPECT_EQ(a, b);
  EXPECT_NE(a, *(*f)->WithLabels({"washington"}));
}

TEST(RegistryTest, CardinalityCapRefusesAndCounts) {
  Registry r(FamilyLimits{.max_children = 3, .max_label_value_bytes = 16});
  auto f = r.AddCounter({.name = "ops_total", .help = "h", .labels = {"operator"}});
  ASSERT_TRUE(f);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*f)->WithLabels({"op" + std::to_string(i)}));
  for (int i = 3; i < 1000; ++i) {
    auto child = (*f)->WithLabels({"op" + std::to_string(i)});
    ASSERT_FALSE(child);
    EXPECT_EQ(child.error().code, ErrorCode::kTooLarge);
  }
  EXPECT_TRUE((*f)->WithLabels({"op1"}));  // existing children still work
  EXPECT_EQ((*f)->size(), 3u);
  EXPECT_EQ((*f)->refused(), 997u);
  EXPECT_NE(r.Render().find(
                "openline_metrics_label_sets_refused_total{family=\"ops_total\"} 997\n"),
            std::string::npos);
}

TEST(RegistryTest, HostileLabelValuesAreBoundedAndEscaped) {
  Registry r(FamilyLimits{.max_children = 10, .max_label_value_bytes = 24});
  auto f = r.AddCounter({.name = "acks_total", .help = "h", .labels = {"operator"}});
  ASSERT_TRUE(f);
  (*(*f)->WithLabels({"a\"b\\c\nd"}))->Inc();
  (*(*f)->WithLabels({"\x1b[2J\xff"}))->Inc();
  (*(*f)->WithLabels({std::string(10'000, 'x')}))->Inc();
  const std::string out = r.Render();
  EXPECT_NE(out.find("acks_total{operator=\"a\\\"b\\\\c\\nd\"} 1\n"), std::string::npos);
  EXPECT_NE(out.find("acks_total{operator=\"\xef\xbf\xbd[2J\xef\xbf\xbd\"} 1\n"),
            std::string::npos);
  EXPECT_NE(out.find("acks_total{operator=\"" + std::string(24, 'x') + "\"} 1\n"),
            std::string::npos);
  EXPECT_EQ(out.find(std::string(25, 'x')), std::string::npos);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
}

TEST(RegistryTest, CallbackFamilyCollectsAtScrape) {
  Registry r;
  std::atomic<int> link_up{0};
  int calls = 0;
  auto f = r.AddCallback({.name = "openline_link_up",
                          .help = "h",
                          .labels = {"link"},
                          .limits = FamilyLimits{.max_children = 2}},
                         MetricType::kGauge, [&](ScrapeSink& sink) {
                           ++calls;
                           EXPECT_TRUE(sink.Set({"beijing"}, link_up.load()));
                           EXPECT_TRUE(sink.Set({"moscow"}, 0));
                           EXPECT_FALSE(sink.Set({"third"}, 1));  // over the cap
                           EXPECT_FALSE(sink.Set({"a", "b"}, 1));
                         });
  ASSERT_TRUE(f);
  EXPECT_NE(r.Render().find("openline_link_up{link=\"beijing\"} 0\n"), std::string::npos);
  link_up = 1;
  const std::string out = r.Render();
  EXPECT_NE(out.find("# TYPE openline_link_up gauge\n"), std::string::npos);
  EXPECT_NE(out.find("openline_link_up{link=\"beijing\"} 1\n"), std::string::npos);
  EXPECT_EQ(out.find("third"), std::string::npos);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ((*f)->refused(), 2u);
}

TEST(RegistryTest, ConcurrentUpdatesWhileScraping) {
  Registry r(FamilyLimits{.max_children = 50, .max_label_value_bytes = 32});
  auto f = r.AddCounter({.name = "msgs_total", .help = "h", .labels = {"link"}});
  auto h = r.AddHistogram({.name = "answer_seconds", .help = "h"}, {1, 10});
  ASSERT_TRUE(f && h);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 5'000;
  std::atomic<bool> done{false};
  std::thread scraper([&] {
    while (!done) EXPECT_FALSE(r.Render().empty());
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // 100 distinct links across threads: half are refused by the cap of 50.
        auto child = (*f)->WithLabels({"link" + std::to_string((i + t) % 100)});
        if (child) (*child)->Inc();
        (*(*h)->WithLabels({}))->Observe(2);
      }
    });
  }
  for (auto& t : threads) t.join();
  done = true;
  scraper.join();

  EXPECT_EQ((*f)->size(), 50u);
  double total = 0;
  for (int i = 0; i < 100; ++i) {
    auto child = (*f)->WithLabels({"link" + std::to_string(i)});
    if (child) total += (*child)->Value();
  }
  EXPECT_EQ(total + static_cast<double>((*f)->refused()) -
                static_cast<double>(100 - 50),  // the refusals in this loop
            kThreads * kPerThread);
  EXPECT_EQ((*(*h)->WithLabels({}))->Read().count,
            static_cast<uint64_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace openline::observe
