// Test that header file is self-contained.
#include "session/replay_guard.h"

#include <gtest/gtest.h>

namespace openline::session {
namespace {

const crypto::X25519Public kPeerA{1};
const crypto::X25519Public kPeerB{2};

TEST(ReplayGuardTest, AcceptsOnlyStrictlyIncreasingTimestampsPerPeer) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.CheckAndRecord(kPeerA, {100, 0}));
  EXPECT_FALSE(guard.CheckAndRecord(kPeerA, {100, 0}));   // replay
  EXPECT_FALSE(guard.CheckAndRecord(kPeerA, {99, 999}));  // older
  EXPECT_TRUE(guard.CheckAndRecord(kPeerA, {100, 1}));
  EXPECT_TRUE(guard.CheckAndRecord(kPeerB, {50, 0}));  // peers are independent
  EXPECT_EQ(guard.Latest(kPeerA), (Tai64n{100, 1}));
  EXPECT_EQ(guard.size(), 2u);
}

TEST(ReplayGuardTest, WouldAcceptDoesNotRecord) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.WouldAccept(kPeerA, {1, 0}));
  EXPECT_TRUE(guard.WouldAccept(kPeerA, {1, 0}));
  EXPECT_EQ(guard.size(), 0u);
  EXPECT_FALSE(guard.Latest(kPeerA));
}

TEST(ReplayGuardTest, RestoreKeepsTheGreaterValue) {
  ReplayGuard guard;
  guard.Restore(kPeerA, {200, 0});
  guard.Restore(kPeerA, {150, 0});
  EXPECT_EQ(guard.Latest(kPeerA), (Tai64n{200, 0}));
  EXPECT_FALSE(guard.WouldAccept(kPeerA, {200, 0}));
}

}  // namespace
}  // namespace openline::session
