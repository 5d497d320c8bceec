// Test that header file is self-contained.
#include "session/tai64n.h"

#include <gtest/gtest.h>

namespace openline::session {
namespace {

using Clock = std::chrono::system_clock;

TEST(Tai64nTest, EncodesLabelAndNanosecondsBigEndian) {
  const auto t = Clock::time_point(std::chrono::seconds(1)) + std::chrono::nanoseconds(5);
  const Tai64n ts = Tai64n::FromTimePoint(t);
  EXPECT_EQ(ts.seconds, (uint64_t{1} << 62) + 11);
  EXPECT_EQ(ts.nanoseconds, 5u);
  EXPECT_EQ(ToHex(ts.Encode()), "400000000000000b00000005");
}

TEST(Tai64nTest, DecodeRoundTripsAndOrders) {
  const Tai64n a =
      Tai64n::FromTimePoint(Clock::time_point(std::chrono::seconds(1'700'000'000)));
  auto decoded = Tai64n::Decode(a.Encode());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, a);
  const Tai64n b{a.seconds, a.nanoseconds + 1};
  const Tai64n c{a.seconds + 1, 0};
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

TEST(Tai64nTest, DecodeRejectsBadInput) {
  EXPECT_EQ(Tai64n::Decode(Bytes(11)).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(Tai64n::Decode(Bytes(13)).error().code, ErrorCode::kMalformed);
  auto bad_nanos = FromHex("400000000000000b3b9aca00");  // 10^9 ns
  ASSERT_TRUE(bad_nanos);
  EXPECT_EQ(Tai64n::Decode(*bad_nanos).error().code, ErrorCode::kMalformed);
}

TEST(Tai64nTest, ToStringIsReadable) {
  EXPECT_EQ((Tai64n{0x400000000000000b, 5}).ToString(), "@400000000000000b.000000005");
}

}  // namespace
}  // namespace openline::session
