// ServerOptions: where the API server listens and the limits it enforces. The
// defaults are the constants of api/constants.h; tests shrink the timeouts and
// queue bounds to provoke them quickly.
//
// Depends on: api/constants.h. Thread-safety: a value.
#ifndef OPENLINE_API_SERVER_OPTIONS_H_
#define OPENLINE_API_SERVER_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "api/constants.h"

namespace openline::api {

struct ServerOptions {
  // A numeric address or "localhost". Anything but loopback is refused unless
  // allow_remote is set: the API hands out a station's whole authority.
  std::string address = kDefaultAddress;
  uint16_t port = kDefaultPort;  // 0 picks a free port (tests)
  bool allow_remote = false;
  // Host field values (host part, any port) answered; empty means loopback
  // names ("localhost", "127.0.0.1", "[::1]" and the bound address) unless
  // allow_remote, where it means any.
  std::vector<std::string> allowed_hosts;

  size_t max_sessions = kMaxSessions;
  std::chrono::milliseconds request_timeout = kRequestTimeout;
  std::chrono::milliseconds write_timeout = kWriteTimeout;
  std::chrono::milliseconds idle_timeout = kIdleTimeout;
  std::chrono::milliseconds shutdown_grace = kShutdownGrace;

  size_t ws_max_queued_messages = kWsMaxQueuedMessages;
  size_t ws_max_queued_bytes = kWsMaxQueuedBytes;
  std::chrono::milliseconds ws_handshake_timeout = kWsHandshakeTimeout;
  std::chrono::milliseconds ws_idle_timeout = kWsIdleTimeout;
};

}  // namespace openline::api

#endif  // OPENLINE_API_SERVER_OPTIONS_H_
