#include "net/dialer.h"

#include <algorithm>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "net/duplicate_rule.h"
#include "net/test_util.h"

namespace openline::net {
namespace {

using namespace testing;  // NOLINT: test helpers

class DialerTest : public LoopbackTest {};

// A port nothing listens on (yet): bind to port 0, note the port, close.
uint16_t FreePort(asio::io_context& io) {
  tcp::acceptor probe(io, Loopback(0));
  return probe.local_endpoint().port();
}

TEST_F(DialerTest, CreateRefusesRelayAndEmptyPaths) {
  auto relay =
      Dialer::Create(io_.get_executor(), client_keys_.Clone(), server_keys_.public_key,
                     {Path{PathScheme::kRelay, "relay.example", 443}}, nullptr);
  ASSERT_FALSE(relay.has_value());
  EXPECT_EQ(relay.error().code, ErrorCode::kUnsupported);
  auto none = Dialer::Create(io_.get_executor(), client_keys_.Clone(),
                             server_keys_.public_key, {}, nullptr);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(DialerTest, ConnectsWithinTheBackoffBoundOnceTheListenerAppears) {
  const uint16_t port = FreePort(io_);
  DialerOptions options;
  options.backoff = {.initial = 20ms, .cap = 160ms};
  options.jitter_seed = 42;
  std::shared_ptr<Connection> client;
  auto dialer = Dialer::Create(
      io_.get_executor(), client_keys_.Clone(), server_keys_.public_key,
      {Path{PathScheme::kTcp, "127.0.0.1", port}},
      [&](std::shared_ptr<Connection> c) { client = c; }, options);
  ASSERT_TRUE(dialer.has_value());
  (*dialer)->Start();
  // Let it fail a few rounds, until the ceiling reaches the cap.
  ASSERT_TRUE(RunUntil(
      io_, [&] { return (*dialer)->counters().connect_failed >= 5; }, 3000ms));
  EXPECT_EQ((*dialer)->backoff().ceiling(), 160ms);
  EXPECT_FALSE(client);

  const auto listening_since = std::chrono::steady_clock::now();
  StartListener({}, {}, port);
  ASSERT_TRUE(RunUntil(
      io_, [&] { return client != nullptr; }, 2000ms));
  // At most one backoff delay (<= cap) plus one connect and handshake.
  EXPECT_LT(std::chrono::steady_clock::now() - listening_since, 160ms + 500ms);
  EXPECT_EQ((*dialer)->counters().established, 1u);
  EXPECT_FALSE((*dialer)->dialing());
  client->Close();
}

TEST_F(DialerTest, StopEndsDialling) {
  const uint16_t port = FreePort(io_);
  DialerOptions options;
  options.backoff = {.initial = 10ms, .cap = 20ms};
  options.jitter_seed = 3;
  auto dialer =
      Dialer::Create(io_.get_executor(), client_keys_.Clone(), server_keys_.public_key,
                     {Path{PathScheme::kTcp, "127.0.0.1", port}}, nullptr, options);
  ASSERT_TRUE(dialer.has_value());
  (*dialer)->Start();
  ASSERT_TRUE(RunUntil(
      io_, [&] { return (*dialer)->counters().attempts >= 3; }, 2000ms));
  (*dialer)->Stop();
  const uint64_t attempts = (*dialer)->counters().attempts;
  RunFor(io_, 100ms);  // five retry periods: nothing may happen
  EXPECT_EQ((*dialer)->counters().attempts, attempts);
  EXPECT_FALSE((*dialer)->dialing());
}

TEST_F(DialerTest, TriesEveryPathInOrder) {
  const uint16_t dead_port = FreePort(io_);
  auto listener = StartListener();
  std::shared_ptr<Connection> client;
  auto dialer = Dialer::Create(
      io_.get_executor(), client_keys_.Clone(), server_keys_.public_key,
      {Path{PathScheme::kTcp, "127.0.0.1", dead_port},
       Path{PathScheme::kTcp, "127.0.0.1", listener->local_endpoint().port()}},
      [&](std::shared_ptr<Connection> c) { client = c; });
  ASSERT_TRUE(dialer.has_value());
  (*dialer)->Start();
  ASSERT_TRUE(RunUntil(
      io_, [&] { return client != nullptr; }, 2000ms));
  EXPECT_EQ((*dialer)->counters().attempts, 2u);
  EXPECT_EQ((*dialer)->counters().connect_failed, 1u);
  client->Close();
}

// One station of the simultaneous-dial test: a listener, a dialer to the other
// station, and the link's single connection slot governed by the duplicate rule.
struct Station {
  crypto::X25519KeyPair keys = crypto::X25519KeyPair::Generate();
  session::ReplayGuard guard;
  std::shared_ptr<Listener> listener;
  std::shared_ptr<Dialer> dialer;
  std::shared_ptr<Connection> current;
  std::vector<std::shared_ptr<Connection>> seen;
  std::vector<Bytes> received;
  crypto::X25519Public peer{};

  void Offer(std::shared_ptr<Connection> connection) {
    connection->Start([this](Bytes m) { received.push_back(std::move(m)); }, nullptr);
    seen.push_back(connection);
    if (current && current->is_open()) {
      const Preferred keep =
          PreferConnection(keys.public_key, peer, current->facts(), connection->facts());
      auto loser = keep == Preferred::kFirst ? connection : current;
      if (keep == Preferred::kSecond) current = connection;
      loser->Close();
      return;
    }
    current = std::move(connection);
  }
};

TEST_F(DialerTest, SimultaneousDialKeepsTheSameConnectionOnBothSides) {
  Station a;
  Station b;
  a.peer = b.keys.public_key;
  b.peer = a.keys.public_key;
  for (Station* s : {&a, &b}) {
    const crypto::X25519Public pin = s->peer;
    auto listener = Listener::Create(
        io_.get_executor(), Loopback(0), s->keys.Clone(),
        [pin](const crypto::X25519Public& key) { return key == pin; }, s->guard,
        [s](std::shared_ptr<Connection> c) { s->Offer(std::move(c)); });
    ASSERT_TRUE(listener.has_value());
    s->listener = *listener;
    s->listener->Start();
  }
  for (auto [self, other] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    Station* s = self;
    auto dialer = Dialer::Create(
        io_.get_executor(), s->keys.Clone(), s->peer,
        {Path{PathScheme::kTcp, "127.0.0.1", other->listener->local_endpoint().port()}},
        [s](std::shared_ptr<Connection> c) { s->Offer(std::move(c)); });
    ASSERT_TRUE(dialer.has_value());
    s->dialer = *dialer;
  }
  a.dialer->Start();  // both in the same turn of the event loop
  b.dialer->Start();

  auto open_count = [](const Station& s) {
    return std::count_if(s.seen.begin(), s.seen.end(),
                         [](const auto& c) { return c->is_open(); });
  };
  ASSERT_TRUE(RunUntil(
      io_,
      [&] {
        return a.seen.size() == 2 && b.seen.size() == 2 && open_count(a) == 1 &&
               open_count(b) == 1;
      },
      5000ms))
      << a.seen.size() << " " << b.seen.size();
  ASSERT_TRUE(a.current && b.current);
  EXPECT_TRUE(a.current->is_open());
  EXPECT_TRUE(b.current->is_open());
  EXPECT_TRUE(std::ranges::equal(a.current->session_id(), b.current->session_id()));
  // The survivor is the one the lower key initiated.
  Station& lower = a.keys.public_key < b.keys.public_key ? a : b;
  EXPECT_TRUE(lower.current->initiated_locally());
  // It carries traffic: the loser's close did not take it down.
  ASSERT_TRUE(a.current->Send(AsBytes("still one link")));
  ASSERT_TRUE(RunUntil(
      io_, [&] { return b.received.size() == 1; }, 2000ms));
  EXPECT_EQ(AsChars(b.received[0]), "still one link");
  EXPECT_TRUE(a.current->is_open());
  EXPECT_TRUE(b.current->is_open());
  for (Station* s : {&a, &b}) {
    s->listener->Stop();
    s->current->Close();
  }
  Drain(io_);
}

}  // namespace
}  // namespace openline::net
