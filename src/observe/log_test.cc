#include "observe/log.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace openline::observe {
namespace {

using std::chrono::system_clock;

// 2026-11-29T05:40:01.123456Z
system_clock::time_point FixedTime() {
  return system_clock::time_point(std::chrono::microseconds(1'795'930'801'123'456));
}

// Parses a line as JSON and checks the three fields every line carries.
nlohmann::json ParseLine(const std::string& line) {
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
  EXPECT_TRUE(j.is_object()) << line;
  if (j.is_object()) {
    EXPECT_TRUE(j.contains("ts") && j["ts"].is_string()) << line;
    EXPECT_TRUE(j.contains("level") && j["level"].is_string()) << line;
    EXPECT_TRUE(j.contains("event") && j["event"].is_string()) << line;
  }
  return j;
}

TEST(LogTest, FormatsOneJsonObjectWithFieldsInOrder) {
  const std::vector<LogField> fields = {{"link", "beijing"},    {"seq", 42},
                                        {"up", true},           {"rtt", 0.25},
                                        {"bytes", uint64_t{7}}, {"delta", -3}};
  EXPECT_EQ(FormatLogLine(FixedTime(), LogLevel::kInfo, "link.up", fields),
            R"({"ts":"2026-11-29T05:40:01.123456Z","level":"info","event":"link.up",)"
            R"("link":"beijing","seq":42,"up":true,"rtt":0.25,"bytes":7,"delta":-3})");
}

TEST(LogTest, TimestampIsUtcWithMicroseconds) {
  EXPECT_EQ(FormatLogTimestamp(FixedTime()), "2026-11-29T05:40:01.123456Z");
  EXPECT_EQ(FormatLogTimestamp(system_clock::time_point{}),
            "1970-01-01T00:00:00.000000Z");
}

TEST(LogTest, HostileValuesStillMakeOneParsableLine) {
  const std::string hostile = "\"}\n{\"level\":\"critical\"\x1b[2J\xff\xfe\\u0000";
  const std::vector<LogField> fields = {
      {"operator", hostile},
      {"nan", std::numeric_limits<double>::quiet_NaN()},
      {"inf", std::numeric_limits<double>::infinity()},
      {"level", "forged"},
      {"big", std::string(100'000, 'x')},
      {hostile, 1},
  };
  const std::string line =
      FormatLogLine(FixedTime(), LogLevel::kWarn, "op\nevent\xff", fields, 256);
  const nlohmann::json j = ParseLine(line);
  EXPECT_EQ(j["level"], "warn");
  EXPECT_EQ(j["_level"], "forged");  // a field cannot hide the real level
  EXPECT_TRUE(j["nan"].is_null());
  EXPECT_TRUE(j["inf"].is_null());
  EXPECT_EQ(j["big"].get<std::string>().size(), 256u);
  const std::string op = j["operator"];
  EXPECT_EQ(op.find('\x1b'), std::string::npos);
  EXPECT_NE(op.find("\"}\n{"), std::string::npos);  // content kept, only escaped
  EXPECT_LT(line.size(), 2000u);
}

TEST(LogTest, TooManyFieldsAreDroppedAndCounted) {
  std::vector<LogField> fields;
  for (int i = 0; i < 100; ++i) fields.emplace_back("f" + std::to_string(i), i);
  const nlohmann::json j =
      ParseLine(FormatLogLine(FixedTime(), LogLevel::kInfo, "many", fields));
  EXPECT_EQ(j.size(), 3 + kMaxLogFields + 1);
  EXPECT_EQ(j["_dropped_fields"], 100 - kMaxLogFields);
}

TEST(LogTest, LoggerWritesEveryLevelAboveTheMinimum) {
  auto capture = std::make_shared<LogCapture>();
  auto logger = Logger::Create({.min_level = LogLevel::kDebug,
                                .to_stderr = false,
                                .file_path = "",
                                .capture = capture,
                                .clock = FixedTime});
  ASSERT_TRUE(logger);
  logger->Trace("dropped.trace");
  logger->Debug("d", {{"k", 1}});
  logger->Info("link.up", {{"link", "beijing"}});
  logger->Warn("w");
  logger->Err("e", {{"reason", "decrypt"}});
  logger->Critical("c");
  const auto lines = capture->lines();
  ASSERT_EQ(lines.size(), 5u);
  const std::vector<std::string> levels = {"debug", "info", "warn", "error", "critical"};
  for (size_t i = 0; i < lines.size(); ++i) {
    const nlohmann::json j = ParseLine(lines[i]);
    EXPECT_EQ(j["level"], levels[i]);
    EXPECT_EQ(j["ts"], "2026-11-29T05:40:01.123456Z");
  }
  EXPECT_EQ(
      lines[1],
      R"({"ts":"2026-11-29T05:40:01.123456Z","level":"info","event":"link.up","link":"beijing"})");
  EXPECT_FALSE(logger->Enabled(LogLevel::kTrace));
}

TEST(LogTest, FileSinkWritesParsableLines) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("openline_observe_log_" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  {
    auto logger = Logger::Create(
        {.min_level = LogLevel::kInfo, .to_stderr = false, .file_path = path.string()});
    ASSERT_TRUE(logger) << logger.error().ToString();
    logger->Info("station.start", {{"name", "washington"}});
    logger->Warn("link.down", {{"link", "beij\ning"}, {"after_s", 30.5}});
  }
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  std::filesystem::remove(path);
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& l : lines) ParseLine(l);
  EXPECT_EQ(ParseLine(lines[1])["link"], "beij\ning");
}

TEST(LogTest, UnopenableFileIsAnError) {
  // spdlog creates missing directories (and tests may run as root), so the parent
  // is a regular file: nothing can make that a directory.
  const std::filesystem::path not_a_dir =
      std::filesystem::temp_directory_path() /
      ("openline_observe_file_" + std::to_string(::getpid()));
  std::ofstream(not_a_dir) << "x";
  auto logger =
      Logger::Create({.to_stderr = false, .file_path = (not_a_dir / "x.log").string()});
  std::filesystem::remove(not_a_dir);
  ASSERT_FALSE(logger);
  EXPECT_EQ(logger.error().code, ErrorCode::kIo);
}

TEST(LogTest, ConcurrentLoggingKeepsLinesWhole) {
  auto capture = std::make_shared<LogCapture>();
  auto logger = Logger::Create({.to_stderr = false, .capture = capture});
  ASSERT_TRUE(logger);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        logger->Info("tick", {{"thread", t}, {"i", i}, {"text", std::string(200, 'a')}});
      }
    });
  }
  for (auto& th : threads) th.join();
  const auto lines = capture->lines();
  ASSERT_EQ(lines.size(), static_cast<size_t>(kThreads * kPerThread));
  for (const auto& l : lines) ParseLine(l);
}

TEST(LogTest, ParsesLevelNames) {
  EXPECT_EQ(*ParseLogLevel("trace"), LogLevel::kTrace);
  EXPECT_EQ(*ParseLogLevel("warning"), LogLevel::kWarn);
  EXPECT_EQ(*ParseLogLevel("critical"), LogLevel::kCritical);
  EXPECT_FALSE(ParseLogLevel("loud"));
}

}  // namespace
}  // namespace openline::observe
