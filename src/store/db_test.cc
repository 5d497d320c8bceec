#include "store/db.h"

#include <filesystem>
#include <fstream>
#include <limits>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/testing/store_testing.h"

namespace openline::store {
namespace {

using testing::TempDir;

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Db::Open(dir_.Path("test.db"));
    ASSERT_TRUE(db) << db.error().ToString();
    db_.emplace(std::move(*db));
    ASSERT_TRUE(db_->Exec("CREATE TABLE t (i INTEGER, b BLOB, s TEXT)"));
  }

  int64_t Count(const char* sql = "SELECT count(*) FROM t") {
    auto s = db_->Prepare(sql);
    EXPECT_TRUE(s && s->Step().value_or(false));
    return s->ColumnInt64(0);
  }

  // How many statements the connection holds compiled.
  int LiveStatements() {
    int n = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(db_->handle(), nullptr); s != nullptr;
         s = sqlite3_next_stmt(db_->handle(), s)) {
      ++n;
    }
    return n;
  }

  TempDir dir_;
  std::optional<Db> db_;
};

TEST_F(DbTest, OpenSetsWalFullSyncForeignKeysAndBusyTimeout) {
  EXPECT_TRUE(std::filesystem::exists(dir_.Path("test.db")));
  EXPECT_EQ(db_->QueryText("PRAGMA journal_mode").value(), "wal");
  EXPECT_EQ(db_->QueryText("PRAGMA synchronous").value(), "2");  // FULL
  EXPECT_EQ(db_->QueryText("PRAGMA foreign_keys").value(), "1");
  EXPECT_EQ(db_->QueryText("PRAGMA busy_timeout").value(),
            std::to_string(kBusyTimeoutMs));
}

TEST_F(DbTest, OpenInMissingDirectoryIsIoError) {
  auto db = Db::Open(dir_.Path("no/such/dir/test.db"));
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kIo);
  EXPECT_NE(db.error().message.find("no/such/dir"), std::string::npos);
}

TEST_F(DbTest, OpenRefusesAFileThatIsNotADatabase) {
  const std::string path = dir_.Path("notes.txt");
  std::ofstream(path) << std::string(8192, 'x');
  auto db = Db::Open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kMalformed) << db.error().ToString();
  EXPECT_NE(db.error().message.find("notes.txt"), std::string::npos);
}

TEST_F(DbTest, BindsAndReadsEveryType) {
  auto ins = db_->Prepare("INSERT INTO t (i, b, s) VALUES (?, ?, ?)");
  ASSERT_TRUE(ins);
  const Bytes blob = {0, 1, 2, 0xff};
  ASSERT_TRUE(ins->Bind(1, std::numeric_limits<int64_t>::min())
                  .Bind(2, ByteView(blob))
                  .Bind(3, std::string_view("héllo\0x", 8))
                  .Run());
  auto read = db_->Prepare("SELECT i, b, s FROM t");
  ASSERT_TRUE(read);
  ASSERT_TRUE(read->Step().value());
  EXPECT_EQ(read->ColumnInt64(0), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(read->ColumnBlob(1), blob);
  EXPECT_EQ(read->ColumnText(2), std::string("héllo\0x", 8));  // embedded NUL kept
  EXPECT_FALSE(read->Step().value());
}

TEST_F(DbTest, Uint64RoundTripsThroughItsBitPattern) {
  for (uint64_t v :
       {uint64_t{0}, uint64_t{1} << 63, std::numeric_limits<uint64_t>::max()}) {
    auto ins = db_->Prepare("INSERT INTO t (i) VALUES (?) RETURNING i");
    ASSERT_TRUE(ins);
    ASSERT_TRUE(ins->Bind(1, v).Step().value());
    EXPECT_EQ(ins->ColumnUint64(0), v);
  }
}

TEST_F(DbTest, EmptyBlobAndTextAreNotNull) {
  auto ins = db_->Prepare("INSERT INTO t (b, s) VALUES (?, ?)");
  ASSERT_TRUE(ins->Bind(1, ByteView()).Bind(2, std::string_view()).Run());
  EXPECT_EQ(Count("SELECT count(*) FROM t WHERE b IS NOT NULL AND s IS NOT NULL"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM t WHERE b = x'' AND s = ''"), 1);
}

TEST_F(DbTest, BindNullAndColumnIsNull) {
  auto ins = db_->Prepare("INSERT INTO t (i) VALUES (?) RETURNING i");
  ASSERT_TRUE(ins->BindNull(1).Step().value());
  EXPECT_TRUE(ins->ColumnIsNull(0));
}

TEST_F(DbTest, StatementsAreCachedBySqlText) {
  const int before = LiveStatements();
  for (int i = 0; i < 3; ++i) {
    auto s = db_->Prepare("INSERT INTO t (i) VALUES (?)");
    ASSERT_TRUE(s->Bind(1, i).Run());
  }
  EXPECT_EQ(LiveStatements(), before + 1);
  EXPECT_EQ(Count(), 3);
}

TEST_F(DbTest, CachedStatementIsResetAndUnboundForItsNextUser) {
  {
    auto s = db_->Prepare("INSERT INTO t (i) VALUES (?)");
    ASSERT_TRUE(s->Bind(1, 7).Run());
  }
  auto s = db_->Prepare("INSERT INTO t (i) VALUES (?)");
  ASSERT_TRUE(s->Run());  // the old binding is cleared: inserts NULL
  EXPECT_EQ(Count("SELECT count(*) FROM t WHERE i IS NULL"), 1);
}

TEST_F(DbTest, NestedUseOfTheSameSqlGetsAPrivateStatement) {
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(db_->Prepare("INSERT INTO t (i) VALUES (?)")->Bind(1, i).Run());
  }
  const char* sql = "SELECT i FROM t ORDER BY i";
  auto outer = db_->Prepare(sql);
  std::vector<int64_t> seen;
  while (outer->Step().value()) {
    seen.push_back(outer->ColumnInt64(0));
    auto inner = db_->Prepare(sql);
    ASSERT_TRUE(inner);
    ASSERT_TRUE(inner->Step().value());
    EXPECT_EQ(inner->ColumnInt64(0), 1);
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3}));
}

TEST_F(DbTest, TransactionRollsBackUnlessCommitted) {
  {
    auto txn = db_->Begin();
    ASSERT_TRUE(txn);
    ASSERT_TRUE(db_->Exec("INSERT INTO t (i) VALUES (1)"));
  }
  EXPECT_EQ(Count(), 0);
  {
    auto txn = db_->Begin();
    ASSERT_TRUE(db_->Exec("INSERT INTO t (i) VALUES (1)"));
    ASSERT_TRUE(txn->Commit());
  }
  EXPECT_EQ(Count(), 1);
}

TEST_F(DbTest, BeginInsideATransactionFails) {
  auto txn = db_->Begin();
  ASSERT_TRUE(txn);
  EXPECT_FALSE(db_->Begin());
}

TEST_F(DbTest, ConstraintViolationIsInvalidArgumentWithSqliteDetail) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE u (k TEXT UNIQUE)"));
  ASSERT_TRUE(db_->Exec("INSERT INTO u VALUES ('a')"));
  auto s = db_->Prepare("INSERT INTO u VALUES (?)");
  auto run = s->Bind(1, std::string_view("a")).Run();
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(run.error().message.find("UNIQUE constraint failed: u.k"), std::string::npos);
}

TEST_F(DbTest, BindErrorIsReportedByStep) {
  auto s = db_->Prepare("INSERT INTO t (i) VALUES (?)");
  auto run = s->Bind(5, 1).Run();  // there is no parameter 5
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(run.error().message.find("parameter 5"), std::string::npos);
  EXPECT_EQ(Count(), 0);
}

TEST_F(DbTest, PrepareReportsBadSql) {
  auto s = db_->Prepare("SELEKT 1");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("SELEKT"), std::string::npos);
  EXPECT_FALSE(db_->Prepare("   "));  // no statement at all
}

TEST_F(DbTest, ExecRunsScriptsAndReportsTheFailingStatement) {
  ASSERT_TRUE(db_->Exec("INSERT INTO t (i) VALUES (1); INSERT INTO t (i) VALUES (2);"));
  EXPECT_EQ(Count(), 2);
  auto bad = db_->Exec("INSERT INTO nowhere VALUES (1)");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("no such table: nowhere"), std::string::npos);
}

TEST_F(DbTest, MovedDbKeepsItsStatementCache) {
  { ASSERT_TRUE(db_->Prepare("INSERT INTO t (i) VALUES (?)")->Bind(1, 1).Run()); }
  Db moved = std::move(*db_);
  db_.reset();
  ASSERT_TRUE(moved.Prepare("INSERT INTO t (i) VALUES (?)")->Bind(1, 2).Run());
  EXPECT_EQ(moved.QueryText("SELECT count(*) FROM t").value(), "2");
}

TEST(SqliteErrorTest, MapsCodesToErrorKinds) {
  EXPECT_EQ(SqliteError(SQLITE_CONSTRAINT_UNIQUE, "x", nullptr).code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(SqliteError(SQLITE_CORRUPT, "x", nullptr).code, ErrorCode::kMalformed);
  EXPECT_EQ(SqliteError(SQLITE_NOTADB, "x", nullptr).code, ErrorCode::kMalformed);
  EXPECT_EQ(SqliteError(SQLITE_TOOBIG, "x", nullptr).code, ErrorCode::kTooLarge);
  EXPECT_EQ(SqliteError(SQLITE_IOERR_FSYNC, "x", nullptr).code, ErrorCode::kIo);
  EXPECT_EQ(SqliteError(SQLITE_FULL, "x", nullptr).code, ErrorCode::kIo);
  EXPECT_EQ(SqliteError(SQLITE_BUSY, "x", nullptr).code, ErrorCode::kIo);
}

TEST(SqliteErrorTest, MessageNamesContextAndCode) {
  const Error e = SqliteError(SQLITE_IOERR_FSYNC, "COMMIT", nullptr);
  EXPECT_EQ(e.message.rfind("COMMIT: ", 0), 0u);
  EXPECT_NE(e.message.find("(sqlite " + std::to_string(SQLITE_IOERR_FSYNC) + ")"),
            std::string::npos);
}

}  // namespace
}  // namespace openline::store
