// Test that header file is self-contained.
#include "noise/protocol_name.h"

#include <string>

#include <gtest/gtest.h>

namespace openline::noise {
namespace {

TEST(ProtocolNameTest, ParsesOpenlineLinkProtocol) {
  auto p = ParseProtocolName("Noise_IK_25519_ChaChaPoly_BLAKE2b");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->full, "Noise_IK_25519_ChaChaPoly_BLAKE2b");
  EXPECT_EQ(p->pattern_name, "IK");
  EXPECT_EQ(p->dh, "25519");
  EXPECT_EQ(p->cipher, "ChaChaPoly");
  EXPECT_EQ(p->hash, crypto::HashAlgorithm::kBlake2b);
  EXPECT_EQ(p->pattern.messages.size(), 2u);
}

TEST(ProtocolNameTest, ParsesEveryHashAndPskCombination) {
  for (const char* name :
       {"Noise_XX_25519_ChaChaPoly_SHA256", "Noise_XX_25519_ChaChaPoly_SHA512",
        "Noise_KKpsk0+psk2_25519_ChaChaPoly_BLAKE2b"}) {
    EXPECT_TRUE(ParseProtocolName(name)) << name;
  }
}

TEST(ProtocolNameTest, UnimplementedAlgorithmsAreUnsupported) {
  for (const char* name :
       {"Noise_XX_448_ChaChaPoly_SHA256", "Noise_XX_25519_AESGCM_SHA256",
        "Noise_XX_25519_ChaChaPoly_BLAKE2s", "NoisePSK_XX_25519_ChaChaPoly_SHA256",
        "Noise_XXfallback_25519_ChaChaPoly_SHA256", "Noise_QQ_25519_ChaChaPoly_SHA256"}) {
    auto p = ParseProtocolName(name);
    ASSERT_FALSE(p) << name;
    EXPECT_EQ(p.error().code, ErrorCode::kUnsupported) << name;
  }
}

TEST(ProtocolNameTest, MalformedNamesAreMalformed) {
  for (const char* name :
       {"", "Noise", "Noise_XX_25519_ChaChaPoly", "Noise_XX_25519_ChaChaPoly_SHA256_",
        "Noise_XX_25519_ChaChaPoly_SHA256_extra", "Nois_XX_25519_ChaChaPoly_SHA256",
        "Noise__25519_ChaChaPoly_SHA256"}) {
    auto p = ParseProtocolName(name);
    ASSERT_FALSE(p) << name;
    EXPECT_EQ(p.error().code, ErrorCode::kMalformed) << name;
  }
}

TEST(ProtocolNameTest, RejectsNamesLongerThan255Bytes) {
  const std::string long_name =
      "Noise_XX" + std::string(250, '1') + "_25519_ChaChaPoly_SHA256";
  EXPECT_EQ(ParseProtocolName(long_name).error().code, ErrorCode::kTooLarge);
}

}  // namespace
}  // namespace openline::noise
