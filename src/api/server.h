// Server: the station's local HTTP/JSON API listener. It binds (loopback unless
// ServerOptions::allow_remote), accepts connections on its executor, gives each
// its own strand and session (api/http_session.h, api/ws_session.h), and
// enforces the limits of api/constants.h: at most max_sessions connections (the
// next gets a 503 and is closed), header and body limits, request, write and
// idle timeouts.
//
// Stop() is graceful: the listener closes, idle connections close at once,
// requests in progress finish (their response says `Connection: close`), event
// streams get a WebSocket close; whatever is left after shutdown_grace is
// closed by force. Sessions share ownership of the routes and authenticator, so
// destroying the Server never leaves a session with dangling handlers.
//
// Depends on: Asio (the executor), api/router.h, api/authenticator.h.
// Thread-safety: Start() returns a running server; Stop(), port() and the
// counters may be called from any thread. Handlers run on the executor's
// threads; if it has several, handlers for different connections run
// concurrently (pass a strand to serialize them all).
#ifndef OPENLINE_API_SERVER_H_
#define OPENLINE_API_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "api/authenticator.h"
#include "api/router.h"
#include "api/server_options.h"
#include "common/result.h"

namespace openline::api {

struct ServerContext;
class SessionRegistry;

class Server {
 public:
  // Binds and starts accepting. Errors: kInvalidArgument for an address that is
  // not numeric (or "localhost"), or not loopback without allow_remote; kIo when
  // the address cannot be bound (in use, not local).
  static Result<std::unique_ptr<Server>> Start(
      boost::asio::any_io_executor executor, ServerOptions options, Router router,
      std::shared_ptr<const Authenticator> authenticator);

  // Begins a stop if none has begun and closes every connection now; the
  // sessions finish their teardown on the executor.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Graceful stop (see above). `on_stopped` runs on the executor once every
  // connection is closed, if this Server still exists then. Only the first
  // call's callback is kept.
  void Stop(std::function<void()> on_stopped = {});

  uint16_t port() const { return port_; }
  const std::string& address() const { return address_; }  // numeric, bound
  size_t session_count() const;        // open connections, HTTP and WebSocket
  uint64_t rejected_sessions() const;  // refused for max_sessions

 private:
  struct Listener;
  Server() = default;

  std::shared_ptr<Listener> listener_;
  std::shared_ptr<SessionRegistry> registry_;
  std::string address_;
  uint16_t port_ = 0;
};

}  // namespace openline::api

#endif  // OPENLINE_API_SERVER_H_
