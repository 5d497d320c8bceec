// The external notifier: when the station has something a person must hear about
// (an unanswered FLASH, a link down, a call ringing), it runs a site-configured
// command with the event as one JSON document on stdin, so the site can page,
// mail or phone someone. docs/notifier.md is the contract the command gets.
//
// The station must never wait for the site's command. Submit() only queues (a
// bounded queue; a full queue is an error value the caller counts) and returns.
// One worker thread runs queued events in order, one at a time, each up to
// `attempts` times with a per-attempt timeout (the process group is killed at the
// timeout) and a doubling backoff between attempts. The outcome of every event,
// delivered or not, is reported through the callback, on the worker thread.
//
// Depends on: common/ (result.h, text.h), notify/child_process.h.
// Thread-safety: Submit, queued and dropped may be called from any thread. The
// callback runs on the worker thread; it must not call into this Notifier's
// destructor and should return quickly (it delays the next event).
#ifndef OPENLINE_NOTIFY_NOTIFIER_H_
#define OPENLINE_NOTIFY_NOTIFIER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.h"
#include "notify/child_process.h"

namespace openline::notify {

// Implementation limits on a site's configuration.
inline constexpr uint32_t kMaxAttempts = 10;
inline constexpr std::chrono::milliseconds kMaxTimeout{10 * 60 * 1000};
inline constexpr size_t kMaxCaptureBytes = 64 * 1024;
inline constexpr size_t kMaxQueueCapacity = 4096;
inline constexpr size_t kMaxEventBytes = 1024 * 1024;

struct NotifierConfig {
  std::vector<std::string> argv;  // argv[0] an absolute path to an executable; no shell
  // The command's whole environment; the notifier adds OPENLINE_NOTIFY_EVENT_ID,
  // OPENLINE_NOTIFY_ATTEMPT and OPENLINE_NOTIFY_ATTEMPTS. Nothing of the
  // station's own environment leaks through.
  std::vector<std::string> environment = {"PATH=/usr/local/bin:/usr/bin:/bin",
                                          "LANG=C.UTF-8"};
  std::chrono::milliseconds timeout{10'000};  // per attempt
  uint32_t attempts = 3;                      // including the first
  std::chrono::milliseconds backoff_initial{1'000};
  std::chrono::milliseconds backoff_max{30'000};
  size_t queue_capacity = 64;   // events waiting, not counting the one running
  size_t capture_bytes = 1024;  // of stdout and of stderr, per attempt
  size_t max_event_bytes = 64 * 1024;
};

// Checks `config` against the limits above and that argv[0] is executable.
Status ValidateNotifierConfig(const NotifierConfig& config);

struct NotifyReport {
  uint64_t event_id = 0;
  bool delivered = false;  // some attempt exited 0
  // One per attempt made, in order. stdout_head/stderr_head are already escaped for
  // display (common/text.h EscapeForTerminal, newlines kept): the command's output
  // is untrusted.
  std::vector<ChildResult> attempts;
  std::chrono::milliseconds duration{0};  // first spawn to last exit, backoff included
};

using ReportCallback = std::function<void(const NotifyReport&)>;

class Notifier {
 public:
  // Validates `config` and starts the worker thread.
  static Result<std::unique_ptr<Notifier>> Start(NotifierConfig config,
                                                 ReportCallback on_report);
  // Stops promptly: kills a running command's process group (its report says
  // kCancelled), drops queued events without running them, joins the worker.
  ~Notifier();
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  // Queues `json_event` and returns its id at once. kTooLarge when the queue is
  // full (counted in dropped(); the caller counts and logs it too),
  // kInvalidArgument for an empty event or one beyond max_event_bytes.
  Result<uint64_t> Submit(std::string json_event);

  size_t queued() const;
  uint64_t dropped() const;  // Submit calls refused because the queue was full

 private:
  struct Event {
    uint64_t id;
    std::string json;
  };

  Notifier(NotifierConfig config, ReportCallback on_report, int wake_fd);
  void Run();
  NotifyReport Deliver(const Event& event);
  // Sleeps `d` unless stopping; false if stopping.
  bool Backoff(std::chrono::milliseconds d) const;

  const NotifierConfig config_;
  const ReportCallback on_report_;
  const int wake_fd_;  // eventfd, readable once stopping: wakes poll() in RunChild

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Event> queue_;  // guarded by mu_
  uint64_t next_id_ = 1;     // guarded by mu_
  uint64_t dropped_ = 0;     // guarded by mu_
  bool stopping_ = false;    // guarded by mu_
  std::thread worker_;
};

}  // namespace openline::notify

#endif  // OPENLINE_NOTIFY_NOTIFIER_H_
