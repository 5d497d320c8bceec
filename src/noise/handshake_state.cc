// The token steps of Noise rev. 34 §5.3, one labelled case per token. For
// openline's own pattern, IK (see session/link_handshake.h), the steps are:
//   <- s
//   ...
//   -> e, es, s, ss
//   <- e, ee, se
#include "noise/handshake_state.h"

#include <algorithm>
#include <string>

namespace openline::noise {
namespace {

bool Contains(const std::vector<Token>& tokens, Token t) {
  return std::find(tokens.begin(), tokens.end(), t) != tokens.end();
}

tl::unexpected<Error> Missing(std::string_view what) {
  return MakeError(ErrorCode::kInvalidArgument, "handshake needs " + std::string(what));
}

}  // namespace

std::string_view ToString(HandshakeState::State state) {
  switch (state) {
    case HandshakeState::State::kAwaitingWrite:
      return "AwaitingWrite";
    case HandshakeState::State::kAwaitingRead:
      return "AwaitingRead";
    case HandshakeState::State::kComplete:
      return "Complete";
    case HandshakeState::State::kSplit:
      return "Split";
    case HandshakeState::State::kFailed:
      return "Failed";
  }
  return "?";
}

Result<HandshakeState> HandshakeState::Initialize(std::string_view protocol_name,
                                                  bool initiator, ByteView prologue,
                                                  HandshakeKeys keys) {
  auto protocol = ParseProtocolName(protocol_name);
  if (!protocol) return tl::unexpected(std::move(protocol).error());
  return Initialize(*protocol, initiator, prologue, std::move(keys));
}

Result<HandshakeState> HandshakeState::Initialize(const ProtocolName& protocol,
                                                  bool initiator, ByteView prologue,
                                                  HandshakeKeys keys) {
  HandshakeState hs;
  hs.protocol_ = protocol;
  hs.initiator_ = initiator;
  hs.s_ = std::move(keys.s);
  hs.e_ = std::move(keys.e);
  hs.rs_ = keys.rs;
  hs.re_ = keys.re;
  hs.psks_ = std::move(keys.psks);
  OPENLINE_TRY(hs.CheckKeys());

  // "Derives a protocol_name byte sequence ... Calls InitializeSymmetric(protocol_name)."
  hs.symmetric_.InitializeSymmetric(protocol.hash, protocol.full);
  // "Calls MixHash(prologue)."
  hs.symmetric_.MixHash(prologue);
  // "Calls MixHash() once for each public key listed in the pre-messages ...
  // the initiator's public keys are hashed first." In a PSK handshake an "e"
  // here is also followed by MixKey (§9.2).
  const auto& pattern = protocol.pattern;
  for (int side = 0; side < 2; ++side) {
    const bool initiator_side = side == 0;
    const bool mine = initiator_side == initiator;
    for (Token t :
         initiator_side ? pattern.initiator_premessage : pattern.responder_premessage) {
      if (t == Token::kS) {
        hs.symmetric_.MixHash(mine ? ByteView(hs.s_->public_key) : ByteView(*hs.rs_));
      } else {
        const crypto::X25519Public& e = mine ? hs.e_->public_key : *hs.re_;
        hs.symmetric_.MixHash(e);
        if (pattern.IsPsk()) OPENLINE_TRY(hs.symmetric_.MixKey(e));
      }
    }
  }
  hs.state_ = initiator ? State::kAwaitingWrite : State::kAwaitingRead;
  return hs;
}

Status HandshakeState::CheckKeys() const {
  const auto& pattern = protocol_.pattern;
  const auto& my_pre =
      initiator_ ? pattern.initiator_premessage : pattern.responder_premessage;
  const auto& their_pre =
      initiator_ ? pattern.responder_premessage : pattern.initiator_premessage;
  bool i_send_s = Contains(my_pre, Token::kS);
  for (const auto& m : pattern.messages) {
    if (m.from_initiator == initiator_ && Contains(m.tokens, Token::kS)) i_send_s = true;
  }
  if (i_send_s && !s_) return (Missing("a local static key (s)"));
  if (Contains(my_pre, Token::kE) && !e_) return (Missing("a pre-message e"));
  if (Contains(their_pre, Token::kS) != rs_.has_value()) {
    return (Missing("rs exactly when the peer has an s pre-message"));
  }
  if (Contains(their_pre, Token::kE) != re_.has_value()) {
    return (Missing("re exactly when the peer has an e pre-message"));
  }
  if (psks_.size() != pattern.PskCount()) {
    return (Missing(std::to_string(pattern.PskCount()) + " PSKs, got " +
                    std::to_string(psks_.size())));
  }
  return Ok();
}

// For "e" in a PSK handshake (§9.2): MixHash(e.public_key) then MixKey(e.public_key).
Status HandshakeState::MixEphemeral(const crypto::X25519Public& public_key) {
  symmetric_.MixHash(public_key);
  if (protocol_.pattern.IsPsk()) return symmetric_.MixKey(public_key);
  return Ok();
}

// "ee", "es", "se", "ss": MixKey(DH(local, remote)); which local and remote key
// depends on the role ("es": the initiator's e with the responder's s).
Status HandshakeState::MixDh(Token token) {
  const bool local_e = token == Token::kEe || (token == Token::kEs && initiator_) ||
                       (token == Token::kSe && !initiator_);
  const bool remote_e = token == Token::kEe || (token == Token::kEs && !initiator_) ||
                        (token == Token::kSe && initiator_);
  const auto& local = local_e ? e_ : s_;
  const auto& remote = remote_e ? re_ : rs_;
  if (!local || !remote) {
    return MakeError(ErrorCode::kState,
                     "DH '" + std::string(ToString(token)) + "' without keys");
  }
  auto shared = crypto::X25519(local->private_key.view(), *remote);
  if (!shared) return tl::unexpected(std::move(shared).error());
  return symmetric_.MixKey(shared->view());  // `shared` is wiped when it goes
}

size_t HandshakeState::MessageLength(const MessagePattern& message,
                                     size_t payload_len) const {
  bool has_key = symmetric_.HasKey();
  size_t len = 0;
  for (Token t : message.tokens) {
    if (t == Token::kE) {
      len += kDhLen;
      if (protocol_.pattern.IsPsk()) has_key = true;
    } else if (t == Token::kS) {
      len += kDhLen + (has_key ? kTagLen : 0);
    } else {
      has_key = true;  // every DH token and "psk" calls MixKey / MixKeyAndHash
    }
  }
  return len + payload_len + (has_key ? kTagLen : 0);
}

void HandshakeState::Advance() {
  ++message_index_;
  if (message_index_ == protocol_.pattern.messages.size()) {
    state_ = State::kComplete;
  } else {
    state_ = protocol_.pattern.messages[message_index_].from_initiator == initiator_
                 ? State::kAwaitingWrite
                 : State::kAwaitingRead;
  }
}

Result<Bytes> HandshakeState::WriteMessage(ByteView payload) {
  if (state_ != State::kAwaitingWrite) {
    return MakeError(ErrorCode::kState,
                     "WriteMessage in state " + std::string(noise::ToString(state_)));
  }
  const MessagePattern& message = protocol_.pattern.messages[message_index_];
  const size_t length = MessageLength(message, payload.size());
  if (length > kMaxMessageLen) {
    return MakeError(ErrorCode::kTooLarge,
                     "handshake message of " + std::to_string(length) +
                         " bytes exceeds " + std::to_string(kMaxMessageLen));
  }
  Bytes out;
  out.reserve(length);
  state_ = State::kFailed;  // until every step below has succeeded
  OPENLINE_TRY(WriteTokens(message, out));
  // "Appends EncryptAndHash(payload) to the buffer."
  auto ciphertext = symmetric_.EncryptAndHash(payload);
  if (!ciphertext) return tl::unexpected(std::move(ciphertext).error());
  Append(out, *ciphertext);
  Advance();
  return out;
}

Status HandshakeState::WriteTokens(const MessagePattern& message, Bytes& out) {
  for (Token t : message.tokens) {
    switch (t) {
      case Token::kE:  // -> e: "Sets e = GENERATE_KEYPAIR(). Appends e.public_key
                       // to the buffer. Calls MixHash(e.public_key)."
        if (!e_) e_ = crypto::X25519KeyPair::Generate();
        Append(out, e_->public_key);
        OPENLINE_TRY(MixEphemeral(e_->public_key));
        break;
      case Token::kS: {  // -> s: "Appends EncryptAndHash(s.public_key) to the buffer."
        auto encrypted = symmetric_.EncryptAndHash(s_->public_key);
        if (!encrypted) return tl::unexpected(std::move(encrypted).error());
        Append(out, *encrypted);
        break;
      }
      default:  // ee, es, se, ss, psk: the same for the writer and the reader
        OPENLINE_TRY(MixSharedToken(t));
        break;
    }
  }
  return Ok();
}

Status HandshakeState::MixSharedToken(Token t) {
  switch (t) {
    case Token::kEe:  // ee
    case Token::kEs:  // es
    case Token::kSe:  // se
    case Token::kSs:  // ss
      return MixDh(t);
    case Token::kPsk:  // psk: "MixKeyAndHash(psk)"
      return symmetric_.MixKeyAndHash(psks_[next_psk_++].view());
    case Token::kE:
    case Token::kS:
      break;
  }
  return MakeError(ErrorCode::kState, "token is not shared by reader and writer");
}

Result<Bytes> HandshakeState::ReadMessage(ByteView message,
                                          const RemoteStaticCheck& check) {
  if (state_ != State::kAwaitingRead) {
    return MakeError(ErrorCode::kState,
                     "ReadMessage in state " + std::string(noise::ToString(state_)));
  }
  state_ = State::kFailed;  // until every step below has succeeded
  if (message.size() > kMaxMessageLen) {
    return MakeError(ErrorCode::kTooLarge,
                     "handshake message of " + std::to_string(message.size()) +
                         " bytes exceeds " + std::to_string(kMaxMessageLen));
  }
  const MessagePattern& pattern = protocol_.pattern.messages[message_index_];
  ByteView in = message;
  OPENLINE_TRY(ReadTokens(pattern, in, check));
  // "Calls DecryptAndHash() on the remaining bytes of the message and stores the
  // output into payload_buffer."
  if (symmetric_.HasKey() && in.size() < kTagLen) {
    return MakeError(ErrorCode::kMalformed,
                     "handshake message too short for its payload tag");
  }
  auto payload = symmetric_.DecryptAndHash(in);
  if (!payload) return payload;
  Advance();
  return payload;
}

Status HandshakeState::ReadTokens(const MessagePattern& message, ByteView& in,
                                  const RemoteStaticCheck& check) {
  for (Token t : message.tokens) {
    switch (t) {
      case Token::kE: {  // <- e: "Sets re to the next DHLEN bytes from the message.
                         // Calls MixHash(re.public_key)."
        if (in.size() < kDhLen) {
          return MakeError(ErrorCode::kMalformed, "handshake message too short for e");
        }
        crypto::X25519Public re{};
        std::copy_n(in.begin(), kDhLen, re.begin());
        in = in.subspan(kDhLen);
        re_ = re;
        OPENLINE_TRY(MixEphemeral(re));
        break;
      }
      case Token::kS: {  // <- s: "Sets temp to the next DHLEN + 16 bytes of the message
                         // if HasKey() == True, or to the next DHLEN bytes otherwise.
                         // Sets rs to DecryptAndHash(temp)."
        const size_t len = kDhLen + (symmetric_.HasKey() ? kTagLen : 0);
        if (in.size() < len) {
          return MakeError(ErrorCode::kMalformed, "handshake message too short for s");
        }
        auto rs = symmetric_.DecryptAndHash(in.first(len));
        if (!rs) return tl::unexpected(std::move(rs).error());
        in = in.subspan(len);
        crypto::X25519Public key{};
        std::copy_n(rs->begin(), kDhLen, key.begin());
        rs_ = key;
        if (check) OPENLINE_TRY(check(key));
        break;
      }
      default:  // ee, es, se, ss, psk: the same for the writer and the reader
        OPENLINE_TRY(MixSharedToken(t));
        break;
    }
  }
  return Ok();
}

Result<std::pair<CipherState, CipherState>> HandshakeState::Split() {
  if (state_ != State::kComplete) {
    return MakeError(ErrorCode::kState,
                     "Split in state " + std::string(noise::ToString(state_)));
  }
  auto ciphers = symmetric_.Split();
  if (!ciphers) return ciphers;
  state_ = State::kSplit;
  // The ephemeral private key has done its job; forward secrecy wants it gone now,
  // not whenever the HandshakeState happens to be destroyed.
  e_.reset();
  return ciphers;
}

}  // namespace openline::noise
