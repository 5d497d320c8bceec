#include "api/ws_session.h"

#include <deque>
#include <string>
#include <utility>

#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "api/constants.h"
#include "api/fail.h"
#include "api/json_body.h"
#include "api/response.h"

namespace openline::api {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

class WsSession final : public Session,
                        public EventSink,
                        public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(beast::tcp_stream stream, std::shared_ptr<Broadcaster> events,
            SessionRegistry::Slot slot, std::shared_ptr<const ServerContext> context)
      : executor_(stream.get_executor()),
        ws_(std::move(stream)),
        events_(std::move(events)),
        slot_(std::move(slot)),
        context_(std::move(context)) {}

  ~WsSession() override { events_->Leave(this); }

  void Run(HttpRequest request) {
    request_ = std::move(request);
    if (!slot_.Attach(weak_from_this())) closing_ = true;
    const ServerOptions& options = context_->options;
    websocket::stream_base::timeout timeout;
    timeout.handshake_timeout = options.ws_handshake_timeout;
    timeout.idle_timeout = options.ws_idle_timeout;
    timeout.keep_alive_pings = true;
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "openline"); }));
    ws_.read_message_max(kWsReadMessageMax);
    ws_.text(true);
    ws_.async_accept(request_,
                     beast::bind_front_handler(&WsSession::OnAccept, shared_from_this()));
  }

  void Deliver(std::shared_ptr<const std::string> event) override {
    net::post(executor_, [self = shared_from_this(), event = std::move(event)]() mutable {
      self->Enqueue(std::move(event));
    });
  }

  void Shutdown(bool force) override {
    net::post(executor_, [self = shared_from_this(), force] { self->DoShutdown(force); });
  }

 private:
  void OnAccept(beast::error_code ec) {
    if (ec) return Fail(ec, "websocket accept");
    if (closing_) return StartClose();  // a stop began during the handshake
    events_->Join(shared_from_this());
    DoRead();
  }

  void DoRead() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&WsSession::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t /*bytes*/) {
    if (ec) {
      // Closed by the client, timed out, too large or dropped by us: either way
      // the stream is over. Beast has already answered a protocol violation.
      if (!closing_) Fail(ec, "websocket read");
      Abandon();
      return;
    }
    buffer_.consume(buffer_.size());
    static const auto kReadOnly = std::make_shared<const std::string>(DumpJson(
        Response::Error(HttpStatus::kBadRequest, "read_only",
                        "the event stream is server-to-client; messages are ignored")
            .body));
    Enqueue(kReadOnly);
    DoRead();
  }

  void Enqueue(std::shared_ptr<const std::string> event) {
    if (closing_) return;
    const ServerOptions& options = context_->options;
    if (queued_count_ + 1 > options.ws_max_queued_messages ||
        queued_bytes_ + event->size() > options.ws_max_queued_bytes) {
      // Too far behind: dropping this client beats buffering without bound.
      events_->CountDropped();
      Fail(net::error::no_buffer_space, "event stream client fell behind; disconnected");
      return Drop();
    }
    ++queued_count_;
    queued_bytes_ += event->size();
    queue_.push_back(std::move(event));
    if (!writing_) DoWrite();
  }

  void DoWrite() {
    writing_ = std::move(queue_.front());
    queue_.pop_front();
    ws_.async_write(net::buffer(*writing_),
                    beast::bind_front_handler(&WsSession::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t /*bytes*/) {
    --queued_count_;
    queued_bytes_ -= writing_->size();
    writing_.reset();
    if (ec) {
      if (!closing_) Fail(ec, "websocket write");
      return Abandon();
    }
    if (closing_) {
      if (close_after_write_) StartClose();
      return;
    }
    if (!queue_.empty()) DoWrite();
  }

  void DoShutdown(bool force) {
    if (force) return Drop();
    if (closing_) return;
    closing_ = true;
    ClearQueue();
    if (writing_) {
      close_after_write_ = true;
    } else {
      StartClose();
    }
  }

  // The closing handshake; the pending read then ends with error::closed.
  void StartClose() {
    closing_ = true;
    ws_.async_close(websocket::close_code::going_away,
                    [self = shared_from_this()](beast::error_code ec) {
                      Fail(ec, "websocket close");
                    });
  }

  // Stops queueing; the connection is already gone.
  void Abandon() {
    closing_ = true;
    ClearQueue();
  }

  // Closes the socket at once: pending operations fail and release the session.
  void Drop() {
    Abandon();
    beast::error_code ec;
    auto& socket = beast::get_lowest_layer(ws_).socket();
    socket.shutdown(net::ip::tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(ws_).close();
  }

  // Forgets queued events; the one being written stays alive until its write
  // completes, since the socket still reads from its bytes.
  void ClearQueue() {
    for (const auto& event : queue_) queued_bytes_ -= event->size();
    queued_count_ -= queue_.size();
    queue_.clear();
  }

  const net::any_io_executor executor_;  // the strand; immutable, read from any thread
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  HttpRequest request_;
  const std::shared_ptr<Broadcaster> events_;
  SessionRegistry::Slot slot_;
  const std::shared_ptr<const ServerContext> context_;

  std::deque<std::shared_ptr<const std::string>> queue_;  // waiting, not yet written
  std::shared_ptr<const std::string> writing_;            // the one write in flight
  size_t queued_count_ = 0;                               // queue_ + writing_
  size_t queued_bytes_ = 0;                               // queue_ + writing_
  bool closing_ = false;
  bool close_after_write_ = false;
};

}  // namespace

void StartWsSession(beast::tcp_stream stream, HttpRequest request,
                    std::shared_ptr<Broadcaster> events, SessionRegistry::Slot slot,
                    std::shared_ptr<const ServerContext> context) {
  std::make_shared<WsSession>(std::move(stream), std::move(events), std::move(slot),
                              std::move(context))
      ->Run(std::move(request));
}

}  // namespace openline::api
