#include "identity/fingerprint.h"

#include <regex>

#include <gtest/gtest.h>

#include "identity/station_keys.h"

namespace openline::identity {
namespace {

TEST(FingerprintTest, SameOnBothSides) {
  auto a = StationKeys::FromSeedForTesting(1).Public();
  auto b = StationKeys::FromSeedForTesting(2).Public();
  EXPECT_EQ(PairFingerprint(a, b), PairFingerprint(b, a));
}

TEST(FingerprintTest, SixtyDigitsInTwelveGroups) {
  auto fp = PairFingerprint(StationKeys::FromSeedForTesting(1).Public(),
                            StationKeys::FromSeedForTesting(2).Public());
  EXPECT_TRUE(std::regex_match(fp, std::regex("([0-9]{5} ){11}[0-9]{5}"))) << fp;
}

TEST(FingerprintTest, ChangesWhenEitherKeyChanges) {
  auto a = StationKeys::FromSeedForTesting(1).Public();
  auto b = StationKeys::FromSeedForTesting(2).Public();
  auto base = PairFingerprint(a, b);
  auto a2 = a;
  a2.dh_key[0] ^= 1;  // only the Noise key differs: still a different pair
  EXPECT_NE(PairFingerprint(a2, b), base);
  auto b2 = b;
  b2.sign_key[31] ^= 0x80;
  EXPECT_NE(PairFingerprint(a, b2), base);
  EXPECT_NE(PairFingerprint(a, StationKeys::FromSeedForTesting(3).Public()), base);
}

TEST(FingerprintTest, ShortFingerprintIsStableAndDistinct) {
  auto a = StationKeys::FromSeedForTesting(1).Public();
  auto b = StationKeys::FromSeedForTesting(2).Public();
  EXPECT_EQ(ShortFingerprint(a), ShortFingerprint(a));
  EXPECT_NE(ShortFingerprint(a), ShortFingerprint(b));
  EXPECT_EQ(ShortFingerprint(a).size(), 19u);
}

}  // namespace
}  // namespace openline::identity
