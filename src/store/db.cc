#include "store/db.h"

#include <bit>
#include <limits>
#include <utility>

#include <sqlite3.h>

namespace openline::store {
namespace {

ErrorCode CodeOf(int rc) {
  switch (rc & 0xff) {  // the primary code of an extended one
    case SQLITE_CONSTRAINT:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return ErrorCode::kInvalidArgument;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      return ErrorCode::kMalformed;
    case SQLITE_TOOBIG:
      return ErrorCode::kTooLarge;
    default:  // IOERR, FULL, CANTOPEN, BUSY, READONLY, NOMEM, ...
      return ErrorCode::kIo;
  }
}

// A non-null pointer for empty blobs and strings: SQLite binds a null pointer
// as SQL NULL, which would turn an empty body into a missing one.
constexpr char kEmpty[1] = {0};

}  // namespace

Error SqliteError(int rc, std::string_view context, sqlite3* db) {
  std::string message(context);
  message += ": ";
  // The connection's message is more specific ("UNIQUE constraint failed:
  // links.name") but only describes `rc` if it is the connection's last error.
  if (db != nullptr && sqlite3_extended_errcode(db) == rc) {
    message += sqlite3_errmsg(db);
  } else {
    message += sqlite3_errstr(rc);
  }
  message += " (sqlite " + std::to_string(rc) + ")";
  return Error{CodeOf(rc), std::move(message)};
}

// ---- Statement ----

Statement::Statement(sqlite3_stmt* stmt, sqlite3* db, bool* in_use)
    : stmt_(stmt), db_(db), in_use_(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      db_(other.db_),
      in_use_(std::exchange(other.in_use_, nullptr)),
      bind_rc_(other.bind_rc_),
      bind_index_(other.bind_index_) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  // Errors from reset repeat the last step's, which the caller already had.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

void Statement::Remember(int rc, int index) {
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) {
    bind_rc_ = rc;
    bind_index_ = index;
  }
}

Statement& Statement::Bind(int index, int64_t value) {
  Remember(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Statement& Statement::Bind(int index, uint64_t value) {
  return Bind(index, std::bit_cast<int64_t>(value));
}

Statement& Statement::Bind(int index, ByteView blob) {
  const void* data = blob.empty() ? static_cast<const void*>(kEmpty) : blob.data();
  Remember(sqlite3_bind_blob64(stmt_, index, data, blob.size(), SQLITE_TRANSIENT), index);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  const char* data = text.empty() ? kEmpty : text.data();
  Remember(
      sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
  return *this;
}

Statement& Statement::BindNull(int index) {
  Remember(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_rc_ != SQLITE_OK) {
    return tl::unexpected(SqliteError(bind_rc_,
                                      "binding parameter " + std::to_string(bind_index_) +
                                          " of \"" + sqlite3_sql(stmt_) + "\"",
                                      db_));
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(SqliteError(rc, sqlite3_sql(stmt_), db_));
}

Status Statement::Run() {
  for (;;) {
    auto row = Step();
    if (!row) return tl::unexpected(std::move(row).error());
    if (!*row) return Ok();
  }
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::ColumnInt64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

uint64_t Statement::ColumnUint64(int column) const {
  return std::bit_cast<uint64_t>(ColumnInt64(column));
}

Bytes Statement::ColumnBlob(int column) const {
  // sqlite3_column_bytes after sqlite3_column_blob: the documented safe order.
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, column));
  if (data == nullptr) return {};
  return Bytes(data, data + size);
}

std::string Statement::ColumnText(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, column));
  if (data == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(data), size);
}

// ---- Transaction ----

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_), open_(std::exchange(other.open_, false)) {}

Transaction::~Transaction() {
  // After a failed COMMIT SQLite may already have rolled back (autocommit on);
  // a second ROLLBACK would only fail.
  if (open_ && sqlite3_get_autocommit(db_) == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Status Transaction::Commit() {
  const int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(rc, "COMMIT", db_));
  open_ = false;
  return Ok();
}

// ---- Db ----

Result<Db> Db::Open(const std::string& path) {
  sqlite3* handle = nullptr;
  // NOMUTEX: a connection belongs to one thread (see the header).
  const int rc = sqlite3_open_v2(
      path.c_str(), &handle,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(handle);  // closes the handle on every path, as sqlite3_open_v2 requires
  if (rc != SQLITE_OK) {
    return tl::unexpected(SqliteError(rc, "opening database " + path, handle));
  }
  if (auto configured = db.Configure(); !configured) {
    return tl::unexpected(
        Error{configured.error().code, path + ": " + configured.error().message});
  }
  return db;
}

Status Db::Configure() {
  sqlite3_extended_result_codes(db_, 1);
  // Defensive mode: no writable_schema or other ways to corrupt the file by SQL.
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);

  // The first statement reads the header, so a file that is not a database
  // fails here (SQLITE_NOTADB -> kMalformed).
  auto mode = QueryText("PRAGMA journal_mode=WAL");
  if (!mode) return tl::unexpected(std::move(mode).error());
  if (*mode != "wal") {
    return MakeError(ErrorCode::kIo, "journal_mode is \"" + *mode +
                                         "\", not \"wal\" (an in-memory database, or a "
                                         "file system without shared memory?)");
  }
  // FULL: in WAL mode every commit fsyncs the WAL before COMMIT returns; NORMAL
  // would only sync at checkpoints and could lose the last commits on power loss.
  OPENLINE_TRY(Exec("PRAGMA synchronous=FULL"));
  OPENLINE_TRY(Exec("PRAGMA foreign_keys=ON"));
  auto sync = QueryText("PRAGMA synchronous");
  if (!sync) return tl::unexpected(std::move(sync).error());
  auto fk = QueryText("PRAGMA foreign_keys");
  if (!fk) return tl::unexpected(std::move(fk).error());
  if (*sync != "2" || *fk != "1") {
    return MakeError(ErrorCode::kIo, "pragmas did not take effect (synchronous=" + *sync +
                                         ", foreign_keys=" + *fk + ")");
  }
  return Ok();
}

Db::Db(Db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    Close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Db::~Db() { Close(); }

void Db::Close() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  cache_.clear();
  // close_v2: a Statement wrongly kept past its Db defers the close instead of
  // leaking the connection. The last connection checkpoints the WAL into the
  // database file.
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

Status Db::Exec(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec wants a terminated string
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // SqliteError reads the same text from the connection
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(rc, "exec", db_));
  return Ok();
}

Result<Statement> Db::Prepare(std::string_view sql) {
  if (sql.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return MakeError(ErrorCode::kTooLarge, "SQL text too long");
  }
  auto compile = [&](unsigned flags) -> Result<sqlite3_stmt*> {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      flags, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      return tl::unexpected(
          SqliteError(rc, "preparing \"" + std::string(sql) + "\"", db_));
    }
    if (stmt == nullptr) return MakeError(ErrorCode::kInvalidArgument, "empty SQL");
    return stmt;
  };
  auto it = cache_.find(sql);
  if (it != cache_.end() && it->second.in_use) {
    auto stmt = compile(0);
    if (!stmt) return tl::unexpected(std::move(stmt).error());
    return Statement(*stmt, db_, nullptr);
  }
  if (it == cache_.end()) {
    auto stmt = compile(SQLITE_PREPARE_PERSISTENT);
    if (!stmt) return tl::unexpected(std::move(stmt).error());
    it = cache_.emplace(std::string(sql), CachedStatement{*stmt, false}).first;
  }
  it->second.in_use = true;
  return Statement(it->second.stmt, db_, &it->second.in_use);
}

Result<Transaction> Db::Begin() {
  const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(rc, "BEGIN IMMEDIATE", db_));
  return Transaction(db_);
}

Result<std::string> Db::QueryText(std::string_view sql) {
  auto stmt = Prepare(sql);
  if (!stmt) return tl::unexpected(std::move(stmt).error());
  auto row = stmt->Step();
  if (!row) return tl::unexpected(std::move(row).error());
  return *row ? stmt->ColumnText(0) : std::string();
}

}  // namespace openline::store
