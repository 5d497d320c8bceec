// Group commit costs one fsync: counted at the VFS, not inferred from timing.
#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "store/testing/counting_vfs.h"
#include "store/testing/store_testing.h"

namespace openline::store {
namespace {

using testing::ChainWriter;
using testing::CountingVfs;
using testing::MakeLink;
using testing::MakeMessage;
using testing::TempDir;

class SyncCountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenSqliteStore(dir_.Path("station.db"));
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->AddLink(MakeLink("beijing", 2)));
  }

  // Accepts `n` messages and returns the write that signs them all.
  LinkWrite AcceptAndSign(int n) {
    LinkWrite w{"beijing", {}};
    for (int i = 0; i < n; ++i) {
      AcceptedMessage m = MakeMessage("beijing", "message " + std::to_string(i));
      m.id = store_->Accept(m).value();
      w.entries.push_back({0, own_.NextFor(m), m.id});
    }
    return w;
  }

  // The fsyncs that `write` costs, committed on its own.
  testing::SyncCounts SyncsOf(const LinkWrite& write) {
    vfs_.Reset();
    EXPECT_TRUE(store_->Commit({&write, 1}, 1));
    return vfs_.counts();
  }

  CountingVfs vfs_;  // before the store, so the store opens its files through it
  TempDir dir_;
  std::unique_ptr<StationStore> store_;
  ChainWriter own_{testing::kOwnSeed};
};

TEST_F(SyncCountTest, CommitOfOneEntryIsOneWalSync) {
  ASSERT_TRUE(store_->Commit(std::vector<LinkWrite>{AcceptAndSign(1)}, 1));  // warm up
  const auto counts = SyncsOf(AcceptAndSign(1));
  EXPECT_EQ(counts.wal, 1);
  EXPECT_EQ(counts.database, 0);
  EXPECT_EQ(counts.other, 0);
}

TEST_F(SyncCountTest, CommitOfAHundredEntriesIsStillOneWalSync) {
  ASSERT_TRUE(store_->Commit(std::vector<LinkWrite>{AcceptAndSign(1)}, 1));
  const auto counts = SyncsOf(AcceptAndSign(100));
  EXPECT_EQ(counts.wal, 1);
  EXPECT_EQ(counts.total(), 1);
}

TEST_F(SyncCountTest, AcceptIsOneWalSyncAndReadsSyncNothing) {
  ASSERT_TRUE(store_->Accept(MakeMessage("beijing", "warm up")));
  vfs_.Reset();
  ASSERT_TRUE(store_->Accept(MakeMessage("beijing", "one")));
  EXPECT_EQ(vfs_.counts().total(), 1);
  vfs_.Reset();
  ASSERT_TRUE(store_->Unchained("beijing"));
  ASSERT_TRUE(store_->Entries("beijing", 0, 1, 100));
  ASSERT_TRUE(store_->Links());
  EXPECT_EQ(vfs_.counts().total(), 0);
}

TEST_F(SyncCountTest, AcceptBatchOfAHundredIsOneWalSync) {
  ASSERT_TRUE(store_->Accept(MakeMessage("beijing", "warm up")));
  std::vector<AcceptedMessage> batch;
  for (int i = 0; i < 100; ++i) {
    batch.push_back(MakeMessage("beijing", "message " + std::to_string(i)));
  }
  vfs_.Reset();
  ASSERT_TRUE(store_->AcceptBatch(batch));
  EXPECT_EQ(vfs_.counts().wal, 1);
  EXPECT_EQ(vfs_.counts().total(), 1);
}

TEST_F(SyncCountTest, RefusedCommitSyncsNothing) {
  ASSERT_TRUE(store_->Accept(MakeMessage("beijing", "warm up")));
  LinkWrite w = AcceptAndSign(3);
  w.entries.push_back(w.entries.front());  // seq 1 again: refused
  vfs_.Reset();
  EXPECT_FALSE(store_->Commit({&w, 1}, 1));
  EXPECT_EQ(vfs_.counts().total(), 0);
}

}  // namespace
}  // namespace openline::store
