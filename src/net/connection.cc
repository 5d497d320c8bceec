#include "net/connection.h"

#include <utility>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

namespace openline::net {

std::string_view ToString(CloseReason reason) {
  switch (reason) {
    case CloseReason::kLocal:
      return "closed locally";
    case CloseReason::kPeerClosed:
      return "closed by peer";
    case CloseReason::kIoError:
      return "socket error";
    case CloseReason::kIdleTimedOut:
      return "idle timeout";
    case CloseReason::kFramingError:
      return "framing error";
    case CloseReason::kTooManyRejected:
      return "too many rejected frames";
    case CloseReason::kSessionExhausted:
      return "session exhausted";
  }
  return "unknown";
}

std::shared_ptr<Connection> Connection::Create(tcp::socket socket,
                                               session::TransportSession session,
                                               bool initiated_locally,
                                               session::Tai64n initiation_timestamp,
                                               ConnectionOptions options) {
  return std::shared_ptr<Connection>(new Connection(std::move(socket), std::move(session),
                                                    initiated_locally,
                                                    initiation_timestamp, options));
}

Connection::Connection(tcp::socket socket, session::TransportSession session,
                       bool initiated_locally, session::Tai64n initiation_timestamp,
                       ConnectionOptions options)
    : socket_(std::move(socket)),
      session_(std::move(session)),
      initiated_locally_(initiated_locally),
      initiation_timestamp_(initiation_timestamp),
      options_(options),
      idle_timer_(socket_.get_executor()),
      write_wakeup_(socket_.get_executor()) {
  ErrorCodeT ec;
  remote_endpoint_ = socket_.remote_endpoint(ec);
  // Messages are small and latency matters more than segment count; the writer
  // batches queued frames itself.
  socket_.set_option(tcp::no_delay(true), ec);
  write_wakeup_.expires_at(asio::steady_timer::time_point::max());
}

Connection::~Connection() = default;

void Connection::Start(MessageHandler on_message, CloseHandler on_close) {
  if (started_) return;
  started_ = true;
  on_message_ = std::move(on_message);
  on_close_ = std::move(on_close);
  if (!open_) {
    // Closed before it started: still tell the owner, once.
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      auto on_close_now = std::move(self->on_close_);
      self->on_close_ = nullptr;
      self->on_message_ = nullptr;
      if (on_close_now) on_close_now(*self->close_reason_);
    });
    return;
  }
  idle_deadline_ = std::chrono::steady_clock::now() + options_.idle_timeout;
  const auto executor = socket_.get_executor();
  Spawn(executor, ReadLoop(shared_from_this()));
  Spawn(executor, WriteLoop(shared_from_this()));
  Spawn(executor, IdleWatchdog(shared_from_this()));
}

Status Connection::Send(ByteView plaintext) {
  if (!open_) return MakeError(ErrorCode::kState, "connection is closed");
  if (plaintext.size() > kMaxMessageLen) {
    return MakeError(ErrorCode::kTooLarge,
                     "message of " + std::to_string(plaintext.size()) +
                         " bytes exceeds " + std::to_string(kMaxMessageLen));
  }
  // Checked before encrypting: a refused message must not consume a nonce. A
  // lone message always fits, so a small bound cannot wedge the connection.
  const size_t frame_len = wire::kFrameHeaderLen + plaintext.size() + noise::kTagLen;
  if (queued_bytes_ > 0 && queued_bytes_ + frame_len > options_.max_send_queue_bytes) {
    return MakeError(ErrorCode::kTooLarge,
                     "send queue full (" + std::to_string(queued_bytes_) + " bytes)");
  }
  auto ciphertext = session_.Encrypt(plaintext);
  if (!ciphertext) {
    if (ciphertext.error().code == ErrorCode::kState) {
      Shutdown(CloseReason::kSessionExhausted);
    }
    return tl::unexpected(std::move(ciphertext).error());
  }
  auto frame = wire::EncodeFrame(*ciphertext);
  if (!frame) return tl::unexpected(std::move(frame).error());
  queued_bytes_ += frame->size();
  send_queue_.push_back(std::move(*frame));
  write_wakeup_.cancel();
  return Ok();
}

void Connection::Close() { Shutdown(CloseReason::kLocal); }

void Connection::Shutdown(CloseReason reason) {
  if (!open_) return;
  open_ = false;
  close_reason_ = reason;
  ErrorCodeT ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  idle_timer_.cancel();
  write_wakeup_.cancel();
  if (!started_) return;  // Start() reports it
  // Posted, so the owner's close handler never runs inside its own Send/Close
  // or inside the message handler; and the handlers are released afterwards.
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    auto on_close_now = std::move(self->on_close_);
    self->on_close_ = nullptr;
    self->on_message_ = nullptr;
    if (on_close_now) on_close_now(*self->close_reason_);
  });
}

bool Connection::OnFrame(const Bytes& frame) {
  auto plaintext = session_.Decrypt(frame);
  if (!plaintext) {
    if (plaintext.error().code == ErrorCode::kState) {
      Shutdown(CloseReason::kSessionExhausted);
      return false;
    }
    // Forged, corrupted or misdirected: drop it; the session did not advance.
    ++stats_.frames_rejected;
    if (stats_.frames_rejected > options_.max_rejected_frames) {
      Shutdown(CloseReason::kTooManyRejected);
      return false;
    }
    return true;
  }
  ++stats_.messages_in;
  if (on_message_) on_message_(std::move(*plaintext));
  return open_;  // the handler may have closed us
}

Awaitable<void> Connection::ReadLoop(std::shared_ptr<Connection> self) {
  while (self->open_) {
    auto [ec, n] = co_await self->socket_.async_read_some(
        asio::buffer(self->read_buffer_), kUseTuple);
    if (!self->open_) co_return;
    if (ec) {
      self->Shutdown(ec == asio::error::eof ? CloseReason::kPeerClosed
                                            : CloseReason::kIoError);
      co_return;
    }
    self->stats_.bytes_in += n;
    self->idle_deadline_ = std::chrono::steady_clock::now() + self->options_.idle_timeout;
    ByteView data(self->read_buffer_.data(), n);
    while (!data.empty()) {
      auto used = self->decoder_.Feed(data);
      if (!used) {
        self->Shutdown(CloseReason::kFramingError);
        co_return;
      }
      data = data.subspan(*used);
      if (auto frame = self->decoder_.Next()) {
        if (!self->OnFrame(*frame)) co_return;
      }
    }
  }
}

Awaitable<void> Connection::WriteLoop(std::shared_ptr<Connection> self) {
  std::vector<asio::const_buffer> batch;
  batch.reserve(kMaxWriteBatchFrames);
  while (self->open_) {
    if (self->send_queue_.empty()) {
      co_await self->write_wakeup_.async_wait(kUseTuple);  // woken by Send or Shutdown
      continue;
    }
    batch.clear();
    size_t batch_bytes = 0;
    for (const Bytes& frame : self->send_queue_) {
      if (batch.size() == kMaxWriteBatchFrames ||
          (!batch.empty() && batch_bytes + frame.size() > kMaxWriteBatchBytes)) {
        break;
      }
      batch.push_back(asio::buffer(frame));
      batch_bytes += frame.size();
    }
    auto [ec, n] = co_await asio::async_write(self->socket_, batch, kUseTuple);
    if (!self->open_) break;
    if (ec) {
      self->Shutdown(CloseReason::kIoError);
      break;
    }
    for (size_t i = 0; i < batch.size(); ++i) self->send_queue_.pop_front();
    self->queued_bytes_ -= batch_bytes;
    self->stats_.bytes_out += n;
    self->stats_.messages_out += batch.size();
  }
  // Only now, with no write in flight, may the queued buffers go.
  self->send_queue_.clear();
  self->queued_bytes_ = 0;
}

Awaitable<void> Connection::IdleWatchdog(std::shared_ptr<Connection> self) {
  while (self->open_) {
    // Re-armed at the latest deadline: reads push it forward without touching
    // the timer, so a busy connection costs one timer wakeup per idle period.
    self->idle_timer_.expires_at(self->idle_deadline_);
    co_await self->idle_timer_.async_wait(kUseTuple);
    if (!self->open_) co_return;
    if (std::chrono::steady_clock::now() >= self->idle_deadline_) {
      self->Shutdown(CloseReason::kIdleTimedOut);
      co_return;
    }
  }
}

}  // namespace openline::net
