#include "link/outbox_queue.h"

#include <gtest/gtest.h>

namespace openline::link {
namespace {

OutboxItem Item(uint64_t id, wire::Precedence p, std::string channel = "maritime") {
  return {id, std::move(channel), p, wire::Kind::kText, Bytes(10, 'x'), id};
}

TEST(OutboxQueueTest, FlashFirstThenAcceptanceOrderWithinPrecedence) {
  OutboxQueue q;
  q.Push(Item(1, wire::Precedence::kRoutine));
  q.Push(Item(2, wire::Precedence::kRoutine, "air"));
  q.Push(Item(3, wire::Precedence::kFlash));
  q.Push(Item(4, wire::Precedence::kPriority));
  q.Push(Item(5, wire::Precedence::kFlash, "air"));
  std::vector<uint64_t> order;
  while (auto item = q.Pop()) order.push_back(item->id);
  EXPECT_EQ(order, (std::vector<uint64_t>{3, 5, 4, 1, 2}));
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.bytes(), 0u);
}

TEST(OutboxQueueTest, CountsBytes) {
  OutboxQueue q;
  q.Push(Item(1, wire::Precedence::kRoutine));
  q.Push(Item(2, wire::Precedence::kImmediate));
  EXPECT_EQ(q.bytes(), 20u);
  EXPECT_EQ(q.size(wire::Precedence::kImmediate), 1u);
}

}  // namespace
}  // namespace openline::link
