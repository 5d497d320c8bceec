#include "api/json_body.h"

#include <string>

#include <gtest/gtest.h>

#include "api/constants.h"

namespace openline::api {
namespace {

TEST(JsonBodyTest, EmptyBodyIsNull) {
  auto body = ParseJsonBody("");
  ASSERT_TRUE(body);
  EXPECT_TRUE(body->is_null());
}

TEST(JsonBodyTest, ParsesAnObject) {
  auto body = ParseJsonBody(R"({"text":"hello","n":[1,2]})");
  ASSERT_TRUE(body);
  EXPECT_EQ((*body)["text"], "hello");
}

TEST(JsonBodyTest, MalformedIsAValueNamingThePosition) {
  auto body = ParseJsonBody(R"({"text": )");
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, ErrorCode::kMalformed);
  EXPECT_NE(body.error().message.find("malformed JSON body"), std::string::npos);
}

TEST(JsonBodyTest, TrailingGarbageIsMalformed) {
  EXPECT_FALSE(ParseJsonBody(R"({"a":1} x)"));
}

TEST(JsonBodyTest, InvalidUtf8IsMalformed) {
  EXPECT_FALSE(ParseJsonBody("\"\xff\xfe\""));
}

TEST(JsonBodyTest, NestingAtTheLimitParses) {
  std::string deep = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(ParseJsonBody(deep));
}

TEST(JsonBodyTest, NestingBeyondTheLimitIsRefusedBeforeParsing) {
  std::string deep =
      std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  auto body = ParseJsonBody(deep);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, ErrorCode::kTooLarge);
  // A megabyte of brackets costs one linear scan, not a deep recursion.
  EXPECT_FALSE(ParseJsonBody(std::string(1 << 20, '{')));
}

TEST(JsonBodyTest, BracketsInsideStringsDoNotCount) {
  std::string text =
      "{\"s\":\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}";
  EXPECT_EQ(JsonNestingDepth(text, kMaxJsonDepth), 1u);
  EXPECT_TRUE(ParseJsonBody(text));
}

TEST(JsonBodyTest, DumpReplacesInvalidUtf8InsteadOfThrowing) {
  nlohmann::json value = {{"text", std::string("ok\xff")}};
  EXPECT_EQ(DumpJson(value), "{\"text\":\"ok\xEF\xBF\xBD\"}");
}

}  // namespace
}  // namespace openline::api
