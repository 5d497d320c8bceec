#include "common/text.h"

#include <gtest/gtest.h>

namespace openline {
namespace {

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xe4\xb8\xad\xe6\x96\x87"));  // 中文
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe4\xb8"));          // truncated
}

TEST(TextTest, EscapesTerminalControls) {
  EXPECT_EQ(EscapeForTerminal("\x1b[1K\rOK"), "\\x1b[1K\\x0dOK");
  EXPECT_EQ(EscapeForTerminal("a\nb"), "a\\x0ab");
  EXPECT_EQ(EscapeForTerminal("a\nb", /*allow_newlines=*/true), "a\nb");
  EXPECT_EQ(EscapeForTerminal("\xc2\x9b"
                              "2J"),
            "\\x9b2J");                                         // C1 CSI
  EXPECT_EQ(EscapeForTerminal("x\xe2\x80\xaey"), "x\\u202ey");  // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(EscapeForTerminal("\xff"), "\\xff");
  EXPECT_EQ(EscapeForTerminal("back\\slash"), "back\\\\slash");
  EXPECT_EQ(EscapeForTerminal("\xe4\xb8\xad"), "\xe4\xb8\xad");  // text passes unchanged
  EXPECT_TRUE(IsValidUtf8(EscapeForTerminal("\xff\xfe\x80")));
}

}  // namespace
}  // namespace openline
