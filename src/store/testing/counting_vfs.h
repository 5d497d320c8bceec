// A SQLite VFS shim for tests that counts xSync calls (fsync/fdatasync) per kind
// of file and forwards everything else to the default VFS. While a CountingVfs
// is alive it is the default VFS, so a store opened meanwhile syncs through it;
// that lets a test assert how many fsyncs one operation costs.
//
// Depends on: SQLite. Thread-safety: counters are atomics; create one at a time.
#ifndef OPENLINE_STORE_TESTING_COUNTING_VFS_H_
#define OPENLINE_STORE_TESTING_COUNTING_VFS_H_

#include <atomic>

namespace openline::store::testing {

struct SyncCounts {
  int wal = 0;
  int database = 0;
  int other = 0;  // rollback journals, temporary files
  int total() const { return wal + database + other; }
};

class CountingVfs {
 public:
  CountingVfs();   // registers itself as the default VFS
  ~CountingVfs();  // restores the previous default
  CountingVfs(const CountingVfs&) = delete;
  CountingVfs& operator=(const CountingVfs&) = delete;

  SyncCounts counts() const;
  void Reset();
};

}  // namespace openline::store::testing

#endif  // OPENLINE_STORE_TESTING_COUNTING_VFS_H_
