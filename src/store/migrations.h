// Numbered schema migrations. Each file src/store/migrations/NNNN_name.sql is
// embedded into the binary at build time (embed_migrations.cmake) and applied
// once, in order, each in its own transaction together with its row in
// schema_migrations(version, name, applied_us). A migration is never edited
// after it ships; a schema change is a new file.
//
// A database that records a version this binary does not know was written by a
// newer openline: it is refused (kUnsupported), never written to, so a rollback
// of the binary cannot damage it.
//
// Depends on: store/db.h. Thread-safety: as Db.
#ifndef OPENLINE_STORE_MIGRATIONS_H_
#define OPENLINE_STORE_MIGRATIONS_H_

#include <span>
#include <string_view>

#include "store/db.h"

namespace openline::store {

struct Migration {
  int version = 0;  // 1, 2, 3, ... without gaps
  std::string_view name;
  std::string_view sql;
};

// The migrations built into this binary, in version order.
std::span<const Migration> KnownMigrations();

// Brings `db` up to the newest of `migrations` (KnownMigrations() outside tests)
// and returns the schema version it is now at. `now_us` dates the rows added.
Result<int> Migrate(Db& db, std::span<const Migration> migrations, uint64_t now_us);

}  // namespace openline::store

#endif  // OPENLINE_STORE_MIGRATIONS_H_
