// Notifier with real /bin/sh scripts: delivery of the exact JSON, retries after
// timeouts and failures, bounded and escaped output, the bounded queue, a prompt
// destructor with a hanging command, and no zombies afterwards.
#include "notify/notifier.h"

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "notify/testing/script_dir.h"

namespace openline::notify {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// Collects reports from the worker thread.
class Reports {
 public:
  ReportCallback Callback() {
    return [this](const NotifyReport& r) {
      std::lock_guard lock(mu_);
      reports_.push_back(r);
      cv_.notify_all();
    };
  }
  // Waits until `n` reports have arrived (or 10 s); returns a copy of them.
  std::vector<NotifyReport> WaitFor(size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(10), [&] { return reports_.size() >= n; });
    return reports_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<NotifyReport> reports_;
};

class NotifierTest : public ::testing::Test {
 protected:
  void SetUp() override { std::signal(SIGPIPE, SIG_DFL); }
  void TearDown() override { EXPECT_TRUE(testing::NoChildrenLeft()); }

  NotifierConfig Config(std::string script, std::vector<std::string> args = {}) {
    NotifierConfig c;
    c.argv = {std::move(script)};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    c.timeout = milliseconds(5000);
    c.attempts = 3;
    c.backoff_initial = milliseconds(10);
    c.backoff_max = milliseconds(40);
    return c;
  }

  std::unique_ptr<Notifier> Start(NotifierConfig c) {
    auto n = Notifier::Start(std::move(c), reports_.Callback());
    EXPECT_TRUE(n.has_value()) << n.error().ToString();
    return n ? std::move(*n) : nullptr;
  }

  // Waits until `name` exists in the script dir (a script's "I am running" mark).
  bool WaitForFile(const std::string& name) {
    for (int i = 0; i < 500; ++i) {
      if (dir_.Exists(name)) return true;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return false;
  }

  testing::ScriptDir dir_;
  Reports reports_;
};

TEST_F(NotifierTest, CommandReceivesTheExactJsonOnStdin) {
  auto n = Start(Config(dir_.Script("s", "cat > \"$1\""), {dir_.Path("got")}));
  const std::string event =
      R"({"type":"unanswered","link":"beijing","precedence":"flash","seq":17})";
  auto id = n->Submit(event);
  ASSERT_TRUE(id.has_value());
  auto got = reports_.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].event_id, *id);
  EXPECT_TRUE(got[0].delivered);
  ASSERT_EQ(got[0].attempts.size(), 1u);
  EXPECT_TRUE(got[0].attempts[0].stdin_complete);
  EXPECT_EQ(dir_.Read("got"), event);
}

TEST_F(NotifierTest, EventIdAndAttemptAreInTheEnvironment) {
  auto n =
      Start(Config(dir_.Script("s",
                               "echo \"$OPENLINE_NOTIFY_EVENT_ID "
                               "$OPENLINE_NOTIFY_ATTEMPT/$OPENLINE_NOTIFY_ATTEMPTS\"")));
  ASSERT_TRUE(n->Submit("{}").has_value());
  auto got = reports_.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].attempts[0].stdout_head, "1 1/3\n");
}

TEST_F(NotifierTest, HangingCommandIsKilledAtTheTimeoutAndRetried) {
  auto c = Config(dir_.Script("s", "echo $OPENLINE_NOTIFY_ATTEMPT >> \"$1\"; sleep 30"),
                  {dir_.Path("runs")});
  c.timeout = milliseconds(200);
  c.attempts = 3;
  auto n = Start(c);
  const auto start = Clock::now();
  ASSERT_TRUE(n->Submit("{}").has_value());
  EXPECT_LT(Clock::now() - start, milliseconds(50));  // Submit never waits
  auto got = reports_.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_FALSE(got[0].delivered);
  ASSERT_EQ(got[0].attempts.size(), 3u);
  for (const auto& a : got[0].attempts) {
    EXPECT_EQ(a.outcome, ChildOutcome::kTimedOut);
    EXPECT_GE(a.duration, milliseconds(200));
    EXPECT_LT(a.duration, milliseconds(1500));
  }
  EXPECT_EQ(dir_.Read("runs"), "1\n2\n3\n");
  // 3 x 200 ms plus backoffs of 10 and 20 ms.
  EXPECT_GE(got[0].duration, milliseconds(630));
}

TEST_F(NotifierTest, FailThenSucceedIsRetriedUntilDelivered) {
  auto n = Start(Config(dir_.Script("s",
                                    "cat >/dev/null; [ \"$OPENLINE_NOTIFY_ATTEMPT\" -ge "
                                    "3 ] || { echo busy >&2; exit 7; }")));
  ASSERT_TRUE(n->Submit("{}").has_value());
  auto got = reports_.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].delivered);
  ASSERT_EQ(got[0].attempts.size(), 3u);
  EXPECT_EQ(got[0].attempts[0].exit_code, 7);
  EXPECT_EQ(got[0].attempts[0].stderr_head, "busy\n");
  EXPECT_EQ(got[0].attempts[1].exit_code, 7);
  EXPECT_TRUE(got[0].attempts[2].succeeded());
}

TEST_F(NotifierTest, BackoffDoublesUpToTheMaximum) {
  auto c = Config(dir_.Script("s", "exit 1"));
  c.attempts = 4;
  c.backoff_initial = milliseconds(100);
  c.backoff_max = milliseconds(150);
  auto n = Start(c);
  ASSERT_TRUE(n->Submit("{}").has_value());
  auto got = reports_.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].attempts.size(), 4u);
  // Backoffs 100 + 150 + 150 (capped, not 200).
  EXPECT_GE(got[0].duration, milliseconds(400));
  EXPECT_LT(got[0].duration, milliseconds(2000));
}

TEST_F(NotifierTest, HugeOutputIsTruncatedAndEscapedForDisplay) {
  auto c = Config(dir_.Script("s",
                              "printf 'ok\\033[2J\\342\\200\\256\\n'; "
                              "head -c 2000000 /dev/zero | tr '\\0' z"));
  c.capture_bytes = 64;
  auto n = Start(c);
  ASSERT_TRUE(n->Submit("{}").has_value());
  auto got = reports_.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  const ChildResult& a = got[0].attempts.at(0);
  EXPECT_TRUE(got[0].delivered);
  EXPECT_EQ(a.stdout_bytes, 10u + 2000000u);
  EXPECT_EQ(a.stdout_head.find('\x1b'), std::string::npos);
  EXPECT_EQ(a.stdout_head.find("\xe2\x80\xae"), std::string::npos);  // bidi override
  EXPECT_EQ(a.stdout_head, "ok\\x1b[2J\\u202e\n" + std::string(64 - 10, 'z'));
}

TEST_F(NotifierTest, CommandThatNeverReadsStdinDoesNotHurtTheStation) {
  auto c = Config(dir_.Script("s", "exit 0"));
  c.max_event_bytes = kMaxEventBytes;
  auto n = Start(c);
  ASSERT_TRUE(n->Submit(std::string(kMaxEventBytes, ' ')).has_value());
  auto got = reports_.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].delivered);
  EXPECT_FALSE(got[0].attempts[0].stdin_complete);
}

TEST_F(NotifierTest, FullQueueRefusesAtOnceAndCounts) {
  auto c = Config(dir_.Script("s", "touch \"$1.$OPENLINE_NOTIFY_EVENT_ID\"; sleep 30"),
                  {dir_.Path("running")});
  c.queue_capacity = 2;
  auto n = Start(c);
  ASSERT_TRUE(n->Submit("{\"n\":1}").has_value());
  ASSERT_TRUE(WaitForFile("running.1"));  // event 1 runs and blocks the worker
  EXPECT_TRUE(n->Submit("{\"n\":2}").has_value());
  EXPECT_TRUE(n->Submit("{\"n\":3}").has_value());
  EXPECT_EQ(n->queued(), 2u);
  const auto start = Clock::now();
  auto full = n->Submit("{\"n\":4}");
  EXPECT_LT(Clock::now() - start, milliseconds(50));
  ASSERT_FALSE(full.has_value());
  EXPECT_EQ(full.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(n->dropped(), 1u);
}

TEST_F(NotifierTest, OversizedOrEmptyEventIsRefused) {
  auto c = Config(dir_.Script("s", "exit 0"));
  c.max_event_bytes = 10;
  auto n = Start(c);
  EXPECT_EQ(n->Submit(std::string(11, 'x')).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(n->Submit("").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(n->dropped(), 0u);
}

TEST_F(NotifierTest, DestructorWithAHangingCommandReturnsPromptly) {
  auto c = Config(dir_.Script("s", "touch \"$1\"; sleep 30"), {dir_.Path("running")});
  c.timeout = milliseconds(60000);
  auto n = Start(c);
  ASSERT_TRUE(n->Submit("{}").has_value());
  ASSERT_TRUE(n->Submit("{}").has_value());  // queued behind it: dropped at shutdown
  ASSERT_TRUE(WaitForFile("running"));
  const auto start = Clock::now();
  n.reset();
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
  auto got = reports_.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_FALSE(got[0].delivered);
  ASSERT_EQ(got[0].attempts.size(), 1u);
  EXPECT_EQ(got[0].attempts[0].outcome, ChildOutcome::kCancelled);
}

TEST_F(NotifierTest, DestructorDuringBackoffReturnsPromptly) {
  auto c = Config(dir_.Script("s", "touch \"$1\"; exit 1"), {dir_.Path("ran")});
  c.backoff_initial = milliseconds(60000);
  c.backoff_max = milliseconds(60000);
  auto n = Start(c);
  ASSERT_TRUE(n->Submit("{}").has_value());
  ASSERT_TRUE(WaitForFile("ran"));
  std::this_thread::sleep_for(milliseconds(50));
  const auto start = Clock::now();
  n.reset();
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
}

TEST_F(NotifierTest, EventsRunInSubmissionOrder) {
  auto n = Start(Config(dir_.Script("s", "cat >> \"$1\""), {dir_.Path("log")}));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(n->Submit(std::to_string(i)).has_value());
  auto got = reports_.WaitFor(5);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(dir_.Read("log"), "01234");
}

TEST_F(NotifierTest, InvalidConfigurationIsRefused) {
  const std::string ok = dir_.Script("s", "exit 0");
  auto bad = [&](auto mutate) {
    NotifierConfig c = Config(ok);
    mutate(c);
    return !Notifier::Start(c, nullptr).has_value();
  };
  EXPECT_TRUE(bad([](NotifierConfig& c) { c.argv.clear(); }));
  EXPECT_TRUE(bad([](NotifierConfig& c) { c.argv[0] = "notify.sh"; }));  // relative
  EXPECT_TRUE(bad([&](NotifierConfig& c) { c.argv[0] = dir_.Path("missing"); }));
  EXPECT_TRUE(bad([](NotifierConfig& c) { c.attempts = 0; }));
  EXPECT_TRUE(bad([](NotifierConfig& c) { c.attempts = kMaxAttempts + 1; }));
  EXPECT_TRUE(bad([](NotifierConfig& c) { c.timeout = milliseconds(0); }));
  EXPECT_TRUE(bad([](NotifierConfig& c) { c.queue_capacity = 0; }));
  EXPECT_TRUE(bad([](NotifierConfig& c) { c.environment.push_back("NOEQUALS"); }));
  EXPECT_TRUE(bad([](NotifierConfig& c) { c.backoff_max = milliseconds(1); }));
  EXPECT_FALSE(bad([](NotifierConfig&) {}));
}

}  // namespace
}  // namespace openline::notify
