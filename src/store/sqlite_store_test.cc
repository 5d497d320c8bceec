// Links, accepted messages, handshake timestamps, reopening and damaged files.
// The transcript methods are in commit_test.cc.
#include "store/sqlite_store.h"

#include <filesystem>
#include <fstream>
#include <limits>

#include <gtest/gtest.h>

#include "store/db.h"
#include "store/testing/store_testing.h"

namespace openline::store {
namespace {

using testing::ChainWriter;
using testing::MakeLink;
using testing::MakeMessage;
using testing::TempDir;
using testing::ToBytes;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    auto store = OpenSqliteStore(path_);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
  }

  std::vector<std::string> LinkNames() {
    std::vector<std::string> names;
    const auto links = store_->Links().value();  // not a temporary: range-for keeps no
    for (const auto& l : links) names.push_back(l.name);  // Result alive
    return names;
  }

  Status CommitOwn(const std::string& link, const wire::SignedEnvelope& env,
                   std::optional<uint64_t> message = std::nullopt) {
    const LinkWrite w{link, {EntryWrite{0, env, message}}};
    return store_->Commit({&w, 1}, 5);
  }

  TempDir dir_;
  std::string path_ = dir_.Path("station.db");
  std::unique_ptr<StationStore> store_;
};

// ---- Links ----

TEST_F(SqliteStoreTest, AddedLinkIsListedWithPathsInOrder) {
  const LinkConfig link = MakeLink("beijing", 2);
  ASSERT_TRUE(store_->AddLink(link));
  auto links = store_->Links();
  ASSERT_TRUE(links);
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].name, "beijing");
  EXPECT_EQ((*links)[0].peer, link.peer);
  EXPECT_EQ((*links)[0].paths, link.paths);
  EXPECT_EQ((*links)[0].created_us, link.created_us);
}

TEST_F(SqliteStoreTest, LinksAreListedByName) {
  ASSERT_TRUE(store_->AddLink(MakeLink("seoul", 3)));
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  ASSERT_TRUE(store_->AddLink(MakeLink("moscow", 4)));
  EXPECT_EQ(LinkNames(), (std::vector<std::string>{"beijing", "moscow", "seoul"}));
}

TEST_F(SqliteStoreTest, AddLinkRejectsATakenName) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  LinkConfig again = MakeLink("beijing", 3);
  again.paths = {"tcp://198.51.100.1:1"};
  auto added = store_->AddLink(again);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(added.error().message.find("\"beijing\" is already used"), std::string::npos);
  EXPECT_EQ(store_->Links()->at(0).paths, MakeLink("beijing", 2).paths);  // untouched
}

TEST_F(SqliteStoreTest, AddLinkRejectsATakenSigningKey) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  LinkConfig other = MakeLink("peking", 3);
  other.peer.sign_key = MakeLink("x", 2).peer.sign_key;
  auto added = store_->AddLink(other);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(added.error().message.find("pinned for link \"beijing\""), std::string::npos);
  EXPECT_EQ(LinkNames(), std::vector<std::string>{"beijing"});
}

TEST_F(SqliteStoreTest, AddLinkRejectsATakenDhKey) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  LinkConfig other = MakeLink("peking", 3);
  other.peer.dh_key = MakeLink("x", 2).peer.dh_key;
  EXPECT_EQ(store_->AddLink(other).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(LinkNames(), std::vector<std::string>{"beijing"});
}

TEST_F(SqliteStoreTest, AddLinkRejectsAnInvalidName) {
  for (const char* name : {"", "Beijing", "bei jing", "../x"}) {
    auto added = store_->AddLink(MakeLink(name, 2));
    ASSERT_FALSE(added) << name;
    EXPECT_EQ(added.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_TRUE(store_->Links()->empty());
}

TEST_F(SqliteStoreTest, UpdatePathsReplacesThem) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  const std::vector<std::string> paths = {"file:///media/usb",
                                          "tcp://[2001:db8::1]:7000"};
  ASSERT_TRUE(store_->UpdatePaths("beijing", paths));
  EXPECT_EQ(store_->Links()->at(0).paths, paths);
  ASSERT_TRUE(store_->UpdatePaths("beijing", {}));
  EXPECT_TRUE(store_->Links()->at(0).paths.empty());
}

TEST_F(SqliteStoreTest, UpdatePathsOfUnknownLinkIsNotFound) {
  EXPECT_EQ(store_->UpdatePaths("nowhere", {"tcp://x:1"}).error().code,
            ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, RemovedLinkIsHiddenButItsHistoryIsKept) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  ASSERT_TRUE(store_->AddLink(MakeLink("seoul", 3)));
  const uint64_t id = store_->Accept(MakeMessage("beijing", "hello")).value();
  ChainWriter own(testing::kOwnSeed);
  ASSERT_TRUE(CommitOwn("beijing", own.NextFor(*store_->Message(id).value()), id));
  const uint64_t waiting = store_->Accept(MakeMessage("beijing", "unsent")).value();

  ASSERT_TRUE(store_->RemoveLink("beijing"));
  EXPECT_EQ(LinkNames(), std::vector<std::string>{"seoul"});
  // History stays readable by name.
  EXPECT_EQ(store_->ChainSize("beijing", 0).value(), 1u);
  EXPECT_EQ(store_->Entries("beijing", 0, 1, 10)->size(), 1u);
  EXPECT_TRUE(store_->Message(id).value().has_value());
  EXPECT_EQ(store_->Unchained("beijing")->at(0).id, waiting);
  // Nothing new is written to it.
  EXPECT_EQ(store_->Accept(MakeMessage("beijing", "x")).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(CommitOwn("beijing", own.Next("maritime", ToBytes("e2"))).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->UpdatePaths("beijing", {}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->RemoveLink("beijing").error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, RemoveUnknownLinkIsNotFound) {
  EXPECT_EQ(store_->RemoveLink("nowhere").error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, ReAddingARemovedLinkRestoresItsChains) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  ChainWriter own(testing::kOwnSeed);
  ASSERT_TRUE(CommitOwn("beijing", own.Next("maritime", ToBytes("one"))));
  ASSERT_TRUE(store_->RemoveLink("beijing"));

  LinkConfig again = MakeLink("beijing", 2);
  again.paths = {"tcp://203.0.113.9:7000"};
  ASSERT_TRUE(store_->AddLink(again));
  ASSERT_EQ(store_->Links()->size(), 1u);
  EXPECT_EQ(store_->Links()->at(0).paths, again.paths);
  EXPECT_EQ(store_->ChainSize("beijing", 0).value(), 1u);
  EXPECT_TRUE(CommitOwn("beijing", own.Next("maritime", ToBytes("two"))));  // continues
  EXPECT_EQ(store_->AddLink(again).error().code, ErrorCode::kInvalidArgument);  // active
}

TEST_F(SqliteStoreTest, ARemovedLinksNameAndKeysStayTaken) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  ASSERT_TRUE(store_->RemoveLink("beijing"));
  auto same_name = store_->AddLink(MakeLink("beijing", 3));
  ASSERT_FALSE(same_name);
  EXPECT_NE(same_name.error().message.find("removed"), std::string::npos);
  EXPECT_EQ(store_->AddLink(MakeLink("peking", 2)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(store_->Links()->empty());
}

// ---- Accepted messages ----

TEST_F(SqliteStoreTest, AcceptAssignsIncreasingIdsAndKeepsEveryField) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  AcceptedMessage m =
      MakeMessage("beijing", "vessel in distress", wire::Precedence::kFlash);
  m.id = 999;         // ignored
  m.chained_seq = 7;  // ignored
  m.kind = wire::Kind::kCatalogue;
  const uint64_t a = store_->Accept(m).value();
  const uint64_t b = store_->Accept(MakeMessage("beijing", "second")).value();
  EXPECT_GT(b, a);
  auto got = store_->Message(a);
  ASSERT_TRUE(got && got->has_value());
  const AcceptedMessage& g = **got;
  EXPECT_EQ(g.id, a);
  EXPECT_EQ(g.link, "beijing");
  EXPECT_EQ(g.channel, m.channel);
  EXPECT_EQ(g.precedence, wire::Precedence::kFlash);
  EXPECT_EQ(g.kind, wire::Kind::kCatalogue);
  EXPECT_EQ(g.body, m.body);
  EXPECT_EQ(g.accepted_us, m.accepted_us);
  EXPECT_FALSE(g.chained_seq);
}

TEST_F(SqliteStoreTest, AcceptKeepsAnEmptyBody) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  const uint64_t id = store_->Accept(MakeMessage("beijing", "")).value();
  EXPECT_TRUE(store_->Message(id).value()->body.empty());
}

TEST_F(SqliteStoreTest, AcceptRefusesBadInputAndStoresNothing) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  EXPECT_EQ(store_->Accept(MakeMessage("nowhere", "x")).error().code,
            ErrorCode::kNotFound);
  AcceptedMessage bad_channel = MakeMessage("beijing", "x");
  bad_channel.channel = "Air Ops";
  EXPECT_EQ(store_->Accept(bad_channel).error().code, ErrorCode::kInvalidArgument);
  AcceptedMessage too_big = MakeMessage("beijing", "");
  too_big.body.assign(wire::kMaxBodyLen + 1, 'x');
  EXPECT_EQ(store_->Accept(too_big).error().code, ErrorCode::kTooLarge);
  AcceptedMessage bad_precedence = MakeMessage("beijing", "x");
  bad_precedence.precedence = static_cast<wire::Precedence>(9);  // CHECK constraint
  EXPECT_EQ(store_->Accept(bad_precedence).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(store_->Unchained("beijing")->empty());
  AcceptedMessage largest = MakeMessage("beijing", "");
  largest.body.assign(wire::kMaxBodyLen, 'x');
  EXPECT_TRUE(store_->Accept(largest));
}

TEST_F(SqliteStoreTest, AcceptBatchReturnsIdsInTheOrderGiven) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  ASSERT_TRUE(store_->AddLink(MakeLink("seoul", 3)));
  const std::vector<AcceptedMessage> batch = {MakeMessage("beijing", "one"),
                                              MakeMessage("seoul", "two"),
                                              MakeMessage("beijing", "three")};
  auto ids = store_->AcceptBatch(batch);
  ASSERT_TRUE(ids) << ids.error().ToString();
  ASSERT_EQ(ids->size(), 3u);
  EXPECT_LT((*ids)[0].id, (*ids)[1].id);
  EXPECT_LT((*ids)[1].id, (*ids)[2].id);
  for (size_t i = 0; i < batch.size(); ++i) {
    EXPECT_FALSE((*ids)[i].replayed);
    auto m = store_->Message((*ids)[i].id).value();
    ASSERT_TRUE(m);
    EXPECT_EQ(m->link, batch[i].link);
    EXPECT_EQ(m->body, batch[i].body);
  }
  EXPECT_TRUE(store_->AcceptBatch({}).value().empty());
}

TEST_F(SqliteStoreTest, AcceptBatchIsAllOrNothing) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  AcceptedMessage bad_channel = MakeMessage("beijing", "x");
  bad_channel.channel = "";
  const std::vector<std::pair<AcceptedMessage, ErrorCode>> bad = {
      {MakeMessage("nowhere", "x"), ErrorCode::kNotFound},
      {bad_channel, ErrorCode::kInvalidArgument}};
  for (const auto& [message, code] : bad) {
    const std::vector<AcceptedMessage> batch = {MakeMessage("beijing", "good"), message,
                                                MakeMessage("beijing", "good too")};
    auto ids = store_->AcceptBatch(batch);
    ASSERT_FALSE(ids);
    EXPECT_EQ(ids.error().code, code);
  }
  EXPECT_TRUE(store_->Unchained("beijing")->empty());
}

TEST_F(SqliteStoreTest, ARequestIdAcceptsItsMessageOnce) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  AcceptedMessage m = MakeMessage("beijing", "Confirm intentions.");
  m.request_id = "7f1c2a9e-retry:1";
  const uint64_t first = store_->Accept(m).value();
  // The client lost the reply and sends again: the same message, nothing new.
  m.accepted_us += 5'000'000;
  EXPECT_EQ(store_->Accept(m).value(), first);
  auto again = store_->AcceptBatch(std::vector<AcceptedMessage>{m}).value();
  EXPECT_EQ(again[0].id, first);
  EXPECT_TRUE(again[0].replayed);
  EXPECT_EQ(store_->Unchained("beijing")->size(), 1u);
  EXPECT_EQ(again[0].accepted_us, m.accepted_us - 5'000'000);  // the original's
  auto named = store_->MessageByRequest("7f1c2a9e-retry:1").value();
  ASSERT_TRUE(named);
  EXPECT_EQ(named->id, first);
  EXPECT_EQ(named->request_id, "7f1c2a9e-retry:1");
  EXPECT_FALSE(store_->MessageByRequest("unknown").value());
  // The same id for another text is a client bug, refused rather than guessed at.

  AcceptedMessage other = m;
  other.body = {'n', 'o'};
  EXPECT_EQ(store_->Accept(other).error().code, ErrorCode::kState);
  // Without a request id every accept is a new message.
  EXPECT_NE(store_->Accept(MakeMessage("beijing", "x")).value(),
            store_->Accept(MakeMessage("beijing", "x")).value());
}

TEST_F(SqliteStoreTest, ARequestIdRepeatedInOneBatchNamesTheFirst) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  AcceptedMessage m = MakeMessage("beijing", "once");
  m.request_id = "r1";
  auto out = store_->AcceptBatch(std::vector<AcceptedMessage>{m, m}).value();
  EXPECT_EQ(out[0].id, out[1].id);
  EXPECT_FALSE(out[0].replayed);
  EXPECT_TRUE(out[1].replayed);
  EXPECT_EQ(store_->Unchained("beijing")->size(), 1u);
}

TEST_F(SqliteStoreTest, MalformedRequestIdsAreRefused) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  for (std::string bad : {std::string(65, 'a'), std::string("a b"), std::string("é"),
                          std::string("a\nb")}) {
    AcceptedMessage m = MakeMessage("beijing", "x");
    m.request_id = bad;
    EXPECT_EQ(store_->Accept(m).error().code, ErrorCode::kInvalidArgument) << bad;
  }
  AcceptedMessage longest = MakeMessage("beijing", "x");
  longest.request_id = std::string(64, 'a');
  EXPECT_TRUE(store_->Accept(longest));
}

TEST_F(SqliteStoreTest, MessageOfUnknownIdIsEmpty) {
  EXPECT_FALSE(store_->Message(1).value());
  EXPECT_FALSE(store_->Message(std::numeric_limits<uint64_t>::max()).value());
}

TEST_F(SqliteStoreTest, UnchainedListsEachLinksWaitingMessagesInIdOrder) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  ASSERT_TRUE(store_->AddLink(MakeLink("seoul", 3)));
  std::vector<uint64_t> beijing, seoul;
  for (int i = 0; i < 3; ++i) {
    beijing.push_back(
        store_->Accept(MakeMessage("beijing", "b" + std::to_string(i))).value());
    seoul.push_back(
        store_->Accept(MakeMessage("seoul", "s" + std::to_string(i))).value());
  }
  auto ids = [&](const std::string& link) {
    std::vector<uint64_t> out;
    const auto waiting = store_->Unchained(link).value();
    for (const auto& m : waiting) out.push_back(m.id);
    return out;
  };
  EXPECT_EQ(ids("beijing"), beijing);
  EXPECT_EQ(ids("seoul"), seoul);

  // Chaining the second one takes it out of the list, in the same commit.
  ChainWriter own(testing::kOwnSeed);
  const AcceptedMessage second = *store_->Message(beijing[1]).value();
  ASSERT_TRUE(CommitOwn("beijing", own.NextFor(second), second.id));
  EXPECT_EQ(ids("beijing"), (std::vector<uint64_t>{beijing[0], beijing[2]}));
  EXPECT_EQ(store_->Message(beijing[1]).value()->chained_seq, 1u);
}

TEST_F(SqliteStoreTest, UnchainedOfUnknownLinkIsNotFound) {
  EXPECT_EQ(store_->Unchained("nowhere").error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, MessageIdsAreNeverReused) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  const uint64_t last = store_->Accept(MakeMessage("beijing", "x")).value();
  {
    // The store never deletes messages; AUTOINCREMENT guards against anyone who
    // does (a repair by hand) handing the same id to a new message.
    auto db = Db::Open(path_);
    ASSERT_TRUE(db->Exec("DELETE FROM messages"));
  }
  EXPECT_GT(store_->Accept(MakeMessage("beijing", "y")).value(), last);
}

// ---- Handshake timestamps ----

TEST_F(SqliteStoreTest, HandshakeTimestampIsSavedAndReplaced) {
  const crypto::X25519Public peer = MakeLink("x", 2).peer.dh_key;
  EXPECT_FALSE(store_->HandshakeTimestamp(peer).value());
  const Bytes t1(12, 0x01), t2(12, 0x02);
  ASSERT_TRUE(store_->SaveHandshakeTimestamp(peer, t1));
  EXPECT_EQ(store_->HandshakeTimestamp(peer).value(), t1);
  ASSERT_TRUE(store_->SaveHandshakeTimestamp(peer, t2));
  EXPECT_EQ(store_->HandshakeTimestamp(peer).value(), t2);
  EXPECT_FALSE(store_->HandshakeTimestamp(MakeLink("y", 3).peer.dh_key).value());
}

TEST_F(SqliteStoreTest, HandshakeTimestampOfWrongLengthIsRefused) {
  const crypto::X25519Public peer = MakeLink("x", 2).peer.dh_key;
  EXPECT_EQ(store_->SaveHandshakeTimestamp(peer, Bytes(11, 0)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->SaveHandshakeTimestamp(peer, Bytes()).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(store_->HandshakeTimestamp(peer).value());
}

// ---- Reopening ----

TEST_F(SqliteStoreTest, EverythingSurvivesReopening) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  ASSERT_TRUE(store_->AddLink(MakeLink("gone", 4)));
  ASSERT_TRUE(store_->RemoveLink("gone"));
  const uint64_t chained = store_->Accept(MakeMessage("beijing", "one")).value();
  const uint64_t waiting = store_->Accept(MakeMessage("beijing", "two")).value();
  ChainWriter own(testing::kOwnSeed), peer(2);
  const auto e1 = own.NextFor(*store_->Message(chained).value());
  const auto p1 = peer.Next("maritime", ToBytes("peer"));
  const LinkWrite w{"beijing", {{0, e1, chained}, {1, p1, std::nullopt}}};
  ASSERT_TRUE(store_->Commit({&w, 1}, 77));
  const crypto::X25519Public hs_peer = MakeLink("x", 2).peer.dh_key;
  ASSERT_TRUE(store_->SaveHandshakeTimestamp(hs_peer, Bytes(12, 9)));

  Reopen();
  ASSERT_EQ(store_->Links()->size(), 1u);
  EXPECT_EQ(store_->Links()->at(0).paths, MakeLink("beijing", 2).paths);
  EXPECT_EQ(store_->Message(chained).value()->chained_seq, 1u);
  ASSERT_EQ(store_->Unchained("beijing")->size(), 1u);
  EXPECT_EQ(store_->Unchained("beijing")->at(0).body, ToBytes("two"));
  EXPECT_EQ(store_->Entries("beijing", 0, 1, 10)->at(0).envelope, e1.bytes());
  EXPECT_EQ(store_->Entries("beijing", 1, 1, 10)->at(0).envelope, p1.bytes());
  EXPECT_EQ(store_->Entries("beijing", 1, 1, 10)->at(0).stored_us, 77u);
  EXPECT_EQ(store_->HandshakeTimestamp(hs_peer).value(), Bytes(12, 9));
  EXPECT_GT(store_->Accept(MakeMessage("beijing", "three")).value(), waiting);
  EXPECT_TRUE(CommitOwn("beijing", own.Next("maritime", ToBytes("after"))));
  EXPECT_EQ(store_->AddLink(MakeLink("gone", 5)).error().code,
            ErrorCode::kInvalidArgument);
}

// ---- Damaged files give errors, not crashes ----

TEST_F(SqliteStoreTest, OpeningAFileThatIsNotADatabaseFails) {
  const std::string path = dir_.Path("garbage.db");
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < 4096; ++i) out.put(static_cast<char>((i * 131 + 7) & 0xff));
  out.close();
  auto store = OpenSqliteStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kMalformed) << store.error().ToString();
}

// Overwrites `len` bytes at `offset` of a closed database with a pattern.
void Scribble(const std::string& path, std::streamoff offset, size_t len) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(offset);
  for (size_t i = 0; i < len; ++i) f.put(static_cast<char>(0xa5 ^ (i & 0xff)));
}

TEST_F(SqliteStoreTest, OpeningADatabaseWithADamagedSchemaFails) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  store_.reset();  // the last connection checkpoints the WAL into the file
  ASSERT_FALSE(std::filesystem::exists(path_ + "-wal"));
  Scribble(path_, 100, 3000);  // page 1 after its header: the schema table
  auto store = OpenSqliteStore(path_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kMalformed) << store.error().ToString();
}

TEST_F(SqliteStoreTest, ReadingATruncatedDatabaseFailsCleanly) {
  ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  ChainWriter own(testing::kOwnSeed);
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(CommitOwn("beijing", own.Next("maritime", Bytes(3000, 'e'))));
  }
  store_.reset();
  const auto size = std::filesystem::file_size(path_);
  std::filesystem::resize_file(path_, size / 4);
  auto store = OpenSqliteStore(path_);
  if (!store) {
    EXPECT_EQ(store.error().code, ErrorCode::kMalformed) << store.error().ToString();
    return;
  }
  auto entries = (*store)->Entries("beijing", 0, 1, 100);
  ASSERT_FALSE(entries) << "read " << entries->size() << " entries from a quarter file";
  EXPECT_EQ(entries.error().code, ErrorCode::kMalformed) << entries.error().ToString();
}

}  // namespace
}  // namespace openline::store
