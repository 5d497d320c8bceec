// Structured logs: one JSON object per line, so every line parses on its own and
// a log shipper needs no grammar.
//
//   {"ts":"2026-11-29T05:40:01.123456Z","level":"info","event":"link.up","link":"beijing"}
//
// `ts` (UTC, microseconds), `level` and `event` come first, then the fields in the
// order given. Field values are strings, integers, booleans or doubles; strings are
// untrusted text and pass through BoundUntrustedText (valid UTF-8, bounded, no
// terminal controls) before JSON escaping; NaN and infinities become null. A field
// whose key is "ts", "level" or "event" is written as "_ts", "_level", "_event"
// rather than hiding the real one. spdlog does the I/O (stderr, a file, or a
// LogCapture for tests); the line itself is built by FormatLogLine, a pure
// function.
//
// Depends on: common/result.h; spdlog and nlohmann-json in log.cc only.
// Thread-safety: a Logger (and its copies, which share sinks) may log from any
// thread; each line is written whole.
#ifndef OPENLINE_OBSERVE_LOG_H_
#define OPENLINE_OBSERVE_LOG_H_

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"

namespace spdlog {
class logger;
}

namespace openline::observe {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kCritical };

// "trace", "debug", "info", "warn", "error", "critical".
std::string_view ToString(LogLevel level);
// The inverse, for a --log-level option.
Result<LogLevel> ParseLogLevel(std::string_view text);

struct LogField {
  LogField(std::string_view k, std::string_view v) : key(k), value(std::string(v)) {}
  LogField(std::string_view k, const char* v) : key(k), value(std::string(v)) {}
  LogField(std::string_view k, bool v) : key(k), value(v) {}
  LogField(std::string_view k, double v) : key(k), value(v) {}
  template <std::signed_integral T>
  LogField(std::string_view k, T v) : key(k), value(static_cast<int64_t>(v)) {}
  template <std::unsigned_integral T>
  requires(!std::same_as<T, bool>) LogField(std::string_view k, T v)
      : key(k), value(static_cast<uint64_t>(v)) {}

  std::string key;
  std::variant<std::string, int64_t, uint64_t, bool, double> value;
};

inline constexpr size_t kMaxLogEventBytes = 64;
inline constexpr size_t kMaxLogKeyBytes = 64;
inline constexpr size_t kMaxLogFields = 32;  // further fields are dropped
inline constexpr size_t kDefaultMaxLogStringBytes = 1024;

// "2026-11-29T05:40:01.123456Z".
std::string FormatLogTimestamp(std::chrono::system_clock::time_point ts);

// The JSON object for one event, without the newline.
std::string FormatLogLine(std::chrono::system_clock::time_point ts, LogLevel level,
                          std::string_view event, std::span<const LogField> fields,
                          size_t max_string_bytes = kDefaultMaxLogStringBytes);

// A sink for tests: keeps every line written (without the newline).
class LogCapture {
 public:
  void Append(std::string line);
  std::vector<std::string> lines() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

struct LogOptions {
  LogLevel min_level = LogLevel::kInfo;
  bool to_stderr = true;
  std::string file_path{};  // appended to when not empty; missing directories are created
  std::shared_ptr<LogCapture> capture{};  // for tests
  size_t max_string_bytes = kDefaultMaxLogStringBytes;
  // Where `ts` comes from; the system clock when unset. Tests pin it.
  std::function<std::chrono::system_clock::time_point()> clock{};
};

class Logger {
 public:
  // kIo when the log file cannot be opened.
  static Result<Logger> Create(LogOptions options);

  bool Enabled(LogLevel level) const { return level >= min_level_; }
  void Log(LogLevel level, std::string_view event,
           std::span<const LogField> fields) const;
  void Log(LogLevel level, std::string_view event,
           std::initializer_list<LogField> fields = {}) const {
    Log(level, event, std::span<const LogField>(fields.begin(), fields.size()));
  }
  void Trace(std::string_view event, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kTrace, event, fields);
  }
  void Debug(std::string_view event, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kDebug, event, fields);
  }
  void Info(std::string_view event, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kInfo, event, fields);
  }
  void Warn(std::string_view event, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kWarn, event, fields);
  }
  void Err(std::string_view event, std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kError, event, fields);
  }
  void Critical(std::string_view event,
                std::initializer_list<LogField> fields = {}) const {
    Log(LogLevel::kCritical, event, fields);
  }
  void Flush() const;

 private:
  Logger() = default;

  std::shared_ptr<spdlog::logger> logger_;
  LogLevel min_level_ = LogLevel::kInfo;
  size_t max_string_bytes_ = kDefaultMaxLogStringBytes;
  std::function<std::chrono::system_clock::time_point()> clock_;
};

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_LOG_H_
