#include "store/migrations.h"

#include <string>

namespace openline::store {
namespace {

#include "store/embedded_migrations.inc"

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_us INTEGER NOT NULL)";

// The recorded versions must be exactly 1..n: anything else is not a database
// this code wrote.
Result<int> RecordedVersion(Db& db) {
  auto stmt =
      db.Prepare("SELECT count(*), coalesce(max(version), 0) FROM schema_migrations");
  if (!stmt) return tl::unexpected(std::move(stmt).error());
  auto row = stmt->Step();
  if (!row) return tl::unexpected(std::move(row).error());
  const int64_t count = stmt->ColumnInt64(0);
  const int64_t max = stmt->ColumnInt64(1);
  if (count != max) {
    return MakeError(ErrorCode::kMalformed,
                     "schema_migrations records " + std::to_string(count) +
                         " versions but the highest is " + std::to_string(max));
  }
  return static_cast<int>(max);
}

Status Apply(Db& db, const Migration& m, uint64_t now_us) {
  auto txn = db.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  // Re-read inside the transaction: another process may have migrated meanwhile.
  auto current = RecordedVersion(db);
  if (!current) return tl::unexpected(std::move(current).error());
  if (*current >= m.version) return Ok();
  if (auto run = db.Exec(m.sql); !run) {
    return MakeError(run.error().code,
                     "migration " + std::string(m.name) + ": " + run.error().message);
  }
  auto record = db.Prepare(
      "INSERT INTO schema_migrations (version, name, applied_us) VALUES (?, ?, ?)");
  if (!record) return tl::unexpected(std::move(record).error());
  OPENLINE_TRY(record->Bind(1, m.version).Bind(2, m.name).Bind(3, now_us).Run());
  return txn->Commit();
}

}  // namespace

std::span<const Migration> KnownMigrations() { return kEmbeddedMigrations; }

Result<int> Migrate(Db& db, std::span<const Migration> migrations, uint64_t now_us) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "migrations must be numbered 1, 2, 3, ... in order");
    }
  }
  const int known = static_cast<int>(migrations.size());
  OPENLINE_TRY(db.Exec(kCreateTable));  // a no-op on any database we made
  auto current = RecordedVersion(db);
  if (!current) return tl::unexpected(std::move(current).error());
  if (*current > known) {
    return MakeError(ErrorCode::kUnsupported,
                     "database schema version " + std::to_string(*current) +
                         " is newer than this openline knows (" + std::to_string(known) +
                         "); run the openline release that wrote it, or a newer one");
  }
  for (int v = *current + 1; v <= known; ++v) {
    OPENLINE_TRY(Apply(db, migrations[static_cast<size_t>(v - 1)], now_us));
  }
  return known;
}

}  // namespace openline::store
