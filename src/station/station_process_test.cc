// Two real `openline station` processes on loopback: linked with the CLI, a FLASH
// one way and an acknowledgement back, both exports verifying and agreeing; then
// a stream of messages while each station is killed with SIGKILL and restarted
// several times, after which every accepted message was delivered exactly once,
// in order, and both transcripts still verify and agree; and SIGTERM stops a
// station cleanly.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>
#include <tuple>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/client.h"
#include "common/testing/run_command.h"
#include "station/station_dir.h"
#include "station/testing/station_pair.h"

namespace openline::station {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

using Run = openline::test_util::CommandResult;
using testing::StationPair;
using testing::StationProcess;

Run Cli(const std::string& args) {
  return openline::test_util::RunCommand(std::string(OPENLINE_BIN) + " " + args);
}

class StationProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("openline-proc-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto pair = StationPair::Create(OPENLINE_BIN, root_);
    ASSERT_TRUE(pair) << pair.error().message;
    pair_ = std::move(*pair);
    w_ = &pair_->w();
    b_ = &pair_->b();
  }
  void TearDown() override {
    pair_.reset();
    if (!HasFailure()) std::filesystem::remove_all(root_);
  }
  std::string W() const { return pair_->W(); }
  std::string B() const { return pair_->B(); }

  template <class Pred>
  bool Eventually(Pred pred, std::chrono::milliseconds timeout = 20s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (pred()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return pred();
  }

  void ExpectExportsAgree() {
    auto wf = (root_ / "w.oltx").string();
    auto bf = (root_ / "b.oltx").string();
    ASSERT_EQ(Cli("export --dir " + W() + " --link beijing --out " + wf).code, 0);
    ASSERT_EQ(Cli("export --dir " + B() + " --link washington --out " + bf).code, 0);
    auto r = Cli("verify " + wf + " --against " + bf);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("they agree"), std::string::npos) << r.out;
  }

  std::filesystem::path root_;
  std::unique_ptr<StationPair> pair_;
  StationProcess* w_ = nullptr;  // washington, owned by pair_
  StationProcess* b_ = nullptr;  // beijing
};

TEST_F(StationProcessTest, FlashOneWayAcknowledgementBack) {
  auto sent = Cli("send --dir " + W() +
                  " --link beijing --channel maritime --precedence flash --text 'Confirm "
                  "intentions.'");
  ASSERT_EQ(sent.code, 0) << sent.out;
  const std::string id = sent.out.substr(0, sent.out.find('\n'));
  ASSERT_TRUE(Eventually([&] {
    auto inbox = Cli("inbox --json --dir " + B());
    return inbox.code == 0 && json::parse(inbox.out)["messages"].size() == 1;
  }));
  auto inbox = json::parse(Cli("inbox --json --dir " + B()).out)["messages"][0];
  EXPECT_EQ(inbox["precedence"], "flash");
  EXPECT_EQ(inbox["text"], "Confirm intentions.");
  auto ack = Cli("ack " + inbox["id"].get<std::string>() + " --dir " + B() +
                 " --operator 'Li Wei' --note 'on it'");
  ASSERT_EQ(ack.code, 0) << ack.out;
  ASSERT_TRUE(Eventually([&] {
    auto show = Cli("show --json --dir " + W() + " " + id);
    return show.code == 0 && json::parse(show.out).value("state", "") == "acknowledged";
  }));
  auto show = json::parse(Cli("show --json --dir " + W() + " " + id).out);
  EXPECT_EQ(show["acknowledged_by"], "Li Wei");
  EXPECT_EQ(show["acknowledged_role"], "operator");  // not the token's "admin"

  EXPECT_TRUE(show.contains("received_us"));
  // Acknowledging twice is refused; an unknown message is not found.
  EXPECT_NE(Cli("ack " + inbox["id"].get<std::string>() + " --dir " + B()).code, 0);
  EXPECT_NE(Cli("ack washington:999 --dir " + B()).code, 0);
  EXPECT_NE(Cli("send --dir " + W() + " --link nowhere --text x").code, 0);
  // A named send repeated (a lost reply, a retry) is one message; the same name
  // for another text is refused.
  const std::string again =
      "send --dir " + W() + " --link beijing --request-id r-7 --text ";
  auto first = Cli(again + "'Stand by.'");
  ASSERT_EQ(first.code, 0) << first.out;
  EXPECT_EQ(Cli(again + "'Stand by.'").out, first.out);
  // A batch: accepted together, each answered in order; a reused request id
  // inside it is refused alone, in the one error shape.
  json batch = {{"messages",
                 {{{"link", "beijing"}, {"text", "one"}},
                  {{"link", "beijing"}, {"text", "Other"}, {"request_id", "r-7"}},
                  {{"link", "beijing"}, {"text", "three"}}}}};
  auto sent_batch = w_->Client().Post("/v1/messages", batch);
  ASSERT_TRUE(sent_batch && sent_batch->status == 201) << sent_batch->body.dump();
  const auto& results = sent_batch->body["messages"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_LT(results[0]["id"].get<uint64_t>(), results[2]["id"].get<uint64_t>());
  EXPECT_EQ(results[1]["error"]["code"], "request_id_reused");
  auto malformed = w_->Client().Post(
      "/v1/messages", json{{"messages", {{{"link", "beijing"}, {"text", ""}}}}});
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400u);
  auto reused = Cli(again + "'Other text.'");

  EXPECT_NE(reused.code, 0);
  EXPECT_NE(reused.out.find("already names a different message"), std::string::npos)
      << reused.out;

  ExpectExportsAgree();
  // SIGTERM: a clean stop.
  int status = w_->Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(StationProcessTest, SigkillsLoseNothingAndDuplicateNothing) {
  constexpr int kMessages = 2000;
  std::mt19937 rng(7);
  std::vector<std::string> accepted;  // texts in the order the station accepted them
  int retries = 0, replayed = 0, kills = 0;
  std::atomic<bool> done{false};
  std::thread killer([&] {
    for (int round = 0; round < 10 && !done; ++round) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400 + rng() % 800));
      if (done) break;
      StationProcess* victim = round % 2 == 0 ? b_ : w_;
      victim->Kill(SIGKILL);
      ++kills;
      std::this_thread::sleep_for(100ms);
      (void)victim->Start();
      victim->WaitReady();
    }
  });
  for (int i = 0; i < kMessages; ++i) {
    const std::string text = "m" + std::to_string(i);
    json body = {{"link", "beijing"},
                 {"channel", "maritime"},
                 {"precedence", "priority"},
                 {"text", text},
                 {"request_id", "kill-test-" + std::to_string(i)}};
    // A client that retries with the same request id until the station answers:
    // a crash between the commit and the reply must not make a second message.
    for (;;) {
      auto r = w_->Client().Post("/v1/messages", body);
      if (r && r->ok()) {
        if (r->body.value("replayed", false)) ++replayed;
        break;
      }
      ASSERT_TRUE(!r || r->status == 503) << "refused: " << r->body.dump();
      ++retries;
      std::this_thread::sleep_for(20ms);
    }
    accepted.push_back(text);
  }
  done = true;
  killer.join();
  ASSERT_TRUE(w_->WaitReady());
  ASSERT_TRUE(b_->WaitReady());
  EXPECT_GE(kills, 3) << "the sends ended before the stations were killed enough";
  std::vector<std::string> delivered;
  ASSERT_TRUE(Eventually(
      [&] {
        auto log = b_->Client().Get("/v1/links/washington/log");
        if (!log || !log->ok()) return false;
        delivered.clear();
        for (const auto& m : log->body["messages"]) {
          if (m["from"] == "peer") delivered.push_back(m["text"].get<std::string>());
        }
        auto status = w_->Client().Get("/v1/status");
        return status && status->ok() &&
               status->body["links"][0]["unacknowledged_by_peer"].get<uint64_t>() == 0 &&
               delivered.size() >= accepted.size();
      },
      120s));
  // Every message arrived exactly once, in the order it was accepted.
  EXPECT_EQ(delivered.size(), accepted.size()) << "lost or duplicated messages";
  for (size_t i = 0; i < std::min(delivered.size(), accepted.size()); ++i) {
    if (delivered[i] != accepted[i]) {
      ADD_FAILURE() << "delivery " << i << " is " << delivered[i] << ", accepted "
                    << accepted[i];
      break;
    }
  }

  std::printf(
      "sigkill test: %d kills, %d retried sends (%d answered as replays), %zu "
      "delivered\n",
      kills, retries, replayed, delivered.size());
  ExpectExportsAgree();
}

TEST_F(StationProcessTest, ASignedInOperatorIsNamedInTheReceiptAndHeldToTheirRole) {
  const std::string pw = "correct horse battery";
  const auto pw_file = root_ / "password";
  std::ofstream(pw_file) << pw << "\n";
  for (const auto& [login, name, role] : {std::tuple{"liwei", "Li Wei", "operator"},
                                          std::tuple{"audit", "A. Uditor", "auditor"}}) {
    auto added =
        Cli("operator add --dir " + B() + " --login " + login + " --name '" + name +
            "' --role " + role + " --password-stdin < " + pw_file.string());
    ASSERT_EQ(added.code, 0) << added.out;
  }
  auto session = [&](const std::string& login) {
    auto r = b_->Client().Post("/v1/sessions", json{{"login", login}, {"password", pw}});
    EXPECT_TRUE(r && r->ok()) << (r ? r->body.dump() : r.error().message);
    return r ? r->body["token"].get<std::string>() : std::string();
  };
  auto as = [&](const std::string& token) {
    auto c = b_->Options();
    c.token = token;
    return api::Client(c);
  };
  const std::string liwei = session("liwei"), auditor = session("audit");
  auto wrong =
      b_->Client().Post("/v1/sessions", json{{"login", "liwei"}, {"password", "nope"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401u);
  ASSERT_TRUE(
      w_->Client().Post("/v1/messages", json{{"link", "beijing"}, {"text", "Confirm."}}));
  ASSERT_TRUE(Eventually([&] {
    auto inbox = as(liwei).Get("/v1/inbox");
    return inbox && inbox->ok() && inbox->body["messages"].size() == 1;
  }));
  // An auditor reads but may not acknowledge or send.
  auto refused = as(auditor).Post("/v1/messages/washington:1/ack", json::object());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403u);
  EXPECT_EQ(as(auditor)
                .Post("/v1/messages", json{{"link", "washington"}, {"text", "x"}})
                ->status,
            403u);
  // The operator's name comes from the account, whatever the body claims.
  auto ack = as(liwei).Post("/v1/messages/washington:1/ack",
                            json{{"operator", "Somebody Else"}, {"note", "on it"}});
  ASSERT_TRUE(ack && ack->ok()) << ack->body.dump();
  ASSERT_TRUE(Eventually([&] {
    auto shown = w_->Client().Get("/v1/messages/1");
    return shown && shown->ok() && shown->body.value("state", "") == "acknowledged";
  }));
  auto shown = w_->Client().Get("/v1/messages/1");
  EXPECT_EQ(shown->body["acknowledged_by"], "Li Wei");
  EXPECT_EQ(shown->body["acknowledged_role"], "operator");
  auto audit = as(auditor).Get("/v1/audit");
  ASSERT_TRUE(audit && audit->ok()) << audit->body.dump();
  EXPECT_NE(audit->body.dump().find("liwei"), std::string::npos);
}

// Hostile peers on washington's peer port (garbage, a giant length prefix,
// connections that never speak, a burst of handshakes) are dropped and counted
// while the link to beijing keeps delivering.
TEST_F(StationProcessTest, GarbagePeersAreCountedAndTheLinkKeepsDelivering) {
  const auto port = static_cast<uint16_t>(
      w_->Client().Get("/v1/status")->body["peer_port"].get<unsigned>());
  boost::asio::io_context io;
  const boost::asio::ip::tcp::endpoint at(boost::asio::ip::make_address("127.0.0.1"),
                                          port);
  std::vector<boost::asio::ip::tcp::socket> idle;
  std::atomic<bool> stop{false};
  std::thread attacker([&] {
    std::mt19937 rng(3);
    for (int round = 0; !stop; ++round) {
      boost::asio::ip::tcp::socket s(io);
      boost::system::error_code ec;
      s.connect(at, ec);
      if (ec) continue;
      std::vector<uint8_t> junk(1 + rng() % 300);
      for (auto& b : junk) b = static_cast<uint8_t>(rng());
      if (round % 3 == 1) junk = {0xff, 0xff, 0xff, 0xff};  // a giant length prefix
      if (round % 3 != 2) boost::asio::write(s, boost::asio::buffer(junk), ec);
      if (round % 10 == 0 && idle.size() < 20) idle.push_back(std::move(s));  // half-open
      std::this_thread::sleep_for(5ms);
    }
  });
  for (int i = 0; i < 50; ++i) {
    auto r = w_->Client().Post(
        "/v1/messages",
        json{{"link", "beijing"}, {"text", "under fire " + std::to_string(i)}});
    ASSERT_TRUE(r && r->ok());
  }
  const bool delivered = Eventually([&] {
    auto log = b_->Client().Get("/v1/links/washington/log");
    return log && log->ok() && log->body["messages"].size() == 50;
  });
  stop = true;
  attacker.join();
  EXPECT_TRUE(delivered) << "the link stopped delivering under garbage";
  auto metrics = w_->Client().Get("/metrics");
  ASSERT_TRUE(metrics && metrics->ok());
  EXPECT_NE(metrics->text.find("openline_bad_frames_total{reason=\"handshake\"}"),
            std::string::npos)
      << metrics->text;
  EXPECT_NE(metrics->text.find("openline_link_up{link=\"beijing\"} 1"),
            std::string::npos);
}

}  // namespace
}  // namespace openline::station
