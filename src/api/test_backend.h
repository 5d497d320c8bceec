// Test support for the api tests: a backend with a few routes served by a real
// Server on loopback (port 0) and an io_context on two threads, plus a raw
// blocking socket for the byte-level cases (slow loris, partial bodies,
// hand-made WebSocket upgrades) that a well-behaved client cannot produce.
//
// Routes: GET /v1/health (public), POST /v1/echo (returns its body),
// GET /v1/items/{id}, GET /v1/items/new (specificity), GET /v1/events (the
// event stream, fed by events()).
//
// Depends on: the api module, Asio. Thread-safety: one test thread drives it.
#ifndef OPENLINE_API_TEST_BACKEND_H_
#define OPENLINE_API_TEST_BACKEND_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "api/broadcaster.h"
#include "api/client.h"
#include "api/router.h"
#include "api/server.h"

namespace openline::api::testing {

inline constexpr std::string_view kTestToken = "test-token-0123456789abcdef";

Router MakeTestRouter(std::shared_ptr<Broadcaster> events);

// Options with port 0 and short timeouts, so limits trip within a test.
ServerOptions TestOptions();

class TestServer {
 public:
  explicit TestServer(ServerOptions options = TestOptions());
  ~TestServer();

  uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }
  Broadcaster& events() { return *events_; }
  ClientOptions ClientOptionsFor(std::string token = std::string(kTestToken)) const;

  // Begins a graceful stop; true once on_stopped has run within `limit`.
  bool StopAndWait(std::chrono::milliseconds limit);

 private:
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::shared_ptr<Broadcaster> events_;
  std::unique_ptr<Server> server_;
  std::vector<std::thread> threads_;
};

// Polls `condition` every few milliseconds until it holds or `limit` passes.
bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds limit);

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// A blocking loopback TCP connection (POSIX), every read bounded in time.
class RawConnection {
 public:
  // `receive_buffer`: SO_RCVBUF set before connecting (0 keeps the default).
  explicit RawConnection(uint16_t port, int receive_buffer = 0);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False if the peer has closed (or reset) the connection.
  bool Send(std::string_view bytes);
  // One HTTP response (header, then Content-Length bytes of body), or nullopt
  // if the connection closed or `limit` passed first.
  std::optional<RawResponse> ReadResponse(std::chrono::milliseconds limit);
  // Reads exactly n bytes (for WebSocket frames), or nullopt.
  std::optional<std::string> ReadExactly(size_t n, std::chrono::milliseconds limit);
  // True if the peer closes (EOF or reset) within `limit`, discarding data.
  bool ClosedWithin(std::chrono::milliseconds limit);

 private:
  // Appends what arrives within `limit` to pending_; false on EOF, error, timeout.
  bool Fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string pending_;
};

// A request as bytes, with Host and optionally the bearer token.
std::string RawRequest(std::string_view method, std::string_view target,
                       std::string_view extra_headers = "", std::string_view body = "",
                       bool with_token = true);

// The opening handshake of a WebSocket client, by hand.
std::string RawUpgrade(std::string_view target, bool with_token);

// A masked client text frame (RFC 6455 5.2), payload shorter than 64 KiB.
std::string MaskedTextFrame(std::string_view payload);

}  // namespace openline::api::testing

#endif  // OPENLINE_API_TEST_BACKEND_H_
