#include "common/byte_reader.h"

#include <gtest/gtest.h>

#include "common/byte_writer.h"

namespace openline {
namespace {

TEST(ByteReaderTest, ReadsWhatTheWriterWrote) {
  Bytes buf;
  ByteWriter w(buf);
  w.PutU8(7);
  w.PutU16(0x1234);
  w.PutU32(0xdeadbeef);
  w.PutU64(0x0102030405060708);
  w.PutPrefixed8(AsBytes("hi"));
  w.PutPrefixed32(AsBytes("body"));

  ByteReader r(buf);
  EXPECT_EQ(*r.ReadU8("a"), 7);
  EXPECT_EQ(*r.ReadU16("b"), 0x1234);
  EXPECT_EQ(*r.ReadU32("c"), 0xdeadbeefu);
  EXPECT_EQ(*r.ReadU64("d"), 0x0102030405060708u);
  EXPECT_EQ(AsChars(*r.ReadPrefixed8(10, "e")), "hi");
  EXPECT_EQ(AsChars(*r.ReadPrefixed32(10, "f")), "body");
  EXPECT_TRUE(r.ExpectEnd("all"));
}

TEST(ByteReaderTest, TruncatedIntegerIsMalformed) {
  Bytes buf = {1, 2, 3};
  ByteReader r(buf);
  auto v = r.ReadU32("seq");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::kMalformed);
  EXPECT_NE(v.error().message.find("seq"), std::string::npos);
}

TEST(ByteReaderTest, LengthBeyondLimitIsTooLargeEvenIfBytesExist) {
  Bytes buf = {0, 0, 0, 5, 'a', 'b', 'c', 'd', 'e'};
  ByteReader r(buf);
  auto v = r.ReadPrefixed32(4, "body");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::kTooLarge);
}

TEST(ByteReaderTest, GiantLengthPrefixDoesNotAllocateOrOverread) {
  Bytes buf = {0xff, 0xff, 0xff, 0xff, 'x'};
  ByteReader r(buf);
  EXPECT_FALSE(r.ReadPrefixed32(SIZE_MAX, "body"));
}

TEST(ByteReaderTest, TrailingBytesAreAnError) {
  Bytes buf = {1, 2};
  ByteReader r(buf);
  ASSERT_TRUE(r.ReadU8("x"));
  EXPECT_FALSE(r.ExpectEnd("record"));
}

}  // namespace
}  // namespace openline
