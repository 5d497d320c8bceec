// Appends big-endian integers and length-prefixed fields to a byte string: the
// mirror of ByteReader. Callers check limits before writing; the writer asserts
// that a length fits its prefix so an encoder bug cannot emit a wrapped length.
//
// Depends on: bytes.h. Thread-safety: none.
#ifndef OPENLINE_COMMON_BYTE_WRITER_H_
#define OPENLINE_COMMON_BYTE_WRITER_H_

#include <cassert>
#include <cstdint>
#include <limits>

#include "common/bytes.h"

namespace openline {

class ByteWriter {
 public:
  explicit ByteWriter(Bytes& out) : out_(out) {}

  void PutU8(uint8_t v) { out_.push_back(v); }
  void PutU16(uint16_t v) { PutBigEndian(v, 2); }
  void PutU32(uint32_t v) { PutBigEndian(v, 4); }
  void PutU64(uint64_t v) { PutBigEndian(v, 8); }
  void PutBytes(ByteView b) { Append(out_, b); }

  void PutPrefixed8(ByteView b) {
    assert(b.size() <= std::numeric_limits<uint8_t>::max());
    PutU8(static_cast<uint8_t>(b.size()));
    PutBytes(b);
  }
  void PutPrefixed16(ByteView b) {
    assert(b.size() <= std::numeric_limits<uint16_t>::max());
    PutU16(static_cast<uint16_t>(b.size()));
    PutBytes(b);
  }
  void PutPrefixed32(ByteView b) {
    assert(b.size() <= std::numeric_limits<uint32_t>::max());
    PutU32(static_cast<uint32_t>(b.size()));
    PutBytes(b);
  }

 private:
  void PutBigEndian(uint64_t v, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
      out_.push_back(static_cast<uint8_t>(v >> shift));
    }
  }

  Bytes& out_;
};

}  // namespace openline

#endif  // OPENLINE_COMMON_BYTE_WRITER_H_
