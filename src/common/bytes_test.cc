#include "common/bytes.h"

#include <gtest/gtest.h>

namespace openline {
namespace {

TEST(BytesTest, HexRoundTrip) {
  Bytes b = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(ToHex(b), "0001abff");
  EXPECT_EQ(*FromHex("0001ABff"), b);
}

TEST(BytesTest, HexRejectsOddLengthAndNonHex) {
  EXPECT_FALSE(FromHex("abc"));
  EXPECT_FALSE(FromHex("zz"));
  EXPECT_EQ(FromHex("0g").error().code, ErrorCode::kMalformed);
}

TEST(BytesTest, HexArrayChecksLength) {
  EXPECT_TRUE(FromHexArray<2>("0102"));
  EXPECT_FALSE(FromHexArray<2>("010203"));
}

TEST(BytesTest, Base64KnownValues) {
  // RFC 4648 §10.
  const char* cases[][2] = {{"", ""},
                            {"f", "Zg=="},
                            {"fo", "Zm8="},
                            {"foo", "Zm9v"},
                            {"foob", "Zm9vYg=="},
                            {"fooba", "Zm9vYmE="},
                            {"foobar", "Zm9vYmFy"}};
  for (auto& c : cases) {
    EXPECT_EQ(ToBase64(AsBytes(c[0])), c[1]);
    auto back = FromBase64(c[1]);
    ASSERT_TRUE(back) << c[1];
    EXPECT_EQ(AsChars(*back), c[0]);
  }
}

TEST(BytesTest, Base64RejectsMalformed) {
  EXPECT_FALSE(FromBase64("Zg="));   // length not a multiple of 4
  EXPECT_FALSE(FromBase64("Z!=="));  // bad character
  EXPECT_FALSE(FromBase64("Zh=="));  // non-zero padding bits
}

}  // namespace
}  // namespace openline
