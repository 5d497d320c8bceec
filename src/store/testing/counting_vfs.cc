#include "store/testing/counting_vfs.h"

#include <cstdlib>

#include <sqlite3.h>

namespace openline::store::testing {
namespace {

std::atomic<int> wal_syncs{0};
std::atomic<int> database_syncs{0};
std::atomic<int> other_syncs{0};

sqlite3_vfs* real_vfs = nullptr;
sqlite3_vfs counting_vfs;

// Our file: the real file's state follows this header in the same allocation
// (szOsFile below), so nothing is allocated per open.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
  std::atomic<int>* syncs;
};

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

int Close(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
int Read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, n, off);
}
int Write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xWrite(Real(f), buf, n, off);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  ++*reinterpret_cast<File*>(f)->syncs;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) {
  return Real(f)->pMethods->xUnlock(Real(f), level);
}
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int del) {
  return Real(f)->pMethods->xShmUnmap(Real(f), del);
}
int Fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), off, n, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

const sqlite3_io_methods kMethods = {
    3,
    Close,
    Read,
    Write,
    Truncate,
    Sync,
    FileSize,
    Lock,
    Unlock,
    CheckReservedLock,
    FileControl,
    SectorSize,
    DeviceCharacteristics,
    ShmMap,
    ShmLock,
    ShmBarrier,
    ShmUnmap,
    Fetch,
    Unfetch,
};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags,
         int* out_flags) {
  auto* file = reinterpret_cast<File*>(f);
  file->base.pMethods = nullptr;  // until the real open succeeds
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  file->syncs = (flags & SQLITE_OPEN_WAL)       ? &wal_syncs
                : (flags & SQLITE_OPEN_MAIN_DB) ? &database_syncs
                                                : &other_syncs;
  const int rc = real_vfs->xOpen(real_vfs, name, file->real, flags, out_flags);
  // Only a file whose real open set methods may be closed through us.
  if (file->real->pMethods != nullptr) file->base.pMethods = &kMethods;
  return rc;
}

}  // namespace

CountingVfs::CountingVfs() {
  real_vfs = sqlite3_vfs_find(nullptr);
  if (real_vfs == nullptr || real_vfs->iVersion < 1) std::abort();
  counting_vfs = *real_vfs;  // every other method is the real one's
  counting_vfs.zName = "openline-counting";
  counting_vfs.szOsFile = static_cast<int>(sizeof(File)) + real_vfs->szOsFile;
  counting_vfs.xOpen = Open;
  counting_vfs.pNext = nullptr;
  if (sqlite3_vfs_register(&counting_vfs, /*makeDflt=*/1) != SQLITE_OK) std::abort();
  Reset();
}

CountingVfs::~CountingVfs() {
  sqlite3_vfs_unregister(&counting_vfs);
  sqlite3_vfs_register(real_vfs, /*makeDflt=*/1);
}

SyncCounts CountingVfs::counts() const {
  return {wal_syncs.load(), database_syncs.load(), other_syncs.load()};
}

void CountingVfs::Reset() {
  wal_syncs = 0;
  database_syncs = 0;
  other_syncs = 0;
}

}  // namespace openline::store::testing
