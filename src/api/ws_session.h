// One WebSocket event-stream connection, in the style of Beast's chat-multi
// websocket_session: it joins a Broadcaster as an EventSink, and every event
// posted to it goes through its own write queue with one write in flight. The
// queue is bounded (ServerOptions::ws_max_queued_messages and _bytes, counting
// the message being written): a client that falls that far behind is
// disconnected and counted (Broadcaster::dropped()), never allowed to grow
// memory or slow the others. Messages from the client are bounded
// (kWsReadMessageMax) and answered with an error event; the stream is
// server-to-client. A silent client is pinged and dropped after the idle timeout.
//
// Depends on: Beast/Asio, api/broadcaster.h, api/server_context.h.
// Thread-safety: runs on its strand; Deliver() and Shutdown() may be called from
// any thread (they post onto the strand).
#ifndef OPENLINE_API_WS_SESSION_H_
#define OPENLINE_API_WS_SESSION_H_

#include <memory>

#include <boost/beast/core/tcp_stream.hpp>

#include "api/broadcaster.h"
#include "api/dispatcher.h"
#include "api/server_context.h"
#include "api/session_registry.h"

namespace openline::api {

// Completes the upgrade `request` (already admitted and authenticated) on
// `stream` and subscribes the connection to `events`.
void StartWsSession(boost::beast::tcp_stream stream, HttpRequest request,
                    std::shared_ptr<Broadcaster> events, SessionRegistry::Slot slot,
                    std::shared_ptr<const ServerContext> context);

}  // namespace openline::api

#endif  // OPENLINE_API_WS_SESSION_H_
