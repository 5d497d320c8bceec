#include "transcript/verifier.h"

#include <gtest/gtest.h>

#include "transcript/sample.h"

namespace openline::transcript {
namespace {

TEST(VerifierTest, SampleExportVerifiesWithSummary) {
  SampleOptions opts;
  opts.rounds = 4;
  auto file = MakeSampleExport(opts);
  ASSERT_TRUE(file) << file.error().ToString();
  auto report = VerifyExport(*file);
  ASSERT_TRUE(report) << report.error().ToString();

  // Per round: A sends 2 messages + 2 receipts, B sends 1 message + 4 receipts; one
  // checkpoint pair every 2 rounds; B's final FLASH.
  uint64_t total = report->sides[0].entries + report->sides[1].entries;
  EXPECT_EQ(total, 4u * 9 + 2 * 2 + 1);
  EXPECT_EQ(report->messages, 4u * 3 + 1);
  EXPECT_EQ(report->checkpoints.proposals, 2u);
  EXPECT_EQ(report->checkpoints.cosigned, 2u);
  ASSERT_TRUE(report->checkpoints.last_cosigned_sizes);
  // The routine consular messages were stored but never answered (human silence);
  // the last FLASH never got a receipt (technical silence).
  EXPECT_EQ(report->not_acknowledged.size(), 4u);
  for (const auto& m : report->not_acknowledged) {
    EXPECT_EQ(m.channel, "consular");
    EXPECT_TRUE(m.received);
  }
  ASSERT_EQ(report->not_received.size(), 1u);
  EXPECT_EQ(report->not_received[0].precedence, wire::Precedence::kFlash);
  EXPECT_EQ(report->not_received[0].channel, "air");
}

TEST(VerifierTest, NamesAndExporterSurvive) {
  SampleOptions opts;
  opts.exporter = 1;
  auto report = VerifyExport(*MakeSampleExport(opts));
  ASSERT_TRUE(report);
  auto link = MakeSampleLink(opts);
  int b_side = *link->transcript.parties().SideOf(link->b.signing.public_key());
  EXPECT_EQ(report->exporter_side, b_side);
  EXPECT_EQ(report->sides[static_cast<size_t>(b_side)].name, "beijing");
  EXPECT_EQ(report->sides[static_cast<size_t>(1 - b_side)].name, "washington");
}

TEST(VerifierTest, ExpectedIdentityMustBeAParty) {
  auto file = *MakeSampleExport({});
  auto link = MakeSampleLink({});
  VerifyOptions ok;
  ok.expected_identity = link->b.Public();
  EXPECT_TRUE(VerifyExport(file, ok));
  VerifyOptions wrong;
  wrong.expected_identity = identity::StationKeys::FromSeedForTesting(42).Public();
  auto report = VerifyExport(file, wrong);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ViolationKind::kIdentityMismatch);
}

TEST(VerifierTest, EmptyLinkVerifies) {
  SampleOptions opts;
  auto link = MakeSampleLink(opts);
  auto file = ExportOf(*link, opts);
  file->entries = {};
  auto bytes = file->EncodeAndSeal(link->a.signing);
  auto report = VerifyExport(*bytes);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->messages, 0u);
}

TEST(ExportFileTest, RoundTripAndBoundedCounts) {
  auto bytes = *MakeSampleExport({});
  auto file = ExportFile::Parse(bytes);
  ASSERT_TRUE(file);
  EXPECT_TRUE(file->SealVerifies());
  // A forged count far beyond the bytes present is refused before allocating.
  Bytes forged = bytes;
  size_t counts_at =
      8 + 1 + 1 + 128 + 32 + 1 + file->names[0].size() + 1 + file->names[1].size() + 8;
  forged[counts_at] = 0x02;
  auto parsed = ExportFile::Parse(forged);
  ASSERT_FALSE(parsed);
}

}  // namespace
}  // namespace openline::transcript
