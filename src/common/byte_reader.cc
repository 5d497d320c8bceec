#include "common/byte_reader.h"

namespace openline {

Result<uint64_t> ByteReader::ReadBigEndian(size_t width, std::string_view what) {
  if (remaining() < width) {
    return MakeError(ErrorCode::kMalformed, "truncated " + std::string(what) +
                                                " at offset " + std::to_string(offset_));
  }
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v = (v << 8) | data_[offset_ + i];
  offset_ += width;
  return v;
}

Result<uint8_t> ByteReader::ReadU8(std::string_view what) {
  return ReadBigEndian(1, what).map([](uint64_t v) { return static_cast<uint8_t>(v); });
}
Result<uint16_t> ByteReader::ReadU16(std::string_view what) {
  return ReadBigEndian(2, what).map([](uint64_t v) { return static_cast<uint16_t>(v); });
}
Result<uint32_t> ByteReader::ReadU32(std::string_view what) {
  return ReadBigEndian(4, what).map([](uint64_t v) { return static_cast<uint32_t>(v); });
}
Result<uint64_t> ByteReader::ReadU64(std::string_view what) {
  return ReadBigEndian(8, what);
}

Result<ByteView> ByteReader::ReadBytes(size_t n, std::string_view what) {
  if (remaining() < n) {
    return MakeError(ErrorCode::kMalformed, "truncated " + std::string(what) + ": need " +
                                                std::to_string(n) + " bytes, have " +
                                                std::to_string(remaining()));
  }
  ByteView out = data_.subspan(offset_, n);
  offset_ += n;
  return out;
}

Result<ByteView> ByteReader::ReadBounded(uint64_t length, size_t limit,
                                         std::string_view what) {
  if (length > limit) {
    return MakeError(ErrorCode::kTooLarge, std::string(what) + " length " +
                                               std::to_string(length) +
                                               " exceeds limit " + std::to_string(limit));
  }
  return ReadBytes(static_cast<size_t>(length), what);
}

Result<ByteView> ByteReader::ReadPrefixed8(size_t limit, std::string_view what) {
  auto n = ReadU8(what);
  if (!n) return tl::unexpected(n.error());
  return ReadBounded(*n, limit, what);
}
Result<ByteView> ByteReader::ReadPrefixed16(size_t limit, std::string_view what) {
  auto n = ReadU16(what);
  if (!n) return tl::unexpected(n.error());
  return ReadBounded(*n, limit, what);
}
Result<ByteView> ByteReader::ReadPrefixed32(size_t limit, std::string_view what) {
  auto n = ReadU32(what);
  if (!n) return tl::unexpected(n.error());
  return ReadBounded(*n, limit, what);
}

Status ByteReader::ExpectEnd(std::string_view what) const {
  if (!AtEnd()) {
    return MakeError(
        ErrorCode::kMalformed,
        std::to_string(remaining()) + " trailing bytes after " + std::string(what));
  }
  return Ok();
}

}  // namespace openline
