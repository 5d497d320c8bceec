#include "api/server.h"

#include <sstream>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/write.hpp>

#include "api/fail.h"
#include "api/http_session.h"
#include "api/server_context.h"
#include "api/session_registry.h"

namespace openline::api {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);
// After an accept error (e.g. out of file descriptors), wait this long before
// accepting again, so the loop does not spin.
constexpr std::chrono::milliseconds kAcceptBackoff{100};

std::string EndpointText(const tcp::endpoint& endpoint) {
  std::string host = endpoint.address().to_string();
  if (endpoint.address().is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(endpoint.port());
}

std::vector<std::string> DefaultAllowedHosts(const net::ip::address& address) {
  std::vector<std::string> hosts = {"localhost", "127.0.0.1", "[::1]"};
  hosts.push_back(address.is_v6() ? "[" + address.to_string() + "]"
                                  : address.to_string());
  return hosts;
}

// The bytes sent to a connection over max_sessions, prepared once.
std::string BusyResponse() {
  std::ostringstream out;
  out << Dispatcher::Render(Response::Error(HttpStatus::kServiceUnavailable,
                                            "too many open connections; retry shortly")
                                .WithHeader("Retry-After", "1"),
                            11, false);
  return out.str();
}

}  // namespace

struct Server::Listener : std::enable_shared_from_this<Server::Listener> {
  Listener(net::any_io_executor ex, std::shared_ptr<const ServerContext> ctx)
      : executor(std::move(ex)),
        strand(net::make_strand(executor)),
        acceptor(strand),
        grace_timer(strand),
        context(std::move(ctx)),
        busy_response(BusyResponse()) {}

  net::awaitable<void> Accept(std::shared_ptr<Listener> /*self*/) {
    net::steady_timer backoff(strand);
    for (;;) {
      tcp::socket socket(net::make_strand(executor));
      auto [ec] = co_await acceptor.async_accept(socket, kAsTuple);
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
        Fail(ec, "accept");
        backoff.expires_after(kAcceptBackoff);
        co_await backoff.async_wait(kAsTuple);
        continue;
      }
      auto slot = context->registry->TryAcquire();
      if (!slot) {
        RefuseBusy(socket);
        continue;
      }
      StartHttpSession(std::move(socket), std::move(*slot), context);
    }
  }

  // Never blocks the accept loop: one non-blocking write of a small canned
  // answer (it fits any socket buffer), then close.
  void RefuseBusy(tcp::socket& socket) {
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(net::buffer(busy_response), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  net::any_io_executor executor;
  net::strand<net::any_io_executor> strand;  // acceptor and grace timer
  tcp::acceptor acceptor;
  net::steady_timer grace_timer;
  std::shared_ptr<const ServerContext> context;
  const std::string busy_response;
  bool stop_begun = false;  // on strand
};

Result<std::unique_ptr<Server>> Server::Start(
    net::any_io_executor executor, ServerOptions options, Router router,
    std::shared_ptr<const Authenticator> authenticator) {
  if (!authenticator) return MakeError(ErrorCode::kInvalidArgument, "no authenticator");
  boost::system::error_code ec;
  std::string name = options.address == "localhost" ? "127.0.0.1" : options.address;
  net::ip::address address = net::ip::make_address(name, ec);
  if (ec) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "API address \"" + options.address + "\" is not a numeric address");
  }
  if (!address.is_loopback() && !options.allow_remote) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "refusing to serve the API on " + address.to_string() +
                         ": not a loopback address (the API carries the station's "
                         "authority; allow remote access explicitly to do this)");
  }
  if (options.allowed_hosts.empty() && !options.allow_remote) {
    options.allowed_hosts = DefaultAllowedHosts(address);
  }

  auto registry = std::make_shared<SessionRegistry>(options.max_sessions);
  std::vector<std::string> hosts = options.allowed_hosts;
  auto context = std::make_shared<const ServerContext>(
      ServerContext{std::move(options),
                    Dispatcher(std::make_shared<const Router>(std::move(router)),
                               std::move(authenticator), std::move(hosts)),
                    registry});
  auto listener = std::make_shared<Listener>(executor, context);

  tcp::endpoint endpoint(address, context->options.port);
  std::string where = EndpointText(endpoint);
  tcp::acceptor& acceptor = listener->acceptor;
  if (acceptor.open(endpoint.protocol(), ec); !ec) {
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
  }
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return MakeError(ErrorCode::kIo,
                     "cannot serve the API on " + where + ": " + ec.message());
  }

  std::unique_ptr<Server> server(new Server());
  server->port_ = acceptor.local_endpoint().port();
  server->address_ = address.to_string();
  server->registry_ = registry;
  server->listener_ = listener;
  net::co_spawn(listener->strand, listener->Accept(listener), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  return server;
}

Server::~Server() {
  Stop();
  registry_->ForceAll();
}

void Server::Stop(std::function<void()> on_stopped) {
  auto listener = listener_;
  // Close the listener and arm the grace timer on the listener's strand, before
  // anything the registry posts there once the last session is gone.
  net::post(listener->strand, [listener] {
    if (listener->stop_begun) return;
    listener->stop_begun = true;
    boost::system::error_code ec;
    listener->acceptor.close(ec);
    listener->grace_timer.expires_after(listener->context->options.shutdown_grace);
    listener->grace_timer.async_wait([listener](boost::system::error_code wait_ec) {
      if (!wait_ec) listener->context->registry->ForceAll();
    });
  });
  // Weak: the registry keeps this callback until the last session is gone, and
  // the listener owns the registry (through the context).
  std::weak_ptr<Listener> weak = listener;
  registry_->BeginStop([weak, on_stopped = std::move(on_stopped)] {
    auto strong = weak.lock();
    if (!strong) return;
    net::post(strong->strand, [strong, on_stopped] {
      strong->grace_timer.cancel();
      if (on_stopped) on_stopped();
    });
  });
}

size_t Server::session_count() const { return registry_->size(); }

uint64_t Server::rejected_sessions() const { return registry_->rejected(); }

}  // namespace openline::api
