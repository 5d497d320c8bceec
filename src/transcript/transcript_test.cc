#include "transcript/transcript.h"

#include <gtest/gtest.h>

#include "transcript/author.h"
#include "transcript/sample.h"
#include "wire/notice.h"

namespace openline::transcript {
namespace {

class TranscriptTest : public testing::Test {
 protected:
  TranscriptTest()
      : a_(identity::StationKeys::FromSeedForTesting(1)),
        b_(identity::StationKeys::FromSeedForTesting(2)),
        t_(*LinkParties::Make(a_.Public(), b_.Public())) {}

  wire::SignedEnvelope Make(const identity::StationKeys& who, std::string text,
                            wire::Kind kind = wire::Kind::kText) {
    auto env = Author::Make(who, t_)->Next(
        {kind, wire::Precedence::kRoutine, "maritime", Bytes(text.begin(), text.end())},
        now_ += 1000);
    EXPECT_TRUE(env) << env.error().ToString();
    return *env;
  }
  wire::EntryRef Add(const identity::StationKeys& who, std::string text) {
    auto env = Make(who, std::move(text));
    auto ref = env.ref();
    EXPECT_TRUE(t_.Append(std::move(env)));
    return ref;
  }
  int SideOf(const identity::StationKeys& k) {
    return *t_.parties().SideOf(k.signing.public_key());
  }

  identity::StationKeys a_, b_;
  Transcript t_;
  uint64_t now_ = 1'000'000;
};

TEST_F(TranscriptTest, LinkIdIsTheSameWhicheverSideBuildsIt) {
  auto p1 = LinkParties::Make(a_.Public(), b_.Public());
  auto p2 = LinkParties::Make(b_.Public(), a_.Public());
  EXPECT_EQ(p1->id(), p2->id());
  EXPECT_EQ(p1->side(0), p2->side(0));
  EXPECT_FALSE(LinkParties::Make(a_.Public(), a_.Public()));
}

TEST_F(TranscriptTest, AppendsBothChainsWithCrossReferences) {
  auto m1 = Add(a_, "one");
  Add(b_, "two");
  Add(a_, "three");
  EXPECT_EQ(t_.chain(SideOf(a_)).size(), 2u);
  EXPECT_EQ(t_.chain(SideOf(b_)).size(), 1u);
  EXPECT_EQ(t_.chain(SideOf(b_)).at(1).fields().peer, m1);
}

TEST_F(TranscriptTest, ATrustedReloadSkipsOnlyTheSignatureCheck) {
  Bytes bytes = Make(a_, "one").bytes();
  bytes.back() ^= 1;  // the last byte of the signature
  auto forged = wire::SignedEnvelope::Parse(bytes);
  ASSERT_TRUE(forged);
  EXPECT_EQ(t_.CheckAppend(*forged).error().kind, ViolationKind::kBadSignature);
  EXPECT_TRUE(t_.CheckAppend(*forged, SignatureCheck::kTrustStored));
  // Everything else still holds: a chain that skips an entry is refused.
  Add(a_, "one");
  auto skipping = Make(a_, "three").fields();
  skipping.seq += 1;
  auto gap = wire::SignedEnvelope::Sign(skipping, a_.signing);
  EXPECT_FALSE(t_.CheckAppend(*gap, SignatureCheck::kTrustStored));
}

TEST_F(TranscriptTest, RefusesEntryFromAStranger) {
  auto stranger = identity::StationKeys::FromSeedForTesting(9);
  wire::EnvelopeFields f;
  f.link = t_.parties().id();
  f.sender = stranger.signing.public_key();
  f.seq = 1;
  f.time_us = 1;
  f.channel = "maritime";
  auto env = wire::SignedEnvelope::Sign(f, stranger.signing);
  auto ok = t_.Append(*env);
  ASSERT_FALSE(ok);
  EXPECT_EQ(ok.error().kind, ViolationKind::kForeignSender);
}

TEST_F(TranscriptTest, RefusesEntryForAnotherLink) {
  auto env = Make(a_, "x");
  auto f = env.fields();
  f.link[0] ^= 1;
  auto ok = t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing));
  ASSERT_FALSE(ok);
  EXPECT_EQ(ok.error().kind, ViolationKind::kWrongLink);
}

TEST_F(TranscriptTest, DuplicateAndEquivocationAreNamed) {
  auto env = Make(a_, "x");
  ASSERT_TRUE(t_.Append(env));
  EXPECT_EQ(t_.Append(env).error().kind, ViolationKind::kDuplicate);
  auto f = env.fields();
  f.body = Bytes{'y'};
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing)).error().kind,
            ViolationKind::kEquivocation);
}

TEST_F(TranscriptTest, GapBrokenChainAndClockRegression) {
  Add(a_, "one");
  auto next = Make(a_, "two");
  auto f = next.fields();
  f.seq = 3;
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing)).error().kind,
            ViolationKind::kSequenceGap);
  f = next.fields();
  f.prev[0] ^= 1;
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing)).error().kind,
            ViolationKind::kBrokenChain);
  f = next.fields();
  f.time_us = 1;
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing)).error().kind,
            ViolationKind::kClockRegression);
  EXPECT_TRUE(t_.Append(next));
}

TEST_F(TranscriptTest, CrossReferenceMustMatchThePeersEntry) {
  Add(a_, "one");
  auto env = Make(b_, "two");
  auto f = env.fields();
  f.peer.hash[0] ^= 1;
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, b_.signing)).error().kind,
            ViolationKind::kCrossReference);
  f = env.fields();
  f.peer.seq = 5;
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, b_.signing)).error().kind,
            ViolationKind::kTruncated);
}

TEST_F(TranscriptTest, ReceiptMustNameAnEntryTheSenderHadSeen) {
  auto m = Add(a_, "one");
  auto author = Author::Make(b_, t_);
  wire::Receipt rc{wire::ReceiptType::kAcknowledged, m, "Li", "operator", ""};
  auto good = author->Receipt(rc, wire::Precedence::kRoutine, "maritime", now_);
  rc.subject.hash[0] ^= 1;
  auto bad = author->Receipt(rc, wire::Precedence::kRoutine, "maritime", now_);
  EXPECT_EQ(t_.Append(*bad).error().kind, ViolationKind::kReceiptInvalid);
  EXPECT_TRUE(t_.Append(*good));
}

TEST_F(TranscriptTest, CheckpointsMustStateTheRecordedRoots) {
  Add(a_, "one");
  Add(b_, "two");
  auto author = Author::Make(a_, t_);
  auto proposal = author->ProposeCheckpoint(now_);
  ASSERT_TRUE(proposal);
  // The same proposal with one root altered and re-signed is refused.
  auto cp = *wire::Checkpoint::Parse(proposal->fields().body);
  cp.sides[0].root[0] ^= 1;
  auto f = proposal->fields();
  f.body = *cp.Encode();
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing)).error().kind,
            ViolationKind::kCheckpointInvalid);
  auto ref = proposal->ref();
  ASSERT_TRUE(t_.Append(*proposal));
  auto counter = Author::Make(b_, t_)->Countersign(ref, now_);
  ASSERT_TRUE(counter);
  EXPECT_TRUE(t_.Append(*counter));
}

TEST_F(TranscriptTest, CountersignMustNameAProposal) {
  auto m = Add(a_, "not a checkpoint");
  EXPECT_FALSE(Author::Make(b_, t_)->Countersign(m, now_));
}

TEST_F(TranscriptTest, AuthorNeverLetsTheClockRunBackwards) {
  Add(a_, "one");
  auto env = Author::Make(a_, t_)->Next(
      {wire::Kind::kText, wire::Precedence::kRoutine, "maritime", {}},
      /*now_us=*/5);
  ASSERT_TRUE(env);
  EXPECT_TRUE(t_.Append(*env));
}

TEST_F(TranscriptTest, PeerReferenceMayNotGoBackwards) {
  Add(a_, "one");
  Add(a_, "two");
  Add(b_, "sees two");
  auto env = Make(b_, "x");
  auto f = env.fields();
  f.peer = t_.chain(SideOf(a_)).at(1).ref();  // back to A#1
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, b_.signing)).error().kind,
            ViolationKind::kCrossReference);
}

TEST_F(TranscriptTest, EntryDatedBeforeThePeerEntryItReferences) {
  now_ = 10'000'000'000;
  auto m = Add(a_, "FLASH at 10000 s");
  wire::EnvelopeFields f;
  f.kind = wire::Kind::kText;
  f.link = t_.parties().id();
  f.sender = b_.signing.public_key();
  f.seq = 1;
  f.peer = m;
  f.channel = "maritime";
  f.time_us = now_ - 301'000'000;  // 301 s earlier: beyond the allowed skew
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, b_.signing)).error().kind,
            ViolationKind::kCausality);
  f.time_us = now_ - 299'000'000;  // within the skew: accepted
  EXPECT_TRUE(t_.Append(*wire::SignedEnvelope::Sign(f, b_.signing)));
}

TEST_F(TranscriptTest, KeyRotationIsRefusedUntilDefined) {
  auto env = Make(a_, "new keys", wire::Kind::kKeyRotation);
  EXPECT_EQ(t_.Append(env).error().kind, ViolationKind::kUnsupportedKind);
}

TEST_F(TranscriptTest, ReceiptRulesOnSubjectAndOperator) {
  auto m1 = Add(a_, "one");
  Add(b_, "reply");  // B has now seen A#1
  auto m2_env = Make(a_, "two");
  auto m2 = m2_env.ref();
  ASSERT_TRUE(t_.Append(std::move(m2_env)));
  // B's next entry still references A#1 if we build it by hand: a receipt for A#2
  // (which B's own peer reference says it had not seen) is refused.
  auto author = Author::Make(b_, t_);
  auto receipt_for_m2 = author->Receipt({wire::ReceiptType::kReceived, m2, "", "", ""},
                                        wire::Precedence::kRoutine, "maritime", now_);
  auto f = receipt_for_m2->fields();
  f.peer = m1;
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, b_.signing)).error().kind,
            ViolationKind::kReceiptInvalid);
  // An acknowledgement without an operator name is refused.
  auto nameless =
      author->Receipt({wire::ReceiptType::kAcknowledged, m1, "", "operator", ""},
                      wire::Precedence::kRoutine, "maritime", now_);
  EXPECT_EQ(t_.Append(*nameless).error().kind, ViolationKind::kReceiptInvalid);
  // Invalid UTF-8 in the operator name is refused.
  auto bad_utf8 =
      author->Receipt({wire::ReceiptType::kAcknowledged, m1, "Li\xff", "operator", ""},
                      wire::Precedence::kRoutine, "maritime", now_);
  EXPECT_EQ(t_.Append(*bad_utf8).error().kind, ViolationKind::kReceiptInvalid);
}

TEST_F(TranscriptTest, CheckpointWithWrongSizesIsRefused) {
  Add(a_, "one");
  Add(b_, "two");
  auto proposal = *Author::Make(a_, t_)->ProposeCheckpoint(now_);
  auto cp = *wire::Checkpoint::Parse(proposal.fields().body);
  cp.sides[SideOf(b_)].size = 0;  // claims to have seen none of B's entries
  cp.sides[SideOf(b_)].root = t_.chain(SideOf(b_)).RootAt(0);
  auto f = proposal.fields();
  f.body = *cp.Encode();
  EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing)).error().kind,
            ViolationKind::kCheckpointInvalid);
}

TEST_F(TranscriptTest, CountersignatureMustNameAPeerProposalItHadSeen) {
  Add(a_, "one");
  Add(b_, "two");
  auto proposal = *Author::Make(a_, t_)->ProposeCheckpoint(now_);
  auto proposal_ref = proposal.ref();
  ASSERT_TRUE(t_.Append(std::move(proposal)));
  auto counter = *Author::Make(b_, t_)->Countersign(proposal_ref, now_);
  auto counter_ref = counter.ref();

  // A countersignature naming its own side's checkpoint is refused: A "countersigns"
  // A's own proposal.
  {
    auto self = *Author::Make(a_, t_)->ProposeCheckpoint(now_);
    auto cp = *wire::Checkpoint::Parse(self.fields().body);
    cp.role = wire::CheckpointRole::kCountersign;
    cp.proposal = proposal_ref;
    auto f = self.fields();
    f.body = *cp.Encode();
    EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing)).error().kind,
              ViolationKind::kCheckpointInvalid);
  }
  ASSERT_TRUE(t_.Append(std::move(counter)));
  // A countersignature naming a countersignature (not a proposal) is refused.
  {
    auto next = *Author::Make(a_, t_)->ProposeCheckpoint(now_);
    auto cp = *wire::Checkpoint::Parse(next.fields().body);
    cp.role = wire::CheckpointRole::kCountersign;
    cp.proposal = counter_ref;
    auto f = next.fields();
    f.body = *cp.Encode();
    EXPECT_EQ(t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing)).error().kind,
              ViolationKind::kCheckpointInvalid);
  }
}

// ---- Notices: "unanswered after N s", signed by the message's own sender ----

constexpr uint64_t kSecondUs = 1'000'000;

class NoticeRuleTest : public TranscriptTest {
 protected:
  // A's notice about `subject`, signed `after_s` seconds after the subject's time,
  // with the peer reference the Author gives (B's newest recorded entry).
  wire::SignedEnvelope Notice(wire::EntryRef subject, wire::NoticeSilence silence,
                              uint32_t deadline_s = 600, uint64_t after_s = 601) {
    wire::Notice n{wire::NoticeType::kUnanswered, subject, deadline_s, silence};
    const uint64_t at =
        t_.chain(SideOf(a_)).at(subject.seq).fields().time_us + after_s * kSecondUs;
    auto env = Author::Make(a_, t_)->Next(
        {wire::Kind::kNotice, wire::Precedence::kFlash, "maritime", *n.Encode()}, at);
    EXPECT_TRUE(env) << env.error().ToString();
    return *env;
  }
  void ReceiptBy(const identity::StationKeys& who, wire::ReceiptType type,
                 wire::EntryRef subject) {
    std::string name = type == wire::ReceiptType::kAcknowledged ? "Li Wei" : "";
    auto env = Author::Make(who, t_)->Receipt({type, subject, name, "operator", ""},
                                              wire::Precedence::kRoutine, "maritime",
                                              now_ += 1000);
    ASSERT_TRUE(env);
    ASSERT_TRUE(t_.Append(std::move(*env)));
  }
  ViolationKind KindOf(const Check& c) {
    return c ? ViolationKind::kFileFormat : c.error().kind;
  }
};

TEST_F(NoticeRuleTest, TechnicalSilenceWithNoReceiptIsRecorded) {
  auto m = Add(a_, "FLASH: confirm intentions");
  auto notice = Notice(m, wire::NoticeSilence::kTechnical);
  auto ok = t_.Append(notice);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(t_.chain(SideOf(a_)).at(2).fields().kind, wire::Kind::kNotice);
}

TEST_F(NoticeRuleTest, HumanSilenceNeedsAReceivedReceiptTheSenderHadSeen) {
  auto m = Add(a_, "FLASH");
  auto human = Notice(m, wire::NoticeSilence::kHuman);
  EXPECT_EQ(t_.CheckAppend(human).error().kind, ViolationKind::kNoticeContradicted);
  ReceiptBy(b_, wire::ReceiptType::kReceived, m);
  auto ok = t_.Append(Notice(m, wire::NoticeSilence::kHuman));
  EXPECT_TRUE(ok) << ok.error().ToString();
}

TEST_F(NoticeRuleTest, TechnicalClaimIsContradictedByACumulativeReceivedReceipt) {
  auto m1 = Add(a_, "one");
  auto m2 = Add(a_, "two");
  ReceiptBy(b_, wire::ReceiptType::kReceived, m2);  // covers m1 too
  auto technical = Notice(m1, wire::NoticeSilence::kTechnical);
  auto refused = t_.CheckAppend(technical);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ViolationKind::kNoticeContradicted);
  EXPECT_EQ(refused.error().side, SideOf(a_));
  EXPECT_EQ(refused.error().seq, 3u);
  EXPECT_NE(refused.error().detail.find("peer entry #1"), std::string::npos)
      << refused.error().detail;
  // A displayed receipt alone also shows the message was received.
  auto m3 = Add(a_, "three");
  ReceiptBy(b_, wire::ReceiptType::kDisplayed, m3);
  EXPECT_EQ(t_.CheckAppend(Notice(m3, wire::NoticeSilence::kTechnical)).error().kind,
            ViolationKind::kNoticeContradicted);
  EXPECT_TRUE(t_.CheckAppend(Notice(m3, wire::NoticeSilence::kHuman)));
}

TEST_F(NoticeRuleTest, AReceiptInFlightWhenTheNoticeWasWrittenDoesNotContradictIt) {
  Add(b_, "hello");                                // B#1
  auto m = Add(a_, "FLASH");                       // A#1, has seen B#1
  ReceiptBy(b_, wire::ReceiptType::kReceived, m);  // B#2
  auto env = Notice(m, wire::NoticeSilence::kTechnical);
  EXPECT_EQ(env.fields().peer.seq, 2u);
  EXPECT_EQ(t_.CheckAppend(env).error().kind, ViolationKind::kNoticeContradicted);
  // The same notice written before A had recorded B#2 states what A knew.
  auto f = env.fields();
  f.peer = t_.chain(SideOf(b_)).at(1).ref();
  auto ok = t_.Append(*wire::SignedEnvelope::Sign(f, a_.signing));
  EXPECT_TRUE(ok) << ok.error().ToString();
}

TEST_F(NoticeRuleTest, AnAcknowledgedMessageWasAnswered) {
  auto m = Add(a_, "FLASH");
  ReceiptBy(b_, wire::ReceiptType::kReceived, m);
  ReceiptBy(b_, wire::ReceiptType::kAcknowledged, m);
  auto human = t_.CheckAppend(Notice(m, wire::NoticeSilence::kHuman));
  ASSERT_FALSE(human);
  EXPECT_EQ(human.error().kind, ViolationKind::kNoticeContradicted);
  EXPECT_NE(human.error().detail.find("acknowledging"), std::string::npos);
  EXPECT_EQ(t_.CheckAppend(Notice(m, wire::NoticeSilence::kTechnical)).error().kind,
            ViolationKind::kNoticeContradicted);
}

TEST_F(NoticeRuleTest, AcknowledgementOfAnotherMessageDoesNotCount) {
  auto m1 = Add(a_, "one");
  auto m2 = Add(a_, "two");
  ReceiptBy(b_, wire::ReceiptType::kReceived, m2);
  ReceiptBy(b_, wire::ReceiptType::kAcknowledged, m2);
  EXPECT_TRUE(t_.CheckAppend(Notice(m1, wire::NoticeSilence::kHuman)));
}

TEST_F(NoticeRuleTest, TheDeadlineMustHavePassedOnTheSendersOwnClock) {
  auto m = Add(a_, "FLASH");
  auto early = t_.CheckAppend(
      Notice(m, wire::NoticeSilence::kTechnical, /*deadline_s=*/600, /*after_s=*/599));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().kind, ViolationKind::kNoticeInvalid);
  EXPECT_TRUE(t_.CheckAppend(Notice(m, wire::NoticeSilence::kTechnical, 600, 600)));
}

TEST_F(NoticeRuleTest, SubjectMustBeAnEarlierMessageOfTheSendersOwnChain) {
  auto peer_msg = Add(b_, "B's message");
  auto m = Add(a_, "FLASH");
  // The peer's message B#1: a station states only its own messages' silences.
  {
    auto env = Notice(m, wire::NoticeSilence::kTechnical);
    auto f = env.fields();
    f.body = *wire::Notice{wire::NoticeType::kUnanswered, peer_msg, 600,
                           wire::NoticeSilence::kTechnical}
                  .Encode();
    EXPECT_EQ(KindOf(t_.CheckAppend(*wire::SignedEnvelope::Sign(f, a_.signing))),
              ViolationKind::kNoticeInvalid);
  }
  // A wrong hash for its own entry.
  {
    wire::EntryRef wrong = m;
    wrong.hash[0] ^= 1;
    auto env = Notice(m, wire::NoticeSilence::kTechnical);
    auto f = env.fields();
    f.body = *wire::Notice{wire::NoticeType::kUnanswered, wrong, 600,
                           wire::NoticeSilence::kTechnical}
                  .Encode();
    EXPECT_EQ(KindOf(t_.CheckAppend(*wire::SignedEnvelope::Sign(f, a_.signing))),
              ViolationKind::kNoticeInvalid);
  }
  // Itself (seq 2, not yet recorded) or a future entry.
  for (uint64_t seq : {2u, 3u}) {
    auto env = Notice(m, wire::NoticeSilence::kTechnical);
    auto f = env.fields();
    f.body = *wire::Notice{wire::NoticeType::kUnanswered,
                           {seq, {}},
                           600,
                           wire::NoticeSilence::kTechnical}
                  .Encode();
    EXPECT_EQ(KindOf(t_.CheckAppend(*wire::SignedEnvelope::Sign(f, a_.signing))),
              ViolationKind::kNoticeInvalid);
  }
  // A malformed body.
  {
    auto env = Notice(m, wire::NoticeSilence::kTechnical);
    auto f = env.fields();
    f.body.push_back(0);
    EXPECT_EQ(KindOf(t_.CheckAppend(*wire::SignedEnvelope::Sign(f, a_.signing))),
              ViolationKind::kNoticeInvalid);
  }
}

TEST_F(NoticeRuleTest, SubjectMustBeAMessageSomeoneAnswers) {
  auto theirs = Add(b_, "B's message");
  auto m = Add(a_, "FLASH");
  ReceiptBy(a_, wire::ReceiptType::kReceived, theirs);  // A#2: a receipt
  const auto receipt_ref = t_.chain(SideOf(a_)).at(2).ref();
  auto env = Notice(m, wire::NoticeSilence::kTechnical);
  auto f = env.fields();
  f.body = *wire::Notice{wire::NoticeType::kUnanswered, receipt_ref, 600,
                         wire::NoticeSilence::kTechnical}
                .Encode();
  auto refused = t_.CheckAppend(*wire::SignedEnvelope::Sign(f, a_.signing));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ViolationKind::kNoticeInvalid);
  EXPECT_NE(refused.error().detail.find("receipt"), std::string::npos);
  // A call is a message: its silence can be recorded.
  auto call = Make(a_, "principal call at 14:00Z", wire::Kind::kCall);
  auto call_ref = call.ref();
  ASSERT_TRUE(t_.Append(std::move(call)));
  EXPECT_TRUE(t_.CheckAppend(Notice(call_ref, wire::NoticeSilence::kTechnical)));
}

TEST_F(NoticeRuleTest, NoticesThemselvesAreNeverSubjects) {
  auto m = Add(a_, "FLASH");
  auto first = Notice(m, wire::NoticeSilence::kTechnical);
  auto first_ref = first.ref();
  ASSERT_TRUE(t_.Append(std::move(first)));
  EXPECT_EQ(t_.CheckAppend(Notice(first_ref, wire::NoticeSilence::kTechnical, 1, 2))
                .error()
                .kind,
            ViolationKind::kNoticeInvalid);
}

TEST(SampleTest, SampleTranscriptIsValid) {
  auto link = MakeSampleLink({});
  ASSERT_TRUE(link) << link.error().ToString();
  EXPECT_GT(link->transcript.chain(0).size(), 5u);
  EXPECT_GT(link->transcript.chain(1).size(), 5u);
}

}  // namespace
}  // namespace openline::transcript
