#include "net/listener.h"

#include <string>
#include <utility>

#include "net/frame_io.h"

namespace openline::net {
namespace {

// The source group a connection's handshake slot is charged to: an IPv4
// address, or the /64 of an IPv6 address (one host usually has a whole /64, so
// counting single IPv6 addresses would limit nothing). IPv4-mapped IPv6
// addresses count as their IPv4 address.
std::string SourceKey(const tcp::endpoint& remote) {
  auto address = remote.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  if (address.is_v4()) {
    const auto bytes = address.to_v4().to_bytes();
    return "4" + std::string(bytes.begin(), bytes.end());
  }
  const auto bytes = address.to_v6().to_bytes();
  return "6" + std::string(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(
                                                              kIpv6SourcePrefixBytes));
}

}  // namespace

Result<std::shared_ptr<Listener>> Listener::Create(const asio::any_io_executor& executor,
                                                   const tcp::endpoint& endpoint,
                                                   crypto::X25519KeyPair local_static,
                                                   session::PinnedPeers pinned,
                                                   session::ReplayGuard& replay_guard,
                                                   ConnectionHandler on_connection,
                                                   ListenerOptions options) {
  tcp::acceptor acceptor(executor);
  ErrorCodeT ec;
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return tl::unexpected(AsioError(ec, "opening listener socket"));
  // A restarted station must be able to listen again at once, while its old
  // connections linger in TIME_WAIT.
  acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (ec) return tl::unexpected(AsioError(ec, "setting SO_REUSEADDR"));
  acceptor.bind(endpoint, ec);
  if (ec) {
    return tl::unexpected(AsioError(ec, "binding " + endpoint.address().to_string() +
                                            ":" + std::to_string(endpoint.port())));
  }
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return tl::unexpected(AsioError(ec, "listening"));
  return std::shared_ptr<Listener>(
      new Listener(std::move(acceptor), std::move(local_static), std::move(pinned),
                   replay_guard, std::move(on_connection), options));
}

Listener::Listener(tcp::acceptor acceptor, crypto::X25519KeyPair local_static,
                   session::PinnedPeers pinned, session::ReplayGuard& replay_guard,
                   ConnectionHandler on_connection, ListenerOptions options)
    : acceptor_(std::move(acceptor)),
      responder_(std::move(local_static), std::move(pinned), replay_guard),
      on_connection_(std::move(on_connection)),
      options_(options),
      slots_(options.max_pending_handshakes, options.max_pending_per_source),
      accept_pause_(acceptor_.get_executor()) {
  ErrorCodeT ec;
  local_endpoint_ = acceptor_.local_endpoint(ec);
}

void Listener::Start() {
  Spawn(acceptor_.get_executor(), AcceptLoop(shared_from_this()));
}

void Listener::Stop() {
  if (stopped_) return;
  stopped_ = true;
  ErrorCodeT ignored;
  acceptor_.close(ignored);
  accept_pause_.cancel();
  auto pending = std::move(pending_);
  pending_.clear();
  for (auto& [slot, socket] : pending) {
    slots_.Release(slot);
    socket->Abort();
  }
}

Awaitable<void> Listener::AcceptLoop(std::shared_ptr<Listener> self) {
  while (!self->stopped_) {
    auto [ec, socket] = co_await self->acceptor_.async_accept(kUseTuple);
    if (self->stopped_) co_return;
    if (ec) {
      // EMFILE, ENFILE, ENOBUFS, ...: the same error would come back at once.
      self->accept_pause_.expires_after(kAcceptErrorPause);
      co_await self->accept_pause_.async_wait(kUseTuple);
      continue;
    }
    self->Admit(std::move(socket));
  }
}

void Listener::Admit(tcp::socket socket) {
  ErrorCodeT ec;
  const tcp::endpoint remote = socket.remote_endpoint(ec);
  if (ec) {  // gone before we got to it
    ++counters_.handshake_failed;
    socket.close(ec);
    return;
  }
  const HandshakeSlots::Admission admission = slots_.Admit(SourceKey(remote));
  if (!admission.admitted) {
    ++counters_.too_many_pending;
    socket.close(ec);
    return;
  }
  if (admission.evicted) {
    // Its Handshake coroutine sees aborted() and counts it.
    if (auto it = pending_.find(*admission.evicted); it != pending_.end()) {
      it->second->Abort();
      pending_.erase(it);
    }
  }
  auto pending = PendingSocket::FromAccepted(std::move(socket));
  pending->ArmDeadline(options_.handshake_timeout);
  pending_.emplace(admission.id, pending);
  Spawn(acceptor_.get_executor(),
        Handshake(shared_from_this(), std::move(pending), admission.id));
}

Awaitable<void> Listener::Handshake(std::shared_ptr<Listener> self,
                                    std::shared_ptr<PendingSocket> pending,
                                    HandshakeSlots::Id slot) {
  // -> message 1: the prefix must announce exactly kInitiationLen bytes.
  auto initiation = co_await ReadExactFrame(pending->socket(), session::kInitiationLen);
  Result<session::Accepted> accepted = tl::unexpected(Error{ErrorCode::kIo, ""});
  if (initiation) {
    accepted =
        self->responder_.ReadInitiation(*initiation, std::chrono::system_clock::now());
  }
  Status sent = Ok();
  // <- message 2, only for a pinned, fresh, authentic initiation.
  if (accepted) sent = co_await WriteFrame(pending->socket(), accepted->response);

  self->slots_.Release(slot);
  self->pending_.erase(slot);
  if (pending->aborted()) {  // evicted to make room, or Stop()
    if (!self->stopped_) ++self->counters_.too_many_pending;
    co_return;
  }
  if (pending->timed_out()) {
    ++self->counters_.timed_out;
    co_return;
  }
  if (!accepted || !sent) {
    const ErrorCode code = !accepted ? accepted.error().code : sent.error().code;
    // Only Responder refusals carry these two codes; read errors never do.
    if (code == ErrorCode::kNotFound) {
      ++self->counters_.unpinned;
    } else if (code == ErrorCode::kVerification) {
      ++self->counters_.replayed;
    } else {
      ++self->counters_.handshake_failed;
    }
    pending->Abort();  // closed without a word
    co_return;
  }
  ++self->counters_.accepted;
  auto connection = Connection::Create(pending->Release(), std::move(accepted->session),
                                       /*initiated_locally=*/false, accepted->timestamp,
                                       self->options_.connection);
  if (self->on_connection_) self->on_connection_(std::move(connection));
}

}  // namespace openline::net
