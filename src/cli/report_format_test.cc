#include "cli/report_format.h"

#include <gtest/gtest.h>

#include "transcript/author.h"
#include "transcript/sample.h"
#include "wire/notice.h"

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

TEST(ReportFormatTest, NoticesReadAsSentences) {
  transcript::SampleOptions opts;
  auto link = transcript::MakeSampleLink(opts);
  ASSERT_TRUE(link);
  const int a = *link->transcript.parties().SideOf(link->a.signing.public_key());
  const auto& chain = link->transcript.chain(a);
  wire::EntryRef subject;
  for (const auto& env : chain.entries()) {
    if (env.fields().channel == "consular") subject = env.ref();
  }
  wire::Notice n{wire::NoticeType::kUnanswered, subject, 600,
                 wire::NoticeSilence::kHuman};
  auto env = transcript::Author::Make(link->a, link->transcript)
                 ->Next({wire::Kind::kNotice, wire::Precedence::kRoutine, "consular",
                         *n.Encode()},
                        chain.at(chain.size()).fields().time_us + 3'600'000'000);
  ASSERT_TRUE(env);
  const uint64_t seq = env->fields().seq;
  ASSERT_TRUE(link->transcript.Append(std::move(*env)));
  auto report = transcript::VerifyExport(
      *transcript::ExportOf(*link, opts)->EncodeAndSeal(link->a.signing));
  ASSERT_TRUE(report) << report.error().ToString();
  const std::string text = ReportToText(*report);
  const std::string expected = "washington #" + std::to_string(seq) +
                               ": NOTICE unanswered after 600 s (received, not "
                               "acknowledged) for washington #" +
                               std::to_string(subject.seq);
  EXPECT_NE(text.find(expected), std::string::npos) << text;
  auto json = ReportToJson(*report);
  ASSERT_EQ(json["notices"].size(), 1u);
  EXPECT_EQ(json["notices"][0]["silence"], "human");
  EXPECT_EQ(json["notices"][0]["after_seconds"], 600);
  EXPECT_EQ(json["notices"][0]["subject_seq"], subject.seq);
}

TEST(ReportFormatTest, ViolationTextNamesSideAndEntry) {
  transcript::Violation v{transcript::ViolationKind::kBrokenChain, 1, 7, "prev mismatch"};
  std::string text = ViolationToText(v, {"washington", "beijing"});
  EXPECT_NE(text.find("broken-chain at beijing entry #7"), std::string::npos) << text;
  EXPECT_EQ(ViolationToJson(v)["seq"], 7);
}

}  // namespace
}  // namespace openline::cli
