#include "api/client.h"

#include <exception>
#include <optional>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket.hpp>

#include "api/json_body.h"
#include "crypto/secret.h"

namespace openline::api {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);

http::verb ToVerb(Method method) {
  switch (method) {
    case Method::kGet:
      return http::verb::get;
    case Method::kHead:
      return http::verb::head;
    case Method::kPost:
      return http::verb::post;
    case Method::kPut:
      return http::verb::put;
    case Method::kPatch:
      return http::verb::patch;
    case Method::kDelete:
      return http::verb::delete_;
    case Method::kOptions:
      return http::verb::options;
    case Method::kOther:
      break;
  }
  return http::verb::unknown;
}

std::string Seconds(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms) + " ms";
}

// Parses a body the station sent; empty is null.
Result<nlohmann::json> ParseReply(std::string_view text) {
  if (text.empty()) return nlohmann::json();
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kMalformed,
                     std::string("the station sent malformed JSON: ") + e.what());
  }
}

// Runs one client coroutine to completion on a private io_context.
template <class T>
T RunBlocking(net::awaitable<T> task) {
  net::io_context ioc;
  std::optional<T> out;
  net::co_spawn(ioc, std::move(task), [&out](std::exception_ptr e, T value) {
    if (e) std::rethrow_exception(e);
    out = std::move(value);
  });
  ioc.run();
  return std::move(*out);
}

class Call {
 public:
  Call(const Client& client, const ClientOptions& options)
      : client_(client), options_(options) {}

  std::string Unreachable(const beast::error_code& ec) const {
    std::string why;
    if (ec == net::error::connection_refused) {
      why = "connection refused (is `openline station` running?)";
    } else if (ec == beast::error::timeout) {
      why = "no answer within " + Seconds(options_.timeout);
    } else if (ec == net::error::host_not_found ||
               ec == net::error::host_not_found_try_again) {
      why = "unknown host";
    } else {
      why = ec.message();
    }
    return "cannot reach the station at " + client_.Where() + ": " + why;
  }

  // Resolves and connects within the deadline already set on `stream`.
  net::awaitable<Status> Connect(beast::tcp_stream& stream) const {
    tcp::resolver resolver(stream.get_executor());
    auto [rec, endpoints] =
        co_await resolver.async_resolve(options_.host, std::to_string(options_.port),
                                        tcp::resolver::numeric_service, kAsTuple);
    if (rec) co_return MakeError(ErrorCode::kIo, Unreachable(rec));
    auto [cec, endpoint] = co_await stream.async_connect(endpoints, kAsTuple);
    if (cec) co_return MakeError(ErrorCode::kIo, Unreachable(cec));
    co_return Ok();
  }

  std::string Authorization() const { return "Bearer " + options_.token; }

 protected:
  const Client& client_;
  const ClientOptions& options_;
};

class RequestCall : public Call {
 public:
  using Call::Call;

  net::awaitable<Result<ClientResponse>> Run(Method method, std::string path,
                                             std::optional<std::string> body) const {
    auto executor = co_await net::this_coro::executor;
    beast::tcp_stream stream(executor);
    stream.expires_after(options_.timeout);
    if (auto connected = co_await Connect(stream); !connected) {
      co_return tl::unexpected(connected.error());
    }

    http::request<http::string_body> req{ToVerb(method), path, 11};
    req.set(http::field::host, client_.Where());
    req.set(http::field::user_agent, "openline-cli");
    if (!options_.token.empty()) req.set(http::field::authorization, Authorization());
    if (body) {
      req.set(http::field::content_type, kJsonContentType);
      req.body() = std::move(*body);
    }
    req.keep_alive(false);
    req.prepare_payload();
    auto [wec, wn] = co_await http::async_write(stream, req, kAsTuple);
    // Read even if the write failed: a station refusing a request early (413)
    // answers and closes while the body is still on its way.
    http::response_parser<http::string_body> parser;
    parser.body_limit(kClientMaxResponseBody);
    parser.skip(method == Method::kHead);  // a HEAD answer announces a body it lacks
    beast::flat_buffer buffer;
    auto [rec, rn] = co_await http::async_read(stream, buffer, parser, kAsTuple);
    if (rec) {
      const beast::error_code& ec = wec ? wec : rec;
      if (ec == beast::error::timeout)
        co_return MakeError(ErrorCode::kIo, Unreachable(ec));
      co_return MakeError(ErrorCode::kIo, "the station at " + client_.Where() +
                                              " did not answer: " + ec.message());
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);

    ClientResponse response;
    response.status = parser.get().result_int();
    const auto type = parser.get()[http::field::content_type];
    if (!type.empty() && !type.starts_with("application/json")) {
      response.text = std::move(parser.get().body());
      co_return response;
    }
    auto json = ParseReply(parser.get().body());
    if (!json) co_return tl::unexpected(json.error());
    response.body = *std::move(json);
    co_return response;
  }
};

class StreamCall : public Call {
 public:
  using Call::Call;

  net::awaitable<Status> Run(
      std::string path,
      const std::function<bool(const nlohmann::json&)>& on_event) const {
    auto executor = co_await net::this_coro::executor;
    beast::tcp_stream stream(executor);
    stream.expires_after(options_.timeout);
    if (auto connected = co_await Connect(stream); !connected) {
      co_return tl::unexpected(connected.error());
    }
    websocket::stream<beast::tcp_stream> ws(std::move(stream));
    std::string authorization = options_.token.empty() ? "" : Authorization();
    ws.set_option(websocket::stream_base::decorator([&](websocket::request_type& req) {
      req.set(http::field::user_agent, "openline-cli");
      if (!authorization.empty()) req.set(http::field::authorization, authorization);
    }));
    websocket::response_type res;
    auto [hec] = co_await ws.async_handshake(res, client_.Where(), path, kAsTuple);
    crypto::Wipe(authorization.data(), authorization.size());
    if (hec == websocket::error::upgrade_declined) {
      std::string reason = std::to_string(res.result_int());
      if (auto json = ParseReply(res.body()); json && json->is_object()) {
        ClientResponse refused{res.result_int(), *json, {}};
        if (!refused.error_message().empty()) reason += ": " + refused.error_message();
      }
      co_return MakeError(ErrorCode::kState, "the station at " + client_.Where() +
                                                 " refused the event stream: " + reason);
    }
    if (hec) co_return MakeError(ErrorCode::kIo, Unreachable(hec));

    // From here the stream may be quiet for hours; keep-alive pings, not a
    // deadline, tell a dead station from a calm one.
    beast::get_lowest_layer(ws).expires_never();
    websocket::stream_base::timeout timeout;
    timeout.handshake_timeout = options_.timeout;
    timeout.idle_timeout = 2 * kWsIdleTimeout;
    timeout.keep_alive_pings = true;
    ws.set_option(timeout);
    ws.read_message_max(kClientMaxEventBytes);

    beast::flat_buffer buffer;
    for (;;) {
      auto [ec, n] = co_await ws.async_read(buffer, kAsTuple);
      if (ec == websocket::error::closed) {
        std::string reason(ws.reason().reason.c_str());
        co_return MakeError(ErrorCode::kState,
                            "the station closed the event stream" +
                                (reason.empty() ? std::string() : " (" + reason + ")"));
      }
      if (ec) {
        co_return MakeError(ErrorCode::kIo, "lost the event stream from " +
                                                client_.Where() + ": " + ec.message());
      }
      auto event = ParseReply(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
      if (!event) co_return tl::unexpected(event.error());
      if (!on_event(*event)) {
        auto [cec] = co_await ws.async_close(websocket::close_code::normal, kAsTuple);
        (void)cec;  // we are leaving either way
        co_return Ok();
      }
    }
  }
};

}  // namespace

std::string ClientResponse::error_code() const {
  if (!body.is_object()) return "";
  auto error = body.find("error");
  if (error == body.end() || !error->is_object()) return "";
  auto code = error->find("code");
  return code != error->end() && code->is_string() ? code->get<std::string>() : "";
}

std::string ClientResponse::error_message() const {
  if (!body.is_object()) return "";
  auto error = body.find("error");
  if (error == body.end() || !error->is_object()) return "";
  auto message = error->find("message");
  return message != error->end() && message->is_string() ? message->get<std::string>()
                                                         : "";
}

Client::Client(ClientOptions options) : options_(std::move(options)) {}

Client::~Client() { crypto::Wipe(options_.token.data(), options_.token.size()); }

std::string Client::Where() const {
  bool v6 = options_.host.find(':') != std::string::npos;
  return (v6 ? "[" + options_.host + "]" : options_.host) + ":" +
         std::to_string(options_.port);
}

Result<ClientResponse> Client::Get(std::string_view path) const {
  return Send(Method::kGet, path, nullptr);
}

Result<ClientResponse> Client::Post(std::string_view path,
                                    const nlohmann::json& body) const {
  return Send(Method::kPost, path, &body);
}

Result<ClientResponse> Client::Send(Method method, std::string_view path,
                                    const nlohmann::json* body) const {
  if (ToVerb(method) == http::verb::unknown) {
    return MakeError(ErrorCode::kInvalidArgument, "no such HTTP method");
  }
  std::optional<std::string> text;
  if (body != nullptr && !body->is_null()) text = DumpJson(*body);
  RequestCall call(*this, options_);
  return RunBlocking(call.Run(method, std::string(path), std::move(text)));
}

Status Client::StreamEvents(const std::function<bool(const nlohmann::json&)>& on_event,
                            std::string_view path) const {
  StreamCall call(*this, options_);
  return RunBlocking(call.Run(std::string(path), on_event));
}

}  // namespace openline::api
