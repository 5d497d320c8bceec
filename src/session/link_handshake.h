// openline's link handshake: Noise_IK_25519_ChaChaPoly_BLAKE2b between two
// stations that pinned each other's X25519 static keys out of band.
//
//   <- s                          (the initiator knows the responder's key)
//   ...
//   -> e, es, s, ss   payload: 12-byte TAI64N timestamp          (108 bytes)
//   <- e, ee, se      payload: empty                             (48 bytes)
//
// Prologue: kLinkPrologue ("openline link v1"). The responder decrypts the
// initiator's static key, checks it against its pinned set BEFORE anything else
// (an unpinned key costs one DH and one AEAD, and gets no reply), then requires
// the timestamp to be strictly greater than the last one accepted from that peer
// (ReplayGuard), and only then answers. See docs/protocol.md, "Link handshake".
//
// Pure (sans-IO): bytes and a caller-supplied `now` in, bytes and a
// TransportSession out; no sockets, no clock. Refusals are error values; the
// caller drops the message and sends nothing back.
//
// Depends on: noise/, crypto/, session/. Thread-safety: an Initiator is used by
// one party for one handshake; a Responder (and its ReplayGuard) by one thread
// at a time; the PinnedPeers callback is called on that thread.
#ifndef OPENLINE_SESSION_LINK_HANDSHAKE_H_
#define OPENLINE_SESSION_LINK_HANDSHAKE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/x25519.h"
#include "noise/handshake_state.h"
#include "session/link_constants.h"
#include "session/replay_guard.h"
#include "session/tai64n.h"
#include "session/transport_session.h"

namespace openline::session {

using Clock = std::chrono::system_clock;

// Answers "is this initiator static key pinned for a link of ours?".
using PinnedPeers = std::function<bool(const crypto::X25519Public&)>;

// The dialling side of one handshake.
class Initiator {
 public:
  // `local_static`: this station's key; `responder_static`: the pinned key of
  // the station being dialled.
  Initiator(crypto::X25519KeyPair local_static, crypto::X25519Public responder_static);

  // Message 1 (kInitiationLen bytes) carrying Tai64n::FromTimePoint(now). Calling
  // it again starts over with a fresh ephemeral key (a retry after a timeout);
  // the earlier initiation can no longer be completed.
  Result<Bytes> CreateInitiation(Clock::time_point now);
  // Reads message 2 and returns the session. kMalformed unless exactly
  // kResponseLen bytes, kCrypto if it does not authenticate (wrong responder
  // key, tampering), kState without a pending initiation. A failed response
  // ends this handshake: create a new initiation.
  Result<TransportSession> ReadResponse(ByteView response);

  // The ephemeral key of the next CreateInitiation, for fuzz seeds and vectors
  // only: reusing an ephemeral key destroys forward secrecy.
  void SetEphemeralForTesting(crypto::X25519KeyPair ephemeral);

 private:
  crypto::X25519KeyPair local_static_;
  crypto::X25519Public responder_static_;
  std::optional<crypto::X25519KeyPair> test_ephemeral_;
  std::optional<noise::HandshakeState> handshake_;
  Clock::time_point started_at_{};
};

// Why the responder refused initiations, for metrics. Every refusal is silent
// on the wire.
struct ResponderCounters {
  uint64_t accepted = 0;
  uint64_t malformed = 0;  // wrong length or bad timestamp encoding
  uint64_t crypto = 0;     // did not decrypt / authenticate (incl. wrong responder key)
  uint64_t unpinned = 0;   // authenticated initiator key that is not pinned
  uint64_t replayed = 0;   // timestamp not greater than the last accepted one
};

struct Accepted {
  crypto::X25519Public peer_static{};  // the (pinned) initiator
  Tai64n timestamp;                    // now recorded in the ReplayGuard
  Bytes response;                      // message 2: send it back
  TransportSession session;
};

// The listening side: turns initiations into sessions.
class Responder {
 public:
  // `replay_guard` must outlive the Responder.
  Responder(crypto::X25519KeyPair local_static, PinnedPeers pinned,
            ReplayGuard& replay_guard);

  // Errors (all counted, none answered): kMalformed (not kInitiationLen bytes,
  // bad timestamp), kCrypto (does not authenticate), kNotFound (initiator key
  // not pinned), kVerification (replayed or older timestamp). `now` becomes
  // the session's established_at.
  Result<Accepted> ReadInitiation(ByteView initiation, Clock::time_point now);

  const ResponderCounters& counters() const { return counters_; }
  const crypto::X25519Public& public_key() const { return local_static_.public_key; }

 private:
  crypto::X25519KeyPair local_static_;
  PinnedPeers pinned_;
  ReplayGuard& replay_guard_;
  ResponderCounters counters_;
};

}  // namespace openline::session

#endif  // OPENLINE_SESSION_LINK_HANDSHAKE_H_
