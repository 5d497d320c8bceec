#include "access/operator_name.h"

#include <string>

#include <gtest/gtest.h>

namespace openline::access {
namespace {

TEST(LoginNameTest, AcceptsLowercaseAsciiNames) {
  for (std::string_view ok :
       {"liwei", "j.smith", "duty-officer_2", "a", "abcdefghijklmnopqrstuvwxyz012345"}) {
    EXPECT_TRUE(ValidateLoginName(ok).has_value()) << ok;
  }
}

TEST(LoginNameTest, RejectsCaseSpacesNonAsciiAndBadStart) {
  for (std::string_view bad : {"", "Admin", "li wei",
                               "\xd0\xb0"
                               "dmin" /* Cyrillic a */,
                               "1admin", ".hidden", "-rf", "ops\n", "a/b", "a@b"}) {
    EXPECT_FALSE(ValidateLoginName(bad).has_value()) << bad;
  }
}

TEST(LoginNameTest, LengthIsBounded) {
  auto r = ValidateLoginName(std::string(kMaxLoginNameBytes + 1, 'a'));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kTooLarge);
}

TEST(DisplayNameTest, AcceptsNamesInAnyScript) {
  for (std::string_view ok :
       {"Li Wei", "李伟", "Иван Петров", "O'Brien-Smith, Lt. Cdr.", "محمد"}) {
    EXPECT_TRUE(ValidateDisplayName(ok).has_value()) << ok;
  }
}

TEST(DisplayNameTest, RejectsControlAndTerminalEscapes) {
  for (std::string_view bad : {"Li\x1b[2JWei", "Li\nWei", "Li\tWei", "Li\x7f", "Li\rWei",
                               "Li\xc2\x85Wei" /* U+0085 NEL */}) {
    auto r = ValidateDisplayName(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().message.find('\x1b'), std::string::npos);
  }
  EXPECT_FALSE(ValidateDisplayName(std::string("Li\0Wei", 6)).has_value());
}

TEST(DisplayNameTest, RejectsBidiAndInvisibleCharacters) {
  for (std::string_view bad :
       {"Li \xe2\x80\xaeieW" /* U+202E RLO */, "Li\xe2\x81\xa6Wei" /* U+2066 */,
        "Li\xe2\x80\x8bWei" /* U+200B ZWSP */, "Li\xef\xbb\xbfWei" /* U+FEFF */,
        "Li\xe2\x80\xa8Wei" /* U+2028 */, "Li\xc2\xadWei" /* soft hyphen */}) {
    EXPECT_FALSE(ValidateDisplayName(bad).has_value()) << bad;
  }
}

TEST(DisplayNameTest, RejectsInvalidUtf8EmptyPaddedAndTooLong) {
  EXPECT_FALSE(ValidateDisplayName("").has_value());
  EXPECT_FALSE(ValidateDisplayName("Li\xff").has_value());
  EXPECT_FALSE(ValidateDisplayName("\xc0\xaf").has_value());  // overlong '/'
  EXPECT_FALSE(ValidateDisplayName(" Li Wei").has_value());
  EXPECT_FALSE(ValidateDisplayName("Li Wei ").has_value());
  EXPECT_TRUE(ValidateDisplayName(std::string(kMaxDisplayNameBytes, 'x')).has_value());
  auto r = ValidateDisplayName(std::string(kMaxDisplayNameBytes + 1, 'x'));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kTooLarge);
}

}  // namespace
}  // namespace openline::access
