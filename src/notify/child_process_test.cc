// RunChild against real /bin/sh scripts: stdin, exit codes, signals, timeouts that
// kill the whole process group, bounded output, a child that never reads stdin,
// descriptor and environment isolation, cancellation, and no zombies.
#include "notify/child_process.h"

#include <csignal>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "notify/testing/script_dir.h"

namespace openline::notify {
namespace {

using std::chrono::milliseconds;
using testing::NoChildrenLeft;
using testing::ProcessIsGone;
using testing::ScriptDir;

class ChildProcessTest : public ::testing::Test {
 protected:
  // Default SIGPIPE disposition: a stray SIGPIPE in this process would kill the
  // test binary, which is what the station must never suffer.
  void SetUp() override { std::signal(SIGPIPE, SIG_DFL); }
  void TearDown() override { EXPECT_TRUE(NoChildrenLeft()); }

  ChildSpec Spec(std::string script, std::vector<std::string> args = {}) {
    ChildSpec spec;
    spec.argv = {std::move(script)};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.env = {"PATH=/usr/bin:/bin"};
    spec.timeout = milliseconds(5000);
    spec.capture_bytes = 1024;
    return spec;
  }

  ScriptDir dir_;
};

TEST_F(ChildProcessTest, ChildReceivesExactInputAndExitCodeIsReported) {
  const std::string input =
      "{\"event\":\"unanswered\",\"text\":\"line\\nbreak \xe2\x9c\x93\"}";
  auto r =
      RunChild(Spec(dir_.Script("s", "cat > \"$1\"; echo done; echo oops >&2; exit 3"),
                    {dir_.Path("got")}),
               input);
  EXPECT_EQ(r.outcome, ChildOutcome::kExited);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.succeeded());
  EXPECT_TRUE(r.stdin_complete);
  EXPECT_EQ(dir_.Read("got"), input);
  EXPECT_EQ(r.stdout_head, "done\n");
  EXPECT_EQ(r.stderr_head, "oops\n");
}

TEST_F(ChildProcessTest, SuccessIsExitZero) {
  auto r = RunChild(Spec(dir_.Script("s", "cat >/dev/null")), "{}");
  EXPECT_TRUE(r.succeeded());
}

TEST_F(ChildProcessTest, HangingChildAndItsWholeGroupAreKilledAtTheTimeout) {
  auto spec =
      Spec(dir_.Script("s", "sleep 30 & echo $! > \"$1\"; sleep 30"), {dir_.Path("bg")});
  spec.timeout = milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  auto r = RunChild(spec, "{}");
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.outcome, ChildOutcome::kTimedOut);
  EXPECT_GE(took, milliseconds(300));
  EXPECT_LT(took, milliseconds(2000));
  const long bg = std::stol(dir_.Read("bg"));
  // The background sleep was in the child's process group: killed too.
  for (int i = 0; i < 100 && !ProcessIsGone(bg); ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(ProcessIsGone(bg)) << "background pid " << bg << " survived";
}

TEST_F(ChildProcessTest, StragglersAreKilledWhenTheCommandExits) {
  // The command exits at once but leaves a sleeper holding stdout open.
  auto spec =
      Spec(dir_.Script("s", "sleep 30 & echo $! > \"$1\"; exit 0"), {dir_.Path("bg")});
  const auto start = std::chrono::steady_clock::now();
  auto r = RunChild(spec, "{}");
  EXPECT_TRUE(r.succeeded());
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(2000));
  const long bg = std::stol(dir_.Read("bg"));
  for (int i = 0; i < 100 && !ProcessIsGone(bg); ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(ProcessIsGone(bg));
}

TEST_F(ChildProcessTest, HugeOutputIsReadFullyButOnlyTheHeadIsKept) {
  auto spec = Spec(dir_.Script("s",
                               "head -c 3000000 /dev/zero | tr '\\0' a; "
                               "head -c 500000 /dev/zero | tr '\\0' b >&2"));
  spec.capture_bytes = 100;
  auto r = RunChild(spec, "{}");
  EXPECT_TRUE(r.succeeded()) << ToString(r.outcome);
  EXPECT_EQ(r.stdout_head, std::string(100, 'a'));
  EXPECT_EQ(r.stderr_head, std::string(100, 'b'));
  EXPECT_EQ(r.stdout_bytes, 3000000u);
  EXPECT_EQ(r.stderr_bytes, 500000u);
}

TEST_F(ChildProcessTest, ChildThatNeverReadsStdinDoesNotRaiseSigpipeHere) {
  const std::string big(4 * 1024 * 1024, 'x');  // far more than a pipe buffer
  auto r = RunChild(Spec(dir_.Script("s", "exit 0")), big);
  // Still alive (SIGPIPE is at its default, fatal disposition in this process).
  EXPECT_TRUE(r.succeeded());
  EXPECT_FALSE(r.stdin_complete);
  sigset_t pending;
  sigpending(&pending);
  EXPECT_FALSE(sigismember(&pending, SIGPIPE));
}

TEST_F(ChildProcessTest, ChildThatNeitherReadsNorExitsTimesOutWithoutBlocking) {
  const std::string big(4 * 1024 * 1024, 'x');
  auto spec = Spec(dir_.Script("s", "sleep 30"));
  spec.timeout = milliseconds(200);
  auto r = RunChild(spec, big);
  EXPECT_EQ(r.outcome, ChildOutcome::kTimedOut);
  EXPECT_FALSE(r.stdin_complete);
  EXPECT_LT(r.duration, milliseconds(2000));
}

TEST_F(ChildProcessTest, SignalDeathIsReported) {
  auto r = RunChild(Spec(dir_.Script("s", "kill -TERM $$")), "{}");
  EXPECT_EQ(r.outcome, ChildOutcome::kSignaled);
  EXPECT_EQ(r.signal, SIGTERM);
}

TEST_F(ChildProcessTest, MissingCommandIsASpawnFailure) {
  auto r = RunChild(Spec(dir_.Path("does-not-exist")), "{}");
  EXPECT_EQ(r.outcome, ChildOutcome::kSpawnFailed);
  EXPECT_NE(r.error.find("does-not-exist"), std::string::npos) << r.error;
}

TEST_F(ChildProcessTest, OnlyTheGivenEnvironmentReachesTheChild) {
  ::setenv("OPENLINE_TEST_STATION_SECRET", "leak", 1);
  auto spec = Spec(dir_.Script("s",
                               "printf '%s|%s' \"${OPENLINE_TEST_STATION_SECRET-unset}\" "
                               "\"$GIVEN\""));
  spec.env.push_back("GIVEN=yes");
  auto r = RunChild(spec, "{}");
  ::unsetenv("OPENLINE_TEST_STATION_SECRET");
  EXPECT_EQ(r.stdout_head, "unset|yes");
}

TEST_F(ChildProcessTest, InheritableDescriptorsAreClosedInTheChild) {
  // A descriptor the station opened without O_CLOEXEC, at a number the shell does
  // not use for itself.
  const int fd = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(fd, 0);
  const int high = ::fcntl(fd, F_DUPFD, 50);
  ::close(fd);
  auto r =
      RunChild(Spec(dir_.Script("s", "if [ -e /proc/$$/fd/" + std::to_string(high) +
                                         " ]; then echo leaked; else echo closed; fi")),
               "{}");
  ::close(high);
  EXPECT_EQ(r.stdout_head, "closed\n");
}

TEST_F(ChildProcessTest, IgnoredSignalsAreResetForTheChild) {
  // The station may ignore SIGPIPE or SIGTERM; the command must not inherit that.
  std::signal(SIGTERM, SIG_IGN);
  auto r = RunChild(Spec(dir_.Script("s", "kill -TERM $$; exit 0")), "{}");
  std::signal(SIGTERM, SIG_DFL);
  EXPECT_EQ(r.outcome, ChildOutcome::kSignaled);
}

TEST_F(ChildProcessTest, CancelFdStopsTheChildPromptly) {
  const int efd = ::eventfd(0, EFD_CLOEXEC);
  ASSERT_GE(efd, 0);
  std::thread canceller([efd] {
    std::this_thread::sleep_for(milliseconds(100));
    const uint64_t one = 1;
    EXPECT_EQ(::write(efd, &one, sizeof one), 8);
  });
  auto spec = Spec(dir_.Script("s", "sleep 30"));
  spec.timeout = milliseconds(30000);
  auto r = RunChild(spec, "{}", efd);
  canceller.join();
  ::close(efd);
  EXPECT_EQ(r.outcome, ChildOutcome::kCancelled);
  EXPECT_LT(r.duration, milliseconds(2000));
}

}  // namespace
}  // namespace openline::notify
