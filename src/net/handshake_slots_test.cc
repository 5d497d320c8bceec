#include "net/handshake_slots.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace openline::net {
namespace {

TEST(HandshakeSlotsTest, AdmitsUntilThePerSourceLimit) {
  HandshakeSlots slots(10, 2);
  EXPECT_TRUE(slots.Admit("a").admitted);
  EXPECT_TRUE(slots.Admit("a").admitted);
  const auto third = slots.Admit("a");
  EXPECT_FALSE(third.admitted);
  EXPECT_FALSE(third.evicted);
  EXPECT_TRUE(slots.Admit("b").admitted);
  EXPECT_EQ(slots.pending(), 3u);
  EXPECT_EQ(slots.PendingFrom("a"), 2u);
}

TEST(HandshakeSlotsTest, ReleaseFreesTheSlotAndIgnoresUnknownIds) {
  HandshakeSlots slots(10, 1);
  const auto first = slots.Admit("a");
  ASSERT_TRUE(first.admitted);
  EXPECT_FALSE(slots.Admit("a").admitted);
  slots.Release(first.id);
  slots.Release(first.id);
  slots.Release(12345);
  EXPECT_EQ(slots.pending(), 0u);
  EXPECT_TRUE(slots.Admit("a").admitted);
}

TEST(HandshakeSlotsTest, WhenFullTheBusiestSourceLosesItsOldestSlot) {
  HandshakeSlots slots(4, 3);
  const auto a1 = slots.Admit("a");
  const auto b1 = slots.Admit("b");
  const auto a2 = slots.Admit("a");
  const auto a3 = slots.Admit("a");
  ASSERT_EQ(slots.pending(), 4u);
  const auto c1 = slots.Admit("c");
  ASSERT_TRUE(c1.admitted);
  ASSERT_TRUE(c1.evicted.has_value());
  EXPECT_EQ(*c1.evicted, a1.id);  // "a" holds most; its oldest goes
  EXPECT_EQ(slots.pending(), 4u);
  const auto d1 = slots.Admit("d");
  EXPECT_EQ(*d1.evicted, a2.id);  // "a" (2) still ahead of b, c (1)
  // Now a, b, c, d hold one each: ties go to the oldest slot.
  const auto e1 = slots.Admit("e");
  EXPECT_EQ(*e1.evicted, b1.id);
  (void)a3;
}

TEST(HandshakeSlotsTest, NewSourceAlwaysGetsInUnderAOneSourceFlood) {
  HandshakeSlots slots(64, 8);
  int refused = 0;
  for (int i = 0; i < 1000; ++i) refused += slots.Admit("flood").admitted ? 0 : 1;
  EXPECT_EQ(refused, 1000 - 8);
  EXPECT_EQ(slots.pending(), 8u);
  for (int i = 0; i < 100; ++i) {
    const auto admission = slots.Admit("peer" + std::to_string(i));
    EXPECT_TRUE(admission.admitted);
  }
  EXPECT_EQ(slots.pending(), 64u);
  EXPECT_EQ(slots.PendingFrom("flood"), 0u);  // evicted first, being the busiest
}

}  // namespace
}  // namespace openline::net
