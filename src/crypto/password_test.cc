// Argon2id password hashing (crypto/password.h). shared/vectors/ holds no Argon2id
// strings, so these are round-trip tests against libsodium's own encoder: match,
// mismatch, tampering, rehash decisions and the bounds on stored strings. They use
// PasswordLimits::Minimum() to stay fast.
#include "crypto/password.h"

#include <gtest/gtest.h>

namespace openline::crypto {
namespace {

SecretBytes Pw(std::string_view text) { return PasswordFromText(text).value(); }

std::string Hash(std::string_view text) {
  return HashPassword(Pw(text), PasswordLimits::Minimum()).value();
}

TEST(PasswordTest, HashIsArgon2idPhcStringWithTheRequestedCost) {
  const std::string h = Hash("correct horse");
  EXPECT_TRUE(h.starts_with("$argon2id$v=19$m=8,t=1,p=1$")) << h;
  EXPECT_LE(h.size(), kMaxPasswordHashChars);
}

TEST(PasswordTest, RightPasswordVerifies) {
  const std::string h = Hash("correct horse");
  EXPECT_EQ(VerifyPassword(h, Pw("correct horse")), true);
}

TEST(PasswordTest, WrongPasswordIsFalseNotAnError) {
  const std::string h = Hash("correct horse");
  EXPECT_EQ(VerifyPassword(h, Pw("correct horsE")), false);
  EXPECT_EQ(VerifyPassword(h, Pw("")), false);
  EXPECT_EQ(VerifyPassword(h, Pw("correct horse ")), false);
}

TEST(PasswordTest, SaltIsFreshEachTime) {
  const std::string a = Hash("same");
  const std::string b = Hash("same");
  EXPECT_NE(a, b);
  EXPECT_EQ(VerifyPassword(a, Pw("same")), true);
  EXPECT_EQ(VerifyPassword(b, Pw("same")), true);
}

TEST(PasswordTest, TamperedHashOrSaltDoesNotVerify) {
  const std::string h = Hash("correct horse");
  const size_t last_dollar = h.rfind('$');
  // Flip one base64 character of the hash, then one of the salt.
  for (size_t pos : {h.size() - 2, last_dollar - 2}) {
    std::string t = h;
    t[pos] = t[pos] == 'A' ? 'B' : 'A';
    auto r = VerifyPassword(t, Pw("correct horse"));
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
    EXPECT_FALSE(*r) << "tampered at " << pos << ": " << t;
  }
  // A changed cost parameter changes the hash too.
  std::string t = h;
  t.replace(t.find("t=1"), 3, "t=2");
  EXPECT_EQ(VerifyPassword(t, Pw("correct horse")), false);
}

TEST(PasswordTest, MalformedStoredHashIsAnErrorNotAMismatch) {
  const auto pw = Pw("x");
  for (std::string_view bad :
       {"", "plaintext", "$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        "$argon2id$v=19$m=,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        "$argon2id$v=19$m=8,t=1,p=2$c2FsdHNhbHQ$aGFzaA"}) {
    auto r = VerifyPassword(bad, pw);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << bad;
  }
  std::string with_nul = Hash("x");
  with_nul.insert(5, 1, '\0');
  EXPECT_FALSE(VerifyPassword(with_nul, pw).has_value());
  EXPECT_FALSE(VerifyPassword(std::string(200, 'a'), pw).has_value());
}

TEST(PasswordTest, StoredHashAskingForHugeMemoryIsRefusedBeforeAllocating) {
  // 4 TiB: libsodium would try to allocate it; we refuse on the header.
  auto r = VerifyPassword("$argon2id$v=19$m=4294967296,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
                          Pw("x"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kTooLarge);
  auto t =
      VerifyPassword("$argon2id$v=19$m=8,t=1000,p=1$c2FsdHNhbHRzYWx0$aGFzaA", Pw("x"));
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().code, ErrorCode::kTooLarge);
}

TEST(PasswordTest, NeedsRehashWhenLimitsChange) {
  const std::string h = Hash("pw");
  EXPECT_EQ(NeedsRehash(h, PasswordLimits::Minimum()), false);
  EXPECT_EQ(NeedsRehash(h, PasswordLimits::Interactive()), true);
  EXPECT_EQ(NeedsRehash(h, {2, PasswordLimits::Minimum().memlimit}), true);
  EXPECT_FALSE(NeedsRehash("nonsense", PasswordLimits::Minimum()).has_value());
}

TEST(PasswordTest, InteractiveIsTheDefaultCost) {
  const auto limits = PasswordLimits::Interactive();
  EXPECT_EQ(limits.opslimit, 2u);
  EXPECT_EQ(limits.memlimit, size_t{64} << 20);
}

TEST(PasswordTest, OutOfRangeLimitsAreRejected) {
  auto r = HashPassword(Pw("pw"), {0, 8192});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(HashPassword(Pw("pw"), {1, 1024}).has_value());
}

TEST(PasswordTest, PasswordLengthIsBoundedBySecretBytes) {
  EXPECT_TRUE(PasswordFromText(std::string(kMaxPasswordBytes, 'p')).has_value());
  auto r = PasswordFromText(std::string(kMaxPasswordBytes + 1, 'p'));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kTooLarge);
  // The longest password still round-trips, and differs from its prefix.
  const std::string longest(kMaxPasswordBytes, 'p');
  const std::string h = Hash(longest);
  EXPECT_EQ(VerifyPassword(h, Pw(longest)), true);
  EXPECT_EQ(VerifyPassword(h, Pw(longest.substr(1))), false);
}

TEST(PasswordTest, NonAsciiPasswordRoundTrips) {
  const std::string h = Hash("пароль 密码");
  EXPECT_EQ(VerifyPassword(h, Pw("пароль 密码")), true);
  EXPECT_EQ(VerifyPassword(h, Pw("пароль 密馬")), false);
}

}  // namespace
}  // namespace openline::crypto
