#include "station/store_worker.h"

#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "store/testing/store_testing.h"

namespace openline::station {
namespace {

using store::testing::MakeLink;
using store::testing::MakeMessage;
using namespace std::chrono_literals;

class StoreWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.Path("station.db"));
    ASSERT_TRUE(s) << s.error().ToString();
    ASSERT_TRUE((*s)->AddLink(MakeLink("beijing", 2)));
    worker_ = std::make_unique<StoreWorker>(std::move(*s));
  }

  // Holds the store thread until the returned promise is set, so that work
  // queued meanwhile arrives at the worker together.
  std::promise<void> HoldWorker() {
    std::promise<void> release;
    auto released = release.get_future().share();
    auto holding = std::make_shared<std::promise<void>>();
    auto held = holding->get_future();
    holder_ = std::thread([this, released, holding] {
      worker_->Call([&](store::StationStore&) {
        holding->set_value();
        released.wait();
        return 0;
      });
    });
    held.wait();
    return release;
  }
  void TearDown() override {
    if (holder_.joinable()) holder_.join();
  }

  store::testing::TempDir dir_;
  std::unique_ptr<StoreWorker> worker_;
  std::thread holder_;
};

TEST_F(StoreWorkerTest, AcceptsThatArriveTogetherShareATransaction) {
  constexpr int kSenders = 16;
  auto release = HoldWorker();
  std::atomic<int> started{0};
  std::vector<uint64_t> ids(kSenders);
  std::vector<std::thread> senders;
  for (int i = 0; i < kSenders; ++i) {
    senders.emplace_back([&, i] {
      ++started;
      auto out = worker_->Accept(MakeMessage("beijing", "m" + std::to_string(i)));
      ids[static_cast<size_t>(i)] = out ? out->id : 0;
    });
  }
  while (started < kSenders) std::this_thread::yield();
  std::this_thread::sleep_for(100ms);  // each sender is now waiting in Accept
  release.set_value();
  for (auto& t : senders) t.join();
  const std::set<uint64_t> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kSenders));
  EXPECT_FALSE(distinct.contains(0));
  const auto m = worker_->metrics();
  EXPECT_EQ(m.accepted, static_cast<uint64_t>(kSenders));
  EXPECT_LT(m.accept_batches, static_cast<uint64_t>(kSenders));
}

TEST_F(StoreWorkerTest, ABadMessageInABurstFailsOnlyItself) {
  auto release = HoldWorker();
  auto bad = MakeMessage("nowhere", "to no link");
  Result<store::AcceptOutcome> good1, refused, good2;
  std::thread a([&] { good1 = worker_->Accept(MakeMessage("beijing", "one")); });
  std::thread b([&] { refused = worker_->Accept(bad); });
  std::thread c([&] { good2 = worker_->Accept(MakeMessage("beijing", "two")); });
  std::this_thread::sleep_for(100ms);
  release.set_value();
  a.join();
  b.join();
  c.join();
  EXPECT_TRUE(good1);
  EXPECT_TRUE(good2);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  auto waiting =
      worker_->Call([](store::StationStore& s) { return s.Unchained("beijing"); });
  EXPECT_EQ(waiting->size(), 2u);
}

TEST_F(StoreWorkerTest, ARetriedRequestIsAcceptedOnce) {
  auto m = MakeMessage("beijing", "FLASH: confirm");
  m.request_id = "client-42";
  auto first = worker_->Accept(m);
  auto second = worker_->Accept(m);
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->id, second->id);
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(second->replayed);
}

}  // namespace
}  // namespace openline::station
