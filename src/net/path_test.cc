#include "net/path.h"

#include <string>

#include <gtest/gtest.h>

#include "net/constants.h"

namespace openline::net {
namespace {

TEST(PathTest, ParsesTcpWithIpv4) {
  auto path = ParsePath("tcp://127.0.0.1:7001");
  ASSERT_TRUE(path.has_value()) << path.error().ToString();
  EXPECT_EQ(path->scheme, PathScheme::kTcp);
  EXPECT_EQ(path->host, "127.0.0.1");
  EXPECT_EQ(path->port, 7001);
  EXPECT_TRUE(CheckDialable(*path));
}

TEST(PathTest, ParsesHostNamesAndIpv6) {
  auto name = ParsePath("tcp://station-2.beijing.example:65535");
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(name->host, "station-2.beijing.example");
  EXPECT_EQ(name->port, 65535);
  auto v6 = ParsePath("tcp://[::1]:1");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 1);
  EXPECT_TRUE(ParsePath("tcp://[2001:db8::ffff:192.0.2.1]:7001").has_value());
}

TEST(PathTest, RelayParsesButIsNotDialable) {
  auto path = ParsePath("relay://relay.example:443");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->scheme, PathScheme::kRelay);
  Status dialable = CheckDialable(*path);
  ASSERT_FALSE(dialable);
  EXPECT_EQ(dialable.error().code, ErrorCode::kUnsupported);
}

TEST(PathTest, ToStringRoundTrips) {
  for (const char* text :
       {"tcp://127.0.0.1:7001", "tcp://[::1]:9", "relay://r.example:443", "tcp://a:1"}) {
    auto path = ParsePath(text);
    ASSERT_TRUE(path.has_value()) << text;
    EXPECT_EQ(ToString(*path), text);
    EXPECT_EQ(*ParsePath(ToString(*path)), *path);
  }
}

TEST(PathTest, UnknownSchemeIsUnsupported) {
  for (const char* text : {"udp://127.0.0.1:1", "TCP://127.0.0.1:1", "http://a:80"}) {
    auto path = ParsePath(text);
    ASSERT_FALSE(path.has_value()) << text;
    EXPECT_EQ(path.error().code, ErrorCode::kUnsupported) << text;
  }
}

TEST(PathTest, RejectsMalformedPaths) {
  for (const char* text : {
           "",
           "127.0.0.1:7001",             // no scheme
           "tcp:/127.0.0.1:7001",        // one slash
           "tcp://127.0.0.1",            // no port
           "tcp://127.0.0.1:",           // empty port
           "tcp://127.0.0.1:0",          // port 0
           "tcp://127.0.0.1:65536",      // port too large
           "tcp://127.0.0.1:07001",      // leading zero
           "tcp://127.0.0.1:+7",         // sign
           "tcp://127.0.0.1:7001/",      // trailing slash
           "tcp://127.0.0.1:7001?x=1",   // query
           "tcp://user@host:7001",       // user info
           "tcp://:7001",                // empty host
           "tcp://256.1.1.1:7001",       // octet out of range
           "tcp://1.2.3:7001",           // three octets
           "tcp://01.2.3.4:7001",        // leading zero octet
           "tcp://-host:7001",           // label starts with '-'
           "tcp://host-:7001",           // label ends with '-'
           "tcp://a..b:7001",            // empty label
           "tcp://under_score:7001",     // not a host name character
           "tcp://sp ace:7001",          // space
           "tcp://::1:7001",             // IPv6 without brackets
           "tcp://[::1:7001",            // unclosed bracket
           "tcp://[fe80::1%eth0]:7001",  // zone id
           "tcp://[]:7001",              // empty IPv6
           "tcp://[1]:7001",             // not IPv6
       }) {
    auto path = ParsePath(text);
    ASSERT_FALSE(path.has_value()) << text;
    EXPECT_EQ(path.error().code, ErrorCode::kMalformed) << text;
  }
}

TEST(PathTest, HostLengthLimits) {
  const std::string label63(kMaxHostLabelLen, 'a');
  EXPECT_TRUE(ParsePath("tcp://" + label63 + ":1").has_value());
  EXPECT_FALSE(ParsePath("tcp://" + label63 + "a:1").has_value());
  // 253 characters: three labels of 63, one of 59 and one of 1, with dots.
  const std::string longest = label63 + "." + label63 + "." + label63 + "." +
                              std::string(kMaxHostLen - (3 * 64) - 2, 'b') + ".c";
  ASSERT_EQ(longest.size(), kMaxHostLen);
  EXPECT_TRUE(ParsePath("tcp://" + longest + ":65535").has_value());
  EXPECT_FALSE(ParsePath("tcp://" + longest + "c:1").has_value());
}

TEST(PathTest, OverlongTextIsTooLargeBeforeParsing) {
  auto path = ParsePath("tcp://" + std::string(100000, 'a') + ":1");
  ASSERT_FALSE(path.has_value());
  EXPECT_EQ(path.error().code, ErrorCode::kTooLarge);
}

}  // namespace
}  // namespace openline::net
