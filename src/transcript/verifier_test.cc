#include "transcript/verifier.h"

#include <gtest/gtest.h>

#include "transcript/sample.h"
#include "wire/notice.h"

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

TEST(VerifierTest, MutualReferencesWithGarbageHashesAreACycle) {
  // A#1 claims to have seen B#1 and B#1 claims to have seen A#1: no causal order
  // exists (hashes make it impossible for honest entries), and the merge says so.
  SampleOptions opts;
  auto link = MakeSampleLink(opts);
  const auto& parties = link->transcript.parties();
  ExportFile file = *ExportOf(*link, opts);
  for (int s = 0; s < 2; ++s) {
    const auto& keys = parties.side(s) == link->a.Public() ? link->a : link->b;
    wire::EnvelopeFields f;
    f.link = parties.id();
    f.sender = keys.signing.public_key();
    f.seq = 1;
    f.peer.seq = 1;
    f.peer.hash.fill(0x55);
    f.time_us = 1;
    f.channel = "maritime";
    file.entries[static_cast<size_t>(s)] = {
        wire::SignedEnvelope::Sign(f, keys.signing)->bytes()};
  }
  file.exporter_side =
      static_cast<uint8_t>(*parties.SideOf(link->a.signing.public_key()));
  auto report = VerifyExport(*file.EncodeAndSeal(link->a.signing));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ViolationKind::kCrossReference);
}

TEST(VerifierTest, ConsistentCutByTheExporterNeedsASecondCopy) {
  // The exporter cuts both chains back to an earlier consistent point and seals:
  // one file cannot tell (this is documented), the other station's copy can.
  SampleOptions opts;
  opts.rounds = 4;
  auto link = MakeSampleLink(opts);
  ExportFile full = *ExportOf(*link, opts);
  ExportFile cut = full;
  for (auto& side : cut.entries) side.resize(std::min<size_t>(side.size(), 5));
  auto cut_bytes = *cut.EncodeAndSeal(link->a.signing);
  auto alone = VerifyExportKeeping(cut_bytes);
  ASSERT_TRUE(alone) << alone.error().ToString();

  SampleOptions other = opts;
  other.exporter = 1;
  ExportFile b_copy = *ExportOf(*link, other);
  auto b_verified = VerifyExportKeeping(*b_copy.EncodeAndSeal(link->b.signing));
  ASSERT_TRUE(b_verified);
  auto cmp = CompareTranscripts(alone->transcript, b_verified->transcript);
  ASSERT_TRUE(cmp);
  EXPECT_FALSE(cmp->identical);
  EXPECT_LT(cmp->sizes[0][0] + cmp->sizes[0][1], cmp->sizes[1][0] + cmp->sizes[1][1]);
}

TEST(VerifierTest, EquivocationAcrossTwoCopiesIsSignedEvidence) {
  // Station A shows one version of its entry #2 to one party and another version
  // to another: each copy verifies alone, the comparison names A #2.
  SampleOptions opts;
  auto link = MakeSampleLink(opts);
  const int a = *link->transcript.parties().SideOf(link->a.signing.public_key());
  ExportFile honest = *ExportOf(*link, opts);
  ExportFile forked = honest;
  forked.entries[static_cast<size_t>(1 - a)].clear();
  auto& list = forked.entries[static_cast<size_t>(a)];
  ASSERT_EQ(wire::SignedEnvelope::Parse(list[0])->fields().peer.seq, 0u);
  auto second = wire::SignedEnvelope::Parse(list[1])->fields();
  second.kind = wire::Kind::kText;
  second.body = Bytes{'f', 'o', 'r', 'k'};
  second.peer = {};  // this copy holds none of B's entries
  list.resize(1);
  list.push_back(wire::SignedEnvelope::Sign(second, link->a.signing)->bytes());
  auto forked_verified = VerifyExportKeeping(*forked.EncodeAndSeal(link->a.signing));
  ASSERT_TRUE(forked_verified) << forked_verified.error().ToString();
  auto honest_verified = VerifyExportKeeping(*honest.EncodeAndSeal(link->a.signing));
  ASSERT_TRUE(honest_verified);
  auto cmp = CompareTranscripts(honest_verified->transcript, forked_verified->transcript);
  ASSERT_FALSE(cmp);
  EXPECT_EQ(cmp.error().kind, ViolationKind::kEquivocation);
  EXPECT_EQ(cmp.error().side, a);
  EXPECT_EQ(cmp.error().seq, 2u);
}

// Station A's last consular message: received by B, never acknowledged.
wire::EntryRef LastConsularOfA(const SampleLink& link, int a) {
  wire::EntryRef ref;
  for (const auto& env : link.transcript.chain(a).entries()) {
    if (env.fields().channel == "consular") ref = env.ref();
  }
  return ref;
}

wire::SignedEnvelope NoticeByA(const SampleLink& link, wire::NoticeSilence silence) {
  const int a = *link.transcript.parties().SideOf(link.a.signing.public_key());
  const auto subject = LastConsularOfA(link, a);
  const auto& chain = link.transcript.chain(a);
  wire::Notice n{wire::NoticeType::kUnanswered, subject, 600, silence};
  return *Author::Make(link.a, link.transcript)
              ->Next({wire::Kind::kNotice, wire::Precedence::kRoutine, "consular",
                      *n.Encode()},
                     chain.at(chain.size()).fields().time_us + 3600 * 1'000'000ull);
}

TEST(VerifierTest, NoticesAreListedWithTheirSilence) {
  SampleOptions opts;
  auto link = MakeSampleLink(opts);
  const int a = *link->transcript.parties().SideOf(link->a.signing.public_key());
  const auto subject = LastConsularOfA(*link, a);
  auto notice = NoticeByA(*link, wire::NoticeSilence::kHuman);
  const uint64_t notice_seq = notice.fields().seq;
  ASSERT_TRUE(link->transcript.Append(std::move(notice)));
  auto report = VerifyExport(*ExportOf(*link, opts)->EncodeAndSeal(link->a.signing));
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_EQ(report->notices.size(), 1u);
  const auto& n = report->notices[0];
  EXPECT_EQ(n.side, a);
  EXPECT_EQ(n.seq, notice_seq);
  EXPECT_EQ(n.notice.subject, subject);
  EXPECT_EQ(n.notice.deadline_s, 600u);
  EXPECT_EQ(n.notice.silence, wire::NoticeSilence::kHuman);
  EXPECT_EQ(report->sides[static_cast<size_t>(a)].by_kind.at(wire::Kind::kNotice), 1u);
  // A notice is not a message: the message counts are those of the sample.
  EXPECT_EQ(report->messages, 3u * 3 + 1);
}

TEST(VerifierTest, AFalseTechnicalSilenceIsNamed) {
  // A claims "no received receipt" for a message B's signed receipt, which A had
  // recorded, shows received: the after-incident "the line was down" that was not.
  SampleOptions opts;
  auto link = MakeSampleLink(opts);
  const int a = *link->transcript.parties().SideOf(link->a.signing.public_key());
  auto lie = NoticeByA(*link, wire::NoticeSilence::kTechnical);
  ExportFile file = *ExportOf(*link, opts);
  file.entries[static_cast<size_t>(a)].push_back(lie.bytes());
  file.exported_at_us = lie.fields().time_us + 1;
  auto report = VerifyExport(*file.EncodeAndSeal(link->a.signing));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ViolationKind::kNoticeContradicted);
  EXPECT_EQ(ToString(report.error().kind), "notice-contradicted");
  EXPECT_EQ(report.error().side, a);
  EXPECT_EQ(report.error().seq, lie.fields().seq);
}

TEST(ExportFileTest, HostileStationNamesAreRefused) {
  SampleOptions opts;
  auto link = MakeSampleLink(opts);
  for (std::string name : {std::string("\x1b[1K\rtranscript verified: OK"),
                           std::string("a\nb"), std::string("\xff"), std::string("")}) {
    ExportFile file = *ExportOf(*link, opts);
    file.names[0] = name;
    EXPECT_FALSE(file.EncodeAndSeal(link->a.signing)) << name;
  }
  // And a file whose bytes carry such a name does not parse.
  Bytes bytes = *MakeSampleExport(opts);
  auto parsed = *ExportFile::Parse(bytes);
  const size_t name_at = 8 + 1 + 1 + 128 + 32 + 1;
  bytes[name_at] = 0x1b;
  auto bad = ExportFile::Parse(bytes);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("station name"), std::string::npos);
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
