#include "identity/public_identity.h"

#include <algorithm>

#include "crypto/hash.h"
#include "crypto/secret.h"

namespace openline::identity {
namespace {

constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::string_view kChecksumContext = "openline/identity/v1";
constexpr size_t kPayloadLen = 32 + 32;
constexpr size_t kRawLen = kPayloadLen + kIdentityChecksumLen;

ByteArray<kIdentityChecksumLen> Checksum(ByteView payload) {
  Bytes input;
  Append(input, AsBytes(kChecksumContext));
  Append(input, payload);
  auto digest = crypto::Sha256(input);
  ByteArray<kIdentityChecksumLen> out{};
  std::copy_n(digest.begin(), kIdentityChecksumLen, out.begin());
  return out;
}

std::string Base32Encode(ByteView data) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t b : data) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string PublicIdentity::Encode() const {
  Bytes raw;
  Append(raw, sign_key);
  Append(raw, dh_key);
  auto sum = Checksum(raw);
  Append(raw, sum);
  return std::string(kIdentityPrefix) + Base32Encode(raw);
}

Result<PublicIdentity> PublicIdentity::Parse(std::string_view text) {
  if (text.size() > kMaxIdentityStringLen) {
    return MakeError(ErrorCode::kTooLarge, "identity string longer than " +
                                               std::to_string(kMaxIdentityStringLen));
  }
  std::string compact;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '\n' || c == '\t' || c == '\r') continue;
    compact.push_back(c);
  }
  std::string lowered = compact;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  });
  if (lowered.rfind(kIdentityPrefix, 0) != 0) {
    return MakeError(ErrorCode::kMalformed,
                     "identity must start with \"" + std::string(kIdentityPrefix) + "\"");
  }
  std::string_view body = std::string_view(compact).substr(kIdentityPrefix.size());
  const size_t want_chars = (kRawLen * 8 + 4) / 5;
  if (body.size() != want_chars) {
    return MakeError(ErrorCode::kMalformed, "identity has " +
                                                std::to_string(body.size()) +
                                                " characters after the prefix, want " +
                                                std::to_string(want_chars));
  }
  Bytes raw;
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    int v = Base32Value(body[i]);
    if (v < 0) {
      return MakeError(ErrorCode::kMalformed,
                       std::string("invalid character '") + body[i] + "' in identity");
    }
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      raw.push_back(static_cast<uint8_t>(buffer >> (bits - 8)));
      bits -= 8;
    }
  }
  // The final character carries unused low bits; a canonical string has them zero.
  if ((buffer & ((1u << bits) - 1)) != 0 || raw.size() != kRawLen) {
    return MakeError(ErrorCode::kMalformed, "identity is not canonically encoded");
  }
  ByteView payload(raw.data(), kPayloadLen);
  auto expected = Checksum(payload);
  if (!crypto::ConstantTimeEqual(
          expected, ByteView(raw.data() + kPayloadLen, kIdentityChecksumLen))) {
    return MakeError(
        ErrorCode::kMalformed,
        "identity checksum does not match: the string was mistyped or altered");
  }
  PublicIdentity id;
  std::copy_n(raw.begin(), 32, id.sign_key.begin());
  std::copy_n(raw.begin() + 32, 32, id.dh_key.begin());
  return id;
}

}  // namespace openline::identity
