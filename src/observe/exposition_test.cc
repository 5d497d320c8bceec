#include "observe/exposition.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace openline::observe {
namespace {

TEST(ExpositionTest, EscapesHelpText) {
  EXPECT_EQ(EscapeHelp("plain"), "plain");
  EXPECT_EQ(EscapeHelp("a\\b\nc\"d"), "a\\\\b\\nc\"d");  // quotes stay in HELP
}

TEST(ExpositionTest, EscapesLabelValues) {
  EXPECT_EQ(EscapeLabelValue("a\\b\nc\"d"), "a\\\\b\\nc\\\"d");
  EXPECT_EQ(EscapeLabelValue("\xe4\xb8\xad"), "\xe4\xb8\xad");
}

TEST(ExpositionTest, FormatsFloatsAsPrometheusReadsThem) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(1), "1");
  EXPECT_EQ(FormatValue(42), "42");
  EXPECT_EQ(FormatValue(-2.5), "-2.5");
  EXPECT_EQ(FormatValue(0.005), "0.005");
  EXPECT_EQ(FormatValue(1e21), "1e+21");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
  EXPECT_EQ(std::stod(FormatValue(0.1 + 0.2)), 0.1 + 0.2);  // round-trips exactly
}

TEST(ExpositionTest, LaysOutSampleLines) {
  std::string out;
  AppendSample(out, "up", {}, "1");
  AppendSample(out, "x_total", {{"link", "bei\"jing"}, {"state", "sent"}}, "3");
  EXPECT_EQ(out, "up 1\nx_total{link=\"bei\\\"jing\",state=\"sent\"} 3\n");
}

}  // namespace
}  // namespace openline::observe
