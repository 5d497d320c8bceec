#include "observe/names.h"

#include <string>

#include <gtest/gtest.h>

namespace openline::observe {
namespace {

TEST(NamesTest, AcceptsPrometheusMetricNames) {
  EXPECT_TRUE(ValidateMetricName("openline_messages_total"));
  EXPECT_TRUE(ValidateMetricName("_private"));
  EXPECT_TRUE(ValidateMetricName("job:rate5m"));
  EXPECT_TRUE(ValidateMetricName("a9"));
}

TEST(NamesTest, RejectsBadMetricNames) {
  EXPECT_FALSE(ValidateMetricName(""));
  EXPECT_FALSE(ValidateMetricName("9lives"));
  EXPECT_FALSE(ValidateMetricName("has-dash"));
  EXPECT_FALSE(ValidateMetricName("has space"));
  EXPECT_FALSE(ValidateMetricName("quote\""));
  EXPECT_FALSE(ValidateMetricName("\xe4\xb8\xad"));
  EXPECT_EQ(ValidateMetricName(std::string(kMaxNameBytes + 1, 'a')).error().code,
            ErrorCode::kTooLarge);
  EXPECT_TRUE(ValidateMetricName(std::string(kMaxNameBytes, 'a')));
}

TEST(NamesTest, LabelNamesHaveNoColonAndNoReservedPrefix) {
  EXPECT_TRUE(ValidateLabelName("link"));
  EXPECT_TRUE(ValidateLabelName("_x"));
  EXPECT_FALSE(ValidateLabelName("a:b"));
  EXPECT_FALSE(ValidateLabelName("__name__"));
  EXPECT_FALSE(ValidateLabelName("1st"));
  EXPECT_FALSE(ValidateLabelName(""));
}

}  // namespace
}  // namespace openline::observe
