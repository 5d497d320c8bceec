// ReplayGuard: per pinned peer, the greatest handshake timestamp accepted so far.
// A responder accepts an initiation only if its timestamp is strictly greater,
// so a recorded message 1 replayed later (or an older one) is refused without a
// reply (WireGuard's rule). It only ever holds entries for pinned peers, because
// the responder consults it after the pinned-key check: its size is bounded by
// the number of links.
//
// The guard lives in memory. A station that must refuse replays across restarts
// saves Latest() per peer and feeds it back through Restore(); without that, a
// replayed initiation after a restart still gets a response, but the attacker
// cannot complete the handshake or read anything (it lacks the ephemeral key).
//
// Depends on: crypto/x25519.h, session/tai64n.h. Thread-safety: none; the
// caller serialises access (one responder per guard, on one strand).
#ifndef OPENLINE_SESSION_REPLAY_GUARD_H_
#define OPENLINE_SESSION_REPLAY_GUARD_H_

#include <map>
#include <optional>

#include "crypto/x25519.h"
#include "session/tai64n.h"

namespace openline::session {

class ReplayGuard {
 public:
  // True if `timestamp` is strictly greater than every one accepted from `peer`.
  bool WouldAccept(const crypto::X25519Public& peer, const Tai64n& timestamp) const;
  // Records `timestamp` as the latest accepted from `peer` if it is greater;
  // returns whether it was (i.e. WouldAccept before the call).
  bool CheckAndRecord(const crypto::X25519Public& peer, const Tai64n& timestamp);

  std::optional<Tai64n> Latest(const crypto::X25519Public& peer) const;
  // Seeds the latest timestamp for `peer` (from durable storage); keeps the
  // greater of the stored and the given value.
  void Restore(const crypto::X25519Public& peer, const Tai64n& timestamp);
  size_t size() const { return latest_.size(); }

 private:
  std::map<crypto::X25519Public, Tai64n> latest_;
};

}  // namespace openline::session

#endif  // OPENLINE_SESSION_REPLAY_GUARD_H_
