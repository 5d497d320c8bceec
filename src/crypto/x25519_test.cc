// X25519 (crypto/x25519.h) against Wycheproof x25519_test.json (264 valid, 254
// acceptable), from shared/vectors/wycheproof/ (github.com/C2SP/wycheproof).
// Policy asserted (the README's libsodium 1.0.18 result): every valid case gives the
// listed shared secret; an acceptable case (twist points, non-canonical or low-order
// public keys) is refused with kCrypto exactly when the listed shared secret is all
// zeros (31 cases) and otherwise gives the listed value (223 cases).
// Also RFC 7748 §6.1 (Alice and Bob), written inline.
#include "crypto/x25519.h"

#include <algorithm>
#include <cstdio>

#include <gtest/gtest.h>

#include "crypto/testing/vectors.h"

namespace openline::crypto {
namespace {

using vectors::Json;

TEST(X25519Test, MatchesWycheproofAndRefusesExactlyAllZeroSecrets) {
  auto doc = vectors::ReadVectorJson("wycheproof/x25519_test.json");
  ASSERT_TRUE(doc);
  int valid = 0, acceptable_matched = 0, refused = 0;
  vectors::ForEachWycheproofTest(*doc, [&](const Json& group, const Json& test) {
    EXPECT_EQ(group.value("curve", ""), "curve25519");
    auto pub = vectors::HexField(test, "public");
    auto priv = vectors::HexField(test, "private");
    auto shared = vectors::HexField(test, "shared");
    auto result = vectors::StringField(test, "result");
    if (!pub || !priv || !shared || !result) return;
    const std::string id = vectors::TestId(test);
    const bool expect_zero =
        std::all_of(shared->begin(), shared->end(), [](uint8_t b) { return b == 0; });

    auto got = X25519(*priv, *pub);
    if (*result == "valid") {
      ASSERT_TRUE(got) << id << ": " << got.error().ToString();
      EXPECT_EQ(ToHex(got->view()), ToHex(*shared)) << id;
      ++valid;
      return;
    }
    ASSERT_EQ(*result, "acceptable") << id;
    if (expect_zero) {
      ASSERT_FALSE(got) << id << ": an all-zero shared secret was not refused";
      EXPECT_EQ(got.error().code, ErrorCode::kCrypto) << id;
      ++refused;
    } else {
      ASSERT_TRUE(got) << id << ": refused although the shared secret is not all zeros: "
                       << got.error().ToString();
      EXPECT_EQ(ToHex(got->view()), ToHex(*shared)) << id;
      ++acceptable_matched;
    }
  });
  std::printf("wycheproof x25519: %d valid, %d acceptable matched, %d refused\n", valid,
              acceptable_matched, refused);
  EXPECT_EQ(valid, 264);
  EXPECT_EQ(acceptable_matched, 223);
  EXPECT_EQ(refused, 31);
}

TEST(X25519Test, Rfc7748AliceAndBob) {
  const Bytes alice_priv =
      *FromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const Bytes bob_priv =
      *FromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  X25519KeyPair alice = X25519KeyPair::FromPrivate(alice_priv);
  X25519KeyPair bob = X25519KeyPair::FromPrivate(bob_priv);
  EXPECT_EQ(ToHex(alice.public_key),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  EXPECT_EQ(ToHex(bob.public_key),
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  auto ab = X25519(alice.private_key.view(), bob.public_key);
  auto ba = X25519(bob.private_key.view(), alice.public_key);
  ASSERT_TRUE(ab);
  ASSERT_TRUE(ba);
  EXPECT_EQ(ToHex(ab->view()),
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  EXPECT_TRUE(*ab == *ba);
}

TEST(X25519Test, GeneratedKeyPairsAgree) {
  X25519KeyPair a = X25519KeyPair::Generate();
  X25519KeyPair b = X25519KeyPair::Generate();
  auto ab = X25519(a.private_key.view(), b.public_key);
  auto ba = X25519(b.private_key.view(), a.public_key);
  ASSERT_TRUE(ab);
  ASSERT_TRUE(ba);
  EXPECT_TRUE(*ab == *ba);
}

TEST(X25519Test, WrongKeyLengthsAreInvalidArgument) {
  const Bytes k32(32, 0x09), k31(31, 0x09), k33(33, 0x09);
  EXPECT_EQ(X25519(k31, k32).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(X25519(k32, k33).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(X25519({}, {}).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace openline::crypto
