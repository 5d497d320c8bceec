#include "api/target.h"

#include <string>

#include <gtest/gtest.h>

#include "api/constants.h"

namespace openline::api {
namespace {

TEST(TargetTest, SplitsPathAndDecodesSegments) {
  auto target = ParseTarget("/v1/items/a%20b");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/v1/items/a%20b");
  EXPECT_EQ(target->segments, (std::vector<std::string>{"v1", "items", "a b"}));
  EXPECT_TRUE(target->query.empty());
}

TEST(TargetTest, RootIsOneEmptySegment) {
  auto target = ParseTarget("/");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->segments, (std::vector<std::string>{""}));
}

TEST(TargetTest, TrailingSlashIsAnEmptySegment) {
  auto target = ParseTarget("/v1/");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->segments, (std::vector<std::string>{"v1", ""}));
}

TEST(TargetTest, DecodesQueryInOrderWithPlusAsSpace) {
  auto target = ParseTarget("/v1/log?link=beijing&q=a+b%21&flag&&x=");
  ASSERT_TRUE(target);
  ASSERT_EQ(target->query.size(), 4u);
  EXPECT_EQ(target->query[0], (std::pair<std::string, std::string>{"link", "beijing"}));
  EXPECT_EQ(target->query[1], (std::pair<std::string, std::string>{"q", "a b!"}));
  EXPECT_EQ(target->query[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(target->query[3], (std::pair<std::string, std::string>{"x", ""}));
}

void ExpectRejected(std::string_view raw, HttpStatus status = HttpStatus::kBadRequest) {
  auto target = ParseTarget(raw);
  ASSERT_FALSE(target) << raw;
  EXPECT_EQ(target.error().status, status) << raw;
  EXPECT_TRUE(target.error().body["error"]["message"].is_string()) << raw;
}

TEST(TargetTest, RejectsDotDotAnywhere) {
  ExpectRejected("/v1/../etc/passwd");
  ExpectRejected("/..");
  ExpectRejected("/v1/a..b");  // the raw check is deliberately blunt
  ExpectRejected("/v1/x?path=..");
}

TEST(TargetTest, RejectsEncodedDotSegments) {
  ExpectRejected("/v1/%2e%2e/x");
  ExpectRejected("/v1/%2E./x");
  ExpectRejected("/v1/./x");
  ExpectRejected("/v1/%2e/x");
}

TEST(TargetTest, RejectsNulRawOrEncoded) {
  ExpectRejected(std::string_view("/v1/a\0b", 7));
  ExpectRejected("/v1/a%00b");
  ExpectRejected("/v1/x?q=%00");
}

TEST(TargetTest, RejectsEncodedSlashAndBackslash) {
  ExpectRejected("/v1/a%2Fb");
  ExpectRejected("/v1/a%5cb");
}

TEST(TargetTest, RejectsControlSpaceAndNonAscii) {
  ExpectRejected("/v1/a b");
  ExpectRejected("/v1/a\tb");
  ExpectRejected("/v1/\x7f");
  ExpectRejected("/v1/caf\xc3\xa9");
}

TEST(TargetTest, RejectsBadPercentEncoding) {
  ExpectRejected("/v1/%");
  ExpectRejected("/v1/%4");
  ExpectRejected("/v1/%zz");
  ExpectRejected("/v1/x?q=%g0");
}

TEST(TargetTest, RejectsNonOriginForms) {
  ExpectRejected("");
  ExpectRejected("*");
  ExpectRejected("http://127.0.0.1/v1/health");
  ExpectRejected("/v1/health#frag");
}

TEST(TargetTest, RejectsTooLongWith414) {
  std::string raw = "/" + std::string(kMaxTargetLength, 'a');
  ExpectRejected(raw, HttpStatus::kUriTooLong);
  EXPECT_TRUE(ParseTarget(raw.substr(0, kMaxTargetLength)));
}

TEST(TargetTest, RejectsTooManyQueryParameters) {
  std::string raw = "/v1/x?";
  for (size_t i = 0; i <= kMaxQueryParams; ++i) raw += "k" + std::to_string(i) + "=v&";
  ExpectRejected(raw);
}

TEST(TargetTest, SplitPathMatchesPatterns) {
  EXPECT_EQ(SplitPath("/v1/messages/{id}"),
            (std::vector<std::string_view>{"v1", "messages", "{id}"}));
}

}  // namespace
}  // namespace openline::api
