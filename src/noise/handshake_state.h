// HandshakeState (Noise rev. 34 §5.3): runs one handshake pattern for one party.
// It holds the local static and ephemeral key pairs (s, e), the remote ones as
// they become known (rs, re), the PSKs, and a SymmetricState; WriteMessage and
// ReadMessage process one message's tokens in order ("e", "s", "ee", "es", "se",
// "ss", "psk") and then the payload. When the last message has been processed the
// state is kComplete and Split() yields the two transport CipherStates.
//
// Explicit states: kAwaitingWrite -> kAwaitingRead -> ... -> kComplete -> kSplit.
// Calling WriteMessage/ReadMessage out of turn fails with kState and changes
// nothing. Any other failure (bad DH, decryption failure, short message) moves
// the state to kFailed for good: §5.3 says a failed handshake must be discarded,
// and a dead state cannot be misused to probe the peer.
//
// Owns: all key material above (crypto::Secret; wiped when destroyed).
// Depends on: common/, crypto/, noise/. Pure: no I/O, no clock; randomness only
// when an ephemeral key must be generated. Thread-safety: one user at a time.
#ifndef OPENLINE_NOISE_HANDSHAKE_STATE_H_
#define OPENLINE_NOISE_HANDSHAKE_STATE_H_

#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/secret.h"
#include "crypto/x25519.h"
#include "noise/cipher_state.h"
#include "noise/protocol_name.h"
#include "noise/symmetric_state.h"

namespace openline::noise {

using Psk = crypto::Secret<kPskLen>;

// The keys of Initialize(handshake_pattern, initiator, prologue, s, e, rs, re)
// plus the PSKs (§9), used in the order the pattern's "psk" tokens appear.
struct HandshakeKeys {
  std::optional<crypto::X25519KeyPair> s;  // local static key pair
  std::optional<crypto::X25519KeyPair> e;  // local ephemeral: tests and vectors only
  std::optional<crypto::X25519Public> rs;  // remote static, for a "<- s" pre-message
  std::optional<crypto::X25519Public> re;  // remote ephemeral, for an "e" pre-message
  std::vector<Psk> psks;
};

// Called by ReadMessage right after an "s" token has been decrypted, before any
// further token or the payload is processed; an error aborts the handshake. This
// is where a responder checks the initiator against its pinned keys.
using RemoteStaticCheck = std::function<Status(const crypto::X25519Public&)>;

class HandshakeState {
 public:
  enum class State { kAwaitingWrite, kAwaitingRead, kComplete, kSplit, kFailed };

  // Fails with kInvalidArgument if a key the pattern needs is missing, a remote
  // key is given that no pre-message uses, or the PSK count is wrong.
  static Result<HandshakeState> Initialize(const ProtocolName& protocol, bool initiator,
                                           ByteView prologue, HandshakeKeys keys);
  static Result<HandshakeState> Initialize(std::string_view protocol_name, bool initiator,
                                           ByteView prologue, HandshakeKeys keys);

  HandshakeState(HandshakeState&&) noexcept = default;
  HandshakeState& operator=(HandshakeState&&) noexcept = default;
  HandshakeState(const HandshakeState&) = delete;
  HandshakeState& operator=(const HandshakeState&) = delete;

  // Writes the next message with `payload`. kTooLarge (state unchanged) if the
  // message would exceed kMaxMessageLen bytes.
  Result<Bytes> WriteMessage(ByteView payload);
  // Reads the next message and returns its payload. kTooLarge above
  // kMaxMessageLen, kMalformed if short, kCrypto if a DH or decryption fails.
  Result<Bytes> ReadMessage(ByteView message, const RemoteStaticCheck& check = nullptr);

  // Split(): once kComplete, the transport CipherStates (initiator -> responder,
  // responder -> initiator). Moves the state to kSplit; callable once.
  Result<std::pair<CipherState, CipherState>> Split();

  State state() const { return state_; }
  bool IsComplete() const {
    return state_ == State::kComplete || state_ == State::kSplit;
  }
  bool IsInitiator() const { return initiator_; }
  // True if it is this party's turn to write.
  bool IsMyTurnToWrite() const { return state_ == State::kAwaitingWrite; }
  Bytes GetHandshakeHash() const { return symmetric_.GetHandshakeHash(); }
  const std::optional<crypto::X25519Public>& RemoteStatic() const { return rs_; }
  const std::optional<crypto::X25519Public>& RemoteEphemeral() const { return re_; }
  const ProtocolName& protocol() const { return protocol_; }
  // For tests comparing both parties after every message; never log this.
  const SymmetricState& symmetric_state() const { return symmetric_; }

 private:
  HandshakeState() = default;

  Status CheckKeys() const;
  Status MixDh(Token token);
  // The tokens a writer and a reader process identically: the DHs and psk.
  Status MixSharedToken(Token token);
  Status MixEphemeral(const crypto::X25519Public& public_key);
  size_t MessageLength(const MessagePattern& message, size_t payload_len) const;
  Status WriteTokens(const MessagePattern& message, Bytes& out);
  Status ReadTokens(const MessagePattern& message, ByteView& in,
                    const RemoteStaticCheck& check);
  void Advance();

  ProtocolName protocol_;
  bool initiator_ = true;
  SymmetricState symmetric_;
  std::optional<crypto::X25519KeyPair> s_;
  std::optional<crypto::X25519KeyPair> e_;
  std::optional<crypto::X25519Public> rs_;
  std::optional<crypto::X25519Public> re_;
  std::vector<Psk> psks_;
  size_t next_psk_ = 0;
  size_t message_index_ = 0;
  State state_ = State::kFailed;
};

std::string_view ToString(HandshakeState::State state);

}  // namespace openline::noise

#endif  // OPENLINE_NOISE_HANDSHAKE_STATE_H_
