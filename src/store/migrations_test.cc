#include "store/migrations.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "store/testing/store_testing.h"

namespace openline::store {
namespace {

using testing::TempDir;

constexpr Migration kFirst = {1, "0001_a", "CREATE TABLE a (x INTEGER)"};
constexpr Migration kSecond = {2, "0002_b",
                               "INSERT INTO a VALUES (42); CREATE TABLE b (y)"};
// Fails after its first statement: the table it made must not survive.
constexpr Migration kBrokenSecond = {
    2, "0002_broken", "CREATE TABLE b (y); INSERT INTO nowhere VALUES (1)"};

class MigrationsTest : public ::testing::Test {
 protected:
  Db Open() {
    auto db = Db::Open(dir_.Path("m.db"));
    EXPECT_TRUE(db) << db.error().ToString();
    return std::move(*db);
  }
  static std::string Versions(Db& db) {
    return db
        .QueryText(
            "SELECT group_concat(version || ':' || name, ',') FROM"
            " (SELECT * FROM schema_migrations ORDER BY version)")
        .value();
  }
  static bool HasTable(Db& db, const std::string& name) {
    return db.QueryText("SELECT count(*) FROM sqlite_schema WHERE name = '" + name + "'")
               .value() == "1";
  }

  TempDir dir_;
};

TEST_F(MigrationsTest, EmbeddedMigrationsAreNumberedFromOneWithoutGaps) {
  const auto known = KnownMigrations();
  ASSERT_FALSE(known.empty());
  EXPECT_EQ(known[0].name, "0001_initial");
  for (size_t i = 0; i < known.size(); ++i) {
    EXPECT_EQ(known[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(known[i].sql.empty());
  }
}

TEST_F(MigrationsTest, FreshStoreGetsEveryEmbeddedMigration) {
  ASSERT_TRUE(OpenSqliteStore(dir_.Path("m.db")));
  Db db = Open();
  std::string expected;
  for (const Migration& m : KnownMigrations()) {
    if (!expected.empty()) expected += ",";
    expected += std::to_string(m.version) + ":" + std::string(m.name);
  }
  EXPECT_EQ(Versions(db), expected);
  for (const char* table :
       {"links", "link_paths", "messages", "entries", "handshake_timestamps"}) {
    EXPECT_TRUE(HasTable(db, table)) << table;
  }
  EXPECT_EQ(db.QueryText("PRAGMA integrity_check").value(), "ok");
}

TEST_F(MigrationsTest, AStationDatabaseFromBeforeRequestIdsUpgradesInPlace) {
  {
    Db db = Open();
    ASSERT_TRUE(Migrate(db, KnownMigrations().first(1), 100));
    ASSERT_TRUE(db.Exec(
        "INSERT INTO links (name, peer_sign_key, peer_dh_key, created_us)"
        " VALUES ('beijing', zeroblob(32), randomblob(32), 1);"
        "INSERT INTO messages (link_id, channel, precedence, kind, body, accepted_us)"
        " VALUES (1, 'maritime', 4, 1, x'6869', 2)"));
  }
  auto store = OpenSqliteStore(dir_.Path("m.db"));
  ASSERT_TRUE(store) << store.error().ToString();
  auto old = (*store)->Message(1).value();
  ASSERT_TRUE(old);
  EXPECT_EQ(old->body, (Bytes{'h', 'i'}));
  AcceptedMessage m = *old;
  m.request_id = "after-upgrade";
  const uint64_t id = (*store)->Accept(m).value();
  EXPECT_EQ((*store)->Accept(m).value(), id);
}

TEST_F(MigrationsTest, AppliesInOrderAndRecordsEach) {
  Db db = Open();
  const Migration both[] = {kFirst, kSecond};
  ASSERT_EQ(Migrate(db, both, 100).value(), 2);
  EXPECT_EQ(Versions(db), "1:0001_a,2:0002_b");
  EXPECT_EQ(db.QueryText("SELECT x FROM a").value(), "42");  // 2 ran after 1
  EXPECT_EQ(
      db.QueryText("SELECT group_concat(applied_us) FROM schema_migrations").value(),
      "100,100");
}

TEST_F(MigrationsTest, ReopeningDoesNotRerunMigrations) {
  const Migration both[] = {kFirst, kSecond};
  {
    Db db = Open();
    ASSERT_TRUE(Migrate(db, both, 100));
  }
  Db db = Open();
  // Running kSecond again would insert a second row and fail on CREATE TABLE b.
  auto again = Migrate(db, both, 200);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(*again, 2);
  EXPECT_EQ(db.QueryText("SELECT count(*) FROM a").value(), "1");
  EXPECT_EQ(db.QueryText("SELECT max(applied_us) FROM schema_migrations").value(), "100");
}

TEST_F(MigrationsTest, NewMigrationsApplyOnTopOfOldOnes) {
  Db db = Open();
  const Migration first[] = {kFirst};
  const Migration both[] = {kFirst, kSecond};
  ASSERT_EQ(Migrate(db, first, 100).value(), 1);
  ASSERT_EQ(Migrate(db, both, 200).value(), 2);
  EXPECT_EQ(
      db.QueryText("SELECT group_concat(applied_us) FROM schema_migrations").value(),
      "100,200");
}

TEST_F(MigrationsTest, NewerDatabaseIsRefusedAndLeftAlone) {
  Db db = Open();
  const Migration first[] = {kFirst};
  const Migration both[] = {kFirst, kSecond};
  ASSERT_TRUE(Migrate(db, both, 100));
  auto old_binary = Migrate(db, first, 200);
  ASSERT_FALSE(old_binary);
  EXPECT_EQ(old_binary.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(old_binary.error().message.find("schema version 2 is newer"),
            std::string::npos)
      << old_binary.error().message;
  EXPECT_EQ(Versions(db), "1:0001_a,2:0002_b");
}

TEST_F(MigrationsTest, StoreRefusesADatabaseFromANewerOpenline) {
  ASSERT_TRUE(OpenSqliteStore(dir_.Path("m.db")));
  const int future = static_cast<int>(KnownMigrations().size()) + 1;
  {
    Db db = Open();
    ASSERT_TRUE(db.Exec("INSERT INTO schema_migrations VALUES (" +
                        std::to_string(future) + ", 'from_the_future', 0)"));
  }
  auto store = OpenSqliteStore(dir_.Path("m.db"));
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(store.error().message.find("m.db"), std::string::npos);
}

TEST_F(MigrationsTest, FailingMigrationLeavesNothingBehind) {
  Db db = Open();
  const Migration broken[] = {kFirst, kBrokenSecond};
  auto result = Migrate(db, broken, 100);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("0002_broken"), std::string::npos);
  EXPECT_EQ(Versions(db), "1:0001_a");  // the first one, in its own transaction, stays
  EXPECT_FALSE(HasTable(db, "b"));
  // Fixed in a later build, it applies.
  const Migration both[] = {kFirst, kSecond};
  EXPECT_EQ(Migrate(db, both, 200).value(), 2);
}

TEST_F(MigrationsTest, GapInRecordedVersionsIsRefused) {
  Db db = Open();
  const Migration first[] = {kFirst};
  ASSERT_TRUE(Migrate(db, first, 100));
  ASSERT_TRUE(db.Exec("INSERT INTO schema_migrations VALUES (3, 'odd', 0)"));
  const Migration more[] = {kFirst, kSecond, {3, "0003_c", "SELECT 1"}};
  auto result = Migrate(db, more, 200);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kMalformed);
}

TEST_F(MigrationsTest, MisnumberedListIsRejected) {
  Db db = Open();
  const Migration skips[] = {kSecond};
  auto result = Migrate(db, skips, 100);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace openline::store
