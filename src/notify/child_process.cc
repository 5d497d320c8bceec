#include "notify/child_process.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace openline::notify {
namespace {

using Clock = std::chrono::steady_clock;

// Without a pidfd we cannot sleep until the child exits, so poll wakes this often
// to look.
constexpr std::chrono::milliseconds kExitPollInterval{20};
constexpr size_t kReadChunk = 16 * 1024;

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Close(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      Close();
      fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
  }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// A pipe whose ends are both close-on-exec and above stdio: if the station runs
// with fd 0..2 closed, a pipe end could land there and be clobbered by the dup2s
// that set up the child's stdio.
bool MakePipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  for (int& fd : fds) {
    if (fd < 3) {
      const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
      ::close(fd);
      fd = moved;
    }
  }
  read_end = Fd(fds[0]);
  write_end = Fd(fds[1]);
  return read_end.valid() && write_end.valid();
}

void SetNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

int PidfdOpen(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

// True once the child has exited; leaves it unreaped (a zombie we still own), so
// its pid, which is also its process-group id, cannot be reused yet.
bool HasExited(pid_t pid) {
  siginfo_t info{};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) ==
             0 &&
         info.si_pid == pid;
}

// Reads what is available; closes `fd` at EOF. Keeps the first `limit` bytes.
void Drain(Fd& fd, std::string& head, size_t& total, size_t limit) {
  std::array<char, kReadChunk> buf;
  while (fd.valid()) {
    const ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n > 0) {
      const auto got = static_cast<size_t>(n);
      total += got;
      if (head.size() < limit)
        head.append(buf.data(), std::min(got, limit - head.size()));
    } else if (n == 0) {
      fd.Close();
    } else if (errno != EINTR) {
      if (errno != EAGAIN) fd.Close();
      return;
    }
  }
}

// Blocks SIGPIPE on this thread for the lifetime of the guard, then consumes any
// SIGPIPE our writes left pending before restoring the old mask.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &block, &old_);
  }
  ~SigpipeGuard() {
    if (!sigismember(&old_, SIGPIPE)) {
      sigset_t pipe_only;
      sigemptyset(&pipe_only);
      sigaddset(&pipe_only, SIGPIPE);
      const timespec zero{0, 0};
      while (::sigtimedwait(&pipe_only, nullptr, &zero) == SIGPIPE) {
      }
    }
    ::pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t old_;
};

struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

std::vector<char*> CStrings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const std::string& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

std::chrono::milliseconds Since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace

std::string_view ToString(ChildOutcome outcome) {
  switch (outcome) {
    case ChildOutcome::kExited:
      return "exited";
    case ChildOutcome::kSignaled:
      return "signaled";
    case ChildOutcome::kTimedOut:
      return "timed_out";
    case ChildOutcome::kSpawnFailed:
      return "spawn_failed";
    case ChildOutcome::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

ChildResult RunChild(const ChildSpec& spec, std::string_view input, int cancel_fd) {
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + spec.timeout;
  ChildResult result;
  if (spec.argv.empty()) {
    result.error = "empty argv";
    return result;
  }
  SigpipeGuard sigpipe_guard;

  Fd in_r, in_w, out_r, out_w, err_r, err_w;
  if (!MakePipe(in_r, in_w) || !MakePipe(out_r, out_w) || !MakePipe(err_r, err_w)) {
    result.error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  SpawnSetup setup;
  posix_spawn_file_actions_adddup2(&setup.actions, in_r.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&setup.actions, out_w.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&setup.actions, err_w.get(), STDERR_FILENO);
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, 3);
  sigset_t empty_mask, all_default;
  sigemptyset(&empty_mask);
  sigfillset(&all_default);
  sigdelset(&all_default, SIGKILL);
  sigdelset(&all_default, SIGSTOP);
  posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                            POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&setup.attr, 0);  // a new group whose id is the child's pid
  posix_spawnattr_setsigmask(&setup.attr, &empty_mask);
  posix_spawnattr_setsigdefault(&setup.attr, &all_default);

  std::vector<char*> argv = CStrings(spec.argv);
  std::vector<char*> envp = CStrings(spec.env);
  pid_t pid = -1;
  const int rc =
      ::posix_spawn(&pid, argv[0], &setup.actions, &setup.attr, argv.data(), envp.data());
  in_r.Close();
  out_w.Close();
  err_w.Close();
  if (rc != 0) {
    result.error = spec.argv[0] + ": " + std::strerror(rc);
    result.duration = Since(start);
    return result;
  }
  const Fd pidfd(PidfdOpen(pid));
  SetNonBlocking(in_w.get());
  SetNonBlocking(out_r.get());
  SetNonBlocking(err_r.get());
  if (input.empty()) {
    in_w.Close();
    result.stdin_complete = true;
  }

  size_t written = 0;
  bool timed_out = false, cancelled = false;
  while (!HasExited(pid)) {
    const auto now = Clock::now();
    if (now >= deadline) {
      timed_out = true;
      break;
    }
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    if (!pidfd.valid()) wait = std::min(wait, kExitPollInterval);
    std::array<pollfd, 5> fds{};
    nfds_t n = 0;
    auto add = [&](int fd, short events) { fds[n++] = pollfd{fd, events, 0}; };
    // Unused slots get fd -1, which poll ignores; indices stay fixed.
    add(in_w.get(), POLLOUT);
    add(out_r.get(), POLLIN);
    add(err_r.get(), POLLIN);
    add(pidfd.get(), POLLIN);
    add(cancel_fd, POLLIN);
    if (::poll(fds.data(), n, static_cast<int>(wait.count())) < 0 && errno != EINTR)
      break;
    if (fds[4].revents != 0) {
      cancelled = true;
      break;
    }
    if (fds[0].revents != 0 && in_w.valid()) {
      const ssize_t w =
          ::write(in_w.get(), input.data() + written, input.size() - written);
      if (w > 0) written += static_cast<size_t>(w);
      if (w < 0 && errno != EAGAIN && errno != EINTR) in_w.Close();  // EPIPE: not reading
      if (written == input.size()) {
        in_w.Close();  // EOF tells the child the event is complete
        result.stdin_complete = true;
      }
    }
    if (fds[1].revents != 0) {
      Drain(out_r, result.stdout_head, result.stdout_bytes, spec.capture_bytes);
    }
    if (fds[2].revents != 0) {
      Drain(err_r, result.stderr_head, result.stderr_bytes, spec.capture_bytes);
    }
  }
  in_w.Close();
  // The leader is exited-but-unreaped or still running: either way pid is still
  // ours as a group id. Kill the group (stragglers included), then reap.
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Drain(out_r, result.stdout_head, result.stdout_bytes, spec.capture_bytes);
  Drain(err_r, result.stderr_head, result.stderr_bytes, spec.capture_bytes);
  result.duration = Since(start);
  if (cancelled) {
    result.outcome = ChildOutcome::kCancelled;
  } else if (timed_out) {
    result.outcome = ChildOutcome::kTimedOut;
  } else if (WIFEXITED(status)) {
    result.outcome = ChildOutcome::kExited;
    result.exit_code = WEXITSTATUS(status);
  } else {
    result.outcome = ChildOutcome::kSignaled;
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  return result;
}

}  // namespace openline::notify
