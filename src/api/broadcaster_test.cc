#include "api/broadcaster.h"

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace openline::api {
namespace {

class RecordingSink final : public EventSink {
 public:
  void Deliver(std::shared_ptr<const std::string> event) override {
    std::lock_guard lock(mu_);
    events_.push_back(*event);
  }
  std::vector<std::string> events() const {
    std::lock_guard lock(mu_);
    return events_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> events_;
};

TEST(BroadcasterTest, DeliversToEveryJoinedSinkInOrder) {
  Broadcaster broadcaster;
  auto a = std::make_shared<RecordingSink>();
  auto b = std::make_shared<RecordingSink>();
  broadcaster.Join(a);
  broadcaster.Join(b);
  for (int i = 0; i < 5; ++i) broadcaster.Broadcast({{"seq", i}});
  std::vector<std::string> expected;
  for (int i = 0; i < 5; ++i) expected.push_back("{\"seq\":" + std::to_string(i) + "}");
  EXPECT_EQ(a->events(), expected);
  EXPECT_EQ(b->events(), expected);
}

TEST(BroadcasterTest, LeftAndExpiredSinksGetNothing) {
  Broadcaster broadcaster;
  auto kept = std::make_shared<RecordingSink>();
  auto left = std::make_shared<RecordingSink>();
  auto expired = std::make_shared<RecordingSink>();
  broadcaster.Join(kept);
  broadcaster.Join(left);
  broadcaster.Join(expired);
  broadcaster.Leave(left.get());
  expired.reset();  // destroyed without leaving: the weak pointer is skipped
  broadcaster.Broadcast({{"n", 1}});
  EXPECT_EQ(kept->events().size(), 1u);
  EXPECT_TRUE(left->events().empty());
}

TEST(BroadcasterTest, ConcurrentBroadcastsReachEverySinkInOneOrder) {
  Broadcaster broadcaster;
  std::vector<std::shared_ptr<RecordingSink>> sinks;
  for (int i = 0; i < 4; ++i) {
    sinks.push_back(std::make_shared<RecordingSink>());
    broadcaster.Join(sinks.back());
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&broadcaster, t] {
      for (int i = 0; i < 200; ++i) broadcaster.Broadcast({{"t", t}, {"i", i}});
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(sinks[0]->events().size(), 800u);
  for (const auto& sink : sinks) EXPECT_EQ(sink->events(), sinks[0]->events());
}

TEST(BroadcasterTest, CountsDroppedSinks) {
  Broadcaster broadcaster;
  EXPECT_EQ(broadcaster.dropped(), 0u);
  broadcaster.CountDropped();
  EXPECT_EQ(broadcaster.dropped(), 1u);
}

}  // namespace
}  // namespace openline::api
