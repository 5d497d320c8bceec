#include "observe/log.h"

#include <cstdio>
#include <ctime>
#include <exception>
#include <utility>

#include <nlohmann/json.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "observe/bounded_text.h"

namespace openline::observe {
namespace {

spdlog::level::level_enum ToSpdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kCritical:
      return spdlog::level::critical;
  }
  return spdlog::level::critical;
}

// Hands each finished line to a LogCapture; the payload already is the line.
class CaptureSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit CaptureSink(std::shared_ptr<LogCapture> capture)
      : capture_(std::move(capture)) {}

 private:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    capture_->Append(std::string(msg.payload.data(), msg.payload.size()));
  }
  void flush_() override {}

  std::shared_ptr<LogCapture> capture_;
};

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

std::string_view ToString(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return "trace";
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
    case LogLevel::kCritical:
      return "critical";
  }
  return "critical";
}

Result<LogLevel> ParseLogLevel(std::string_view text) {
  for (const LogLevel l : {LogLevel::kTrace, LogLevel::kDebug, LogLevel::kInfo,
                           LogLevel::kWarn, LogLevel::kError, LogLevel::kCritical}) {
    if (text == ToString(l)) return l;
  }
  if (text == "warning") return LogLevel::kWarn;
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown log level '" + BoundUntrustedText(text, 32) +
                       "' (trace, debug, info, warn, error, critical)");
}

std::string FormatLogTimestamp(std::chrono::system_clock::time_point ts) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  const int64_t us = duration_cast<microseconds>(ts.time_since_epoch()).count();
  int64_t secs = us / 1'000'000;
  int64_t frac = us % 1'000'000;
  if (frac < 0) {  // before 1970: floor, not truncate
    frac += 1'000'000;
    --secs;
  }
  const auto t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                tm.tm_sec, static_cast<long long>(frac));
  return buf;
}

std::string FormatLogLine(std::chrono::system_clock::time_point ts, LogLevel level,
                          std::string_view event, std::span<const LogField> fields,
                          size_t max_string_bytes) {
  nlohmann::ordered_json j;
  j["ts"] = FormatLogTimestamp(ts);
  j["level"] = std::string(ToString(level));
  j["event"] = BoundUntrustedText(event, kMaxLogEventBytes);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i == kMaxLogFields) {
      j["_dropped_fields"] = fields.size() - kMaxLogFields;
      break;
    }
    const LogField& f = fields[i];
    std::string key = BoundUntrustedText(f.key, kMaxLogKeyBytes);
    if (key == "ts" || key == "level" || key == "event") key.insert(0, "_");
    std::visit(
        Overloaded{
            [&](const std::string& s) {
              j[key] = BoundUntrustedText(s, max_string_bytes);
            },
            [&](auto v) { j[key] = v; },  // int64, uint64, bool, double (NaN -> null)
        },
        f.value);
  }
  // The strings are valid UTF-8 already; `replace` only makes sure dump cannot throw.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void LogCapture::Append(std::string line) {
  std::lock_guard lock(mu_);
  lines_.push_back(std::move(line));
}

std::vector<std::string> LogCapture::lines() const {
  std::lock_guard lock(mu_);
  return lines_;
}

Result<Logger> Logger::Create(LogOptions options) {
  std::vector<spdlog::sink_ptr> sinks;
  if (options.to_stderr)
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (!options.file_path.empty()) {
    // spdlog reports a file it cannot open by throwing; this is the one edge where
    // that becomes an Error.
    try {
      sinks.push_back(
          std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.file_path));
    } catch (const std::exception& e) {
      return MakeError(ErrorCode::kIo,
                       "cannot open log file " + options.file_path + ": " + e.what());
    }
  }
  if (options.capture) sinks.push_back(std::make_shared<CaptureSink>(options.capture));

  Logger logger;
  logger.logger_ =
      std::make_shared<spdlog::logger>("openline", sinks.begin(), sinks.end());
  logger.logger_->set_pattern("%v");  // the payload is the whole JSON line
  logger.logger_->set_level(ToSpdlog(options.min_level));
  // One line at a time to disk: the log of an incident must survive the crash.
  logger.logger_->flush_on(spdlog::level::trace);
  logger.min_level_ = options.min_level;
  logger.max_string_bytes_ = options.max_string_bytes;
  logger.clock_ = options.clock ? std::move(options.clock)
                                : [] { return std::chrono::system_clock::now(); };
  return logger;
}

void Logger::Log(LogLevel level, std::string_view event,
                 std::span<const LogField> fields) const {
  if (!Enabled(level) || !logger_) return;
  const std::string line =
      FormatLogLine(clock_(), level, event, fields, max_string_bytes_);
  logger_->log(ToSpdlog(level), spdlog::string_view_t(line.data(), line.size()));
}

void Logger::Flush() const {
  if (logger_) logger_->flush();
}

}  // namespace openline::observe
