#include "escalation/message_id.h"

#include <limits>

#include "escalation/constants.h"

namespace openline::escalation {

Result<MessageId> ParseMessageId(std::string_view id) {
  auto bad = [&](std::string_view why) {
    return MakeError(
        ErrorCode::kMalformed,
        "message id " + std::string(id.substr(0, kMaxIdLen)) + ": " + std::string(why));
  };
  if (id.size() > kMaxIdLen) return bad("longer than " + std::to_string(kMaxIdLen));
  const size_t colon = id.find(':');
  if (colon == std::string_view::npos) return bad("no ':' between link and seq");
  if (colon == 0) return bad("empty link name");
  const std::string_view digits = id.substr(colon + 1);
  if (digits.empty()) return bad("empty seq");
  if (digits.front() == '0') return bad("seq is 0 or has a leading zero");
  uint64_t seq = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return bad("seq is not a decimal number");
    const auto digit = static_cast<uint64_t>(c - '0');
    if (seq > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return bad("seq exceeds 64 bits");
    }
    seq = seq * 10 + digit;
  }
  return MessageId{std::string(id.substr(0, colon)), seq};
}

}  // namespace openline::escalation
