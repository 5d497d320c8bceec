#include "common/bytes.h"

#include <algorithm>

namespace openline {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::string ToHex(ByteView b) {
  std::string out;
  out.reserve(b.size() * 2);
  AppendHex(out, b);
  return out;
}

void AppendHex(std::string& out, ByteView b) {
  for (uint8_t v : b) {
    out.push_back(kHexDigits[v >> 4]);
    out.push_back(kHexDigits[v & 0x0f]);
  }
}

bool HexDecodeInto(std::string_view hex, std::span<uint8_t> out) {
  bool ok = hex.size() == out.size() * 2;
  for (size_t i = 0; ok && i < out.size(); ++i) {
    int hi = HexValue(hex[2 * i]);
    int lo = HexValue(hex[2 * i + 1]);
    ok = hi >= 0 && lo >= 0;
    out[i] = ok ? static_cast<uint8_t>((hi << 4) | lo) : 0;
  }
  if (!ok) std::fill(out.begin(), out.end(), uint8_t{0});
  return ok;
}

Result<Bytes> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return MakeError(ErrorCode::kMalformed,
                     "hex string has odd length " + std::to_string(hex.size()));
  }
  Bytes out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]);
    int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return MakeError(ErrorCode::kMalformed, "non-hex character at offset " +
                                                  std::to_string(hi < 0 ? i : i + 1));
    }
    out.push_back(static_cast<uint8_t>((hi << 4) | lo));
  }
  return out;
}

std::string ToBase64(ByteView b) {
  std::string out;
  out.reserve((b.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= b.size(); i += 3) {
    uint32_t v = (uint32_t{b[i]} << 16) | (uint32_t{b[i + 1]} << 8) | b[i + 2];
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(kBase64Alphabet[(v >> 6) & 63]);
    out.push_back(kBase64Alphabet[v & 63]);
  }
  size_t rest = b.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t{b[i]} << 16;
    if (rest == 2) v |= uint32_t{b[i + 1]} << 8;
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kBase64Alphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<Bytes> FromBase64(std::string_view text) {
  if (text.size() % 4 != 0) {
    return MakeError(
        ErrorCode::kMalformed,
        "base64 length " + std::to_string(text.size()) + " is not a multiple of 4");
  }
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    size_t pad = 0;
    if (last && text[i + 3] == '=') pad = text[i + 2] == '=' ? 2 : 1;
    uint32_t v = 0;
    for (size_t j = 0; j < 4; ++j) {
      int d = 0;
      if (j < 4 - pad) {
        d = Base64Value(text[i + j]);
        if (d < 0) {
          return MakeError(ErrorCode::kMalformed,
                           "bad base64 character at offset " + std::to_string(i + j));
        }
      }
      v = (v << 6) | static_cast<uint32_t>(d);
    }
    out.push_back(static_cast<uint8_t>(v >> 16));
    if (pad < 2) out.push_back(static_cast<uint8_t>(v >> 8));
    if (pad < 1) out.push_back(static_cast<uint8_t>(v));
    // Reject non-canonical encodings whose padding bits are not zero.
    if ((pad == 1 && (v & 0xff) != 0) || (pad == 2 && (v & 0xffff) != 0)) {
      return MakeError(ErrorCode::kMalformed, "non-canonical base64 padding");
    }
  }
  return out;
}

}  // namespace openline
