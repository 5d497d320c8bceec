#include "observe/bounded_text.h"

#include <algorithm>
#include <cstdint>

#include "common/text.h"

namespace openline::observe {
namespace {

constexpr std::string_view kReplacement = "\xef\xbf\xbd";  // U+FFFD

// Length of the sequence a lead byte announces, 0 for a byte that cannot lead.
size_t SequenceLength(uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

uint32_t Decode(std::string_view seq) {
  const auto b = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<uint8_t>(seq[i]));
  };
  switch (seq.size()) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1f) << 6) | (b(1) & 0x3f);
    case 3:
      return ((b(0) & 0x0f) << 12) | ((b(1) & 0x3f) << 6) | (b(2) & 0x3f);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3f) << 12) | ((b(2) & 0x3f) << 6) |
             (b(3) & 0x3f);
  }
}

bool IsHostile(uint32_t cp) {
  if (cp == '\n' || cp == '\t') return false;
  return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string BoundUntrustedText(std::string_view s, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(s.size(), max_bytes));
  size_t i = 0;
  while (i < s.size()) {
    const size_t len = SequenceLength(static_cast<uint8_t>(s[i]));
    std::string_view piece = kReplacement;
    size_t consumed = 1;
    if (len != 0 && i + len <= s.size()) {
      const std::string_view seq = s.substr(i, len);
      if (IsValidUtf8(seq)) {
        consumed = len;
        if (!IsHostile(Decode(seq))) piece = seq;
      }
    }
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece);
    i += consumed;
  }
  return out;
}

}  // namespace openline::observe
