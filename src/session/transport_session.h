// TransportSession: the two CipherStates a link handshake produced, used over an
// ordered, reliable byte stream (TCP, or a relay that preserves order). Each
// Encrypt output is one Noise transport message (ciphertext || 16-byte tag, at
// most 65535 bytes); the framing around it belongs to wire/ and net/.
//
// Nonces are implicit (Noise §5.1): the n-th message a side sends is decrypted
// with nonce n by the other side, so messages must arrive in order and none may
// be lost. A message that fails to authenticate is refused with kCrypto and
// does not advance the receive nonce, so forged or corrupted frames can be
// dropped (and counted) without breaking the session.
//
// Rekey rule (both sides, no signalling): after the kRekeyAfterMessages-th,
// 2*kRekeyAfterMessages-th, ... message in a direction, the sender calls
// Rekey() on its send CipherState right after encrypting it, and the receiver on
// its receive CipherState right after decrypting it. Because both count the same
// authenticated messages in the same order, they always rekey at the same point.
// After kRejectAfterMessages in either direction the session refuses to go on.
//
// session_id() is the handshake hash h: equal on both sides, unique per session
// (it covers both ephemeral keys), suitable for channel binding and logs.
//
// Owns: both cipher keys (wiped when destroyed). Depends on: noise/cipher_state.h,
// crypto/x25519.h. Thread-safety: one user at a time; Encrypt and Decrypt touch
// different CipherStates but share nothing else, so a sender and a receiver on
// two threads would be safe only with external locking: do not rely on it.
#ifndef OPENLINE_SESSION_TRANSPORT_SESSION_H_
#define OPENLINE_SESSION_TRANSPORT_SESSION_H_

#include <chrono>
#include <cstdint>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/x25519.h"
#include "noise/cipher_state.h"
#include "session/link_constants.h"

namespace openline::session {

class TransportSession {
 public:
  struct Params {
    bool initiator = true;
    crypto::X25519Public peer_static{};
    Bytes handshake_hash;
    std::chrono::system_clock::time_point established_at{};
    uint64_t rekey_after_messages = kRekeyAfterMessages;  // tests use small values
  };

  TransportSession(noise::CipherState send, noise::CipherState receive, Params params);
  TransportSession(TransportSession&&) noexcept = default;
  TransportSession& operator=(TransportSession&&) noexcept = default;

  // kTooLarge above kMaxTransportPayloadLen bytes; kState after
  // kRejectAfterMessages messages.
  Result<Bytes> Encrypt(ByteView plaintext);
  // kMalformed below 16 or above kMaxTransportMessageLen bytes; kCrypto if it
  // does not authenticate (nothing changes, the failure is counted).
  Result<Bytes> Decrypt(ByteView ciphertext);

  ByteView session_id() const { return params_.handshake_hash; }
  const crypto::X25519Public& peer_static() const { return params_.peer_static; }
  bool is_initiator() const { return params_.initiator; }
  std::chrono::system_clock::time_point established_at() const {
    return params_.established_at;
  }
  // True once the session is kRehandshakeAfter old: the owner should start a new
  // handshake (and keep this session until the new one is up).
  bool ShouldRehandshake(std::chrono::system_clock::time_point now) const {
    return now - params_.established_at >= kRehandshakeAfter;
  }

  uint64_t messages_sent() const { return sent_; }
  uint64_t messages_received() const { return received_; }
  uint64_t rejected_messages() const { return rejected_; }
  uint64_t rekeys() const { return rekeys_; }

  // For tests proving two sessions never share keys; never log these.
  ByteView SendKeyForTesting() const { return send_.KeyForTesting(); }
  ByteView ReceiveKeyForTesting() const { return receive_.KeyForTesting(); }

 private:
  noise::CipherState send_;
  noise::CipherState receive_;
  Params params_;
  uint64_t sent_ = 0;
  uint64_t received_ = 0;
  uint64_t rejected_ = 0;
  uint64_t rekeys_ = 0;
};

}  // namespace openline::session

#endif  // OPENLINE_SESSION_TRANSPORT_SESSION_H_
