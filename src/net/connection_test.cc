#include "net/connection.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/random.h"
#include "net/dialer.h"
#include "net/test_util.h"

namespace openline::net {
namespace {

using namespace testing;  // NOLINT: test helpers

class ConnectionTest : public LoopbackTest {
 protected:
  // A raw client that completed the handshake with a listener; accepted_[0] is
  // the server's side of it.
  struct RawPeer {
    RawClient client;
    session::TransportSession session;
  };
  std::unique_ptr<RawPeer> ConnectRaw(ListenerOptions options = {}) {
    auto listener = StartListener(options);
    RawClient client(io_);
    EXPECT_TRUE(client.Connect(listener->local_endpoint()));
    RawSession raw = RawHandshake(client, client_keys_, server_keys_.public_key);
    EXPECT_TRUE(raw.session.has_value());
    EXPECT_TRUE(RunUntil(
        io_, [&] { return accepted_.size() == 1; }, 2000ms));
    if (!raw.session || accepted_.size() != 1) return nullptr;
    return std::make_unique<RawPeer>(RawPeer{std::move(client), std::move(*raw.session)});
  }
  void SendRaw(RawPeer& peer, ByteView plaintext) {
    auto ciphertext = peer.session.Encrypt(plaintext);
    ASSERT_TRUE(ciphertext.has_value());
    peer.client.Write(Framed(*ciphertext));
  }
  static Bytes Garbage(size_t n) {
    Bytes out(n);
    crypto::RandomBytes(out);
    return out;
  }
};

// Sizes for the ordered-stream test: empty, one byte, the maximum, and a spread.
size_t MessageSize(uint32_t i) {
  if (i % 100 == 0) return kMaxMessageLen;
  if (i % 100 == 1) return 0;
  if (i % 100 == 2) return 1;
  return (size_t{i} * 7919) % 4000 + 4;
}

TEST_F(ConnectionTest, MessagesBothWaysArriveIntactAndInOrder) {
  constexpr uint32_t kCount = 1000;
  auto listener = StartListener();
  std::shared_ptr<Connection> client;
  std::vector<Bytes> client_received;
  DialerOptions options;
  options.jitter_seed = 1;
  auto dialer = Dialer::Create(
      io_.get_executor(), client_keys_.Clone(), server_keys_.public_key,
      {Path{PathScheme::kTcp, "127.0.0.1", listener->local_endpoint().port()}},
      [&](std::shared_ptr<Connection> connection) {
        client = std::move(connection);
        client->Start([&](Bytes m) { client_received.push_back(std::move(m)); }, nullptr);
      },
      options);
  ASSERT_TRUE(dialer.has_value());
  (*dialer)->Start();
  ASSERT_TRUE(RunUntil(
      io_, [&] { return client && accepted_.size() == 1; }, 5000ms));
  auto server = accepted_[0];

  EXPECT_TRUE(std::ranges::equal(client->session_id(), server->session_id()));
  EXPECT_EQ(client->session_id().size(), 64u);
  EXPECT_TRUE(client->initiated_locally());
  EXPECT_FALSE(server->initiated_locally());
  EXPECT_EQ(client->peer_static(), server_keys_.public_key);
  EXPECT_EQ(server->peer_static(), client_keys_.public_key);
  EXPECT_EQ(client->initiation_timestamp(), server->initiation_timestamp());

  // Send as fast as each side's bounded queue allows; a full queue is the
  // owner's signal to wait, not an error of the connection.
  uint32_t client_next = 0;
  uint32_t server_next = 0;
  auto pump = [&](Connection& c, uint32_t& next) {
    while (next < kCount) {
      Status sent = c.Send(TestMessage(next, MessageSize(next)));
      if (!sent) {
        EXPECT_EQ(sent.error().code, ErrorCode::kTooLarge) << sent.error().ToString();
        return;
      }
      ++next;
    }
  };
  ASSERT_TRUE(RunUntil(
      io_,
      [&] {
        pump(*client, client_next);
        pump(*server, server_next);
        return client_received.size() == kCount && server_received_.size() == kCount;
      },
      30000ms));

  for (uint32_t i = 0; i < kCount; ++i) {
    ASSERT_EQ(server_received_[i], TestMessage(i, MessageSize(i)))
        << "client->server " << i;
    ASSERT_EQ(client_received[i], TestMessage(i, MessageSize(i)))
        << "server->client " << i;
  }
  EXPECT_EQ(client->stats().messages_out, kCount);
  EXPECT_EQ(server->stats().messages_in, kCount);
  EXPECT_EQ(server->stats().messages_out, kCount);
  EXPECT_EQ(client->stats().messages_in, kCount);
  EXPECT_EQ(client->stats().bytes_out, server->stats().bytes_in);
  EXPECT_EQ(server->stats().bytes_out, client->stats().bytes_in);
  EXPECT_EQ(server->stats().frames_rejected, 0u);
  EXPECT_TRUE(client->is_open());
  EXPECT_TRUE(server->is_open());
  client->Close();
}

TEST_F(ConnectionTest, FrameThatFailsToDecryptIsDroppedAndCounted) {
  auto peer = ConnectRaw();
  ASSERT_TRUE(peer);
  SendRaw(*peer, AsBytes("first"));
  peer->client.Write(Framed(Garbage(100)));
  SendRaw(*peer, AsBytes("second"));  // nonce 1: the forged frame consumed none
  ASSERT_TRUE(RunUntil(
      io_, [&] { return server_received_.size() == 2; }, 2000ms));
  EXPECT_EQ(AsChars(server_received_[0]), "first");
  EXPECT_EQ(AsChars(server_received_[1]), "second");
  EXPECT_EQ(accepted_[0]->stats().frames_rejected, 1u);
  EXPECT_TRUE(accepted_[0]->is_open());
}

TEST_F(ConnectionTest, TooManyRejectedFramesCloseTheConnection) {
  auto peer = ConnectRaw();
  ASSERT_TRUE(peer);
  for (uint32_t i = 0; i < kMaxRejectedFrames; ++i)
    peer->client.Write(Framed(Garbage(40)));
  SendRaw(*peer, AsBytes("still here"));
  ASSERT_TRUE(RunUntil(
      io_, [&] { return server_received_.size() == 1; }, 2000ms));
  EXPECT_TRUE(accepted_[0]->is_open());
  EXPECT_EQ(accepted_[0]->stats().frames_rejected, kMaxRejectedFrames);

  peer->client.Write(Framed(Garbage(40)));  // one too many
  ASSERT_TRUE(peer->client.WaitClosed());
  EXPECT_EQ(accepted_[0]->close_reason(), CloseReason::kTooManyRejected);
  ASSERT_TRUE(RunUntil(
      io_, [&] { return server_close_reasons_.size() == 1; }, 1000ms));
  EXPECT_EQ(server_close_reasons_[0], CloseReason::kTooManyRejected);
}

TEST_F(ConnectionTest, ZeroLengthFrameClosesTheConnection) {
  auto peer = ConnectRaw();
  ASSERT_TRUE(peer);
  peer->client.Write(Bytes{0, 0});
  ASSERT_TRUE(peer->client.WaitClosed());
  EXPECT_EQ(accepted_[0]->close_reason(), CloseReason::kFramingError);
}

TEST_F(ConnectionTest, SilentPeerIsClosedAfterIdleTimeout) {
  ListenerOptions options;
  options.connection.idle_timeout = 200ms;
  auto peer = ConnectRaw(options);
  ASSERT_TRUE(peer);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(peer->client.WaitClosed(3000ms));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(accepted_[0]->close_reason(), CloseReason::kIdleTimedOut);
  EXPECT_LT(elapsed, 2000ms);
}

TEST_F(ConnectionTest, TrafficKeepsTheConnectionAlive) {
  ListenerOptions options;
  options.connection.idle_timeout = 150ms;
  auto peer = ConnectRaw(options);
  ASSERT_TRUE(peer);
  // Four idle periods' worth of time, with a message every third of a period.
  for (int i = 0; i < 12; ++i) {
    SendRaw(*peer, AsBytes("heartbeat"));
    const size_t want = static_cast<size_t>(i) + 1;
    ASSERT_TRUE(RunUntil(
        io_, [&] { return server_received_.size() == want; }, 1000ms));
    RunFor(io_, 50ms);
  }
  EXPECT_TRUE(accepted_[0]->is_open());
  EXPECT_FALSE(peer->client.closed());
}

TEST_F(ConnectionTest, FullSendQueueRefusesWithoutDesynchronisingTheSession) {
  ListenerOptions options;
  options.connection.max_send_queue_bytes = 16 * 1024;
  auto peer = ConnectRaw(options);
  ASSERT_TRUE(peer);
  auto server = accepted_[0];
  // Nothing runs the io_context here, so nothing drains: the queue fills.
  uint32_t queued = 0;
  Status sent = Ok();
  while ((sent = server->Send(TestMessage(queued, 1000)))) ++queued;
  EXPECT_EQ(sent.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(queued, 16 * 1024 / (1000 + 16 + 2));
  EXPECT_LE(server->queued_bytes(), 16u * 1024);
  // The refused messages used no nonce: the peer decrypts every queued one.
  for (uint32_t i = 0; i < queued; ++i) {
    auto message = ReceiveMessage(peer->client, peer->session);
    ASSERT_TRUE(message.has_value()) << i;
    EXPECT_EQ(*message, TestMessage(i, 1000));
  }
  ASSERT_TRUE(server->Send(AsBytes("after the queue drained")));
  auto message = ReceiveMessage(peer->client, peer->session);
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(AsChars(*message), "after the queue drained");
}

TEST_F(ConnectionTest, OversizedMessageIsRefused) {
  auto peer = ConnectRaw();
  ASSERT_TRUE(peer);
  Bytes too_big(kMaxMessageLen + 1);
  Status sent = accepted_[0]->Send(too_big);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kTooLarge);
  ASSERT_TRUE(accepted_[0]->Send(AsBytes("fine")));
  auto message = ReceiveMessage(peer->client, peer->session);
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(AsChars(*message), "fine");
}

TEST_F(ConnectionTest, LocalCloseNotifiesOnceAndPeerSeesEndOfStream) {
  auto peer = ConnectRaw();
  ASSERT_TRUE(peer);
  accepted_[0]->Close();
  accepted_[0]->Close();
  EXPECT_FALSE(accepted_[0]->is_open());
  EXPECT_TRUE(server_close_reasons_.empty());  // posted, never inside Close()
  ASSERT_TRUE(peer->client.WaitClosed());
  Drain(io_);
  ASSERT_EQ(server_close_reasons_.size(), 1u);
  EXPECT_EQ(server_close_reasons_[0], CloseReason::kLocal);
  Status sent = accepted_[0]->Send(AsBytes("late"));
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kState);
}

TEST_F(ConnectionTest, PeerCloseIsReported) {
  auto peer = ConnectRaw();
  ASSERT_TRUE(peer);
  peer->client.Close();
  ASSERT_TRUE(RunUntil(
      io_, [&] { return server_close_reasons_.size() == 1; }, 2000ms));
  EXPECT_EQ(server_close_reasons_[0], CloseReason::kPeerClosed);
}

}  // namespace
}  // namespace openline::net
