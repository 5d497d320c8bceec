// Every limit and timeout of the local HTTP/JSON API in one place. The station's
// API faces a browser and scripts on the same machine, but it is still parsing
// untrusted bytes, so each limit bounds memory or time that one client can take.
// ServerOptions copies the defaults below; tests shrink some of them.
//
// Depends on: nothing. Thread-safety: constants.
#ifndef OPENLINE_API_CONSTANTS_H_
#define OPENLINE_API_CONSTANTS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace openline::api {

// ---- Specification: what clients see (documented in docs/api.md) ----

// The loopback address the server binds unless told otherwise.
inline constexpr const char* kDefaultAddress = "127.0.0.1";
// The default API port of a station (the CLI's default target).
inline constexpr uint16_t kDefaultPort = 7100;
// Every JSON body the server sends has this media type.
inline constexpr const char* kJsonContentType = "application/json";

// ---- Implementation: limits on what one client may make the server hold ----

// The request line plus all header fields, in bytes (Beast's header_limit).
inline constexpr uint32_t kHeaderLimit = 8 * 1024;
// The request body a route accepts unless it declares its own limit.
inline constexpr size_t kDefaultBodyLimit = 1024 * 1024;
// The ceiling on any route's body limit; a route asking for more is a bug.
inline constexpr size_t kMaxBodyLimit = 16 * 1024 * 1024;
// The longest request target (path and query), in bytes; longer gets 414.
inline constexpr size_t kMaxTargetLength = 2048;
// Query parameters in one request target; more is a 400.
inline constexpr size_t kMaxQueryParams = 32;
// Nesting depth of a JSON request body. nlohmann's dump() recurses, so an
// unbounded depth would let a body of brackets overflow the stack on the way out.
inline constexpr size_t kMaxJsonDepth = 64;
// Bytes the read buffer of one connection may hold beyond what the parser took.
inline constexpr size_t kReadBufferLimit = 64 * 1024;
// Bytes read while waiting for the first byte of the next request.
inline constexpr size_t kIdleReadChunk = 4 * 1024;

// Time from the first byte of a request to its last. A client that trickles its
// header byte by byte (slow loris) is cut off here, however steady the trickle.
inline constexpr std::chrono::seconds kRequestTimeout{10};
// Time to send one response before the connection is dropped.
inline constexpr std::chrono::seconds kWriteTimeout{10};
// Time a keep-alive connection may sit between requests.
inline constexpr std::chrono::seconds kIdleTimeout{60};
// After refusing a request whose body was not read, the server reads and drops
// what the client is still sending for at most this long and this many bytes
// before closing, so the client reads the error instead of a connection reset.
inline constexpr std::chrono::seconds kLingerTimeout{2};
inline constexpr size_t kLingerMaxBytes = kMaxBodyLimit;
// How long a graceful stop lets in-flight requests finish before closing them.
inline constexpr std::chrono::seconds kShutdownGrace{5};

// Open connections (HTTP and WebSocket together); one more is answered 503.
inline constexpr size_t kMaxSessions = 256;

// ---- WebSocket event stream ----

// The largest message a client may send on the event stream (it sends none that
// matter; this only bounds what a misbehaving one makes the server buffer).
inline constexpr size_t kWsReadMessageMax = 4 * 1024;
// Events queued for one client, counting the one being written. A client that
// falls this far behind is disconnected instead of growing the queue.
inline constexpr size_t kWsMaxQueuedMessages = 1024;
// Bytes queued for one client, for the same reason.
inline constexpr size_t kWsMaxQueuedBytes = 4 * 1024 * 1024;
// Time for the WebSocket opening and closing handshakes.
inline constexpr std::chrono::seconds kWsHandshakeTimeout{10};
// A client that sends nothing (not even a pong) for this long is dropped; the
// server pings it at half this interval, so a live but quiet client stays.
inline constexpr std::chrono::seconds kWsIdleTimeout{60};

// ---- Client (the CLI) ----

// Time for one whole request (connect, send, receive) from the CLI.
inline constexpr std::chrono::seconds kClientTimeout{10};
// The largest response body the CLI accepts.
inline constexpr size_t kClientMaxResponseBody = 64 * 1024 * 1024;
// The largest event the CLI accepts on the event stream.
inline constexpr size_t kClientMaxEventBytes = 4 * 1024 * 1024;

}  // namespace openline::api

#endif  // OPENLINE_API_CONSTANTS_H_
