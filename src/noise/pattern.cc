#include "noise/pattern.h"

#include <algorithm>
#include <array>
#include <utility>

#include "noise/constants.h"

namespace openline::noise {
namespace {

struct PatternText {
  std::string_view name;
  std::string_view text;
};

// The spec's own notation. Pre-message lines come before "...".
constexpr std::array kPatterns = {
    // §7.4 one-way patterns.
    PatternText{"N", "<- s\n...\n-> e, es"},
    PatternText{"K", "-> s\n<- s\n...\n-> e, es, ss"},
    PatternText{"X", "<- s\n...\n-> e, es, s, ss"},
    // §7.5 interactive fundamental patterns.
    PatternText{"NN", "-> e\n<- e, ee"},
    PatternText{"NK", "<- s\n...\n-> e, es\n<- e, ee"},
    PatternText{"NX", "-> e\n<- e, ee, s, es"},
    PatternText{"KN", "-> s\n...\n-> e\n<- e, ee, se"},
    PatternText{"KK", "-> s\n<- s\n...\n-> e, es, ss\n<- e, ee, se"},
    PatternText{"KX", "-> s\n...\n-> e\n<- e, ee, se, s, es"},
    PatternText{"XN", "-> e\n<- e, ee\n-> s, se"},
    PatternText{"XK", "<- s\n...\n-> e, es\n<- e, ee\n-> s, se"},
    PatternText{"XX", "-> e\n<- e, ee, s, es\n-> s, se"},
    PatternText{"IN", "-> e, s\n<- e, ee, se"},
    PatternText{"IK", "<- s\n...\n-> e, es, s, ss\n<- e, ee, se"},
    PatternText{"IX", "-> e, s\n<- e, ee, se, s, es"},
    // §7.6 deferred patterns.
    PatternText{"NK1", "<- s\n...\n-> e\n<- e, ee, es"},
    PatternText{"NX1", "-> e\n<- e, ee, s\n-> es"},
    PatternText{"X1N", "-> e\n<- e, ee\n-> s\n<- se"},
    PatternText{"X1K", "<- s\n...\n-> e, es\n<- e, ee\n-> s\n<- se"},
    PatternText{"XK1", "<- s\n...\n-> e\n<- e, ee, es\n-> s, se"},
    PatternText{"X1K1", "<- s\n...\n-> e\n<- e, ee, es\n-> s\n<- se"},
    PatternText{"X1X", "-> e\n<- e, ee, s, es\n-> s\n<- se"},
    PatternText{"XX1", "-> e\n<- e, ee, s\n-> es, s, se"},
    PatternText{"X1X1", "-> e\n<- e, ee, s\n-> es, s\n<- se"},
    PatternText{"K1N", "-> s\n...\n-> e\n<- e, ee\n-> se"},
    PatternText{"K1K", "-> s\n<- s\n...\n-> e, es\n<- e, ee\n-> se"},
    PatternText{"KK1", "-> s\n<- s\n...\n-> e\n<- e, ee, se, es"},
    PatternText{"K1K1", "-> s\n<- s\n...\n-> e\n<- e, ee, es\n-> se"},
    PatternText{"K1X", "-> s\n...\n-> e\n<- e, ee, s, es\n-> se"},
    PatternText{"KX1", "-> s\n...\n-> e\n<- e, ee, se, s\n-> es"},
    PatternText{"K1X1", "-> s\n...\n-> e\n<- e, ee, s\n-> se, es"},
    PatternText{"I1N", "-> e, s\n<- e, ee\n-> se"},
    PatternText{"I1K", "<- s\n...\n-> e, es, s\n<- e, ee\n-> se"},
    PatternText{"IK1", "<- s\n...\n-> e, s\n<- e, ee, se, es"},
    PatternText{"I1K1", "<- s\n...\n-> e, s\n<- e, ee, es\n-> se"},
    PatternText{"I1X", "-> e, s\n<- e, ee, s, es\n-> se"},
    PatternText{"IX1", "-> e, s\n<- e, ee, se, s\n-> es"},
    PatternText{"I1X1", "-> e, s\n<- e, ee, s\n-> se, es"},
};

tl::unexpected<Error> Invalid(std::string_view name, std::string_view why) {
  return MakeError(ErrorCode::kInvalidArgument,
                   "pattern " + std::string(name) + ": " + std::string(why));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

Result<Token> ParseToken(std::string_view word) {
  if (word == "e") return Token::kE;
  if (word == "s") return Token::kS;
  if (word == "ee") return Token::kEe;
  if (word == "es") return Token::kEs;
  if (word == "se") return Token::kSe;
  if (word == "ss") return Token::kSs;
  if (word == "psk") return Token::kPsk;
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown token '" + std::string(word) + "'");
}

// "-> e, es" into (true, {e, es}).
Result<MessagePattern> ParseLine(std::string_view line) {
  MessagePattern message;
  if (line.starts_with("->")) {
    message.from_initiator = true;
  } else if (line.starts_with("<-")) {
    message.from_initiator = false;
  } else {
    return MakeError(ErrorCode::kInvalidArgument,
                     "line must start with -> or <-: '" + std::string(line) + "'");
  }
  const std::string_view rest = Trim(line.substr(2));
  if (rest.empty()) return message;  // an empty message is legal (e.g. after psk edits)
  for (std::string_view word : Split(rest, ',')) {
    auto token = ParseToken(Trim(word));
    if (!token) return tl::unexpected(std::move(token).error());
    message.tokens.push_back(*token);
  }
  return message;
}

// Tracks which keys each party has sent, to check §7.3's validity rules.
struct Sent {
  bool e = false;
  bool s = false;
};

Status Validate(const HandshakePattern& p) {
  std::array<Sent, 2> sent{};  // [0] initiator, [1] responder
  for (size_t side = 0; side < 2; ++side) {
    for (Token t : side == 0 ? p.initiator_premessage : p.responder_premessage) {
      if (t != Token::kE && t != Token::kS)
        return Invalid(p.name, "pre-message holds a DH/psk");
      bool& flag = t == Token::kE ? sent[side].e : sent[side].s;
      if (flag) return Invalid(p.name, "key repeated in pre-message");
      flag = true;
    }
  }
  if (p.messages.empty()) return Invalid(p.name, "no messages");
  if (p.messages.size() > kMaxPatternMessages)
    return Invalid(p.name, "too many messages");
  std::array<bool, 7> dh_used{};  // indexed by Token; only ee, es, se, ss are set
  for (size_t i = 0; i < p.messages.size(); ++i) {
    const MessagePattern& m = p.messages[i];
    if (m.from_initiator != (i % 2 == 0)) {
      return Invalid(p.name, "messages must alternate, starting with ->");
    }
    Sent& me = sent[m.from_initiator ? 0 : 1];
    const Sent& init = sent[0];
    const Sent& resp = sent[1];
    for (Token t : m.tokens) {
      bool ok = true;
      switch (t) {
        case Token::kE:
          ok = !me.e;
          me.e = true;
          break;
        case Token::kS:
          ok = !me.s;
          me.s = true;
          break;
        case Token::kEe:
          ok = init.e && resp.e;
          break;
        case Token::kEs:
          ok = init.e && resp.s;
          break;
        case Token::kSe:
          ok = init.s && resp.e;
          break;
        case Token::kSs:
          ok = init.s && resp.s;
          break;
        case Token::kPsk:
          break;
      }
      if (!ok) {
        return Invalid(p.name, "token '" + std::string(ToString(t)) +
                                   "' repeats a key or uses a key not yet sent");
      }
      if (t != Token::kE && t != Token::kS && t != Token::kPsk) {
        bool& used = dh_used[static_cast<size_t>(t)];
        if (used) return Invalid(p.name, "DH token repeated");
        used = true;
      }
    }
  }
  return Ok();
}

Status ApplyModifier(HandshakePattern& p, std::string_view modifier,
                     std::vector<size_t>& seen) {
  if (!modifier.starts_with("psk") || modifier.size() < 4 || modifier.size() > 5) {
    return MakeError(ErrorCode::kUnsupported,
                     "unsupported pattern modifier '" + std::string(modifier) + "'");
  }
  size_t n = 0;
  for (char c : modifier.substr(3)) {
    if (c < '0' || c > '9') {
      return MakeError(ErrorCode::kUnsupported,
                       "bad psk modifier '" + std::string(modifier) + "'");
    }
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  if (n > p.messages.size()) return Invalid(p.name, "psk position past the last message");
  if (std::find(seen.begin(), seen.end(), n) != seen.end()) {
    return Invalid(p.name, "psk modifier repeated");
  }
  seen.push_back(n);
  // §9.3: "psk0" places a psk token at the beginning of the first handshake
  // message; "pskN" (N >= 1) at the end of the Nth handshake message.
  if (n == 0) {
    auto& tokens = p.messages[0].tokens;
    tokens.insert(tokens.begin(), Token::kPsk);
  } else {
    p.messages[n - 1].tokens.push_back(Token::kPsk);
  }
  return Ok();
}

void AppendTokens(std::string& out, const std::vector<Token>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i != 0) out += ", ";
    out += ToString(tokens[i]);
  }
}

}  // namespace

std::string_view ToString(Token token) {
  switch (token) {
    case Token::kE:
      return "e";
    case Token::kS:
      return "s";
    case Token::kEe:
      return "ee";
    case Token::kEs:
      return "es";
    case Token::kSe:
      return "se";
    case Token::kSs:
      return "ss";
    case Token::kPsk:
      return "psk";
  }
  return "?";
}

size_t HandshakePattern::PskCount() const {
  size_t count = 0;
  for (const auto& m : messages) {
    count +=
        static_cast<size_t>(std::count(m.tokens.begin(), m.tokens.end(), Token::kPsk));
  }
  return count;
}

std::string HandshakePattern::ToString() const {
  std::string out;
  if (!initiator_premessage.empty()) {
    out += "-> ";
    AppendTokens(out, initiator_premessage);
    out += "\n";
  }
  if (!responder_premessage.empty()) {
    out += "<- ";
    AppendTokens(out, responder_premessage);
    out += "\n";
  }
  if (!out.empty()) out += "...\n";
  for (size_t i = 0; i < messages.size(); ++i) {
    out += messages[i].from_initiator ? "->" : "<-";
    if (!messages[i].tokens.empty()) out += " ";
    AppendTokens(out, messages[i].tokens);
    if (i + 1 != messages.size()) out += "\n";
  }
  return out;
}

Result<HandshakePattern> ParsePattern(std::string_view name, std::string_view text) {
  if (text.size() > kMaxPatternTextLen) {
    return MakeError(
        ErrorCode::kTooLarge,
        "pattern text longer than " + std::to_string(kMaxPatternTextLen) + " bytes");
  }
  HandshakePattern p;
  p.name = std::string(name);
  std::vector<std::string_view> lines = Split(text, '\n');
  auto dots = std::find_if(lines.begin(), lines.end(),
                           [](std::string_view l) { return Trim(l) == "..."; });
  const bool has_premessages = dots != lines.end();
  bool in_premessages = has_premessages;
  for (std::string_view raw : lines) {
    const std::string_view line = Trim(raw);
    if (line.empty()) continue;
    if (line == "...") {
      if (!in_premessages) return (Invalid(name, "more than one '...'"));
      in_premessages = false;
      continue;
    }
    auto message = ParseLine(line);
    if (!message) return (Invalid(name, message.error().message));
    if (in_premessages) {
      auto& pre =
          message->from_initiator ? p.initiator_premessage : p.responder_premessage;
      if (!pre.empty() || message->tokens.empty()) {
        return (Invalid(name, "one non-empty pre-message per party"));
      }
      pre = std::move(message->tokens);
    } else {
      if (p.messages.size() == kMaxPatternMessages) {
        return (Invalid(name, "too many messages"));
      }
      p.messages.push_back(std::move(*message));
    }
  }
  OPENLINE_TRY(Validate(p));
  return p;
}

Result<HandshakePattern> LookupPattern(std::string_view name) {
  // The base name is the leading run of N, K, X, I, 1 (§7.4-7.6, §8 naming);
  // what follows is '+'-separated modifiers (§8: "XXpsk0+psk3").
  const size_t base_len = std::min(name.find_first_not_of("NKXI1"), name.size());
  const std::string_view base = name.substr(0, base_len);
  const auto it = std::find_if(kPatterns.begin(), kPatterns.end(),
                               [&](const PatternText& p) { return p.name == base; });
  if (it == kPatterns.end()) {
    return MakeError(ErrorCode::kUnsupported,
                     "unknown pattern '" + std::string(name) + "'");
  }
  auto pattern = ParsePattern(name, it->text);
  if (!pattern) return pattern;
  if (base_len == name.size()) return pattern;
  std::vector<size_t> seen;
  for (std::string_view modifier : Split(name.substr(base_len), '+')) {
    OPENLINE_TRY(ApplyModifier(*pattern, modifier, seen));
  }
  OPENLINE_TRY(Validate(*pattern));
  return pattern;
}

std::vector<std::string_view> KnownPatternNames() {
  std::vector<std::string_view> names;
  for (const auto& p : kPatterns) names.push_back(p.name);
  return names;
}

}  // namespace openline::noise
