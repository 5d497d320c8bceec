// One HTTP/1.1 connection (keep-alive), served by one coroutine on its own
// strand. Per request: wait for the first byte (idle timeout), read the header
// (request timeout, header limit), admit it (api/dispatcher.h), read the body
// (the route's body limit, same request timeout), run the handler, write the
// response (write timeout). A refused request whose body was not read closes
// the connection after a short lingering drain. An upgrade to an event stream
// hands the connection, and its registry slot, to a WebSocket session.
//
// Graceful stop: an idle connection is closed at once; one in the middle of a
// request finishes it, answers with `Connection: close` and closes.
//
// Depends on: Beast/Asio, api/server_context.h. Thread-safety: the session
// runs on its strand; Shutdown() may be called from any thread.
#ifndef OPENLINE_API_HTTP_SESSION_H_
#define OPENLINE_API_HTTP_SESSION_H_

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "api/server_context.h"
#include "api/session_registry.h"

namespace openline::api {

// `socket` must be bound to a strand (the session's executor).
void StartHttpSession(boost::asio::ip::tcp::socket socket, SessionRegistry::Slot slot,
                      std::shared_ptr<const ServerContext> context);

}  // namespace openline::api

#endif  // OPENLINE_API_HTTP_SESSION_H_
