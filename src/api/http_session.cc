#include "api/http_session.h"

#include <array>
#include <exception>
#include <optional>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "api/constants.h"
#include "api/fail.h"
#include "api/ws_session.h"

namespace openline::api {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);

class HttpSession final : public Session,
                          public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, SessionRegistry::Slot slot,
              std::shared_ptr<const ServerContext> context)
      : executor_(socket.get_executor()),
        stream_(std::move(socket)),
        buffer_(kReadBufferLimit),
        slot_(std::move(slot)),
        context_(std::move(context)) {}

  void Start() {
    if (!slot_.Attach(weak_from_this())) stopping_ = true;
    net::co_spawn(executor_, Run(shared_from_this()), [](std::exception_ptr e) {
      // Handlers must not throw; one that did is a bug, and hiding it would
      // leave the station answering wrongly. Let it reach io_context::run().
      if (e) std::rethrow_exception(e);
    });
  }

  void Shutdown(bool force) override {
    net::post(executor_, [self = shared_from_this(), force] { self->DoShutdown(force); });
  }

 private:
  enum class State { kIdle, kBusy, kDone };

  // Whether to end the connection after this response. The registry's flag is
  // set before any session hears of the stop, so no answer sent after Stop()
  // promises to keep the connection.
  bool Stopping() const { return stopping_ || context_->registry->stopping(); }

  void DoShutdown(bool force) {
    stopping_ = true;
    if (state_ == State::kDone) return;
    if (force || state_ == State::kIdle) {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      stream_.close();
    }
  }

  net::awaitable<void> Run(std::shared_ptr<HttpSession> /*self*/) {
    for (;;) {
      if (buffer_.size() == 0) {
        if (Stopping()) break;
        state_ = State::kIdle;
        stream_.expires_after(context_->options.idle_timeout);
        auto [ec, n] =
            co_await stream_.async_read_some(buffer_.prepare(kIdleReadChunk), kAsTuple);
        if (ec) {
          // An idle keep-alive connection timing out is routine.
          if (!stopping_ && ec != beast::error::timeout) Fail(ec, "wait for request");
          break;
        }
        buffer_.commit(n);
      }
      state_ = State::kBusy;
      if (!co_await ServeOne()) break;
    }
    if (state_ != State::kDone && !handed_off_) {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
    state_ = State::kDone;
  }

  // Serves one request; true to keep the connection for the next one.
  net::awaitable<bool> ServeOne() {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(kMaxBodyLimit);  // lowered to the route's limit once admitted
    // One deadline for the whole request, header and body: a trickle of bytes
    // does not extend it.
    stream_.expires_after(context_->options.request_timeout);
    auto [ec, n] = co_await http::async_read_header(stream_, buffer_, parser, kAsTuple);
    if (ec) co_return co_await RefuseRead(ec, 11);

    const HttpRequest& head = parser.get();
    std::optional<uint64_t> length;
    if (auto declared = parser.content_length()) length = *declared;
    bool has_body = parser.chunked() || length.value_or(0) > 0;
    auto admission = context_->dispatcher.Admit(head, length, parser.chunked());
    if (!admission) {
      bool keep_alive = !has_body && head.keep_alive() && !Stopping();
      bool written = co_await Write(admission.error(), head.version(), keep_alive);
      if (written && has_body) co_await LingeringClose();
      co_return written&& keep_alive;
    }
    if (admission->route->events) {
      handed_off_ = true;
      state_ = State::kDone;
      stream_.expires_never();  // the WebSocket stream keeps its own timeouts
      StartWsSession(std::move(stream_), parser.release(), admission->route->events,
                     std::move(slot_), context_);
      co_return false;
    }
    if (has_body && EqualsIgnoreCase(head[http::field::expect], "100-continue")) {
      http::response<http::empty_body> go_on{http::status::continue_, head.version()};
      auto [wec, wn] = co_await http::async_write(stream_, go_on, kAsTuple);
      if (wec) {
        Fail(wec, "write 100 Continue");
        co_return false;
      }
    }
    parser.body_limit(admission->route->options.body_limit);
    auto [bec, bn] = co_await http::async_read(stream_, buffer_, parser, kAsTuple);
    if (bec) co_return co_await RefuseRead(bec, head.version());

    boost::system::error_code peer_ec;
    const auto peer = stream_.socket().remote_endpoint(peer_ec);
    if (!peer_ec) admission->peer_address = peer.address().to_string();
    Response response = context_->dispatcher.Handle(*std::move(admission), parser.get());

    bool keep_alive = parser.get().keep_alive() && !Stopping();
    bool written = co_await Write(response, parser.get().version(), keep_alive);
    co_return written&& keep_alive;
  }

  // Answers a read error if it deserves an answer (413, 431, 400); never keeps
  // the connection, since the rest of the request is unread.
  net::awaitable<bool> RefuseRead(const beast::error_code& ec, unsigned version) {
    auto response = ReadErrorResponse(ec);
    if (!response) {
      if (!stopping_) Fail(ec, "read request");
      co_return false;
    }
    if (co_await Write(*response, version, false)) co_await LingeringClose();
    co_return false;
  }

  net::awaitable<bool> Write(const Response& response, unsigned version,
                             bool keep_alive) {
    HttpResponse message = Dispatcher::Render(response, version, keep_alive);
    stream_.expires_after(context_->options.write_timeout);
    auto [ec, n] = co_await http::async_write(stream_, message, kAsTuple);
    if (ec) {
      if (!stopping_) Fail(ec, "write response");
      co_return false;
    }
    co_return true;
  }

  // Closing with unread request bytes makes the kernel send a reset, which can
  // destroy the error response before the client reads it. Half-close, then
  // read and drop what is still coming, within bounds.
  net::awaitable<void> LingeringClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTimeout);
    std::array<char, 16 * 1024> scratch;
    size_t drained = 0;
    while (drained < kLingerMaxBytes) {
      auto [rec, n] = co_await stream_.async_read_some(net::buffer(scratch), kAsTuple);
      if (rec) break;
      drained += n;
    }
  }

  const net::any_io_executor executor_;  // the strand; immutable, read from any thread
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  SessionRegistry::Slot slot_;
  const std::shared_ptr<const ServerContext> context_;
  State state_ = State::kIdle;
  bool stopping_ = false;
  bool handed_off_ = false;
};

}  // namespace

void StartHttpSession(tcp::socket socket, SessionRegistry::Slot slot,
                      std::shared_ptr<const ServerContext> context) {
  std::make_shared<HttpSession>(std::move(socket), std::move(slot), std::move(context))
      ->Start();
}

}  // namespace openline::api
