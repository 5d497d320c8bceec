// Two real `openline station` processes on loopback: linked with the CLI, a FLASH
// one way and an acknowledgement back, both exports verifying and agreeing; then
// a stream of messages while each station is killed with SIGKILL and restarted
// several times, after which every accepted message was delivered exactly once,
// in order, and both transcripts still verify and agree; and SIGTERM stops a
// station cleanly.
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/client.h"
#include "common/testing/run_command.h"
#include "station/station_dir.h"

extern char** environ;

namespace openline::station {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

using Run = openline::test_util::CommandResult;

Run Cli(const std::string& args) {
  return openline::test_util::RunCommand(std::string(OPENLINE_BIN) + " " + args);
}

uint16_t FreePort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

class StationProcess {
 public:
  StationProcess(std::filesystem::path dir, uint16_t api_port)
      : dir_(std::move(dir)), api_port_(api_port) {}
  ~StationProcess() { Kill(SIGKILL); }

  void Start() {
    std::string log = (dir_ / "station.log").string();
    std::string d = dir_.string();
    std::vector<std::string> args = {"/bin/sh", "-c",
                                     "exec " + std::string(OPENLINE_BIN) +
                                         " station --dir " + d + " >>" + log + " 2>&1"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ASSERT_EQ(::posix_spawn(&pid_, "/bin/sh", nullptr, nullptr, argv.data(), environ), 0);
  }
  // Waits until the API answers (the station is ready) or the deadline passes.
  bool WaitReady(std::chrono::milliseconds timeout = 10s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      auto r = Client().Get("/v1/health");
      if (r && r->ok()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
  int Kill(int sig) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }
  api::Client Client() const {
    api::ClientOptions o;
    o.host = "127.0.0.1";
    o.port = api_port_;
    o.token = *StationDir{dir_}.ApiToken();
    o.timeout = 5s;
    return api::Client(o);
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  uint16_t api_port_;
  pid_t pid_ = -1;
};

class StationProcessTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("openline-proc-" + std::to_string(::getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    const uint16_t wp = FreePort(), bp = FreePort(), wa = FreePort(), ba = FreePort();
    ASSERT_EQ(Cli("init --dir " + W() + " --name washington --listen 127.0.0.1:" +
                  std::to_string(wp) + " --api 127.0.0.1:" + std::to_string(wa))
                  .code,
              0);
    ASSERT_EQ(Cli("init --dir " + B() + " --name beijing --listen 127.0.0.1:" +
                  std::to_string(bp) + " --api 127.0.0.1:" + std::to_string(ba))
                  .code,
              0);
    auto wid = json::parse(Cli("identity --json --dir " + W()).out)["identity"]
                   .get<std::string>();
    auto bid = json::parse(Cli("identity --json --dir " + B()).out)["identity"]
                   .get<std::string>();
    ASSERT_EQ(Cli("link add --dir " + W() + " --name beijing --key " + bid +
                  " --path tcp://127.0.0.1:" + std::to_string(bp))
                  .code,
              0);
    ASSERT_EQ(Cli("link add --dir " + B() + " --name washington --key " + wid +
                  " --path tcp://127.0.0.1:" + std::to_string(wp))
                  .code,
              0);
    w_ = std::make_unique<StationProcess>(root_ / "w", wa);
    b_ = std::make_unique<StationProcess>(root_ / "b", ba);
    w_->Start();
    b_->Start();
    ASSERT_TRUE(w_->WaitReady());
    ASSERT_TRUE(b_->WaitReady());
  }
  void TearDown() override {
    w_.reset();
    b_.reset();
    if (!HasFailure()) std::filesystem::remove_all(root_);
  }
  std::string W() const { return (root_ / "w").string(); }
  std::string B() const { return (root_ / "b").string(); }

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
  std::unique_ptr<StationProcess> w_, b_;
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
  EXPECT_TRUE(show.contains("received_us"));
  // Acknowledging twice is refused; an unknown message is not found.
  EXPECT_NE(Cli("ack " + inbox["id"].get<std::string>() + " --dir " + B()).code, 0);
  EXPECT_NE(Cli("ack washington:999 --dir " + B()).code, 0);
  EXPECT_NE(Cli("send --dir " + W() + " --link nowhere --text x").code, 0);
  ExpectExportsAgree();
  // SIGTERM: a clean stop.
  int status = w_->Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(StationProcessTest, SigkillsLoseNothingAndDuplicateNothing) {
  constexpr int kMessages = 400;
  std::mt19937 rng(7);
  std::vector<std::string> accepted;  // texts the station confirmed, in order
  std::atomic<bool> done{false};
  std::thread killer([&] {
    for (int round = 0; round < 6 && !done; ++round) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300 + rng() % 500));
      auto& victim = round % 2 == 0 ? b_ : w_;
      victim->Kill(SIGKILL);
      std::this_thread::sleep_for(100ms);
      victim->Start();
      victim->WaitReady();
    }
  });
  for (int i = 0; i < kMessages; ++i) {
    const std::string text = "m" + std::to_string(i);
    json body = {{"link", "beijing"},
                 {"channel", "maritime"},
                 {"precedence", "priority"},
                 {"text", text}};
    auto r = w_->Client().Post("/v1/messages", body);
    // No retry: a message is either confirmed (then it must arrive exactly once) or
    // not (then it may still arrive, if the crash came between commit and reply).
    if (r && r->ok()) accepted.push_back(text);
  }
  done = true;
  killer.join();
  ASSERT_TRUE(w_->WaitReady());
  ASSERT_TRUE(b_->WaitReady());
  ASSERT_GT(accepted.size(), kMessages / 2u);
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
      60s));
  std::set<std::string> seen;
  for (const auto& t : delivered)
    EXPECT_TRUE(seen.insert(t).second) << "delivered twice: " << t;
  // Every confirmed message arrived, in the order it was accepted.
  size_t at = 0;
  for (const auto& t : delivered) {
    if (at < accepted.size() && t == accepted[at]) ++at;
  }
  EXPECT_EQ(at, accepted.size()) << "a confirmed message is missing or out of order";
  std::printf("sigkill test: %zu confirmed, %zu delivered\n", accepted.size(),
              delivered.size());
  ExpectExportsAgree();
}

}  // namespace
}  // namespace openline::station
