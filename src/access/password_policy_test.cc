#include "access/password_policy.h"

#include <gtest/gtest.h>

#include "crypto/password.h"

namespace openline::access {
namespace {

crypto::SecretBytes Pw(std::string_view s) { return crypto::PasswordFromText(s).value(); }

TEST(PasswordPolicyTest, LongEnoughAndNotTheLoginNameIsAccepted) {
  EXPECT_TRUE(CheckNewPassword(Pw("tide-anchor-47"), "liwei").has_value());
  EXPECT_TRUE(
      CheckNewPassword(Pw(std::string(kMinPasswordBytes, 'x')), "liwei").has_value());
}

TEST(PasswordPolicyTest, TooShortIsRejected) {
  auto r = CheckNewPassword(Pw(std::string(kMinPasswordBytes - 1, 'x')), "liwei");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(CheckNewPassword(Pw(""), "liwei").has_value());
}

TEST(PasswordPolicyTest, LoginNameAsPasswordIsRejected) {
  EXPECT_FALSE(CheckNewPassword(Pw("duty-officer"), "duty-officer").has_value());
}

}  // namespace
}  // namespace openline::access
