// The embedded StationStore: one SQLite database file in WAL mode with
// synchronous=FULL, so every call that returns OK has been fsync'd, and one
// Commit of any number of entries is one transaction and one fsync (group commit
// is the caller's batching). Schema and migrations: migrations/*.sql and
// docs/store.md.
//
// Depends on: store/station_store.h, store/db.h. Thread-safety: as StationStore
// (one thread). One process opens a station's database at a time.
#ifndef OPENLINE_STORE_SQLITE_STORE_H_
#define OPENLINE_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "store/station_store.h"

namespace openline::store {

// Opens the database at `path`, creating it if missing, and applies every schema
// migration it lacks. Fails with kUnsupported if the database was written by a
// newer schema, kMalformed if the file is not an SQLite database or is damaged,
// kIo if it cannot be opened or put in WAL mode.
Result<std::unique_ptr<StationStore>> OpenSqliteStore(const std::string& path);

}  // namespace openline::store

#endif  // OPENLINE_STORE_SQLITE_STORE_H_
