// Secret<N> and SecretBytes (crypto/secret.h): moves wipe the source, Clone is an
// explicit copy, comparison is ConstantTimeEqual, and ToString never shows the bytes.
// No external vectors.
#include "crypto/secret.h"

#include <algorithm>
#include <utility>

#include <gtest/gtest.h>

namespace openline::crypto {
namespace {

Bytes Pattern(size_t n) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(0xa0 + i);
  return b;
}

bool AllZero(ByteView b) {
  return std::all_of(b.begin(), b.end(), [](uint8_t v) { return v == 0; });
}

TEST(SecretTest, MoveConstructionWipesTheSource) {
  const Bytes key = Pattern(32);
  Secret<32> a(key);
  Secret<32> b(std::move(a));
  EXPECT_TRUE(AllZero({a.data(), a.size()}));  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(ToHex(b.view()), ToHex(key));
}

TEST(SecretTest, MoveAssignmentWipesTheSource) {
  const Bytes key = Pattern(32);
  Secret<32> a(key);
  const Bytes other(32, 0x07);
  Secret<32> b(other);
  b = std::move(a);
  EXPECT_TRUE(AllZero({a.data(), a.size()}));  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(ToHex(b.view()), ToHex(key));
}

TEST(SecretTest, CloneCopiesAndClearWipes) {
  Secret<16> a(Pattern(16));
  Secret<16> b = a.Clone();
  EXPECT_TRUE(a == b);
  EXPECT_EQ(ToHex(b.view()), ToHex(Pattern(16)));
  b.Clear();
  EXPECT_TRUE(AllZero(b.view()));
  EXPECT_FALSE(a == b);
}

TEST(SecretTest, SecretBytesMovesWipeTheSource) {
  const Bytes key = Pattern(64);
  SecretBytes a(key);
  SecretBytes b(std::move(a));
  EXPECT_EQ(a.size(), 0u);                            // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(AllZero({a.data(), kMaxSecretBytes}));  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(ToHex(b.view()), ToHex(key));

  SecretBytes c(Pattern(8));
  c = std::move(b);
  EXPECT_EQ(b.size(), 0u);                            // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(AllZero({b.data(), kMaxSecretBytes}));  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(ToHex(c.view()), ToHex(key));
}

TEST(SecretTest, SecretBytesAssignWipesOldTail) {
  SecretBytes s(Pattern(64));
  s.Assign(Pattern(3));
  EXPECT_EQ(s.size(), 3u);
  EXPECT_TRUE(AllZero({s.data() + 3, kMaxSecretBytes - 3}));
}

TEST(SecretDeathTest, OversizeSecretsAbortRatherThanTruncate) {
  // A prefix of a key is a predictable key: fail closed.
  EXPECT_DEATH(SecretBytes(Pattern(kMaxSecretBytes + 1)), "");
  EXPECT_DEATH(Secret<32>(Pattern(31)), "");
}

TEST(SecretTest, ConstantTimeEqualComparesLengthAndContents) {
  const Bytes a = Pattern(32);
  Bytes b = a;
  EXPECT_TRUE(ConstantTimeEqual(a, b));
  b[31] ^= 1;
  EXPECT_FALSE(ConstantTimeEqual(a, b));
  b = a;
  b[0] ^= 0x80;
  EXPECT_FALSE(ConstantTimeEqual(a, b));
  EXPECT_FALSE(ConstantTimeEqual(a, ByteView(a).first(31)));  // a prefix is not equal
  EXPECT_TRUE(ConstantTimeEqual({}, {}));
  EXPECT_FALSE(ConstantTimeEqual({}, a));

  EXPECT_TRUE(SecretBytes(a) == SecretBytes(a));
  EXPECT_FALSE(SecretBytes(a) == SecretBytes(ByteView(a).first(16)));
}

TEST(SecretTest, ToStringIsRedacted) {
  const Bytes key = Pattern(32);
  const std::string hex = ToHex(key);
  Secret<32> s(key);
  SecretBytes sb(key);
  for (const std::string& text : {s.ToString(), sb.ToString()}) {
    EXPECT_EQ(text, "<secret:32 bytes>");
    EXPECT_EQ(text.find(hex), std::string::npos);
    EXPECT_EQ(text.find(hex.substr(0, 8)), std::string::npos);  // not even a prefix
  }
}

TEST(SecretTest, WipeZeroes) {
  Bytes b = Pattern(40);
  Wipe(b.data(), b.size());
  EXPECT_TRUE(AllZero(b));
}

}  // namespace
}  // namespace openline::crypto
