// HandshakeSlots: admission control for connections in the handshake phase of
// one listener. A connection holds a slot from accept until its handshake ends
// (success, refusal, timeout), so a flood of half-open or trickling connections
// can never hold more than `max_total` sockets and their buffers. The policy:
//
//   - A source (an IPv4 address or an IPv6 /64, chosen by the caller) already
//     holding `max_per_source` slots is refused: the new connection is closed.
//   - When all slots are taken, the newcomer is admitted and the OLDEST pending
//     handshake of the source holding the MOST slots is evicted. So one busy
//     source cannot crowd out a peer dialling from elsewhere, and a flood from
//     many sources rotates through the slots instead of freezing them until the
//     handshake timeout: a legitimate handshake (one round trip) completes
//     unless `max_total` newer connections arrive during that round trip.
//
// Pure: ids and opaque source keys in, decisions out; the Listener closes the
// sockets. Depends on: nothing. Thread-safety: one owner (the listener's thread).
#ifndef OPENLINE_NET_HANDSHAKE_SLOTS_H_
#define OPENLINE_NET_HANDSHAKE_SLOTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openline::net {

class HandshakeSlots {
 public:
  using Id = uint64_t;

  struct Admission {
    bool admitted = false;
    Id id = 0;                  // the new slot, if admitted
    std::optional<Id> evicted;  // a slot taken away to make room: close it
  };

  // Preconditions: max_total >= 1, max_per_source >= 1.
  HandshakeSlots(size_t max_total, size_t max_per_source);

  // Decides on a new connection from `source` (any byte string naming the
  // source group; compared for equality only).
  Admission Admit(const std::string& source);
  // Frees a slot when its handshake ends. Unknown ids (already evicted) are
  // ignored, so the owner may always call it.
  void Release(Id id);

  size_t pending() const { return slots_.size(); }
  size_t PendingFrom(const std::string& source) const;

 private:
  struct Slot {
    Id id;
    std::string source;
  };

  size_t max_total_;
  size_t max_per_source_;
  Id next_id_ = 1;
  std::vector<Slot> slots_;  // oldest first; at most max_total_, so scans are cheap
};

}  // namespace openline::net

#endif  // OPENLINE_NET_HANDSHAKE_SLOTS_H_
