#include "net/dialer.h"

#include <string>
#include <utility>

#include <boost/asio/connect.hpp>

#include "crypto/random.h"
#include "net/frame_io.h"
#include "session/link_handshake.h"

namespace openline::net {

Result<std::shared_ptr<Dialer>> Dialer::Create(const asio::any_io_executor& executor,
                                               crypto::X25519KeyPair local_static,
                                               const crypto::X25519Public& peer_static,
                                               std::vector<Path> paths,
                                               ConnectionHandler on_connection,
                                               DialerOptions options) {
  if (paths.empty() || paths.size() > kMaxPathsPerDialer) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a dialer needs 1.." + std::to_string(kMaxPathsPerDialer) +
                         " paths, got " + std::to_string(paths.size()));
  }
  for (const Path& path : paths) OPENLINE_TRY(CheckDialable(path));
  uint64_t seed = 0;
  if (options.jitter_seed) {
    seed = *options.jitter_seed;
  } else {
    crypto::RandomBytes({reinterpret_cast<uint8_t*>(&seed), sizeof seed});
  }
  return std::shared_ptr<Dialer>(new Dialer(executor, std::move(local_static),
                                            peer_static, std::move(paths),
                                            std::move(on_connection), options, seed));
}

Dialer::Dialer(const asio::any_io_executor& executor, crypto::X25519KeyPair local_static,
               const crypto::X25519Public& peer_static, std::vector<Path> paths,
               ConnectionHandler on_connection, DialerOptions options, uint64_t seed)
    : executor_(executor),
      local_static_(std::move(local_static)),
      peer_static_(peer_static),
      paths_(std::move(paths)),
      on_connection_(std::move(on_connection)),
      options_(options),
      backoff_(options.backoff, seed),
      retry_timer_(executor) {}

void Dialer::Start() {
  if (dialing_) return;
  dialing_ = true;
  ++generation_;
  Spawn(executor_, Run(shared_from_this(), generation_));
}

void Dialer::Stop() {
  if (!dialing_) return;
  dialing_ = false;
  ++generation_;
  retry_timer_.cancel();
  if (attempt_) attempt_->Abort();
  attempt_.reset();
}

Awaitable<void> Dialer::Run(std::shared_ptr<Dialer> self, uint64_t generation) {
  self->backoff_.Reset();
  while (self->Current(generation)) {
    for (const Path& path : self->paths_) {
      if (!self->Current(generation)) co_return;
      ++self->counters_.attempts;
      auto connection = co_await Attempt(self, path);
      if (!self->Current(generation)) {  // stopped meanwhile
        if (connection) (*connection)->Close();
        co_return;
      }
      if (connection) {
        ++self->counters_.established;
        self->dialing_ = false;
        self->backoff_.Reset();
        if (self->on_connection_) self->on_connection_(std::move(*connection));
        co_return;
      }
    }
    self->retry_timer_.expires_after(self->backoff_.Next());
    co_await self->retry_timer_.async_wait(kUseTuple);
  }
}

Awaitable<Result<std::shared_ptr<Connection>>> Dialer::Attempt(
    std::shared_ptr<Dialer> self, Path path) {
  auto pending = PendingSocket::ForDialing(self->executor_);
  self->attempt_ = pending;
  pending->ArmDeadline(self->options_.connect_timeout);

  auto [resolve_ec, endpoints] = co_await pending->resolver().async_resolve(
      path.host, std::to_string(path.port), tcp::resolver::numeric_service, kUseTuple);
  if (resolve_ec) {
    if (!pending->aborted()) ++self->counters_.connect_failed;
    pending->Abort();
    co_return tl::unexpected(AsioError(resolve_ec, "resolving " + ToString(path)));
  }
  auto [connect_ec, endpoint] =
      co_await asio::async_connect(pending->socket(), endpoints, kUseTuple);
  if (connect_ec) {
    if (!pending->aborted()) ++self->counters_.connect_failed;
    pending->Abort();
    co_return tl::unexpected(AsioError(connect_ec, "connecting to " + ToString(path)));
  }

  // The handshake gets its own deadline, counted from the established TCP
  // connection (re-arming cancels the connect deadline).
  pending->ArmDeadline(self->options_.handshake_timeout);
  session::Initiator initiator(self->local_static_.Clone(), self->peer_static_);
  const auto now = std::chrono::system_clock::now();
  auto initiation = initiator.CreateInitiation(now);
  if (!initiation) {
    ++self->counters_.handshake_failed;
    pending->Abort();
    co_return tl::unexpected(std::move(initiation).error());
  }
  // -> message 1; <- message 2 (exactly kResponseLen bytes, nothing read beyond).
  Result<session::TransportSession> session =
      tl::unexpected(Error{ErrorCode::kIo, "initiation not sent"});
  if (Status sent = co_await WriteFrame(pending->socket(), *initiation); !sent) {
    session = tl::unexpected(std::move(sent).error());
  } else if (auto response =
                 co_await ReadExactFrame(pending->socket(), session::kResponseLen);
             !response) {
    session = tl::unexpected(std::move(response).error());
  } else {
    session = initiator.ReadResponse(*response);
  }
  if (!session) {
    if (!pending->aborted()) ++self->counters_.handshake_failed;  // not for Stop()
    pending->Abort();
    co_return tl::unexpected(Error{
        session.error().code,
        "handshake with " + ToString(path) + ": " +
            (pending->timed_out() ? std::string("timed out") : session.error().message)});
  }
  if (self->attempt_ == pending) self->attempt_.reset();
  co_return Connection::Create(pending->Release(), std::move(*session),
                               /*initiated_locally=*/true,
                               session::Tai64n::FromTimePoint(now),
                               self->options_.connection);
}

}  // namespace openline::net
