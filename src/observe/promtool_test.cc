// Checks the rendered page with Prometheus' own linter, `promtool check metrics`
// (Debian's `prometheus` package, installed by scripts/setup). A missing promtool
// fails the test: skipping would let CI pass without ever parsing the format.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "common/testing/run_command.h"
#include "observe/registry.h"
#include "observe/station_metrics.h"

namespace openline::observe {
namespace {

// `promtool check metrics < page`: exit code and everything it printed.
test_util::CommandResult PromtoolCheck(const std::string& page) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("openline_observe_metrics_" + std::to_string(::getpid()) + ".prom");
  {
    std::ofstream out(file, std::ios::binary);
    out << page;
  }
  auto result = test_util::RunCommand("promtool check metrics < '" + file.string() + "'");
  std::filesystem::remove(file);
  return result;
}

bool HavePromtool() { return test_util::RunCommand("command -v promtool").code == 0; }

std::vector<LinkHealth> FakeLinks() {
  LinkHealth beijing{.link = "beijing", .up = true, .paths = {}, .queue_depth = {}};
  beijing.paths.push_back({.path = "tcp://10.0.0.2:7001",
                           .up = true,
                           .rtt_seconds = 0.182,
                           .rtt_p99_seconds = 0.4,
                           .heartbeat_age_seconds = 0.7});
  beijing.paths.push_back(
      {.path = "tcp://backup.example:7001", .up = false});  // RTT unknown
  beijing.queue_depth = {
      {"flash", 0}, {"immediate", 1}, {"priority", 0}, {"routine", 12}};
  LinkHealth hostile{
      .link = "evil\"link\\\n\x1b[31m\xff", .up = false, .paths = {}, .queue_depth = {}};
  hostile.paths.push_back({.path = "tcp://x:1", .up = false, .rtt_seconds = 1e-7});
  return {beijing, hostile};
}

TEST(PromtoolTest, StationMetricsPassPromtoolCheck) {
  ASSERT_TRUE(HavePromtool())
      << "promtool not found on PATH: install Debian's `prometheus` package "
         "(scripts/setup does). This test must not be skipped.";
  Registry r;
  auto m = RegisterStationMetrics(r, FakeLinks);
  ASSERT_TRUE(m) << m.error().ToString();
  (*m->messages->WithLabels({"beijing", "flash", "accepted"}))->Inc(3);
  (*m->messages->WithLabels({"beijing", "flash", "answered"}))->Inc(2);
  (*m->messages->WithLabels({"beijing", "routine", "received"}))->Inc();
  (*m->messages->WithLabels({"op \"quoted\"\nname \xe6\x9d\x8e", "routine", "displayed"}))
      ->Inc();
  (*m->answer_seconds->WithLabels({"beijing", "flash"}))->Observe(42.5);
  (*m->answer_seconds->WithLabels({"beijing", "flash"}))->Observe(1e6);
  (*m->unanswered->WithLabels({"beijing", "flash"}))->Set(1);
  (*m->store_commit_seconds->WithLabels({}))->Observe(0.0031);
  (*m->bad_frames->WithLabels({"decrypt"}))->Inc(7);
  auto g = r.AddGauge({.name = "openline_test_special_values",
                       .help = "Inf and NaN.",
                       .labels = {"kind"}});
  ASSERT_TRUE(g);
  (*(*g)->WithLabels({"pos"}))->Set(std::numeric_limits<double>::infinity());
  (*(*g)->WithLabels({"neg"}))->Set(-std::numeric_limits<double>::infinity());
  (*(*g)->WithLabels({"nan"}))->Set(std::numeric_limits<double>::quiet_NaN());
  (*(*g)->WithLabels({"tiny"}))->Set(1e-300);

  const std::string page = r.Render();
  // The families the docs promise are all on the page.
  for (const char* name :
       {"openline_messages_total", "openline_answer_seconds", "openline_unanswered",
        "openline_link_up", "openline_path_up", "openline_rtt_seconds",
        "openline_rtt_p99_seconds", "openline_heartbeat_age_seconds",
        "openline_queue_depth", "openline_store_commit_seconds",
        "openline_bad_frames_total", "openline_metrics_label_sets_refused_total"}) {
    EXPECT_NE(page.find(std::string("# TYPE ") + name + " "), std::string::npos) << name;
  }
  EXPECT_NE(page.find("openline_link_up{link=\"beijing\"} 1\n"), std::string::npos);
  EXPECT_NE(
      page.find("openline_rtt_seconds{link=\"beijing\",path=\"tcp://10.0.0.2:7001\"} "
                "0.182\n"),
      std::string::npos);
  EXPECT_EQ(page.find("backup.example:7001\"} NaN"), std::string::npos);

  const auto check = PromtoolCheck(page);
  EXPECT_EQ(check.code, 0) << check.out << "\n--- page ---\n" << page;
  EXPECT_EQ(check.out, "") << check.out;
}

TEST(PromtoolTest, PromtoolRejectsABrokenPage) {
  // Guards the guard: if promtool stopped checking, the test above would prove nothing.
  ASSERT_TRUE(HavePromtool())
      << "promtool not found on PATH (Debian package `prometheus`)";
  const auto check = PromtoolCheck("# TYPE x counter\nx{l=\"unterminated} 1\n");
  EXPECT_NE(check.code, 0);
  EXPECT_NE(check.out, "");
}

}  // namespace
}  // namespace openline::observe
