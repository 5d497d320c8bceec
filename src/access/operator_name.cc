#include "access/operator_name.h"

#include <cstdint>
#include <string>

#include "common/text.h"

namespace openline::access {
namespace {

// Precondition: s is valid UTF-8 (checked by the caller), so every lead byte
// announces a complete sequence.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b0 = static_cast<uint8_t>(s[i]);
  size_t len = b0 < 0x80 ? 1 : (b0 & 0xe0) == 0xc0 ? 2 : (b0 & 0xf0) == 0xe0 ? 3 : 4;
  uint32_t cp = len == 1   ? b0
                : len == 2 ? (b0 & 0x1fu)
                : len == 3 ? (b0 & 0x0fu)
                           : (b0 & 0x07u);
  for (size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<uint8_t>(s[i + k]) & 0x3fu);
  i += len;
  return cp;
}

// Characters that would let one name look like another, or rearrange the text
// around it, once printed.
bool IsDisguising(uint32_t cp) {
  const bool control = cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
  const bool bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
                    cp == 0x200e || cp == 0x200f || cp == 0x061c;
  const bool invisible = (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff ||
                         cp == 0x00ad || cp == 0x180e;
  const bool separator = cp == 0x2028 || cp == 0x2029;
  return control || bidi || invisible || separator;
}

std::string Quoted(std::string_view s) {
  return "\"" + EscapeForTerminal(s.substr(0, 64)) + (s.size() > 64 ? "...\"" : "\"");
}

}  // namespace

Status ValidateLoginName(std::string_view name) {
  if (name.empty()) return MakeError(ErrorCode::kInvalidArgument, "login name is empty");
  if (name.size() > kMaxLoginNameBytes) {
    return MakeError(ErrorCode::kTooLarge,
                     "login name of " + std::to_string(name.size()) + " bytes exceeds " +
                         std::to_string(kMaxLoginNameBytes));
  }
  if (name[0] < 'a' || name[0] > 'z') {
    return MakeError(ErrorCode::kInvalidArgument,
                     "login name " + Quoted(name) + " must start with a-z");
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "login name " + Quoted(name) + " may only use a-z 0-9 . _ -");
    }
  }
  return Ok();
}

Status ValidateDisplayName(std::string_view name) {
  if (name.empty())
    return MakeError(ErrorCode::kInvalidArgument, "display name is empty");
  if (name.size() > kMaxDisplayNameBytes) {
    return MakeError(ErrorCode::kTooLarge,
                     "display name of " + std::to_string(name.size()) +
                         " bytes exceeds " + std::to_string(kMaxDisplayNameBytes));
  }
  if (!IsValidUtf8(name)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "display name " + Quoted(name) + " is not valid UTF-8");
  }
  if (name.front() == ' ' || name.back() == ' ') {
    return MakeError(ErrorCode::kInvalidArgument,
                     "display name " + Quoted(name) + " has leading or trailing spaces");
  }
  for (size_t i = 0; i < name.size();) {
    if (IsDisguising(NextCodePoint(name, i))) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "display name " + Quoted(name) +
                           " contains a control, bidi or invisible character");
    }
  }
  return Ok();
}

}  // namespace openline::access
