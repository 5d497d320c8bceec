#include "station/station.h"

#include <cstdio>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/authenticator.h"
#include "store/sqlite_store.h"

namespace openline::station {
namespace {

Result<boost::asio::ip::tcp::endpoint> ParseEndpoint(const std::string& host_port) {
  const size_t colon = host_port.rfind(':');
  boost::system::error_code ec;
  std::string host = host_port.substr(0, colon);
  if (host == "localhost") host = "127.0.0.1";
  auto address = boost::asio::ip::make_address(host, ec);
  if (ec)
    return MakeError(ErrorCode::kInvalidArgument, "not a numeric address: " + host_port);
  const auto port = static_cast<uint16_t>(std::stoul(host_port.substr(colon + 1)));
  return boost::asio::ip::tcp::endpoint(address, port);
}

}  // namespace

Result<std::unique_ptr<Station>> Station::Open(const std::filesystem::path& root) {
  auto dir = StationDir::Open(root);
  if (!dir) return tl::unexpected(dir.error());
  auto config = dir->Config();
  if (!config) return tl::unexpected(config.error());
  auto keys = dir->Keys();
  if (!keys) return tl::unexpected(keys.error());
  std::unique_ptr<Station> st(new Station(*dir, *config, std::move(*keys)));
  auto store = store::OpenSqliteStore(dir->db_path().string());
  if (!store) return tl::unexpected(store.error());
  st->store_ = std::make_unique<StoreWorker>(std::move(*store));
  return st;
}

Station::Station(StationDir dir, StationConfig config, identity::StationKeys keys)
    : dir_(std::move(dir)),
      config_(std::move(config)),
      keys_(std::move(keys)),
      events_(std::make_shared<api::Broadcaster>()) {}

Station::~Station() {
  api_.reset();
  links_.clear();
  listener_.reset();
}

void Station::Post(std::function<void()> fn) {
  boost::asio::post(link_io_, std::move(fn));
}

uint16_t Station::api_port() const { return api_ ? api_->port() : 0; }
uint16_t Station::peer_port() const { return peer_port_; }

std::shared_ptr<LinkRuntime> Station::FindLink(std::string_view name) const {
  auto it = links_.find(name);
  return it == links_.end() ? nullptr : it->second;
}

Status Station::ReloadLinks() {
  auto configs = store_->Call([](store::StationStore& s) { return s.Links(); });
  if (!configs) return tl::unexpected(configs.error());
  std::map<std::string, store::LinkConfig, std::less<>> wanted;
  for (auto& c : *configs) wanted.emplace(c.name, std::move(c));
  for (auto it = links_.begin(); it != links_.end();) {
    auto w = wanted.find(it->first);
    if (w == wanted.end() || !(w->second.peer == it->second->config().peer)) {
      it->second->Stop();
      it = links_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& [name, config] : wanted) {
    if (links_.count(name) != 0) continue;
    LinkRuntime::Context ctx{&link_io_, store_.get(), &keys_, events_.get()};
    auto rt = LinkRuntime::Load(ctx, config);
    if (!rt) {
      std::fprintf(stderr, "openline station: link %s not loaded: %s\n", name.c_str(),
                   rt.error().ToString().c_str());
      continue;
    }
    RestoreReplayGuard(config.peer.dh_key);
    links_.emplace(name, *rt);
    (*rt)->Start();
  }
  return Ok();
}

// The newest handshake timestamp of each peer survives a restart, so a recorded
// initiation replayed after one is refused like any other (session/replay_guard.h).
void Station::RestoreReplayGuard(const crypto::X25519Public& peer) {
  auto stored =
      store_->Call([&](store::StationStore& s) { return s.HandshakeTimestamp(peer); });
  if (!stored || !*stored) return;
  if (auto t = session::Tai64n::Decode(**stored)) replay_guard_.Restore(peer, *t);
}

void Station::SaveReplayGuard(const crypto::X25519Public& peer) {
  auto latest = replay_guard_.Latest(peer);
  if (!latest) return;
  auto bytes = latest->Encode();
  store_->RunAsync([peer, bytes](store::StationStore& s) {
    if (auto st = s.SaveHandshakeTimestamp(peer, bytes); !st) {
      std::fprintf(stderr, "openline station: replay guard not saved: %s\n",
                   st.error().message.c_str());
    }
  });
}

Status Station::StartListener() {
  auto endpoint = ParseEndpoint(config_.listen);
  if (!endpoint) return tl::unexpected(endpoint.error());
  // The pinned set is read on the link thread, where links_ lives.
  auto pinned = [this](const crypto::X25519Public& key) {
    for (const auto& [name, rt] : links_) {
      if (rt->config().peer.dh_key == key) return true;
    }
    return false;
  };
  auto listener = net::Listener::Create(
      link_io_.get_executor(), *endpoint, keys_.dh.Clone(), pinned, replay_guard_,
      [this](std::shared_ptr<net::Connection> c) {
        SaveReplayGuard(c->peer_static());
        for (const auto& [name, rt] : links_) {
          if (rt->config().peer.dh_key == c->peer_static()) {
            rt->Attach(std::move(c));
            return;
          }
        }
        c->Close();  // unpinned between handshake and now (link removed)
      });
  if (!listener) return tl::unexpected(listener.error());
  listener_ = *listener;
  peer_port_ = listener_->local_endpoint().port();
  listener_->Start();
  return Ok();
}

Status Station::StartApi() {
  auto token = dir_.ApiToken();
  if (!token) return tl::unexpected(token.error());
  auto auth = api::BearerTokenAuthenticator::Create(*token);
  if (!auth) return tl::unexpected(auth.error());
  api::ServerOptions options;
  const size_t colon = config_.api.rfind(':');
  options.address = config_.api.substr(0, colon);
  options.port = static_cast<uint16_t>(std::stoul(config_.api.substr(colon + 1)));
  auto server =
      api::Server::Start(api_io_.get_executor(), options, BuildRoutes(),
                         std::shared_ptr<const api::Authenticator>(std::move(*auth)));
  if (!server) return tl::unexpected(server.error());
  api_ = std::move(*server);
  return Ok();
}

Status Station::Run() {
  auto link_guard = boost::asio::make_work_guard(link_io_);
  auto api_guard = boost::asio::make_work_guard(api_io_);
  // Start-up runs on the link thread like everything that touches links_.
  std::promise<Status> started;
  Post([this, &started] {
    Status st = ReloadLinks();
    if (st) st = StartListener();
    started.set_value(st);
  });
  std::thread link_thread([this] { link_io_.run(); });
  Status st = started.get_future().get();
  if (st) st = StartApi();
  if (!st) {
    link_guard.reset();
    Post([this] {
      for (auto& [name, rt] : links_) rt->Stop();
      if (listener_) listener_->Stop();
      link_io_.stop();
    });
    link_thread.join();
    return st;
  }
  std::fprintf(stdout, "openline station %s: peers on %s (port %u), API on %s\n",
               config_.name.c_str(), config_.listen.c_str(), peer_port_,
               config_.api.c_str());
  std::fflush(stdout);
  // SIGINT/SIGTERM: stop the API, then the links, then let the store drain.
  boost::asio::signal_set signals(api_io_, SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) Shutdown();
  });
  api_guard.reset();
  std::vector<std::thread> api_threads;
  for (int i = 1; i < kApiThreads; ++i)
    api_threads.emplace_back([this] { api_io_.run(); });
  api_io_.run();  // returns after Shutdown() stops the API server
  for (auto& t : api_threads) t.join();
  signals.cancel();

  link_guard.reset();
  Post([this] {
    for (auto& [name, rt] : links_) rt->Stop();
    if (listener_) listener_->Stop();
    link_io_.stop();
  });
  link_thread.join();
  return Ok();
}

void Station::Shutdown() {
  boost::asio::post(api_io_, [this] {
    if (api_) {
      api_->Stop([this] { api_io_.stop(); });
    } else {
      api_io_.stop();
    }
  });
}

}  // namespace openline::station
