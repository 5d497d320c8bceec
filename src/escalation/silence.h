// The two kinds of silence the practice keeps apart everywhere (SPEC, "Two kinds
// of silence"): no *received* receipt is a technical failure (the line, a path,
// the peer's station); a received receipt without an answer means the message
// arrived and nobody answered it.
//
// Depends on: nothing. Thread-safety: plain values.
#ifndef OPENLINE_ESCALATION_SILENCE_H_
#define OPENLINE_ESCALATION_SILENCE_H_

#include <cstdint>
#include <string_view>

namespace openline::escalation {

enum class Silence : uint8_t {
  kTechnical = 1,  // no received receipt
  kHuman = 2,      // received, not acknowledged / not answered
};

constexpr std::string_view ToString(Silence s) {
  return s == Silence::kTechnical ? "no_received_receipt" : "received_not_acknowledged";
}

}  // namespace openline::escalation

#endif  // OPENLINE_ESCALATION_SILENCE_H_
