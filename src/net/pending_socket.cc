#include "net/pending_socket.h"

#include <utility>

namespace openline::net {

std::shared_ptr<PendingSocket> PendingSocket::FromAccepted(tcp::socket socket) {
  return std::shared_ptr<PendingSocket>(
      new PendingSocket(std::move(socket), /*with_resolver=*/false));
}

std::shared_ptr<PendingSocket> PendingSocket::ForDialing(
    const asio::any_io_executor& executor) {
  return std::shared_ptr<PendingSocket>(
      new PendingSocket(tcp::socket(executor), /*with_resolver=*/true));
}

PendingSocket::PendingSocket(tcp::socket socket, bool with_resolver)
    : socket_(std::move(socket)), deadline_(socket_.get_executor()) {
  if (with_resolver) resolver_.emplace(socket_.get_executor());
}

void PendingSocket::ArmDeadline(std::chrono::steady_clock::duration timeout) {
  deadline_.expires_after(timeout);
  deadline_.async_wait([weak = weak_from_this()](const ErrorCodeT& ec) {
    auto self = weak.lock();
    // A deadline that fired just as the handshake finished may still run after
    // Release(): the socket then belongs to a Connection and is left alone.
    if (ec || !self || self->released_ || self->aborted_) return;
    self->timed_out_ = true;
    self->CloseNow();
  });
}

void PendingSocket::Abort() {
  if (released_ || aborted_) return;
  aborted_ = true;
  deadline_.cancel();
  CloseNow();
}

tcp::socket PendingSocket::Release() {
  released_ = true;
  deadline_.cancel();
  return std::move(socket_);
}

void PendingSocket::CloseNow() {
  if (resolver_) resolver_->cancel();
  ErrorCodeT ignored;
  socket_.close(ignored);
}

}  // namespace openline::net
