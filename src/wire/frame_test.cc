#include "wire/frame.h"

#include <gtest/gtest.h>

#include "wire/constants.h"

namespace openline::wire {
namespace {

TEST(FrameTest, DecodesFramesSplitAtEveryByte) {
  Bytes stream;
  Append(stream, *EncodeFrame(AsBytes("first")));
  Append(stream, *EncodeFrame(AsBytes("second frame")));
  FrameDecoder d;
  std::vector<std::string> got;
  for (uint8_t b : stream) {
    ByteView one(&b, 1);
    while (!one.empty()) {
      auto used = d.Feed(one);
      ASSERT_TRUE(used);
      one = one.subspan(*used);
      if (auto f = d.Next()) got.emplace_back(AsChars(*f));
    }
  }
  EXPECT_EQ(got, (std::vector<std::string>{"first", "second frame"}));
  EXPECT_EQ(d.buffered(), 0u);
}

TEST(FrameTest, FeedStopsAfterEachCompleteFrame) {
  Bytes stream;
  Append(stream, *EncodeFrame(AsBytes("a")));
  Append(stream, *EncodeFrame(AsBytes("b")));
  FrameDecoder d;
  auto used = d.Feed(stream);
  ASSERT_TRUE(used);
  EXPECT_EQ(*used, 3u);
  EXPECT_EQ(AsChars(*d.Next()), "a");
}

TEST(FrameTest, ZeroLengthFrameIsAnError) {
  Bytes stream = {0, 0, 1};
  FrameDecoder d;
  EXPECT_FALSE(d.Feed(stream));
  // The stream stays failed: later bytes are never taken as a new header.
  Bytes more = {0, 1, 'x'};
  EXPECT_FALSE(d.Feed(more));
  EXPECT_FALSE(d.Next());
}

TEST(FrameTest, EncodeRefusesEmptyAndOversize) {
  EXPECT_FALSE(EncodeFrame({}));
  Bytes big(kMaxFrameLen + 1);
  EXPECT_FALSE(EncodeFrame(big));
  Bytes max(kMaxFrameLen);
  EXPECT_TRUE(EncodeFrame(max));
}

TEST(FrameTest, BufferNeverExceedsOneFrame) {
  FrameDecoder d;
  Bytes header = {0xff, 0xff};
  ASSERT_TRUE(d.Feed(header));
  Bytes chunk(100000, 0x5a);
  auto used = d.Feed(chunk);
  ASSERT_TRUE(used);
  EXPECT_EQ(*used, kMaxFrameLen);
  EXPECT_TRUE(d.Next());
}

}  // namespace
}  // namespace openline::wire
