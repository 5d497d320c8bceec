// A bounded cursor over untrusted bytes. Every read checks the remaining length
// first and fails with kMalformed instead of reading past the end; a length read
// from the input is never trusted until it has been checked against both the
// remaining bytes and the caller's limit. Integers are big-endian (network order).
//
// Depends on: bytes.h. Thread-safety: none; one reader per parse.
#ifndef OPENLINE_COMMON_BYTE_READER_H_
#define OPENLINE_COMMON_BYTE_READER_H_

#include <cstdint>
#include <string>

#include "common/bytes.h"

namespace openline {

class ByteReader {
 public:
  explicit ByteReader(ByteView data) : data_(data) {}

  size_t offset() const { return offset_; }
  size_t remaining() const { return data_.size() - offset_; }
  bool AtEnd() const { return offset_ == data_.size(); }

  Result<uint8_t> ReadU8(std::string_view what);
  Result<uint16_t> ReadU16(std::string_view what);
  Result<uint32_t> ReadU32(std::string_view what);
  Result<uint64_t> ReadU64(std::string_view what);
  Result<ByteView> ReadBytes(size_t n, std::string_view what);

  template <size_t N>
  Result<ByteArray<N>> ReadArray(std::string_view what) {
    auto view = ReadBytes(N, what);
    if (!view) return tl::unexpected(view.error());
    ByteArray<N> out{};
    std::copy(view->begin(), view->end(), out.begin());
    return out;
  }

  // A length-prefixed field (u8/u16/u32 prefix) of at most `limit` bytes.
  Result<ByteView> ReadPrefixed8(size_t limit, std::string_view what);
  Result<ByteView> ReadPrefixed16(size_t limit, std::string_view what);
  Result<ByteView> ReadPrefixed32(size_t limit, std::string_view what);

  // Fails unless every byte was consumed: trailing bytes are an error, not ignored.
  Status ExpectEnd(std::string_view what) const;

 private:
  Result<uint64_t> ReadBigEndian(size_t width, std::string_view what);
  Result<ByteView> ReadBounded(uint64_t length, size_t limit, std::string_view what);

  ByteView data_;
  size_t offset_ = 0;
};

}  // namespace openline

#endif  // OPENLINE_COMMON_BYTE_READER_H_
