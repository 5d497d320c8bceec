#include "api/client.h"

#include <chrono>
#include <string>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "api/test_backend.h"

namespace openline::api {
namespace {

using namespace std::chrono_literals;
using testing::TestServer;

// A loopback socket bound to a free port; listening only if asked.
class PortHolder {
 public:
  explicit PortHolder(bool listen) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t size = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &size);
    port_ = ntohs(addr.sin_port);
    if (listen) ::listen(fd_, 8);
  }
  ~PortHolder() { ::close(fd_); }
  uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

TEST(ClientTest, RefusedConnectionIsAReadableError) {
  uint16_t port;
  {
    PortHolder holder(false);  // bound, never listening, then released
    port = holder.port();
  }
  ClientOptions options;
  options.port = port;
  options.token = std::string(testing::kTestToken);
  auto response = Client(options).Get("/v1/health");
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kIo);
  EXPECT_EQ(response.error().message,
            "cannot reach the station at 127.0.0.1:" + std::to_string(port) +
                ": connection refused (is `openline station` running?)");
}

TEST(ClientTest, ASilentStationTimesOut) {
  PortHolder silent(true);  // the kernel completes the connect; nobody answers
  ClientOptions options;
  options.port = silent.port();
  options.timeout = 200ms;
  auto start = std::chrono::steady_clock::now();
  auto response = Client(options).Get("/v1/health");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().message.find("no answer within 200 ms"), std::string::npos)
      << response.error().message;
}

TEST(ClientTest, GetsAndPostsJson) {
  TestServer server;
  Client client(server.ClientOptionsFor());
  auto health = client.Get("/v1/health");
  ASSERT_TRUE(health) << health.error().ToString();
  EXPECT_TRUE(health->ok());
  EXPECT_EQ(health->body["status"], "ok");
  nlohmann::json body = {{"text", "hello"}, {"n", 3}};
  auto echo = client.Post("/v1/echo", body);
  ASSERT_TRUE(echo);
  EXPECT_EQ(echo->status, 200u);
  EXPECT_EQ(echo->body, body);
}

TEST(ClientTest, HttpErrorsAreResponsesNotFailures) {
  TestServer server;
  auto missing = Client(server.ClientOptionsFor()).Get("/v1/nothing");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->ok());
  EXPECT_EQ(missing->status, 404u);
  EXPECT_EQ(missing->error_code(), "not_found");
  EXPECT_FALSE(missing->error_message().empty());
  auto unauthorized = Client(server.ClientOptionsFor("")).Get("/v1/items/1");
  ASSERT_TRUE(unauthorized);
  EXPECT_EQ(unauthorized->status, 401u);
}

TEST(ClientTest, AnOversizedPostComesBackAs413) {
  TestServer server;
  nlohmann::json big = std::string(2 * kDefaultBodyLimit, 'a');
  auto response = Client(server.ClientOptionsFor()).Post("/v1/echo", big);
  ASSERT_TRUE(response) << response.error().ToString();
  EXPECT_EQ(response->status, 413u);
  EXPECT_EQ(response->error_code(), "payload_too_large");
}

TEST(ClientTest, StreamEventsEndsWhenTheCallbackSaysSo) {
  TestServer server;
  std::vector<int> seen;
  std::thread broadcaster([&] {
    testing::WaitFor([&] { return server.events().size() == 1; }, 3s);
    for (int i = 0; i < 5; ++i) server.events().Broadcast({{"seq", i}});
  });
  Status status =
      Client(server.ClientOptionsFor()).StreamEvents([&](const nlohmann::json& e) {
        seen.push_back(e["seq"].get<int>());
        return seen.size() < 3;
      });
  broadcaster.join();
  ASSERT_TRUE(status) << status.error().ToString();
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2}));
}

TEST(ClientTest, NamesIpv6HostsWithBrackets) {
  ClientOptions options;
  options.host = "::1";
  options.port = 7100;
  EXPECT_EQ(Client(options).Where(), "[::1]:7100");
  options.host = "127.0.0.1";
  EXPECT_EQ(Client(options).Where(), "127.0.0.1:7100");
}

}  // namespace
}  // namespace openline::api
