// A message's station-wide name, "link:seq" (the link's name and the sender's
// transcript sequence number), as the station's API prints it. The sending side
// parses it to apply a cumulative *received* receipt ("every entry up to seq")
// to each message it covers.
//
// Depends on: common/result.h. Thread-safety: plain values.
#ifndef OPENLINE_ESCALATION_MESSAGE_ID_H_
#define OPENLINE_ESCALATION_MESSAGE_ID_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace openline::escalation {

struct MessageId {
  std::string link;
  uint64_t seq = 0;

  std::string ToString() const { return link + ":" + std::to_string(seq); }
  bool operator==(const MessageId&) const = default;
};

// Strict: a non-empty link name without ':', one ':', a decimal seq >= 1 without
// sign or leading zero that fits in 64 bits, at most kMaxIdLen bytes in all.
Result<MessageId> ParseMessageId(std::string_view id);

}  // namespace openline::escalation

#endif  // OPENLINE_ESCALATION_MESSAGE_ID_H_
