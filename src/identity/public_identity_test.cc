#include "identity/public_identity.h"

#include <gtest/gtest.h>

#include "identity/station_keys.h"

namespace openline::identity {
namespace {

TEST(PublicIdentityTest, EncodeParseRoundTrip) {
  auto id = StationKeys::FromSeedForTesting(1).Public();
  std::string text = id.Encode();
  EXPECT_EQ(text.rfind("olid1", 0), 0u);
  EXPECT_EQ(text.size(), 114u);
  auto back = PublicIdentity::Parse(text);
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, id);
}

TEST(PublicIdentityTest, EverySingleCharacterTypoIsCaught) {
  std::string text = StationKeys::FromSeedForTesting(2).Public().Encode();
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  int caught = 0;
  for (size_t i = 5; i < text.size(); ++i) {
    for (char c : alphabet) {
      if (c == text[i]) continue;
      std::string typo = text;
      typo[i] = c;
      auto parsed = PublicIdentity::Parse(typo);
      ASSERT_FALSE(parsed) << "typo at " << i << " accepted";
      ++caught;
    }
  }
  EXPECT_EQ(caught, 109 * 31);
}

TEST(PublicIdentityTest, TransposedCharactersAreCaught) {
  std::string text = StationKeys::FromSeedForTesting(3).Public().Encode();
  for (size_t i = 5; i + 1 < text.size(); ++i) {
    if (text[i] == text[i + 1]) continue;
    std::string swapped = text;
    std::swap(swapped[i], swapped[i + 1]);
    EXPECT_FALSE(PublicIdentity::Parse(swapped)) << "swap at " << i;
  }
}

TEST(PublicIdentityTest, TruncatedOrExtendedIsRefused) {
  std::string text = StationKeys::FromSeedForTesting(4).Public().Encode();
  EXPECT_FALSE(PublicIdentity::Parse(text.substr(0, text.size() - 1)));
  EXPECT_FALSE(PublicIdentity::Parse(text + "a"));
  EXPECT_FALSE(PublicIdentity::Parse(""));
  EXPECT_FALSE(PublicIdentity::Parse(std::string(10000, 'a')));
}

TEST(PublicIdentityTest, WrongPrefixIsRefused) {
  std::string text = StationKeys::FromSeedForTesting(5).Public().Encode();
  text[4] = '2';
  auto parsed = PublicIdentity::Parse(text);
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("olid1"), std::string::npos);
}

TEST(PublicIdentityTest, UpperCaseSpacesAndDashesAreTolerated) {
  auto id = StationKeys::FromSeedForTesting(6).Public();
  std::string text = id.Encode();
  std::string spoken;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && i % 5 == 0) spoken += (i % 10 == 0) ? " " : "-";
    spoken += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
  }
  auto parsed = PublicIdentity::Parse(spoken);
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(*parsed, id);
}

}  // namespace
}  // namespace openline::identity
