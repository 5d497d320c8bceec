// Test helpers for net/ (tests only): running the single io_context thread
// until a condition holds (with a deadline, never a fixed sleep), a raw TCP
// client that can send any bytes to a listener, a hand-driven initiator on top
// of it, and a fixture with two stations' keys and a pinned listener.
//
// Everything runs on the test's thread: the test drives the same io_context
// the Listener, Dialer and Connections use, so no locks and no data races.
#ifndef OPENLINE_NET_TEST_UTIL_H_
#define OPENLINE_NET_TEST_UTIL_H_

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "common/bytes.h"
#include "crypto/x25519.h"
#include "net/connection.h"
#include "net/io.h"
#include "net/listener.h"
#include "session/link_handshake.h"
#include "session/replay_guard.h"
#include "wire/frame.h"

namespace openline::net::testing {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

// Runs handlers until `pred()` holds or `timeout` passes; returns pred().
template <class Pred>
bool RunUntil(asio::io_context& io, Pred&& pred, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    io.run_one_until(deadline);
    if (io.stopped()) io.restart();
  }
  return true;
}

// Runs handlers for `duration` (for tests that must show nothing happens).
inline void RunFor(asio::io_context& io, milliseconds duration) {
  RunUntil(
      io, [] { return false; }, duration);
}

// Runs ready handlers until none is left (no waiting).
inline void Drain(asio::io_context& io) {
  while (io.poll() > 0) {
  }
  if (io.stopped()) io.restart();
}

inline tcp::endpoint Loopback(uint16_t port = 0) {
  return {asio::ip::make_address("127.0.0.1"), port};
}

// A TCP client that sends whatever the test says. Its state lives in a
// shared_ptr held by every pending handler, so destroying the client while an
// operation is pending is safe.
class RawClient {
 public:
  explicit RawClient(asio::io_context& io)
      : io_(io), state_(std::make_shared<State>(io)) {}
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  RawClient(RawClient&&) = default;
  ~RawClient() {
    if (state_) Close();
  }

  // Connects (from `bind_address` if given, e.g. "127.0.0.2", to be another
  // source) and starts reading everything the server sends.
  bool Connect(const tcp::endpoint& to, const std::string& bind_address = "",
               milliseconds timeout = 2000ms) {
    auto s = state_;
    ErrorCodeT ec;
    s->socket.open(to.protocol(), ec);
    if (ec) return false;
    if (!bind_address.empty()) {
      s->socket.bind({asio::ip::make_address(bind_address), 0}, ec);
      if (ec) return false;
    }
    s->socket.async_connect(to, [s](const ErrorCodeT& e) {
      s->connect_error = e;
      s->connect_done = true;
    });
    if (!RunUntil(
            io_, [&] { return s->connect_done; }, timeout))
      return false;
    if (s->connect_error) return false;
    s->socket.set_option(tcp::no_delay(true), ec);  // no Nagle delay between test writes
    ReadMore(s);
    return true;
  }

  // Queues bytes for writing (in order).
  void Write(Bytes data) {
    auto s = state_;
    auto buffer = std::make_shared<Bytes>(std::move(data));
    ++s->writes_pending;
    asio::async_write(s->socket, asio::buffer(*buffer),
                      [s, buffer](const ErrorCodeT& e, size_t) {
                        --s->writes_pending;
                        if (e) s->write_failed = true;
                      });
  }
  bool Flush(milliseconds timeout = 2000ms) {
    auto s = state_;
    return RunUntil(
               io_, [&] { return s->writes_pending == 0; }, timeout) &&
           !s->write_failed;
  }

  bool WaitForBytes(size_t n, milliseconds timeout = 2000ms) {
    auto s = state_;
    return RunUntil(
        io_, [&] { return s->received.size() >= n; }, timeout);
  }
  Bytes TakeBytes(size_t n) {
    Bytes out(state_->received.begin(),
              state_->received.begin() + static_cast<std::ptrdiff_t>(n));
    state_->received.erase(state_->received.begin(),
                           state_->received.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
  }
  size_t available() const { return state_->received.size(); }

  // True once the server closed the connection (EOF or reset).
  bool closed() const { return state_->closed; }
  bool WaitClosed(milliseconds timeout = 2000ms) {
    auto s = state_;
    return RunUntil(
        io_, [&] { return s->closed; }, timeout);
  }
  void Close() {
    ErrorCodeT ignored;
    state_->socket.close(ignored);
  }

 private:
  struct State {
    explicit State(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    bool connect_done = false;
    ErrorCodeT connect_error;
    size_t writes_pending = 0;
    bool write_failed = false;
    bool closed = false;
    Bytes received;
    std::array<uint8_t, 4096> buffer{};
  };

  static void ReadMore(std::shared_ptr<State> s) {
    s->socket.async_read_some(
        asio::buffer(s->buffer), [s](const ErrorCodeT& e, size_t n) {
          if (e) {
            s->closed = true;
            return;
          }
          s->received.insert(s->received.end(), s->buffer.begin(),
                             s->buffer.begin() + static_cast<std::ptrdiff_t>(n));
          ReadMore(s);
        });
  }

  asio::io_context& io_;
  std::shared_ptr<State> state_;
};

inline Bytes Framed(ByteView payload) {
  auto frame = wire::EncodeFrame(payload);
  EXPECT_TRUE(frame.has_value());
  return frame ? *frame : Bytes{};
}

// The initiator side of the link handshake driven by hand over a RawClient,
// so a test can keep the initiation bytes or misbehave after the handshake.
struct RawSession {
  std::optional<session::TransportSession> session;
  Bytes initiation_frame;  // exactly what went on the wire
};

inline RawSession RawHandshake(RawClient& client, const crypto::X25519KeyPair& local,
                               const crypto::X25519Public& responder,
                               milliseconds timeout = 2000ms) {
  RawSession out;
  session::Initiator initiator(local.Clone(), responder);
  auto initiation = initiator.CreateInitiation(std::chrono::system_clock::now());
  EXPECT_TRUE(initiation.has_value());
  out.initiation_frame = Framed(*initiation);
  client.Write(out.initiation_frame);
  if (!client.WaitForBytes(2 + session::kResponseLen, timeout)) return out;
  Bytes response = client.TakeBytes(2 + session::kResponseLen);
  EXPECT_EQ(response[0], 0);
  EXPECT_EQ(response[1], session::kResponseLen);
  auto session = initiator.ReadResponse(ByteView(response).subspan(2));
  EXPECT_TRUE(session.has_value()) << session.error().ToString();
  if (session) out.session = std::move(*session);
  return out;
}

// Reads one transport frame from `client` and decrypts it.
inline std::optional<Bytes> ReceiveMessage(RawClient& client,
                                           session::TransportSession& s,
                                           milliseconds timeout = 2000ms) {
  if (!client.WaitForBytes(2, timeout)) return std::nullopt;
  Bytes prefix = client.TakeBytes(2);
  const size_t len = (size_t{prefix[0]} << 8) | prefix[1];
  if (!client.WaitForBytes(len, timeout)) return std::nullopt;
  Bytes ciphertext = client.TakeBytes(len);
  auto plaintext = s.Decrypt(ciphertext);
  if (!plaintext) return std::nullopt;
  return *plaintext;
}

// A deterministic message of `size` bytes numbered `n`.
inline Bytes TestMessage(uint32_t n, size_t size) {
  Bytes out(size);
  for (size_t i = 0; i < size; ++i)
    out[i] = static_cast<uint8_t>((n * 131 + i * 7) & 0xff);
  if (size >= 4) {
    out[0] = static_cast<uint8_t>(n >> 24);
    out[1] = static_cast<uint8_t>(n >> 16);
    out[2] = static_cast<uint8_t>(n >> 8);
    out[3] = static_cast<uint8_t>(n);
  }
  return out;
}

// Two stations' keys, one io_context, and a listener for the "server" station
// that pins the "client" station.
class LoopbackTest : public ::testing::Test {
 protected:
  LoopbackTest()
      : work_(asio::make_work_guard(io_)),
        server_keys_(crypto::X25519KeyPair::Generate()),
        client_keys_(crypto::X25519KeyPair::Generate()) {}

  ~LoopbackTest() override {
    for (auto& listener : listeners_) listener->Stop();
    for (auto& connection : accepted_) connection->Close();
    Drain(io_);
    EXPECT_EQ(UnexpectedExceptions(), 0u);
  }

  // Starts a listener of the server station on 127.0.0.1 (port 0 = any) that
  // pins `pinned` (default: the client station) and collects its Connections
  // in accepted_ (started, with messages into server_received_).
  std::shared_ptr<Listener> StartListener(ListenerOptions options = {},
                                          std::optional<crypto::X25519Public> pinned = {},
                                          uint16_t port = 0) {
    const crypto::X25519Public pin = pinned.value_or(client_keys_.public_key);
    auto listener = Listener::Create(
        io_.get_executor(), Loopback(port), server_keys_.Clone(),
        [pin](const crypto::X25519Public& key) { return key == pin; }, replay_guard_,
        [this](std::shared_ptr<Connection> connection) {
          connection->Start(
              [this](Bytes message) { server_received_.push_back(std::move(message)); },
              [this](CloseReason reason) { server_close_reasons_.push_back(reason); });
          accepted_.push_back(std::move(connection));
        },
        options);
    EXPECT_TRUE(listener.has_value()) << listener.error().ToString();
    (*listener)->Start();
    listeners_.push_back(*listener);
    return *listener;
  }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  crypto::X25519KeyPair server_keys_;
  crypto::X25519KeyPair client_keys_;
  session::ReplayGuard replay_guard_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::vector<std::shared_ptr<Connection>> accepted_;
  std::vector<Bytes> server_received_;
  std::vector<CloseReason> server_close_reasons_;
};

}  // namespace openline::net::testing

#endif  // OPENLINE_NET_TEST_UTIL_H_
