#include "notify/notifier.h"

#include <algorithm>
#include <cerrno>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "common/text.h"

namespace openline::notify {
namespace {

bool HasNul(const std::string& s) { return s.find('\0') != std::string::npos; }

}  // namespace

Status ValidateNotifierConfig(const NotifierConfig& c) {
  auto invalid = [](std::string what) {
    return MakeError(ErrorCode::kInvalidArgument, "notifier: " + std::move(what));
  };
  if (c.argv.empty()) return invalid("no command");
  if (c.argv[0].empty() || c.argv[0][0] != '/') {
    return invalid("command \"" + EscapeForTerminal(c.argv[0]) +
                   "\" is not an absolute path");
  }
  for (const std::string& a : c.argv) {
    if (HasNul(a)) return invalid("argument contains NUL");
  }
  for (const std::string& e : c.environment) {
    if (HasNul(e) || e.find('=') == std::string::npos || e[0] == '=') {
      return invalid("environment entry \"" + EscapeForTerminal(e) +
                     "\" is not KEY=VALUE");
    }
  }
  if (c.attempts < 1 || c.attempts > kMaxAttempts) {
    return invalid("attempts " + std::to_string(c.attempts) + " not in 1.." +
                   std::to_string(kMaxAttempts));
  }
  if (c.timeout.count() <= 0 || c.timeout > kMaxTimeout) {
    return invalid("timeout " + std::to_string(c.timeout.count()) + " ms not in 1.." +
                   std::to_string(kMaxTimeout.count()));
  }
  if (c.backoff_initial.count() < 0 || c.backoff_max < c.backoff_initial ||
      c.backoff_max > kMaxTimeout) {
    return invalid("backoff must satisfy 0 <= initial <= max <= 10 min");
  }
  if (c.queue_capacity < 1 || c.queue_capacity > kMaxQueueCapacity) {
    return invalid("queue capacity " + std::to_string(c.queue_capacity) + " not in 1.." +
                   std::to_string(kMaxQueueCapacity));
  }
  if (c.capture_bytes > kMaxCaptureBytes) return invalid("capture_bytes beyond 64 KiB");
  if (c.max_event_bytes < 1 || c.max_event_bytes > kMaxEventBytes) {
    return invalid("max_event_bytes not in 1..1 MiB");
  }
  if (::access(c.argv[0].c_str(), X_OK) != 0) {
    return MakeError(
        ErrorCode::kNotFound,
        "notifier: command \"" + EscapeForTerminal(c.argv[0]) + "\" is not executable");
  }
  return Ok();
}

Result<std::unique_ptr<Notifier>> Notifier::Start(NotifierConfig config,
                                                  ReportCallback on_report) {
  OPENLINE_TRY(ValidateNotifierConfig(config));
  const int wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd < 0) return MakeError(ErrorCode::kIo, "notifier: eventfd failed");
  return std::unique_ptr<Notifier>(
      new Notifier(std::move(config), std::move(on_report), wake_fd));
}

Notifier::Notifier(NotifierConfig config, ReportCallback on_report, int wake_fd)
    : config_(std::move(config)), on_report_(std::move(on_report)), wake_fd_(wake_fd) {
  worker_ = std::thread([this] { Run(); });
}

Notifier::~Notifier() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  const uint64_t one = 1;
  // The counter only ever goes up, so the fd stays readable: every later poll in
  // RunChild or Backoff returns at once.
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
  worker_.join();
  ::close(wake_fd_);
}

Result<uint64_t> Notifier::Submit(std::string json_event) {
  if (json_event.empty() || json_event.size() > config_.max_event_bytes) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "notifier: event of " + std::to_string(json_event.size()) +
                         " bytes not in 1.." + std::to_string(config_.max_event_bytes));
  }
  uint64_t id = 0;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return MakeError(ErrorCode::kState, "notifier: stopping");
    if (queue_.size() >= config_.queue_capacity) {
      ++dropped_;
      return MakeError(ErrorCode::kTooLarge, "notifier: queue full (" +
                                                 std::to_string(config_.queue_capacity) +
                                                 " events waiting)");
    }
    id = next_id_++;
    queue_.push_back(Event{id, std::move(json_event)});
  }
  cv_.notify_one();
  return id;
}

size_t Notifier::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

uint64_t Notifier::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

void Notifier::Run() {
  for (;;) {
    Event event;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      event = std::move(queue_.front());
      queue_.pop_front();
    }
    const NotifyReport report = Deliver(event);
    if (on_report_) on_report_(report);
  }
}

NotifyReport Notifier::Deliver(const Event& event) {
  const auto start = std::chrono::steady_clock::now();
  NotifyReport report;
  report.event_id = event.id;
  ChildSpec spec;
  spec.argv = config_.argv;
  spec.timeout = config_.timeout;
  spec.capture_bytes = config_.capture_bytes;
  std::chrono::milliseconds backoff = config_.backoff_initial;
  for (uint32_t attempt = 1; attempt <= config_.attempts; ++attempt) {
    spec.env = config_.environment;
    spec.env.push_back("OPENLINE_NOTIFY_EVENT_ID=" + std::to_string(event.id));
    spec.env.push_back("OPENLINE_NOTIFY_ATTEMPT=" + std::to_string(attempt));
    spec.env.push_back("OPENLINE_NOTIFY_ATTEMPTS=" + std::to_string(config_.attempts));
    ChildResult r = RunChild(spec, event.json, wake_fd_);
    r.stdout_head = EscapeForTerminal(r.stdout_head, /*allow_newlines=*/true);
    r.stderr_head = EscapeForTerminal(r.stderr_head, /*allow_newlines=*/true);
    r.error = EscapeForTerminal(r.error);
    const bool succeeded = r.succeeded();
    const bool cancelled = r.outcome == ChildOutcome::kCancelled;
    report.attempts.push_back(std::move(r));
    if (succeeded) {
      report.delivered = true;
      break;
    }
    if (cancelled || attempt == config_.attempts) break;
    if (!Backoff(backoff)) break;
    backoff = std::min(backoff * 2, config_.backoff_max);
  }
  report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return report;
}

bool Notifier::Backoff(std::chrono::milliseconds d) const {
  pollfd pfd{wake_fd_, POLLIN, 0};
  const int r = ::poll(&pfd, 1, static_cast<int>(d.count()));
  return r == 0 || (r < 0 && errno == EINTR);  // a signal only shortens the backoff
}

}  // namespace openline::notify
