// Two real stations with a 2-second FLASH deadline: a FLASH that nobody
// acknowledges must run the receiving station's notifier command and raise the
// *unanswered* alert at the sender (human silence: it was received) within the
// deadline plus one second; one that is acknowledged in time must do neither.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "station/testing/station_pair.h"

namespace openline::station {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::StationPair;
using Clock = std::chrono::steady_clock;

class AnsweringProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("openline-answer-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "notified");
    // The site's notifier: keeps each event it is given.
    notifier_ = root_ / "notify.sh";
    std::ofstream(notifier_) << "#!/bin/sh\ncat > " << (root_ / "notified").string()
                             << "/event.$$.json\n";
    ::chmod(notifier_.c_str(), 0755);
    auto pair = StationPair::Create(
        OPENLINE_BIN, root_ / "stations",
        "[answering]\nflash = 2\nnotifier = [\"" + notifier_.string() + "\"]\n");
    ASSERT_TRUE(pair) << pair.error().message;
    pair_ = std::move(*pair);
  }
  void TearDown() override {
    pair_.reset();
    if (!HasFailure()) std::filesystem::remove_all(root_);
  }

  std::vector<json> Notified() {
    std::vector<json> out;
    for (const auto& f : std::filesystem::directory_iterator(root_ / "notified")) {
      std::ifstream in(f.path());
      std::string text((std::istreambuf_iterator<char>(in)), {});
      if (auto j = json::parse(text, nullptr, false); !j.is_discarded()) out.push_back(j);
    }
    return out;
  }

  // Follows washington's events until `want` matches one or `limit` passes.
  std::optional<json> AwaitEvent(const std::function<bool(const json&)>& want,
                                 std::chrono::milliseconds limit) {
    std::optional<json> found;
    std::atomic<bool> done{false};
    std::thread follower([&] {
      (void)pair_->w().Client().StreamEvents([&](const json& e) {
        if (want(e)) found = e;
        return !found && !done;
      });
    });
    const auto end = Clock::now() + limit;
    while (!found && Clock::now() < end) std::this_thread::sleep_for(20ms);
    done = true;
    // The stream only notices `done` at its next event: send one.
    (void)pair_->w().Client().Post("/v1/messages",
                                   json{{"link", "beijing"}, {"text", "wake"}});
    follower.join();
    return found;
  }

  std::filesystem::path root_, notifier_;
  std::unique_ptr<StationPair> pair_;
};

TEST_F(AnsweringProcessTest, AnUnansweredFlashRunsTheNotifierAndAlertsTheSender) {
  const auto sent_at = Clock::now();
  std::thread send([&] {
    auto r =
        pair_->w().Client().Post("/v1/messages", json{{"link", "beijing"},
                                                      {"precedence", "flash"},
                                                      {"text", "Confirm intentions."}});
    ASSERT_TRUE(r && r->ok());
  });
  auto alert =
      AwaitEvent([](const json& e) { return e.value("type", "") == "unanswered"; }, 6s);
  send.join();
  ASSERT_TRUE(alert) << "the sender never saw its FLASH go unanswered";
  EXPECT_LE(Clock::now() - sent_at, 3s + 500ms);                // deadline 2 s, plus 1 s
  EXPECT_EQ((*alert)["silence"], "received_not_acknowledged");  // human silence
  EXPECT_EQ((*alert)["after_s"], 2);
  EXPECT_EQ((*alert)["id"], "beijing:1");
  // The sender signed the fact into the transcript both stations hold: the
  // verifier shows it, and the peer's copy agrees.
  const std::string wf = (root_ / "w.oltx").string(), bf = (root_ / "b.oltx").string();
  std::string report;
  for (int i = 0; i < 50 && report.find("NOTICE") == std::string::npos; ++i) {
    std::this_thread::sleep_for(50ms);
    ASSERT_EQ(
        pair_->Cli("export --dir " + pair_->W() + " --link beijing --out " + wf).code, 0);
    report = pair_->Cli("verify " + wf).out;
  }
  EXPECT_NE(report.find("NOTICE unanswered after 2 s (received, not acknowledged)"),
            std::string::npos)
      << report;
  ASSERT_EQ(
      pair_->Cli("export --dir " + pair_->B() + " --link washington --out " + bf).code,
      0);
  auto against = pair_->Cli("verify " + wf + " --against " + bf);
  EXPECT_EQ(against.code, 0) << against.out;
  // /metrics is the Prometheus text format, as promtool reads it.
  auto metrics = pair_->w().Client().Get("/metrics");
  ASSERT_TRUE(metrics && metrics->ok());
  EXPECT_NE(metrics->text.find("openline_link_up{link=\"beijing\"} 1"), std::string::npos)
      << metrics->text;
  EXPECT_NE(metrics->text.find("openline_store_commit_seconds_count"), std::string::npos);
  for (const char* line : {"openline_unanswered{link=\"beijing\",precedence=\"flash\"} 1",
                           "openline_messages_total{link=\"beijing\",precedence="
                           "\"flash\",state=\"accepted\"} 1",
                           "openline_messages_total{link=\"beijing\",precedence="
                           "\"flash\",state=\"unanswered\"} 1"}) {
    EXPECT_NE(metrics->text.find(line), std::string::npos) << line << "\n"
                                                           << metrics->text;
  }

  const auto page = root_ / "metrics.txt";
  std::ofstream(page) << metrics->text;
  auto promtool = test_util::RunCommand("promtool check metrics < " + page.string());
  EXPECT_EQ(promtool.code, 0) << promtool.out;
  EXPECT_EQ(promtool.out, "") << "promtool lint: " << promtool.out;

  // The receiving side ran its notifier with the escalation as JSON on stdin.
  std::vector<json> notified;
  for (int i = 0; i < 50 && notified.empty(); ++i) {
    notified = Notified();
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(notified.size(), 1u);
  EXPECT_EQ(notified[0]["station"], "beijing");
  EXPECT_EQ(notified[0]["id"], "washington:1");
  EXPECT_EQ(notified[0]["precedence"], "flash");
  EXPECT_EQ(notified[0]["tier"], 2);
}

TEST_F(AnsweringProcessTest, AFlashAcknowledgedInTimeEscalatesNowhere) {
  auto r = pair_->w().Client().Post(
      "/v1/messages",
      json{{"link", "beijing"}, {"precedence", "flash"}, {"text", "Hold."}});
  ASSERT_TRUE(r && r->ok());
  bool acked = false;
  for (int i = 0; i < 100 && !acked; ++i) {
    auto ack = pair_->b().Client().Post("/v1/messages/washington:1/ack",
                                        json{{"operator", "Li Wei"}});
    acked = ack && ack->ok();
    if (!acked) std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(acked);
  auto alert = AwaitEvent(
      [](const json& e) { return e.value("type", "") == "unanswered"; }, 3500ms);
  EXPECT_FALSE(alert) << alert->dump();
  EXPECT_TRUE(Notified().empty());
}

}  // namespace
}  // namespace openline::station
