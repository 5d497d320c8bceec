// Listener: accepts TCP connections on one address and runs the responder side
// of the link handshake on each (session::Responder, with the station's
// PinnedPeers callback and its one shared ReplayGuard). A handshake that
// succeeds becomes a Connection handed to the owner's callback; everything else
// (garbage, wrong length prefix, a key that is not pinned, a replayed
// initiation, silence past the handshake timeout) is closed without a reply and
// counted in ListenerCounters.
//
// Flood limits: a connection holds a HandshakeSlots slot from accept until its
// handshake ends; at most max_pending_handshakes at once and
// max_pending_per_source per source (IPv4 address, IPv6 /64), with the eviction
// policy described in handshake_slots.h, so a flood bounds our memory and file
// descriptors and a pinned peer dialling from elsewhere still gets a slot.
// Established connections no longer count: they are the owner's.
//
// Depends on: net/connection.h, net/handshake_slots.h, net/pending_socket.h,
// session/link_handshake.h. Thread-safety: none; everything, including the
// callbacks and the ReplayGuard, runs on the executor given to Create (the
// station's single io_context thread).
#ifndef OPENLINE_NET_LISTENER_H_
#define OPENLINE_NET_LISTENER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "common/result.h"
#include "crypto/x25519.h"
#include "net/connection.h"
#include "net/constants.h"
#include "net/handshake_slots.h"
#include "net/io.h"
#include "net/pending_socket.h"
#include "session/link_handshake.h"
#include "session/replay_guard.h"

namespace openline::net {

struct ListenerOptions {
  std::chrono::milliseconds handshake_timeout = kHandshakeTimeout;
  size_t max_pending_handshakes = kMaxPendingHandshakes;
  size_t max_pending_per_source = kMaxPendingHandshakesPerSource;
  ConnectionOptions connection;
};

struct ListenerCounters {
  uint64_t accepted = 0;          // handshakes completed, Connections handed over
  uint64_t handshake_failed = 0;  // bad prefix, malformed/undecryptable message 1, I/O
  uint64_t unpinned = 0;          // authenticated initiator key not pinned
  uint64_t replayed = 0;          // initiation timestamp not newer than the last one
  uint64_t timed_out = 0;         // handshake not finished within handshake_timeout
  uint64_t too_many_pending = 0;  // refused or evicted by the handshake slot limits
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  using ConnectionHandler = std::function<void(std::shared_ptr<Connection>)>;

  // Binds and listens on `endpoint` (port 0 picks a free port; see
  // local_endpoint()). `replay_guard` must outlive the Listener. kIo if the
  // address cannot be bound.
  static Result<std::shared_ptr<Listener>> Create(const asio::any_io_executor& executor,
                                                  const tcp::endpoint& endpoint,
                                                  crypto::X25519KeyPair local_static,
                                                  session::PinnedPeers pinned,
                                                  session::ReplayGuard& replay_guard,
                                                  ConnectionHandler on_connection,
                                                  ListenerOptions options = {});

  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  ~Listener() = default;

  // Starts accepting. Call once.
  void Start();
  // Stops accepting and aborts every pending handshake; established
  // Connections are left to their owners. Idempotent. The accept loop keeps
  // the Listener alive until Stop() is called.
  void Stop();

  const tcp::endpoint& local_endpoint() const { return local_endpoint_; }
  const ListenerCounters& counters() const { return counters_; }
  const session::ResponderCounters& responder_counters() const {
    return responder_.counters();
  }
  size_t pending_handshakes() const { return slots_.pending(); }

 private:
  Listener(tcp::acceptor acceptor, crypto::X25519KeyPair local_static,
           session::PinnedPeers pinned, session::ReplayGuard& replay_guard,
           ConnectionHandler on_connection, ListenerOptions options);

  static Awaitable<void> AcceptLoop(std::shared_ptr<Listener> self);
  static Awaitable<void> Handshake(std::shared_ptr<Listener> self,
                                   std::shared_ptr<PendingSocket> pending,
                                   HandshakeSlots::Id slot);
  void Admit(tcp::socket socket);

  tcp::acceptor acceptor_;
  tcp::endpoint local_endpoint_;
  session::Responder responder_;
  ConnectionHandler on_connection_;
  const ListenerOptions options_;
  HandshakeSlots slots_;
  std::map<HandshakeSlots::Id, std::shared_ptr<PendingSocket>> pending_;
  asio::steady_timer accept_pause_;
  ListenerCounters counters_;
  bool stopped_ = false;
};

}  // namespace openline::net

#endif  // OPENLINE_NET_LISTENER_H_
