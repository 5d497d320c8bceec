// The server over real loopback sockets: status codes and the error shape for
// every refusal, and the limits (slow loris, sessions, body size) and stop
// behaviour that only show with a socket.
#include "api/server.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/client.h"
#include "api/test_backend.h"

namespace openline::api {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;
using testing::RawRequest;
using testing::RawResponse;
using testing::TestOptions;
using testing::TestServer;

void ExpectErrorShape(const RawResponse& response, int status, std::string_view code) {
  EXPECT_EQ(response.status, status);
  EXPECT_EQ(response.headers.at("content-type"), "application/json");
  auto body = nlohmann::json::parse(response.body);
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body.size(), 1u);
  EXPECT_EQ(body["error"]["code"], code);
  EXPECT_TRUE(body["error"]["message"].is_string());
}

RawResponse Exchange(uint16_t port, const std::string& request) {
  RawConnection conn(port);
  EXPECT_TRUE(conn.connected());
  EXPECT_TRUE(conn.Send(request));
  auto response = conn.ReadResponse(3s);
  EXPECT_TRUE(response) << "no response to: " << request.substr(0, 80);
  return response.value_or(RawResponse{});
}

TEST(ServerTest, HealthNeedsNoToken) {
  TestServer server;
  RawResponse response =
      Exchange(server.port(), RawRequest("GET", "/v1/health", "", "", false));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(nlohmann::json::parse(response.body), nlohmann::json({{"status", "ok"}}));
}

TEST(ServerTest, EchoAndPathParametersWithTheToken) {
  TestServer server;
  RawResponse echo =
      Exchange(server.port(), RawRequest("POST", "/v1/echo", "", R"({"a":[1,2]})"));
  EXPECT_EQ(echo.status, 200);
  EXPECT_EQ(echo.body, R"({"a":[1,2]})");
  RawResponse item = Exchange(server.port(), RawRequest("GET", "/v1/items/a%20b"));
  EXPECT_EQ(item.status, 200);
  EXPECT_EQ(nlohmann::json::parse(item.body)["id"], "a b");
}

TEST(ServerTest, MissingOrWrongTokenIs401WithChallenge) {
  TestServer server;
  RawResponse missing =
      Exchange(server.port(), RawRequest("GET", "/v1/items/1", "", "", false));
  ExpectErrorShape(missing, 401, "unauthorized");
  EXPECT_EQ(missing.headers.at("www-authenticate").substr(0, 6), "Bearer");
  std::string token(testing::kTestToken);
  for (std::string wrong :
       {token.substr(0, token.size() - 1), token + "x", std::string(token.size(), 'x')}) {
    RawResponse response = Exchange(
        server.port(), RawRequest("GET", "/v1/items/1",
                                  "Authorization: Bearer " + wrong + "\r\n", "", false));
    ExpectErrorShape(response, 401, "unauthorized");
    EXPECT_NE(response.headers.at("www-authenticate").find("invalid_token"),
              std::string::npos);
  }
}

TEST(ServerTest, UnknownPathIs404AndWrongMethodIs405) {
  TestServer server;
  ExpectErrorShape(Exchange(server.port(), RawRequest("GET", "/v1/nothing")), 404,
                   "not_found");
  RawResponse wrong =
      Exchange(server.port(), RawRequest("POST", "/v1/items/1", "", "{}"));
  ExpectErrorShape(wrong, 405, "method_not_allowed");
  EXPECT_EQ(wrong.headers.at("allow"), "GET, DELETE");
}

TEST(ServerTest, MalformedJsonIs400) {
  TestServer server;
  ExpectErrorShape(
      Exchange(server.port(), RawRequest("POST", "/v1/echo", "", "{\"a\": tru")), 400,
      "bad_json");
  ExpectErrorShape(
      Exchange(server.port(), RawRequest("POST", "/v1/echo", "", std::string(100, '['))),
      400, "bad_json");
}

TEST(ServerTest, OversizedBodyIs413) {
  TestServer server;
  // Declared too large: refused from the header, before any body is read.
  std::string body = "\"" + std::string(kDefaultBodyLimit, 'a') + "\"";
  ExpectErrorShape(Exchange(server.port(), RawRequest("POST", "/v1/echo", "", body)), 413,
                   "payload_too_large");
  // A route with its own smaller limit.
  ExpectErrorShape(
      Exchange(server.port(),
               RawRequest("POST", "/v1/small", "", "\"" + std::string(70, 'a') + "\"")),
      413, "payload_too_large");
  // Chunked, so only the parser can tell.
  std::string chunk = "\"" + std::string(80, 'a') + "\"";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", chunk.size());
  std::string chunked = RawRequest("POST", "/v1/small",
                                   "Content-Type: application/json\r\n"
                                   "Transfer-Encoding: chunked\r\n") +
                        size + "\r\n" + chunk + "\r\n0\r\n\r\n";
  ExpectErrorShape(Exchange(server.port(), chunked), 413, "payload_too_large");
}

TEST(ServerTest, IllegalTargetsAre400Or414) {
  TestServer server;
  ExpectErrorShape(Exchange(server.port(), RawRequest("GET", "/v1/../v1/health")), 400,
                   "bad_target");
  ExpectErrorShape(Exchange(server.port(), RawRequest("GET", "/v1/items/%2e%2e")), 400,
                   "bad_target");
  ExpectErrorShape(Exchange(server.port(), RawRequest("GET", "/v1/items/a%00")), 400,
                   "bad_target");
  RawResponse too_long =
      Exchange(server.port(), RawRequest("GET", "/v1/items/" + std::string(3000, 'a')));
  ExpectErrorShape(too_long, 414, "uri_too_long");
}

TEST(ServerTest, RawNulInTheRequestLineIsRefused) {
  TestServer server;
  std::string request = RawRequest("GET", std::string("/v1/items/a\0b", 13));
  RawResponse response = Exchange(server.port(), request);
  EXPECT_EQ(response.status, 400);
}

TEST(ServerTest, OversizedHeaderIs431) {
  TestServer server;
  std::string big = "X-Filler: " + std::string(kHeaderLimit, 'a') + "\r\n";
  ExpectErrorShape(Exchange(server.port(), RawRequest("GET", "/v1/health", big)), 431,
                   "header_too_large");
}

TEST(ServerTest, ForeignHostIs421) {
  TestServer server;
  std::string request =
      "GET /v1/health HTTP/1.1\r\nHost: rebound.attacker.example\r\n\r\n";
  ExpectErrorShape(Exchange(server.port(), request), 421, "misdirected_request");
}

TEST(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer server;
  RawConnection conn(server.port());
  ASSERT_TRUE(
      conn.Send(RawRequest("GET", "/v1/items/1") + RawRequest("GET", "/v1/items/2")));
  auto first = conn.ReadResponse(3s);
  auto second = conn.ReadResponse(3s);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(nlohmann::json::parse(first->body)["id"], "1");
  EXPECT_EQ(nlohmann::json::parse(second->body)["id"], "2");
  // A refusal without a body keeps the connection too.
  ASSERT_TRUE(conn.Send(RawRequest("GET", "/v1/nothing")));
  ASSERT_TRUE(conn.Send(RawRequest("GET", "/v1/items/3")));
  EXPECT_EQ(conn.ReadResponse(3s).value_or(RawResponse{}).status, 404);
  EXPECT_EQ(conn.ReadResponse(3s).value_or(RawResponse{}).status, 200);
}

TEST(ServerTest, SlowLorisIsClosedAtTheRequestTimeout) {
  ServerOptions options = TestOptions();
  options.request_timeout = 300ms;
  TestServer server(options);
  RawConnection conn(server.port());
  std::string request =
      RawRequest("GET", "/v1/health", "X-Slow: " + std::string(60, 'a') + "\r\n");
  auto start = std::chrono::steady_clock::now();
  bool closed = false;
  // One byte every 50 ms would take several seconds; the deadline is absolute.
  for (char c : request) {
    if (!conn.Send(std::string_view(&c, 1)) || conn.ClosedWithin(50ms)) {
      closed = true;
      break;
    }
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(closed);
  EXPECT_LT(elapsed, 2s);
  EXPECT_GE(elapsed, 250ms);
}

TEST(ServerTest, IdleConnectionsTimeOut) {
  ServerOptions options = TestOptions();
  options.idle_timeout = 200ms;
  TestServer server(options);
  RawConnection conn(server.port());
  EXPECT_TRUE(conn.ClosedWithin(2s));
  EXPECT_TRUE(testing::WaitFor([&] { return server.server().session_count() == 0; }, 2s));
}

TEST(ServerTest, ManyConcurrentClientsAllSucceed) {
  TestServer server;
  constexpr int kThreads = 16;
  constexpr int kRequests = 20;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Client client(server.ClientOptionsFor());
      for (int i = 0; i < kRequests; ++i) {
        nlohmann::json body = {{"t", t}, {"i", i}};
        auto response = client.Post("/v1/echo", body);
        if (response && response->status == 200 && response->body == body) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), kThreads * kRequests);
}

TEST(ServerTest, ConnectionsBeyondTheLimitGet503) {
  ServerOptions options = TestOptions();
  options.max_sessions = 2;
  TestServer server(options);
  RawConnection a(server.port());
  RawConnection b(server.port());
  ASSERT_TRUE(testing::WaitFor([&] { return server.server().session_count() == 2; }, 2s));
  RawConnection c(server.port());
  auto response = c.ReadResponse(2s);
  ASSERT_TRUE(response);
  ExpectErrorShape(*response, 503, "unavailable");
  EXPECT_EQ(server.server().rejected_sessions(), 1u);
  // The admitted connections still work.
  ASSERT_TRUE(a.Send(RawRequest("GET", "/v1/health")));
  EXPECT_EQ(a.ReadResponse(2s).value_or(RawResponse{}).status, 200);
}

TEST(ServerTest, GracefulStopFinishesAnInFlightRequestAndClosesIdleOnes) {
  ServerOptions options = TestOptions();
  options.shutdown_grace = 3s;
  TestServer server(options);
  std::string body = R"({"message":"half now, half after the stop"})";
  RawConnection busy(server.port());
  RawConnection idle(server.port());
  std::string request = RawRequest("POST", "/v1/echo", "", body);
  std::string first_half = request.substr(0, request.size() - 10);
  ASSERT_TRUE(busy.Send(first_half));
  ASSERT_TRUE(testing::WaitFor([&] { return server.server().session_count() == 2; }, 2s));
  std::this_thread::sleep_for(50ms);  // let the server start reading the body

  std::atomic<bool> stopped{false};
  std::jthread stopper([&] { stopped = server.StopAndWait(5s); });
  EXPECT_TRUE(idle.ClosedWithin(1s));
  EXPECT_FALSE(stopped.load());

  ASSERT_TRUE(busy.Send(request.substr(first_half.size())));
  auto response = busy.ReadResponse(2s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, body);
  EXPECT_EQ(response->headers.at("connection"), "close");
  EXPECT_TRUE(busy.ClosedWithin(1s));
  stopper.join();
  EXPECT_TRUE(stopped.load());
  EXPECT_FALSE(RawConnection(server.port()).connected());  // no longer listening
}

TEST(ServerTest, StopClosesAStalledRequestAfterTheGrace) {
  ServerOptions options = TestOptions();
  options.shutdown_grace = 200ms;
  options.request_timeout = 30s;
  TestServer server(options);
  RawConnection stalled(server.port());
  ASSERT_TRUE(stalled.Send("GET /v1/health HTTP/1.1\r\nHost: 127"));
  ASSERT_TRUE(testing::WaitFor([&] { return server.server().session_count() == 1; }, 2s));
  std::this_thread::sleep_for(50ms);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(server.StopAndWait(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_TRUE(stalled.ClosedWithin(1s));
}

TEST(ServerTest, RefusesANonLoopbackAddressUnlessAllowed) {
  boost::asio::io_context ioc;
  auto auth = BearerTokenAuthenticator::Create(testing::kTestToken);
  ASSERT_TRUE(auth);
  std::shared_ptr<const Authenticator> shared = std::move(*auth);
  ServerOptions options = TestOptions();
  options.address = "0.0.0.0";
  auto refused = Server::Start(ioc.get_executor(), options, Router(), shared);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("not a loopback address"), std::string::npos);

  options.address = "not-an-address";
  EXPECT_FALSE(Server::Start(ioc.get_executor(), options, Router(), shared));

  options.address = "0.0.0.0";
  options.allow_remote = true;
  auto allowed = Server::Start(ioc.get_executor(), options, Router(), shared);
  ASSERT_TRUE(allowed) << allowed.error().ToString();
  EXPECT_NE((*allowed)->port(), 0);
}

TEST(ServerTest, ReportsAnAddressInUse) {
  TestServer first;
  boost::asio::io_context ioc;
  auto auth = BearerTokenAuthenticator::Create(testing::kTestToken);
  ASSERT_TRUE(auth);
  ServerOptions options = TestOptions();
  options.port = first.port();
  auto second = Server::Start(ioc.get_executor(), options, Router(), std::move(*auth));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kIo);
  EXPECT_NE(second.error().message.find("cannot serve the API on 127.0.0.1:"),
            std::string::npos);
}

}  // namespace
}  // namespace openline::api
