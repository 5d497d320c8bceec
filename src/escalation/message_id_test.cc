#include "escalation/message_id.h"

#include <gtest/gtest.h>

#include "escalation/constants.h"

namespace openline::escalation {
namespace {

TEST(MessageIdTest, ParsesLinkAndSeq) {
  auto id = ParseMessageId("beijing:42");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(*id, (MessageId{"beijing", 42}));
  EXPECT_EQ(id->ToString(), "beijing:42");
  EXPECT_EQ(ParseMessageId("b:18446744073709551615")->seq, UINT64_MAX);
}

TEST(MessageIdTest, RefusesAnythingElse) {
  for (const char* bad :
       {"", "beijing", ":1", "beijing:", "beijing:0", "beijing:01", "beijing:+1",
        "beijing:1x", "beijing:1:2", "b:18446744073709551616"}) {
    auto id = ParseMessageId(bad);
    EXPECT_FALSE(id.has_value()) << bad;
    if (!id) {
      EXPECT_EQ(id.error().code, ErrorCode::kMalformed);
    }
  }
  EXPECT_FALSE(ParseMessageId(std::string(kMaxIdLen, 'a') + ":1").has_value());
}

}  // namespace
}  // namespace openline::escalation
