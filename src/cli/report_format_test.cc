#include "cli/report_format.h"

#include <gtest/gtest.h>

#include "transcript/sample.h"

namespace openline::cli {
namespace {

TEST(ReportFormatTest, FormatsUtcTimeWithMilliseconds) {
  EXPECT_EQ(FormatTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTime(1'795'000'000'123'456), "2026-11-18T11:06:40.123Z");
}

TEST(ReportFormatTest, TextKeepsTechnicalAndHumanSilenceApart) {
  auto report = transcript::VerifyExport(*transcript::MakeSampleExport({}));
  ASSERT_TRUE(report);
  std::string text = ReportToText(*report);
  EXPECT_NE(text.find("never received (no receipt, technical): 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("received but never acknowledged (human): 3"), std::string::npos)
      << text;
}

TEST(ReportFormatTest, ViolationTextNamesSideAndEntry) {
  transcript::Violation v{transcript::ViolationKind::kBrokenChain, 1, 7, "prev mismatch"};
  std::string text = ViolationToText(v, {"washington", "beijing"});
  EXPECT_NE(text.find("broken-chain at beijing entry #7"), std::string::npos) << text;
  EXPECT_EQ(ViolationToJson(v)["seq"], 7);
}

}  // namespace
}  // namespace openline::cli
