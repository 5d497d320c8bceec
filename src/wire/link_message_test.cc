#include "wire/link_message.h"

#include <gtest/gtest.h>

namespace openline::wire {
namespace {

TEST(LinkMessageTest, EveryTypeRoundTrips) {
  std::vector<LinkMessage> messages = {
      Hello{3, 7},
      Entry{Bytes(300, 0xab)},
      Ack{10, {{12, 14}, {20, 20}}},
      Ping{42, 1'795'000'000'000'000},
      Pong{42, 1'795'000'000'000'000},
  };
  for (const auto& m : messages) {
    auto back = ParseLinkMessage(EncodeLinkMessage(m));
    ASSERT_TRUE(back) << back.error().ToString();
    EXPECT_EQ(*back, m);
  }
}

TEST(LinkMessageTest, RejectsMalformed) {
  EXPECT_FALSE(ParseLinkMessage({}));
  Bytes unknown = {9};
  EXPECT_FALSE(ParseLinkMessage(unknown));
  Bytes hello = EncodeLinkMessage(Hello{1, 2});
  hello[1] = 2;  // version
  EXPECT_EQ(ParseLinkMessage(hello).error().code, ErrorCode::kUnsupported);
  Bytes trailing = EncodeLinkMessage(Ping{1, 2});
  trailing.push_back(0);
  EXPECT_FALSE(ParseLinkMessage(trailing));
  Bytes empty_entry = {2};
  EXPECT_FALSE(ParseLinkMessage(empty_entry));
  // SACK ranges must lie beyond `have` and be ordered.
  EXPECT_FALSE(ParseLinkMessage(EncodeLinkMessage(Ack{10, {{5, 6}}})));
  EXPECT_FALSE(ParseLinkMessage(EncodeLinkMessage(Ack{10, {{14, 12}}})));
  Bytes too_many = EncodeLinkMessage(Ack{1, {}});
  too_many[9] = 17;
  EXPECT_FALSE(ParseLinkMessage(too_many));
}

}  // namespace
}  // namespace openline::wire
