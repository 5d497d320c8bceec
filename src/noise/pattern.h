// Handshake patterns (Noise rev. 34 §7), written as the spec writes them and
// parsed into tokens. The table in pattern.cc holds the 15 fundamental patterns
// (§7.4, §7.5) and the 23 deferred ones (§7.6) as text, e.g. for XX
//   "-> e\n<- e, ee, s, es\n-> s, se"
// with pre-message lines before a "..." line. Pattern modifiers "pskN" (§9.3)
// are applied on lookup: psk0 puts a "psk" token at the start of the first
// message, pskN (N >= 1) at the end of message N; they combine with '+'
// ("KKpsk0+psk2"). Other modifiers (fallback, hfs) are kUnsupported.
//
// Parsing validates the cheap rules of §7.3: messages alternate starting with
// "->", each party sends e and s at most once, every DH token appears at most
// once and only after both of its keys were sent, pre-messages hold only e/s.
//
// Depends on: common/. Thread-safety: pure functions over values.
#ifndef OPENLINE_NOISE_PATTERN_H_
#define OPENLINE_NOISE_PATTERN_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace openline::noise {

enum class Token { kE, kS, kEe, kEs, kSe, kSs, kPsk };
std::string_view ToString(Token token);

struct MessagePattern {
  bool from_initiator = true;  // "->" (true) or "<-" (false)
  std::vector<Token> tokens;
};

struct HandshakePattern {
  std::string name;                         // e.g. "XXpsk3"
  std::vector<Token> initiator_premessage;  // "-> s" before "..."
  std::vector<Token> responder_premessage;  // "<- s" before "..."
  std::vector<MessagePattern> messages;

  // One-way patterns (N, K, X; §7.4) have a single "->" message and then only
  // the initiator sends transport messages.
  bool IsOneWay() const { return messages.size() == 1; }
  // A pattern with any "psk" token is a PSK handshake: every "e" token then also
  // calls MixKey(e.public_key) (§9.2).
  bool IsPsk() const { return PskCount() > 0; }
  size_t PskCount() const;
  // The pattern in the spec's notation, one line per message.
  std::string ToString() const;
};

// Parses pattern text in the spec's notation. `name` is only recorded.
Result<HandshakePattern> ParsePattern(std::string_view name, std::string_view text);

// Looks up a pattern by its name in a protocol name, with modifiers ("XX",
// "IKpsk2", "NNpsk0+psk2"). Unknown names and modifiers are kUnsupported.
Result<HandshakePattern> LookupPattern(std::string_view name);

// The base pattern names in the table, in spec order (for tests and tools).
std::vector<std::string_view> KnownPatternNames();

}  // namespace openline::noise

#endif  // OPENLINE_NOISE_PATTERN_H_
