// The duplicate-connection rule: which of two established connections to the
// same peer survives. It matters when both stations dial each other at once
// (each then holds two connections, one it initiated and one it accepted) and
// when a station redials while an older connection still looks alive. Both
// stations evaluate the rule on the same two connections with mirrored inputs
// and must keep the SAME one, or each would close the other's choice and the
// link would flap. So the rule uses only facts both sides know identically:
//
//   1. Initiated by different stations (a simultaneous dial): keep the one
//      initiated by the station whose X25519 static public key is lower
//      (bytewise, as unsigned big-endian numbers).
//   2. Initiated by the same station (a redial): keep the later initiation,
//      by the TAI64N timestamp in handshake message 1. Both sides know it (the
//      initiator wrote it, the responder decrypted it) and the responder's replay
//      rule makes it strictly increasing per initiator, so there is no tie.
//   3. Equal timestamps (only possible with a replay guard reset by a restart):
//      keep the lower session id (the handshake hash, equal on both sides).
//
// Timestamps of *different* stations are never compared: their clocks may
// disagree, and the rule must not depend on clock skew. docs/net.md discusses
// the one cost of rule 1 (a stale connection of the lower station outlives a
// fresh one of the higher station until its idle timeout).
//
// Pure: no I/O. Depends on: crypto/x25519.h, session/tai64n.h, common/bytes.h.
// Thread-safety: plain functions.
#ifndef OPENLINE_NET_DUPLICATE_RULE_H_
#define OPENLINE_NET_DUPLICATE_RULE_H_

#include "common/bytes.h"
#include "crypto/x25519.h"
#include "session/tai64n.h"

namespace openline::net {

// What the rule needs to know about one connection, from this station's view.
struct ConnectionFacts {
  bool initiated_locally = false;
  session::Tai64n initiation_timestamp;  // from handshake message 1
  ByteView session_id;                   // borrowed from the connection
};

enum class Preferred { kFirst, kSecond };

// Which of `a` and `b`, two connections between `local_static` (this station)
// and `peer_static`, to keep; close the other. The peer, calling it with the
// keys swapped and each initiated_locally negated, keeps the same connection.
Preferred PreferConnection(const crypto::X25519Public& local_static,
                           const crypto::X25519Public& peer_static,
                           const ConnectionFacts& a, const ConnectionFacts& b);

}  // namespace openline::net

#endif  // OPENLINE_NET_DUPLICATE_RULE_H_
