#include "api/test_backend.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <future>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "api/authenticator.h"

namespace openline::api::testing {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

Router MakeTestRouter(std::shared_ptr<Broadcaster> events) {
  Router router;
  router.Get("/v1/health",
             [](const Request&) {
               return Response::Json({{"status", "ok"}});
             },
             {.access = Access::kPublic});
  router.Post("/v1/echo", [](const Request& req) { return Response::Json(req.body); });
  router.Get("/v1/items/{id}", [](const Request& req) {
    return Response::Json({{"id", req.Param("id")},
                           {"principal", req.principal.name},
                           {"q", req.Query("q").value_or("")}});
  });
  router.Get("/v1/items/new", [](const Request&) {
    return Response::Json({{"new", true}});
  });
  router.Add(Method::kDelete, "/v1/items/{id}", [](const Request&) {
    return Response{HttpStatus::kNoContent, {}, {}, {}};
  });
  router.Post("/v1/small", [](const Request& req) { return Response::Json(req.body); },
              {.body_limit = 64});
  router.Post("/v1/typed", [](const Request& req) {
    return Response::Json({{"twice", 2 * req.body.at("count").get<int>()}});
  });
  router.AddEventStream("/v1/events", std::move(events));
  return router;
}

ServerOptions TestOptions() {
  ServerOptions options;
  options.port = 0;
  options.request_timeout = 1s;
  options.write_timeout = 2s;
  options.idle_timeout = 3s;
  options.shutdown_grace = 1s;
  options.ws_idle_timeout = 10s;
  return options;
}

TestServer::TestServer(ServerOptions options)
    : work_(boost::asio::make_work_guard(ioc_)),
      events_(std::make_shared<Broadcaster>()) {
  auto authenticator = BearerTokenAuthenticator::Create(kTestToken);
  if (!authenticator) std::abort();
  auto server = Server::Start(ioc_.get_executor(), std::move(options),
                              MakeTestRouter(events_), std::move(*authenticator));
  if (!server) {
    std::fprintf(stderr, "test server: %s\n", server.error().ToString().c_str());
    std::abort();
  }
  server_ = std::move(*server);
  for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

TestServer::~TestServer() {
  server_.reset();  // stops and closes every connection
  work_.reset();
  WaitFor([this] { return ioc_.stopped(); }, 3s);
  ioc_.stop();
  for (auto& thread : threads_) thread.join();
}

ClientOptions TestServer::ClientOptionsFor(std::string token) const {
  ClientOptions options;
  options.host = "127.0.0.1";
  options.port = port();
  options.token = std::move(token);
  options.timeout = 5s;
  return options;
}

bool TestServer::StopAndWait(std::chrono::milliseconds limit) {
  auto stopped = std::make_shared<std::promise<void>>();
  auto done = stopped->get_future();
  server_->Stop([stopped] { stopped->set_value(); });
  return done.wait_for(limit) == std::future_status::ready;
}

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  auto deadline = Clock::now() + limit;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

RawConnection::RawConnection(uint16_t port, int receive_buffer) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  if (receive_buffer > 0) {
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool RawConnection::Fill(Clock::time_point deadline) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(left.count()));
  if (ready <= 0) return false;
  char chunk[16 * 1024];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  pending_.append(chunk, static_cast<size_t>(n));
  return true;
}

std::optional<RawResponse> RawConnection::ReadResponse(std::chrono::milliseconds limit) {
  auto deadline = Clock::now() + limit;
  size_t end;
  while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill(deadline)) return std::nullopt;
  }
  RawResponse response;
  std::string head = pending_.substr(0, end);
  pending_.erase(0, end + 4);
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12) return std::nullopt;
  response.status = std::atoi(status_line.substr(9, 3).c_str());
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t next = head.find("\r\n", pos);
    if (next == std::string::npos) next = head.size();
    std::string line = head.substr(pos, next - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t value_start = line.find_first_not_of(' ', colon + 1);
      response.headers[name] =
          value_start == std::string::npos ? "" : line.substr(value_start);
    }
    pos = next + 2;
  }
  size_t length = 0;
  if (auto it = response.headers.find("content-length"); it != response.headers.end()) {
    length = std::strtoul(it->second.c_str(), nullptr, 10);
  }
  while (pending_.size() < length) {
    if (!Fill(deadline)) return std::nullopt;
  }
  response.body = pending_.substr(0, length);
  pending_.erase(0, length);
  return response;
}

std::optional<std::string> RawConnection::ReadExactly(size_t n,
                                                      std::chrono::milliseconds limit) {
  auto deadline = Clock::now() + limit;
  while (pending_.size() < n) {
    if (!Fill(deadline)) return std::nullopt;
  }
  std::string out = pending_.substr(0, n);
  pending_.erase(0, n);
  return out;
}

bool RawConnection::ClosedWithin(std::chrono::milliseconds limit) {
  auto deadline = Clock::now() + limit;
  for (;;) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[16 * 1024];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return true;  // EOF or reset
  }
}

std::string RawRequest(std::string_view method, std::string_view target,
                       std::string_view extra_headers, std::string_view body,
                       bool with_token) {
  std::string out = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
  out += "Host: 127.0.0.1\r\n";
  if (with_token) out += "Authorization: Bearer " + std::string(kTestToken) + "\r\n";
  out += extra_headers;
  if (!body.empty()) {
    if (extra_headers.find("Content-Type") == std::string_view::npos) {
      out += "Content-Type: application/json\r\n";
    }
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out += "\r\n";
  out += body;
  return out;
}

std::string RawUpgrade(std::string_view target, bool with_token) {
  return RawRequest("GET", target,
                    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n",
                    "", with_token);
}

std::string MaskedTextFrame(std::string_view payload) {
  std::string frame;
  frame.push_back(static_cast<char>(0x81));  // FIN, text
  if (payload.size() < 126) {
    frame.push_back(static_cast<char>(0x80 | payload.size()));
  } else {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>((payload.size() >> 8) & 0xff));
    frame.push_back(static_cast<char>(payload.size() & 0xff));
  }
  const char mask[4] = {0x11, 0x22, 0x33, 0x44};
  frame.append(mask, 4);
  for (size_t i = 0; i < payload.size(); ++i) {
    frame.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
  }
  return frame;
}

}  // namespace openline::api::testing
