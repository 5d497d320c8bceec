// The WebSocket event stream end to end: api::Client::StreamEvents as the
// well-behaved subscriber, hand-made frames over a raw socket for the clients
// that misbehave (never read, talk back, send too much).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/broadcaster.h"
#include "api/client.h"
#include "api/test_backend.h"

namespace openline::api {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;
using testing::RawUpgrade;
using testing::TestOptions;
using testing::TestServer;
using testing::WaitFor;

// Follows the event stream on a thread until `want` events arrived, an event
// {"last": true} arrived, or the stream ends.
class Collector {
 public:
  Collector(ClientOptions options, size_t want)
      : thread_([this, options = std::move(options), want] {
          Client client(options);
          status_ = client.StreamEvents([this, want](const nlohmann::json& event) {
            events_.push_back(event);
            received_.store(events_.size());
            return events_.size() < want && !event.contains("last");
          });
        }) {}
  // The server must be stopped (or the stream done) before this returns.
  void Join() {
    if (thread_.joinable()) thread_.join();
  }
  ~Collector() { Join(); }

  // Safe while the stream runs; events() and status() only after Join().
  size_t received() const { return received_.load(); }
  const std::vector<nlohmann::json>& events() const { return events_; }
  const Status& status() const { return status_; }

 private:
  std::atomic<size_t> received_{0};
  std::vector<nlohmann::json> events_;
  Status status_;
  std::thread thread_;
};

struct Frame {
  int opcode = -1;
  std::string payload;
};

// One unmasked frame from the server (RFC 6455 5.2).
std::optional<Frame> ReadFrame(RawConnection& conn) {
  auto head = conn.ReadExactly(2, 3s);
  if (!head) return std::nullopt;
  Frame frame;
  frame.opcode = static_cast<unsigned char>((*head)[0]) & 0x0f;
  size_t length = static_cast<unsigned char>((*head)[1]) & 0x7f;
  if (length >= 126) {
    auto extended = conn.ReadExactly(length == 126 ? 2 : 8, 3s);
    if (!extended) return std::nullopt;
    length = 0;
    for (char c : *extended) length = (length << 8) | static_cast<unsigned char>(c);
  }
  auto payload = conn.ReadExactly(length, 3s);
  if (!payload) return std::nullopt;
  frame.payload = *payload;
  return frame;
}

// Opens a raw event-stream connection and checks the 101.
void Upgrade(RawConnection& conn) {
  ASSERT_TRUE(conn.Send(RawUpgrade("/v1/events", true)));
  auto response = conn.ReadResponse(3s);
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 101);
}

TEST(EventStreamTest, AuthenticatedClientsReceiveBroadcastsInOrder) {
  TestServer server;
  constexpr size_t kEvents = 100;
  std::vector<std::unique_ptr<Collector>> collectors;
  for (int i = 0; i < 3; ++i) {
    collectors.push_back(std::make_unique<Collector>(server.ClientOptionsFor(), kEvents));
  }
  ASSERT_TRUE(WaitFor([&] { return server.events().size() == 3; }, 3s));
  for (size_t i = 0; i < kEvents; ++i) server.events().Broadcast({{"seq", i}});
  for (auto& collector : collectors) {
    collector->Join();
    ASSERT_TRUE(collector->status()) << collector->status().error().ToString();
    ASSERT_EQ(collector->events().size(), kEvents);
    for (size_t i = 0; i < kEvents; ++i) EXPECT_EQ(collector->events()[i]["seq"], i);
  }
  // Leaving politely unsubscribes.
  EXPECT_TRUE(WaitFor([&] { return server.events().size() == 0; }, 3s));
}

TEST(EventStreamTest, UnauthenticatedUpgradeIsRefusedWith401) {
  TestServer server;
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.Send(RawUpgrade("/v1/events", false)));
  auto response = conn.ReadResponse(3s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 401);
  EXPECT_EQ(nlohmann::json::parse(response->body)["error"]["code"], "unauthorized");
  EXPECT_EQ(response->headers.at("www-authenticate").substr(0, 6), "Bearer");

  Client client(server.ClientOptionsFor("wrong-token-0123456789abcdef"));
  Status status = client.StreamEvents([](const nlohmann::json&) { return true; });
  ASSERT_FALSE(status);
  EXPECT_NE(
      status.error().message.find("refused the event stream: 401: invalid bearer token"),
      std::string::npos)
      << status.error().message;
  EXPECT_EQ(server.events().size(), 0u);
}

TEST(EventStreamTest, AClientThatNeverReadsIsDroppedWhileOthersKeepReceiving) {
  ServerOptions options = TestOptions();
  options.ws_max_queued_messages = 16;
  TestServer server(options);
  Collector good(server.ClientOptionsFor(), SIZE_MAX);
  // A tiny receive window, and no reads: the server's writes stall at once.
  RawConnection stuck(server.port(), 4096);
  Upgrade(stuck);
  ASSERT_TRUE(WaitFor([&] { return server.events().size() == 2; }, 3s));

  // Broadcast in batches smaller than the bound and let the reading client
  // catch up between them, so only the client that never reads falls behind:
  // once the kernel's socket buffers (up to a few MiB) are full, its queue
  // overflows. Keep going a few batches after the drop.
  constexpr size_t kBatch = 8;
  constexpr size_t kMaxEvents = 2000;  // 32 MiB: far beyond any socket buffer
  const std::string pad(16 * 1024, 'x');
  size_t sent = 0;
  size_t after_drop = 0;
  while (sent < kMaxEvents && after_drop < 4 * kBatch) {
    server.events().Broadcast({{"seq", sent}, {"pad", pad}});
    ++sent;
    if (server.events().dropped() > 0) ++after_drop;
    if (sent % kBatch == 0) {
      ASSERT_TRUE(WaitFor([&] { return good.received() == sent; }, 3s)) << sent;
    }
  }
  server.events().Broadcast({{"last", true}});
  good.Join();
  EXPECT_EQ(server.events().dropped(), 1u);
  EXPECT_LT(sent, kMaxEvents);
  ASSERT_TRUE(good.status()) << good.status().error().ToString();
  ASSERT_EQ(good.events().size(), sent + 1);
  for (size_t i = 0; i < sent; ++i) ASSERT_EQ(good.events()[i]["seq"], i);
  EXPECT_TRUE(WaitFor([&] { return server.events().size() == 0; }, 3s));
  EXPECT_TRUE(stuck.ClosedWithin(3s));
}

TEST(EventStreamTest, MessagesFromTheClientAreAnsweredWithAnError) {
  TestServer server;
  RawConnection conn(server.port());
  Upgrade(conn);
  ASSERT_TRUE(conn.Send(testing::MaskedTextFrame("{\"subscribe\":\"everything\"}")));
  auto frame = ReadFrame(conn);
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->opcode, 1);
  EXPECT_EQ(nlohmann::json::parse(frame->payload)["error"]["code"], "read_only");
  // Still subscribed.
  server.events().Broadcast({{"after", true}});
  auto event = ReadFrame(conn);
  ASSERT_TRUE(event);
  EXPECT_EQ(nlohmann::json::parse(event->payload)["after"], true);
}

TEST(EventStreamTest, AnOversizedClientMessageClosesTheStream) {
  TestServer server;
  RawConnection conn(server.port());
  Upgrade(conn);
  ASSERT_TRUE(
      conn.Send(testing::MaskedTextFrame(std::string(kWsReadMessageMax + 1, 'a'))));
  auto frame = ReadFrame(conn);
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->opcode, 8);  // close
  ASSERT_GE(frame->payload.size(), 2u);
  int code = (static_cast<unsigned char>(frame->payload[0]) << 8) |
             static_cast<unsigned char>(frame->payload[1]);
  EXPECT_EQ(code, 1009);  // message too big
  EXPECT_TRUE(conn.ClosedWithin(3s));
}

TEST(EventStreamTest, StopClosesEventStreamsPolitely) {
  TestServer server;
  Collector collector(server.ClientOptionsFor(), 1000);
  ASSERT_TRUE(WaitFor([&] { return server.events().size() == 1; }, 3s));
  server.events().Broadcast({{"seq", 0}});
  EXPECT_TRUE(server.StopAndWait(3s));
  collector.Join();
  ASSERT_FALSE(collector.status());
  EXPECT_NE(collector.status().error().message.find("closed the event stream"),
            std::string::npos)
      << collector.status().error().message;
  EXPECT_EQ(collector.events().size(), 1u);
}

}  // namespace
}  // namespace openline::api
