// Byte strings and their text forms. Bytes owns, ByteView borrows; hex is lowercase
// and decoding it is strict (even length, hex digits only).
//
// Depends on: nothing but the standard library and result.h.
#ifndef OPENLINE_COMMON_BYTES_H_
#define OPENLINE_COMMON_BYTES_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace openline {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

template <size_t N>
using ByteArray = std::array<uint8_t, N>;

inline ByteView AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view AsChars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

inline void Append(Bytes& out, ByteView b) { out.insert(out.end(), b.begin(), b.end()); }

std::string ToHex(ByteView b);
// Appends the hex of `b` to `out` in place: with enough capacity reserved, no
// temporary copy of the (possibly secret) bytes is left behind on the heap.
void AppendHex(std::string& out, ByteView b);
// Decodes exactly out.size() bytes of hex into `out` without a temporary buffer;
// false (and `out` zeroed) on a wrong length or a non-hex character.
bool HexDecodeInto(std::string_view hex, std::span<uint8_t> out);
Result<Bytes> FromHex(std::string_view hex);

// Decodes hex into exactly N bytes, or fails.
template <size_t N>
Result<ByteArray<N>> FromHexArray(std::string_view hex) {
  auto bytes = FromHex(hex);
  if (!bytes) return tl::unexpected(bytes.error());
  if (bytes->size() != N) {
    return MakeError(
        ErrorCode::kMalformed,
        "expected " + std::to_string(N) + " bytes, got " + std::to_string(bytes->size()));
  }
  ByteArray<N> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

// Standard base64 (RFC 4648 §4, with padding); decoding is strict.
std::string ToBase64(ByteView b);
Result<Bytes> FromBase64(std::string_view text);

}  // namespace openline

#endif  // OPENLINE_COMMON_BYTES_H_
