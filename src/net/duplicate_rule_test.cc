#include "net/duplicate_rule.h"

#include <gtest/gtest.h>

#include "crypto/random.h"

namespace openline::net {
namespace {

crypto::X25519Public Key(uint8_t first) {
  crypto::X25519Public key{};
  key.fill(0x55);
  key[0] = first;
  return key;
}

session::Tai64n At(uint64_t seconds) { return {seconds, 0}; }

// The same connection as the other station sees it.
ConnectionFacts Mirror(const ConnectionFacts& f) {
  return {!f.initiated_locally, f.initiation_timestamp, f.session_id};
}

const Bytes kIdA(64, 0x10);
const Bytes kIdB(64, 0x20);

TEST(DuplicateRuleTest, SimultaneousDialKeepsTheLowerKeysInitiation) {
  const auto low = Key(1);
  const auto high = Key(2);
  // On `low`: a = its own dial, b = the one it accepted from `high`.
  const ConnectionFacts mine{true, At(100), kIdA};
  const ConnectionFacts theirs{false, At(90), kIdB};
  EXPECT_EQ(PreferConnection(low, high, mine, theirs), Preferred::kFirst);
  EXPECT_EQ(PreferConnection(low, high, theirs, mine), Preferred::kSecond);
  // On `high`, the same two connections mirrored: it keeps `low`'s dial too.
  EXPECT_EQ(PreferConnection(high, low, Mirror(mine), Mirror(theirs)), Preferred::kFirst);
  EXPECT_EQ(PreferConnection(high, low, Mirror(theirs), Mirror(mine)),
            Preferred::kSecond);
}

TEST(DuplicateRuleTest, TimestampsOfDifferentStationsAreNotCompared) {
  // However skewed the clocks, rule 1 decides.
  const auto low = Key(1);
  const auto high = Key(2);
  const ConnectionFacts mine{true, At(1), kIdA};
  const ConnectionFacts theirs{false, At(1'000'000), kIdB};
  EXPECT_EQ(PreferConnection(low, high, mine, theirs), Preferred::kFirst);
}

TEST(DuplicateRuleTest, RedialBySameStationKeepsTheLaterInitiation) {
  const auto local = Key(9);
  const auto peer = Key(3);
  const ConnectionFacts older{true, At(100), kIdB};
  const ConnectionFacts newer{true, At(101), kIdA};
  EXPECT_EQ(PreferConnection(local, peer, older, newer), Preferred::kSecond);
  EXPECT_EQ(PreferConnection(local, peer, newer, older), Preferred::kFirst);
  EXPECT_EQ(PreferConnection(peer, local, Mirror(older), Mirror(newer)),
            Preferred::kSecond);
}

TEST(DuplicateRuleTest, EqualTimestampsFallBackToTheLowerSessionId) {
  const auto local = Key(9);
  const auto peer = Key(3);
  const ConnectionFacts a{false, At(5), kIdB};
  const ConnectionFacts b{false, At(5), kIdA};
  EXPECT_EQ(PreferConnection(local, peer, a, b), Preferred::kSecond);
  EXPECT_EQ(PreferConnection(peer, local, Mirror(a), Mirror(b)), Preferred::kSecond);
}

// Property: for random keys, flags, timestamps and ids, both stations keep the
// same connection whichever order each passes them in.
TEST(DuplicateRuleTest, BothStationsAlwaysAgree) {
  for (int i = 0; i < 2000; ++i) {
    crypto::X25519Public k1{};
    crypto::X25519Public k2{};
    crypto::RandomBytes(k1);
    crypto::RandomBytes(k2);
    uint8_t r[4];
    crypto::RandomBytes(r);
    Bytes id1(64);
    Bytes id2(64);
    crypto::RandomBytes(id1);
    crypto::RandomBytes(id2);
    const ConnectionFacts a{(r[0] & 1) != 0, At(r[1] % 3), id1};
    const ConnectionFacts b{(r[0] & 2) != 0, At(r[2] % 3), id2};
    const bool keep_a_here = PreferConnection(k1, k2, a, b) == Preferred::kFirst;
    const bool keep_a_swapped = PreferConnection(k1, k2, b, a) == Preferred::kSecond;
    const bool keep_a_there =
        PreferConnection(k2, k1, Mirror(a), Mirror(b)) == Preferred::kFirst;
    EXPECT_EQ(keep_a_here, keep_a_swapped) << i;
    EXPECT_EQ(keep_a_here, keep_a_there) << i;
  }
}

}  // namespace
}  // namespace openline::net
