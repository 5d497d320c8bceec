// The transcript half of the SQLite store: Commit, Entries, ChainSize.
#include <limits>

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "store/testing/store_testing.h"

namespace openline::store {
namespace {

using testing::ChainWriter;
using testing::MakeLink;
using testing::MakeMessage;
using testing::TempDir;
using testing::ToBytes;

class CommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenSqliteStore(dir_.Path("station.db"));
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
    ASSERT_TRUE(store_->AddLink(MakeLink("seoul", 3)));
  }

  Status Commit(const std::vector<LinkWrite>& writes, uint64_t now_us = 1000) {
    return store_->Commit(writes, now_us);
  }

  AcceptedMessage Accepted(const std::string& link, const std::string& text) {
    const uint64_t id = store_->Accept(MakeMessage(link, text)).value();
    return *store_->Message(id).value();
  }

  std::vector<uint64_t> Seqs(const std::string& link, int side, uint64_t from = 1,
                             size_t limit = 1000) {
    std::vector<uint64_t> out;
    const auto entries = store_->Entries(link, side, from, limit).value();
    for (const auto& e : entries) {
      out.push_back(e.seq);
    }
    return out;
  }

  // Expects `writes` to fail with `code` and to have changed nothing.
  void ExpectRefused(const std::vector<LinkWrite>& writes, ErrorCode code,
                     const std::string& says) {
    const uint64_t before0 = store_->ChainSize("beijing", 0).value();
    const uint64_t before1 = store_->ChainSize("beijing", 1).value();
    const size_t unchained = store_->Unchained("beijing")->size();
    auto result = Commit(writes);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_NE(result.error().message.find(says), std::string::npos)
        << result.error().message;
    EXPECT_EQ(store_->ChainSize("beijing", 0).value(), before0);
    EXPECT_EQ(store_->ChainSize("beijing", 1).value(), before1);
    EXPECT_EQ(store_->Unchained("beijing")->size(), unchained);
  }

  TempDir dir_;
  std::unique_ptr<StationStore> store_;
  ChainWriter own_{testing::kOwnSeed};
  ChainWriter peer_{2};
};

TEST_F(CommitTest, StoresTheExactEnvelopeBytesInOrder) {
  const auto e1 = own_.Next("maritime", ToBytes("one"));
  const auto e2 =
      own_.Next("air", ToBytes("two"), wire::Kind::kTest, wire::Precedence::kImmediate);
  ASSERT_TRUE(Commit({{"beijing", {{0, e1, {}}, {0, e2, {}}}}}, 4242));
  auto entries = store_->Entries("beijing", 0, 1, 10);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].side, 0);
  EXPECT_EQ((*entries)[0].seq, 1u);
  EXPECT_EQ((*entries)[0].envelope, e1.bytes());
  EXPECT_EQ((*entries)[0].stored_us, 4242u);
  EXPECT_EQ((*entries)[1].seq, 2u);
  EXPECT_EQ((*entries)[1].envelope, e2.bytes());
  auto parsed = wire::SignedEnvelope::Parse((*entries)[1].envelope);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->VerifySignature());
  EXPECT_EQ(parsed->hash(), e2.hash());
}

TEST_F(CommitTest, OneCommitCoversBothSidesOfSeveralLinks) {
  ChainWriter own_seoul(testing::kOwnSeed), seoul(3);
  ASSERT_TRUE(Commit({{"beijing",
                       {{0, own_.Next("maritime", ToBytes("a")), {}},
                        {1, peer_.Next("maritime", ToBytes("b")), {}},
                        {0, own_.Next("maritime", ToBytes("c")), {}}}},
                      {"seoul",
                       {{1, seoul.Next("maritime", ToBytes("d")), {}},
                        {0, own_seoul.Next("maritime", ToBytes("e")), {}}}}}));
  EXPECT_EQ(store_->ChainSize("beijing", 0).value(), 2u);
  EXPECT_EQ(store_->ChainSize("beijing", 1).value(), 1u);
  EXPECT_EQ(store_->ChainSize("seoul", 0).value(), 1u);
  EXPECT_EQ(store_->ChainSize("seoul", 1).value(), 1u);
}

TEST_F(CommitTest, EntriesOfOneLinkMayComeInSeveralLinkWrites) {
  ASSERT_TRUE(Commit({{"beijing", {{0, own_.Next("maritime", ToBytes("a")), {}}}},
                      {"beijing", {{0, own_.Next("maritime", ToBytes("b")), {}}}}}));
  EXPECT_EQ(Seqs("beijing", 0), (std::vector<uint64_t>{1, 2}));
}

TEST_F(CommitTest, EmptyCommitSucceeds) {
  EXPECT_TRUE(Commit({}));
  EXPECT_TRUE(Commit({{"beijing", {}}}));
  EXPECT_EQ(store_->ChainSize("beijing", 0).value(), 0u);
}

TEST_F(CommitTest, ChainingAnEntryMarksItsMessage) {
  const AcceptedMessage m = Accepted("beijing", "vessel in distress");
  ASSERT_TRUE(Commit(
      {{"beijing",
        {{0, own_.Next("maritime", ToBytes("r")), {}}, {0, own_.NextFor(m), m.id}}}}));
  EXPECT_EQ(store_->Message(m.id).value()->chained_seq, 2u);
  EXPECT_TRUE(store_->Unchained("beijing")->empty());
}

TEST_F(CommitTest, RefusesAGapInTheChain) {
  const auto e2 = own_.Make(2, wire::Hash{}, ToBytes("x"));
  ExpectRefused({{"beijing", {{0, e2, {}}}}}, ErrorCode::kState,
                "does not extend a chain of 0 entries");
}

TEST_F(CommitTest, RefusesARepeatedSeq) {
  const auto e1 = own_.Next("maritime", ToBytes("one"));
  ASSERT_TRUE(Commit({{"beijing", {{0, e1, {}}}}}));
  ExpectRefused({{"beijing", {{0, e1, {}}}}}, ErrorCode::kState,
                "does not extend a chain of 1 entries");
  // The same seq twice within one commit.
  const auto e2 = own_.Next("maritime", ToBytes("two"));
  ExpectRefused({{"beijing", {{0, e2, {}}, {0, e2, {}}}}}, ErrorCode::kState,
                "does not extend a chain of 2 entries");
}

TEST_F(CommitTest, RefusesAWrongPreviousHash) {
  ASSERT_TRUE(Commit({{"beijing", {{0, own_.Next("maritime", ToBytes("one")), {}}}}}));
  wire::Hash wrong{};
  wrong[0] = 1;
  ExpectRefused({{"beijing", {{0, own_.Make(2, wrong, ToBytes("x")), {}}}}},
                ErrorCode::kState, "previous entry's hash");
}

TEST_F(CommitTest, OneBadEntryAmongGoodOnesStoresNone) {
  const AcceptedMessage m1 = Accepted("beijing", "one");
  const AcceptedMessage m2 = Accepted("beijing", "two");
  ChainWriter seoul(3);
  const auto e1 = own_.NextFor(m1);
  const auto e2 = own_.NextFor(m2);
  const auto bad = own_.Make(9, e2.hash(), ToBytes("gap"));
  ExpectRefused({{"seoul", {{1, seoul.Next("maritime", ToBytes("s")), {}}}},
                 {"beijing",
                  {{0, e1, m1.id},
                   {1, peer_.Next("maritime", ToBytes("p")), {}},
                   {0, e2, m2.id},
                   {0, bad, {}}}}},
                ErrorCode::kState, "entry 9");
  EXPECT_EQ(store_->ChainSize("seoul", 1).value(), 0u);
  EXPECT_FALSE(store_->Message(m1.id).value()->chained_seq);
  EXPECT_FALSE(store_->Message(m2.id).value()->chained_seq);
  // The good part alone goes through afterwards.
  EXPECT_TRUE(Commit({{"beijing", {{0, e1, m1.id}, {0, e2, m2.id}}}}));
}

TEST_F(CommitTest, RefusesToChainAnUnknownMessage) {
  const AcceptedMessage m = MakeMessage("beijing", "never accepted");
  ExpectRefused({{"beijing", {{0, own_.NextFor(m), 12345}}}}, ErrorCode::kState,
                "message 12345 is unknown");
}

TEST_F(CommitTest, RefusesToChainAnotherLinksMessage) {
  const AcceptedMessage m = Accepted("seoul", "for seoul");
  ExpectRefused({{"beijing", {{0, own_.NextFor(m), m.id}}}}, ErrorCode::kState,
                "belongs to another link");
  EXPECT_FALSE(store_->Message(m.id).value()->chained_seq);
}

TEST_F(CommitTest, RefusesToChainAMessageTwice) {
  const AcceptedMessage m = Accepted("beijing", "once");
  const auto e1 = own_.NextFor(m);
  ASSERT_TRUE(Commit({{"beijing", {{0, e1, m.id}}}}));
  ExpectRefused({{"beijing", {{0, own_.NextFor(m), m.id}}}}, ErrorCode::kState,
                "already chained as entry 1");
  // Twice within one commit.
  const AcceptedMessage n = Accepted("beijing", "twice");
  own_.ResumeAfter(1, e1.hash());
  const auto a = own_.NextFor(n);
  const auto b = own_.NextFor(n);
  ExpectRefused({{"beijing", {{0, a, n.id}, {0, b, n.id}}}}, ErrorCode::kState,
                "already chained as entry 2");
}

TEST_F(CommitTest, RefusesAnEntryThatDoesNotCarryItsMessage) {
  const AcceptedMessage m = Accepted("beijing", "the accepted text");
  auto refuse = [&](AcceptedMessage signed_instead) {
    ChainWriter fresh(testing::kOwnSeed);
    ExpectRefused({{"beijing", {{0, fresh.NextFor(signed_instead), m.id}}}},
                  ErrorCode::kState, "does not carry message");
  };
  AcceptedMessage other = m;
  other.body = ToBytes("something else");
  refuse(other);
  other = m;
  other.precedence = wire::Precedence::kFlash;
  refuse(other);
  other = m;
  other.channel = "air";
  refuse(other);
  other = m;
  other.kind = wire::Kind::kCatalogue;
  refuse(other);
  EXPECT_FALSE(store_->Message(m.id).value()->chained_seq);
}

TEST_F(CommitTest, UnknownLinkIsNotFoundAndBadSideIsInvalid) {
  ExpectRefused({{"nowhere", {{0, own_.Next("maritime", ToBytes("x")), {}}}}},
                ErrorCode::kNotFound, "nowhere");
  ChainWriter w(testing::kOwnSeed);
  ExpectRefused({{"beijing", {{2, w.Next("maritime", ToBytes("x")), {}}}}},
                ErrorCode::kInvalidArgument, "side must be 0 or 1");
}

TEST_F(CommitTest, EntriesHonoursFromSeqAndLimit) {
  std::vector<LinkWrite> writes = {{"beijing", {}}};
  for (int i = 0; i < 6; ++i) {
    writes[0].entries.push_back(
        {0, own_.Next("maritime", ToBytes(std::to_string(i))), {}});
  }
  ASSERT_TRUE(Commit(writes));
  EXPECT_EQ(Seqs("beijing", 0, 3, 2), (std::vector<uint64_t>{3, 4}));
  EXPECT_EQ(Seqs("beijing", 0, 5, 100), (std::vector<uint64_t>{5, 6}));
  EXPECT_EQ(Seqs("beijing", 0, 0, 2), (std::vector<uint64_t>{1, 2}));  // 0 reads as 1
  EXPECT_TRUE(Seqs("beijing", 0, 7, 10).empty());
  EXPECT_TRUE(Seqs("beijing", 0, 1, 0).empty());
  EXPECT_TRUE(Seqs("beijing", 0, std::numeric_limits<uint64_t>::max(), 10).empty());
  EXPECT_EQ(Seqs("beijing", 0, 1, std::numeric_limits<size_t>::max()).size(), 6u);
  EXPECT_TRUE(Seqs("beijing", 1).empty());  // the other side is separate
}

TEST_F(CommitTest, EntriesAndChainSizeRefuseBadArguments) {
  EXPECT_EQ(store_->Entries("nowhere", 0, 1, 1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->Entries("beijing", -1, 1, 1).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->ChainSize("nowhere", 0).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ChainSize("beijing", 2).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(CommitTest, ChainSizeCountsEachSideOfEachLink) {
  EXPECT_EQ(store_->ChainSize("beijing", 0).value(), 0u);
  ASSERT_TRUE(Commit({{"beijing",
                       {{1, peer_.Next("maritime", ToBytes("a")), {}},
                        {1, peer_.Next("maritime", ToBytes("b")), {}},
                        {1, peer_.Next("maritime", ToBytes("c")), {}}}}}));
  EXPECT_EQ(store_->ChainSize("beijing", 1).value(), 3u);
  EXPECT_EQ(store_->ChainSize("beijing", 0).value(), 0u);
  EXPECT_EQ(store_->ChainSize("seoul", 1).value(), 0u);
}

}  // namespace
}  // namespace openline::store
