#include "observe/bounded_text.h"

#include <gtest/gtest.h>

#include "common/text.h"

namespace openline::observe {
namespace {

constexpr std::string_view kFffd = "\xef\xbf\xbd";

TEST(BoundedTextTest, PlainTextPassesUnchanged) {
  EXPECT_EQ(BoundUntrustedText("beijing", 64), "beijing");
  EXPECT_EQ(BoundUntrustedText("Li Wei \xe6\x9d\x8e", 64), "Li Wei \xe6\x9d\x8e");
  EXPECT_EQ(BoundUntrustedText("a\"b\\c\nd\te", 64), "a\"b\\c\nd\te");
}

TEST(BoundedTextTest, ReplacesInvalidUtf8AndControls) {
  EXPECT_EQ(BoundUntrustedText("a\xff"
                               "b",
                               64),
            "a" + std::string(kFffd) + "b");
  EXPECT_EQ(BoundUntrustedText("\x1b[2J", 64), std::string(kFffd) + "[2J");
  EXPECT_EQ(BoundUntrustedText("\r", 64), kFffd);
  EXPECT_EQ(BoundUntrustedText("\x7f", 64), kFffd);
  EXPECT_EQ(BoundUntrustedText("\xc2\x9b", 64), kFffd);  // C1 CSI
  EXPECT_EQ(BoundUntrustedText("x\xe2\x80\xaey", 64), "x" + std::string(kFffd) + "y");
  EXPECT_EQ(BoundUntrustedText(std::string_view("\0", 1), 64), kFffd);
  EXPECT_EQ(BoundUntrustedText("\xe4\xb8", 64), std::string(kFffd) + std::string(kFffd));
}

TEST(BoundedTextTest, CutsAtCodePointBoundaryWithinBound) {
  const std::string zh = "\xe4\xb8\xad\xe6\x96\x87";  // two 3-byte characters
  EXPECT_EQ(BoundUntrustedText(zh, 5), "\xe4\xb8\xad");
  EXPECT_EQ(BoundUntrustedText(zh, 2), "");
  EXPECT_EQ(BoundUntrustedText(std::string(1000, 'x'), 10), std::string(10, 'x'));
  const std::string hostile(1000, '\xff');  // each byte would grow to 3
  const std::string out = BoundUntrustedText(hostile, 100);
  EXPECT_LE(out.size(), 100u);
  EXPECT_TRUE(IsValidUtf8(out));
}

}  // namespace
}  // namespace openline::observe
