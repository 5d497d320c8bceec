// Connection: one established, authenticated link session over a TCP socket,
// seen by its owner as an ordered stream of plaintext messages (each at most
// kMaxMessageLen bytes). On the wire each message is one frame (u16 length,
// one Noise transport message; docs/protocol.md, "Framing").
//
//   Send(): encrypts at once (so nonces follow the call order) and queues the
//     frame; one write is in flight at a time and gathers queued frames (Beast
//     chat-multi's queue). The queue is bounded in bytes: when a message does
//     not fit, Send() refuses it with kTooLarge before touching the session,
//     and the owner keeps the message (the link layer has its own queue).
//   Receiving: every frame is decrypted and handed to the message handler in
//     order. A frame that fails to decrypt is dropped and counted (the session
//     does not advance its nonce); after kMaxRejectedFrames such frames the
//     next one closes the connection. A framing error (zero length) closes it.
//   Idle timeout: no byte at all for `idle_timeout` closes the connection, so
//     a half-dead peer costs nothing for long.
//
// The handshake happens before (Listener, Dialer); a Connection only ever sees
// transport frames. Ownership: always held by std::shared_ptr; its coroutines
// keep it alive while the socket is open, and the owner keeps it for as long as
// it wants the link. Both handlers are dropped after the close handler ran, so
// they may capture the owner's shared_ptr without a cycle outliving the link.
//
// Depends on: net/io.h, session/transport_session.h, wire/frame.h.
// Thread-safety: none. Every method and both handlers run on the executor of
// the socket (one io_context thread per station); call from that thread only.
#ifndef OPENLINE_NET_CONNECTION_H_
#define OPENLINE_NET_CONNECTION_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/x25519.h"
#include "net/constants.h"
#include "net/duplicate_rule.h"
#include "net/io.h"
#include "session/tai64n.h"
#include "session/transport_session.h"
#include "wire/frame.h"

namespace openline::net {

struct ConnectionOptions {
  std::chrono::milliseconds idle_timeout = kIdleTimeout;
  size_t max_send_queue_bytes = kMaxSendQueueBytes;
  uint32_t max_rejected_frames = kMaxRejectedFrames;
};

enum class CloseReason {
  kLocal,             // Close() was called
  kPeerClosed,        // end of stream
  kIoError,           // the socket failed (reset, ...)
  kIdleTimedOut,      // no byte for idle_timeout
  kFramingError,      // a zero-length frame
  kTooManyRejected,   // more than max_rejected_frames frames failed to decrypt
  kSessionExhausted,  // the session refused (message limit): handshake again
};
std::string_view ToString(CloseReason reason);

struct ConnectionStats {
  uint64_t bytes_in = 0;         // from the socket, frame headers included
  uint64_t bytes_out = 0;        // to the socket
  uint64_t messages_in = 0;      // decrypted and handed to the handler
  uint64_t messages_out = 0;     // written to the socket
  uint64_t frames_rejected = 0;  // dropped: did not decrypt
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using MessageHandler = std::function<void(Bytes plaintext)>;
  using CloseHandler = std::function<void(CloseReason reason)>;

  // `socket` is connected and finished the handshake that produced `session`;
  // `initiation_timestamp` is the TAI64N of that handshake's message 1.
  static std::shared_ptr<Connection> Create(tcp::socket socket,
                                            session::TransportSession session,
                                            bool initiated_locally,
                                            session::Tai64n initiation_timestamp,
                                            ConnectionOptions options = {});

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Starts reading, writing and the idle watchdog. Call once. `on_message`
  // receives each decrypted message in order; `on_close` runs once, after the
  // socket is closed, from a fresh handler (never inside Send or Close).
  void Start(MessageHandler on_message, CloseHandler on_close);

  // Encrypts `plaintext` and queues it. kTooLarge if it exceeds kMaxMessageLen
  // or does not fit the send queue now (nothing queued, session unchanged);
  // kState once closed. Allowed before Start() (sent once started).
  Status Send(ByteView plaintext);
  // Closes the socket now; queued messages are dropped. Idempotent.
  void Close();

  bool is_open() const { return open_; }
  std::optional<CloseReason> close_reason() const { return close_reason_; }
  const crypto::X25519Public& peer_static() const { return session_.peer_static(); }
  ByteView session_id() const { return session_.session_id(); }
  bool initiated_locally() const { return initiated_locally_; }
  const session::Tai64n& initiation_timestamp() const { return initiation_timestamp_; }
  // What the duplicate rule (duplicate_rule.h) needs; borrows session_id.
  ConnectionFacts facts() const {
    return {initiated_locally_, initiation_timestamp_, session_.session_id()};
  }
  // The session's own advice to hand over to a fresh handshake.
  bool ShouldRehandshake(std::chrono::system_clock::time_point now) const {
    return session_.ShouldRehandshake(now);
  }
  const tcp::endpoint& remote_endpoint() const { return remote_endpoint_; }
  const ConnectionStats& stats() const { return stats_; }
  size_t queued_bytes() const { return queued_bytes_; }

 private:
  Connection(tcp::socket socket, session::TransportSession session,
             bool initiated_locally, session::Tai64n initiation_timestamp,
             ConnectionOptions options);

  static Awaitable<void> ReadLoop(std::shared_ptr<Connection> self);
  static Awaitable<void> WriteLoop(std::shared_ptr<Connection> self);
  static Awaitable<void> IdleWatchdog(std::shared_ptr<Connection> self);
  // Decrypts and delivers one frame; false if the connection was closed.
  bool OnFrame(const Bytes& frame);
  void Shutdown(CloseReason reason);

  tcp::socket socket_;
  tcp::endpoint remote_endpoint_;
  session::TransportSession session_;
  const bool initiated_locally_;
  const session::Tai64n initiation_timestamp_;
  const ConnectionOptions options_;

  MessageHandler on_message_;
  CloseHandler on_close_;
  bool started_ = false;
  bool open_ = true;
  std::optional<CloseReason> close_reason_;
  ConnectionStats stats_;

  wire::FrameDecoder decoder_;
  std::array<uint8_t, kReadChunkLen> read_buffer_{};
  asio::steady_timer idle_timer_;
  std::chrono::steady_clock::time_point idle_deadline_;

  std::deque<Bytes> send_queue_;  // framed ciphertexts; deque keeps references stable
  size_t queued_bytes_ = 0;
  asio::steady_timer write_wakeup_;  // never expires; cancel() wakes the writer
};

}  // namespace openline::net

#endif  // OPENLINE_NET_CONNECTION_H_
