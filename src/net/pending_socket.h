// PendingSocket: the I/O objects of one connection that is not yet a
// Connection (resolving, connecting or in the handshake), with ONE absolute
// deadline. When the deadline passes the socket is closed, which completes any
// pending operation on it with an error; bytes trickling in do not extend it.
// The owner may also Abort() it (listener eviction, Dialer::Stop) and, once the
// handshake succeeded, Release() the socket into a Connection.
//
// Always held by std::shared_ptr (the deadline handler keeps a weak_ptr, so a
// fired deadline never touches a destroyed socket). Depends on: net/io.h.
// Thread-safety: everything runs on the executor the socket was created on (the
// station's single io_context thread).
#ifndef OPENLINE_NET_PENDING_SOCKET_H_
#define OPENLINE_NET_PENDING_SOCKET_H_

#include <chrono>
#include <memory>
#include <optional>

#include "net/io.h"

namespace openline::net {

class PendingSocket : public std::enable_shared_from_this<PendingSocket> {
 public:
  // An accepted socket (listener side).
  static std::shared_ptr<PendingSocket> FromAccepted(tcp::socket socket);
  // A fresh, unopened socket and a resolver (dialer side).
  static std::shared_ptr<PendingSocket> ForDialing(const asio::any_io_executor& executor);

  PendingSocket(const PendingSocket&) = delete;
  PendingSocket& operator=(const PendingSocket&) = delete;
  ~PendingSocket() = default;

  // Closes the socket (and cancels resolution) `timeout` from now unless it was
  // released or aborted first.
  void ArmDeadline(std::chrono::steady_clock::duration timeout);
  // Closes the socket now.
  void Abort();
  // Cancels the deadline and hands over the socket. Call once, on success.
  tcp::socket Release();

  tcp::socket& socket() { return socket_; }
  tcp::resolver& resolver() { return *resolver_; }
  bool timed_out() const { return timed_out_; }
  bool aborted() const { return aborted_; }

 private:
  explicit PendingSocket(tcp::socket socket, bool with_resolver);
  void CloseNow();

  tcp::socket socket_;
  std::optional<tcp::resolver> resolver_;
  asio::steady_timer deadline_;
  bool timed_out_ = false;
  bool aborted_ = false;
  bool released_ = false;
};

}  // namespace openline::net

#endif  // OPENLINE_NET_PENDING_SOCKET_H_
