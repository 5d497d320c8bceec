// A thin RAII layer over one SQLite connection: Db owns the connection and a
// cache of prepared statements keyed by their SQL text; Statement borrows one of
// them for a single execution; Transaction is BEGIN IMMEDIATE ... COMMIT that
// rolls back unless committed. SqliteError is the one adaptor that turns a
// SQLite return code into an Error (leveldb's PosixError), so no other file
// interprets return codes.
//
// Db::Open sets the durability pragmas (WAL, synchronous=FULL, foreign keys,
// busy timeout) and fails if the database did not end up in WAL mode, because
// the store's durability contract rests on it.
//
// Depends on: common/result.h, SQLite (in db.cc only; this header forward-
// declares its handles). Thread-safety: a Db and everything made from it belong
// to one thread. Statements and Transactions must not outlive their Db (moving
// the Db is fine: the connection and the cache's nodes stay where they are).
#ifndef OPENLINE_STORE_DB_H_
#define OPENLINE_STORE_DB_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace openline::store {

// `rc` is a SQLite result code; `db` (may be null) supplies the detailed message.
Error SqliteError(int rc, std::string_view context, sqlite3* db);

// How long a statement waits for another connection's lock before SQLITE_BUSY.
// One station owns its database, so waiting only happens when a person inspects
// the file with the sqlite3 shell meanwhile.
inline constexpr int kBusyTimeoutMs = 5000;

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();  // resets it for the next user (and finalizes an uncached one)

  // Parameters are 1-based, as in SQL. A failed bind is remembered and reported
  // by the next Step/Run, so call sites bind without checking each one.
  Statement& Bind(int index, int64_t value);
  // Unsigned values are stored as their int64 bit pattern and read back with
  // ColumnUint64, so every uint64_t round-trips exactly.
  Statement& Bind(int index, uint64_t value);
  Statement& Bind(int index, int value) { return Bind(index, int64_t{value}); }
  Statement& Bind(int index, ByteView blob);  // an empty blob is not NULL
  Statement& Bind(int index, std::string_view text);
  Statement& BindNull(int index);

  // true: a row is ready for the Column getters; false: done.
  Result<bool> Step();
  // Runs a statement that returns no rows (or ignores them).
  Status Run();

  bool ColumnIsNull(int column) const;
  int64_t ColumnInt64(int column) const;
  uint64_t ColumnUint64(int column) const;
  Bytes ColumnBlob(int column) const;
  std::string ColumnText(int column) const;

 private:
  friend class Db;
  Statement(sqlite3_stmt* stmt, sqlite3* db, bool* in_use);
  void Remember(int rc, int index);

  sqlite3_stmt* stmt_;
  sqlite3* db_;
  bool* in_use_;  // the cache slot's flag; null for an uncached statement
  int bind_rc_ = 0;
  int bind_index_ = 0;
};

class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();  // ROLLBACK unless Commit succeeded

  // Durable when it returns OK (WAL + synchronous=FULL: the WAL is fsync'd).
  Status Commit();

 private:
  friend class Db;
  explicit Transaction(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  bool open_ = true;
};

class Db {
 public:
  // Opens or creates the database file at `path` and sets the pragmas above.
  static Result<Db> Open(const std::string& path);

  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  ~Db();

  // Runs one or more statements without parameters or results (schema scripts).
  Status Exec(std::string_view sql);
  // A prepared statement for `sql`, compiled once and cached. If the cached one is
  // in use (a query nested inside its own loop), a private one is compiled.
  Result<Statement> Prepare(std::string_view sql);
  // BEGIN IMMEDIATE: takes the write lock now, so a transaction never fails
  // halfway for want of it.
  Result<Transaction> Begin();

  // Runs `sql` (one statement, no parameters) and returns the first column of
  // its first row as text; empty if there is no row. For pragmas and checks.
  Result<std::string> QueryText(std::string_view sql);

  sqlite3* handle() const { return db_; }

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  explicit Db(sqlite3* db) : db_(db) {}
  void Close();
  Status Configure();

  sqlite3* db_ = nullptr;
  // std::map: node addresses are stable, so Statements may point at `in_use`.
  std::map<std::string, CachedStatement, std::less<>> cache_;
};

}  // namespace openline::store

#endif  // OPENLINE_STORE_DB_H_
