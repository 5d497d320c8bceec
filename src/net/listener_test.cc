#include "net/listener.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/random.h"
#include "net/dialer.h"
#include "net/test_util.h"

namespace openline::net {
namespace {

using namespace testing;  // NOLINT: test helpers

class ListenerTest : public LoopbackTest {
 protected:
  // Sends `bytes` on a fresh connection and returns the client, for checking
  // that the listener closes it without a reply.
  std::unique_ptr<RawClient> SendRaw(const std::shared_ptr<Listener>& listener,
                                     Bytes bytes) {
    auto client = std::make_unique<RawClient>(io_);
    EXPECT_TRUE(client->Connect(listener->local_endpoint()));
    client->Write(std::move(bytes));
    return client;
  }
  Path PathTo(const std::shared_ptr<Listener>& listener) const {
    return {PathScheme::kTcp, "127.0.0.1", listener->local_endpoint().port()};
  }
  static ListenerOptions ShortHandshake() {
    ListenerOptions options;
    options.handshake_timeout = 300ms;
    return options;
  }
};

TEST_F(ListenerTest, PinnedDialerIsAccepted) {
  auto listener = StartListener();
  std::shared_ptr<Connection> client;
  auto dialer = Dialer::Create(io_.get_executor(), client_keys_.Clone(),
                               server_keys_.public_key, {PathTo(listener)},
                               [&](std::shared_ptr<Connection> c) { client = c; });
  ASSERT_TRUE(dialer.has_value());
  (*dialer)->Start();
  ASSERT_TRUE(RunUntil(
      io_, [&] { return client && accepted_.size() == 1; }, 5000ms));
  EXPECT_EQ(listener->counters().accepted, 1u);
  EXPECT_EQ(listener->pending_handshakes(), 0u);
  EXPECT_FALSE((*dialer)->dialing());
  client->Close();
}

TEST_F(ListenerTest, UnpinnedDialerIsRefusedWithoutReply) {
  auto listener = StartListener();
  auto stranger = crypto::X25519KeyPair::Generate();
  std::shared_ptr<Connection> client;
  DialerOptions options;
  options.jitter_seed = 7;
  auto dialer = Dialer::Create(
      io_.get_executor(), std::move(stranger), server_keys_.public_key,
      {PathTo(listener)}, [&](std::shared_ptr<Connection> c) { client = c; }, options);
  ASSERT_TRUE(dialer.has_value());
  (*dialer)->Start();
  ASSERT_TRUE(RunUntil(
      io_, [&] { return (*dialer)->counters().handshake_failed >= 1; }, 5000ms));
  (*dialer)->Stop();
  Drain(io_);
  EXPECT_FALSE(client);
  EXPECT_TRUE(accepted_.empty());
  EXPECT_GE(listener->counters().unpinned, 1u);
  EXPECT_EQ(listener->counters().accepted, 0u);
  EXPECT_EQ(listener->responder_counters().unpinned, listener->counters().unpinned);
  EXPECT_EQ(replay_guard_.size(), 0u);  // strangers never reach the guard
}

TEST_F(ListenerTest, WrongResponderKeyFailsTheHandshake) {
  auto listener = StartListener();
  auto impostor = crypto::X25519KeyPair::Generate();  // not the server's key
  auto dialer = Dialer::Create(io_.get_executor(), client_keys_.Clone(),
                               impostor.public_key, {PathTo(listener)}, nullptr);
  ASSERT_TRUE(dialer.has_value());
  (*dialer)->Start();
  ASSERT_TRUE(RunUntil(
      io_, [&] { return (*dialer)->counters().handshake_failed >= 1; }, 5000ms));
  (*dialer)->Stop();
  EXPECT_GE(listener->counters().handshake_failed, 1u);
  EXPECT_GE(listener->responder_counters().crypto, 1u);
  EXPECT_TRUE(accepted_.empty());
}

TEST_F(ListenerTest, GarbageIsDroppedAtOnce) {
  auto listener = StartListener();
  auto client =
      SendRaw(listener, Bytes(AsBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n").begin(),
                              AsBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n").end()));
  ASSERT_TRUE(client->WaitClosed(1000ms));  // well before the 5 s handshake timeout
  EXPECT_EQ(client->available(), 0u);
  EXPECT_EQ(listener->counters().handshake_failed, 1u);
  EXPECT_EQ(listener->pending_handshakes(), 0u);
}

TEST_F(ListenerTest, GiantLengthPrefixIsDroppedWithoutBuffering) {
  auto listener = StartListener();
  auto client = SendRaw(listener, Bytes{0xff, 0xff, 1, 2, 3});
  ASSERT_TRUE(client->WaitClosed(1000ms));
  EXPECT_EQ(listener->counters().handshake_failed, 1u);
}

TEST_F(ListenerTest, ZeroLengthFrameIsDropped) {
  auto listener = StartListener();
  auto client = SendRaw(listener, Bytes{0, 0});
  ASSERT_TRUE(client->WaitClosed(1000ms));
  EXPECT_EQ(listener->counters().handshake_failed, 1u);
}

TEST_F(ListenerTest, RandomInitiationOfTheRightLengthIsDropped) {
  auto listener = StartListener();
  Bytes noise(session::kInitiationLen);
  crypto::RandomBytes(noise);
  auto client = SendRaw(listener, Framed(noise));
  ASSERT_TRUE(client->WaitClosed(1000ms));
  EXPECT_EQ(client->available(), 0u);
  EXPECT_EQ(listener->counters().handshake_failed, 1u);
  EXPECT_EQ(listener->responder_counters().crypto, 1u);
}

TEST_F(ListenerTest, HalfOpenConnectionIsClosedAfterHandshakeTimeout) {
  auto listener = StartListener(ShortHandshake());
  RawClient client(io_);
  ASSERT_TRUE(client.Connect(listener->local_endpoint()));
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.WaitClosed(3000ms));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2000ms);
  EXPECT_EQ(listener->counters().timed_out, 1u);
  EXPECT_EQ(listener->pending_handshakes(), 0u);
}

TEST_F(ListenerTest, SlowTrickleIsClosedAtTheHandshakeDeadline) {
  auto listener = StartListener(ShortHandshake());
  session::Initiator initiator(client_keys_.Clone(), server_keys_.public_key);
  auto initiation = initiator.CreateInitiation(std::chrono::system_clock::now());
  ASSERT_TRUE(initiation.has_value());
  const Bytes frame = Framed(*initiation);
  RawClient client(io_);
  ASSERT_TRUE(client.Connect(listener->local_endpoint()));
  const auto start = std::chrono::steady_clock::now();
  // One byte every 40 ms: each byte is progress, but the deadline is absolute.
  for (size_t i = 0; i < frame.size() && !client.closed(); ++i) {
    client.Write(Bytes{frame[i]});
    RunFor(io_, 40ms);
  }
  ASSERT_TRUE(client.WaitClosed(1000ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2000ms);
  EXPECT_EQ(listener->counters().timed_out, 1u);
  EXPECT_EQ(listener->counters().accepted, 0u);
}

TEST_F(ListenerTest, ReplayedInitiationIsRefused) {
  auto listener = StartListener();
  RawClient first(io_);
  ASSERT_TRUE(first.Connect(listener->local_endpoint()));
  RawSession dialled = RawHandshake(first, client_keys_, server_keys_.public_key);
  ASSERT_TRUE(dialled.session.has_value());
  ASSERT_TRUE(RunUntil(
      io_, [&] { return accepted_.size() == 1; }, 2000ms));
  ASSERT_EQ(dialled.initiation_frame.size(), 2 + session::kInitiationLen);

  // The same 108 bytes (as a recording attacker would send them) on a new
  // connection: no reply, closed, counted.
  auto replay = SendRaw(listener, dialled.initiation_frame);
  ASSERT_TRUE(replay->WaitClosed(1000ms));
  EXPECT_EQ(replay->available(), 0u);
  EXPECT_EQ(listener->counters().replayed, 1u);
  EXPECT_EQ(listener->counters().accepted, 1u);
  EXPECT_EQ(accepted_.size(), 1u);
  EXPECT_TRUE(accepted_[0]->is_open());  // the real session is unharmed
}

// 200 connections that each send a partial initiation and then stall: 100 from
// one source (127.0.0.2) and 100 from 100 other sources (127.0.0.3 ...). The
// listener never holds more than its slot limits, a pinned dialer gets through
// while the flood holds its slots, and every flood connection ends closed and
// counted.
TEST_F(ListenerTest, HandshakeFloodIsBoundedAndPinnedPeerStillGetsThrough) {
  ListenerOptions options;
  options.handshake_timeout = 600ms;
  auto listener = StartListener(options);
  Bytes partial = {0, static_cast<uint8_t>(session::kInitiationLen)};
  partial.resize(2 + 50, 0xab);

  std::vector<std::unique_ptr<RawClient>> flood;
  size_t max_pending = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string source =
        i < 100 ? "127.0.0.2" : "127.0.0." + std::to_string(3 + (i - 100));
    auto client = std::make_unique<RawClient>(io_);
    ASSERT_TRUE(client->Connect(listener->local_endpoint(), source)) << i;
    client->Write(partial);
    flood.push_back(std::move(client));
    Drain(io_);
    max_pending = std::max(max_pending, listener->pending_handshakes());
  }
  EXPECT_LE(max_pending, kMaxPendingHandshakes);

  // The flood still holds its slots; a pinned peer dials now.
  std::shared_ptr<Connection> client;
  auto dialer = Dialer::Create(io_.get_executor(), client_keys_.Clone(),
                               server_keys_.public_key, {PathTo(listener)},
                               [&](std::shared_ptr<Connection> c) { client = c; });
  ASSERT_TRUE(dialer.has_value());
  (*dialer)->Start();
  ASSERT_TRUE(RunUntil(
      io_, [&] { return client != nullptr; }, 500ms));
  EXPECT_GT(listener->pending_handshakes(), 0u);  // still during the flood
  EXPECT_EQ(listener->counters().accepted, 1u);

  // Every flood connection is closed: refused, evicted or timed out.
  ASSERT_TRUE(RunUntil(
      io_,
      [&] {
        return std::all_of(flood.begin(), flood.end(),
                           [](const auto& c) { return c->closed(); });
      },
      3000ms));
  Drain(io_);
  const ListenerCounters& counters = listener->counters();
  RecordProperty("too_many_pending", static_cast<int>(counters.too_many_pending));
  RecordProperty("timed_out", static_cast<int>(counters.timed_out));
  EXPECT_EQ(counters.too_many_pending + counters.timed_out, 200u);
  // 127.0.0.2 alone never held more than its per-source share.
  EXPECT_GE(counters.too_many_pending, 100u - kMaxPendingHandshakesPerSource);
  EXPECT_EQ(counters.handshake_failed, 0u);
  EXPECT_EQ(listener->pending_handshakes(), 0u);
  EXPECT_TRUE(client->is_open());
  client->Close();
}

TEST_F(ListenerTest, StopAbortsPendingHandshakesAndAcceptsNoMore) {
  auto listener = StartListener();
  RawClient pending(io_);
  ASSERT_TRUE(pending.Connect(listener->local_endpoint()));
  ASSERT_TRUE(RunUntil(
      io_, [&] { return listener->pending_handshakes() == 1; }, 1000ms));
  listener->Stop();
  ASSERT_TRUE(pending.WaitClosed(1000ms));
  RawClient late(io_);
  EXPECT_FALSE(late.Connect(listener->local_endpoint(), "", 500ms));
}

TEST_F(ListenerTest, BindFailureIsAnErrorValue) {
  auto listener = StartListener();
  auto second = Listener::Create(
      io_.get_executor(), listener->local_endpoint(), server_keys_.Clone(),
      [](const crypto::X25519Public&) { return true; }, replay_guard_, nullptr);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace openline::net
