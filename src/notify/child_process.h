// One run of an external command, the way the notifier runs it: no shell, the
// event bytes on stdin, the first bytes of stdout/stderr kept, a hard deadline,
// and nothing left behind.
//
// The child gets its own process group; when it exits, times out or is cancelled,
// the whole group is sent SIGKILL (before the leader is reaped, so the group id
// cannot have been reused by then) and the leader is reaped: no zombies, no
// stragglers. A descendant that leaves the group (setsid) escapes this; the
// notifier contract (docs/notifier.md) says so. Only the three pipes reach the
// child: every other descriptor is closed in it (closefrom), whether or not its
// owner set O_CLOEXEC. Signal dispositions and the mask are reset to defaults in
// the child. A child that stops reading stdin or exits early makes our write fail
// with EPIPE, never raise SIGPIPE in the calling process (blocked on the calling
// thread for the duration of the call, and any pending one consumed).
//
// Depends on: POSIX/Linux (posix_spawn, poll, pidfd_open when the kernel has it).
// Thread-safety: RunChild may be called from several threads at once.
#ifndef OPENLINE_NOTIFY_CHILD_PROCESS_H_
#define OPENLINE_NOTIFY_CHILD_PROCESS_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace openline::notify {

struct ChildSpec {
  std::vector<std::string>
      argv;                      // argv[0] is the absolute path executed (no PATH search)
  std::vector<std::string> env;  // the child's whole environment, KEY=VALUE
  std::chrono::milliseconds timeout{10'000};
  size_t capture_bytes = 1024;  // per stream; the rest is read and discarded
};

enum class ChildOutcome {
  kExited,       // exit_code holds the status (0 is success)
  kSignaled,     // killed by `signal` before we killed it
  kTimedOut,     // still running at the deadline; we killed its group
  kSpawnFailed,  // could not be started (error says why); nothing ran
  kCancelled,    // cancel_fd became readable; we killed its group
};

std::string_view ToString(ChildOutcome outcome);

struct ChildResult {
  ChildOutcome outcome = ChildOutcome::kSpawnFailed;
  int exit_code = -1;
  int signal = 0;
  std::chrono::milliseconds duration{0};
  std::string stdout_head;  // the first capture_bytes bytes, raw (untrusted)
  std::string stderr_head;
  size_t stdout_bytes = 0;  // everything the child wrote, kept or not
  size_t stderr_bytes = 0;
  bool stdin_complete = false;  // the child had all of `input` and saw EOF
  std::string error;            // kSpawnFailed: the reason

  bool succeeded() const { return outcome == ChildOutcome::kExited && exit_code == 0; }
};

// Runs spec.argv with `input` on stdin until it exits, spec.timeout passes, or
// `cancel_fd` (if >= 0) becomes readable. Blocks the calling thread for at most
// about spec.timeout plus the time to reap a killed child.
ChildResult RunChild(const ChildSpec& spec, std::string_view input, int cancel_fd = -1);

}  // namespace openline::notify

#endif  // OPENLINE_NOTIFY_CHILD_PROCESS_H_
