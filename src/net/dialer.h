// Dialer: keeps trying to reach one peer station over its tcp:// paths and runs
// the initiator side of the link handshake. Each round tries every path once,
// in preference order (resolve + connect within connect_timeout, then the
// handshake within handshake_timeout); when a round fails, the next one waits
// a Backoff delay (exponential, full jitter, capped). The first connection that
// completes the handshake goes to the owner's callback and the Dialer goes
// idle: the owner calls Start() again when it needs a new connection (its link
// went down), so a connection the duplicate rule closed is not redialled
// behind the owner's back.
//
// Depends on: net/backoff.h, net/connection.h, net/path.h,
// net/pending_socket.h, session/link_handshake.h. Thread-safety: none; every
// method and the callback run on the executor given to Create (the station's
// single io_context thread).
#ifndef OPENLINE_NET_DIALER_H_
#define OPENLINE_NET_DIALER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "common/result.h"
#include "crypto/x25519.h"
#include "net/backoff.h"
#include "net/connection.h"
#include "net/constants.h"
#include "net/io.h"
#include "net/path.h"
#include "net/pending_socket.h"

namespace openline::net {

struct DialerOptions {
  BackoffPolicy backoff;
  std::chrono::milliseconds connect_timeout = kConnectTimeout;
  std::chrono::milliseconds handshake_timeout = kHandshakeTimeout;
  ConnectionOptions connection;
  // Seeds the jitter; unset means a random seed. Tests fix it to get the same
  // schedule every run.
  std::optional<uint64_t> jitter_seed;
};

struct DialerCounters {
  uint64_t attempts = 0;          // connection attempts (one per path per round)
  uint64_t connect_failed = 0;    // resolve or TCP connect failed or timed out
  uint64_t handshake_failed = 0;  // no valid response (closed, refused, timed out, bad)
  uint64_t established = 0;       // Connections handed to the callback
};

class Dialer : public std::enable_shared_from_this<Dialer> {
 public:
  using ConnectionHandler = std::function<void(std::shared_ptr<Connection>)>;

  // `peer_static` is the pinned key of the station at `paths` (1 to
  // kMaxPathsPerDialer, each dialable: kUnsupported for relay paths,
  // kInvalidArgument for none or too many).
  static Result<std::shared_ptr<Dialer>> Create(const asio::any_io_executor& executor,
                                                crypto::X25519KeyPair local_static,
                                                const crypto::X25519Public& peer_static,
                                                std::vector<Path> paths,
                                                ConnectionHandler on_connection,
                                                DialerOptions options = {});

  Dialer(const Dialer&) = delete;
  Dialer& operator=(const Dialer&) = delete;
  ~Dialer() = default;

  // Dials until one connection is established (backoff starts afresh), then
  // hands it over and goes idle. Does nothing while already dialling.
  void Start();
  // Stops dialling: cancels the wait and aborts an attempt in progress. While
  // dialling, the dial loop keeps the Dialer alive.
  void Stop();

  bool dialing() const { return dialing_; }
  const DialerCounters& counters() const { return counters_; }
  // The schedule's current state (failures so far, largest next delay).
  const Backoff& backoff() const { return backoff_; }
  const crypto::X25519Public& peer_static() const { return peer_static_; }

 private:
  Dialer(const asio::any_io_executor& executor, crypto::X25519KeyPair local_static,
         const crypto::X25519Public& peer_static, std::vector<Path> paths,
         ConnectionHandler on_connection, DialerOptions options, uint64_t seed);

  static Awaitable<void> Run(std::shared_ptr<Dialer> self, uint64_t generation);
  static Awaitable<Result<std::shared_ptr<Connection>>> Attempt(
      std::shared_ptr<Dialer> self, Path path);
  bool Current(uint64_t generation) const {
    return dialing_ && generation == generation_;
  }

  asio::any_io_executor executor_;
  crypto::X25519KeyPair local_static_;
  const crypto::X25519Public peer_static_;
  const std::vector<Path> paths_;
  ConnectionHandler on_connection_;
  const DialerOptions options_;
  Backoff backoff_;
  asio::steady_timer retry_timer_;
  std::shared_ptr<PendingSocket> attempt_;  // the attempt in progress, for Stop()
  DialerCounters counters_;
  bool dialing_ = false;
  uint64_t generation_ = 0;  // bumped by Start and Stop: older runs notice and end
};

}  // namespace openline::net

#endif  // OPENLINE_NET_DIALER_H_
