#include "station/station.h"

#include <cstdio>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/authenticator.h"
#include "station/operator_auth.h"
#include "store/sqlite_store.h"
#include "wire/notice.h"

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
  // One JSON object per line on stderr (docs/observability.md).
  auto log = observe::Logger::Create({});
  if (!log) return tl::unexpected(log.error());
  st->log_ = std::make_unique<observe::Logger>(std::move(*log));
  auto store = store::OpenSqliteStore(dir->db_path().string());
  if (!store) return tl::unexpected(store.error());
  st->store_ = std::make_unique<StoreWorker>(std::move(*store));
  Station* self = st.get();
  auto metrics = observe::RegisterStationMetrics(st->registry_, [self] {
    std::lock_guard<std::mutex> lock(self->scrape_mu_);
    return self->scraped_;
  });
  if (!metrics) return tl::unexpected(metrics.error());
  st->metrics_ = *metrics;
  st->store_->OnCommit([h = st->metrics_.store_commit_seconds](uint64_t took_us) {
    if (auto c = h->WithLabels({})) (*c)->Observe(static_cast<double>(took_us) / 1e6);
  });
  auto answering = Answering::Make(
      st->link_io_, st->config_.name, st->config_.answering,
      {[self](const nlohmann::json& e) { self->events_->Broadcast(e); },
       [self](const std::string& link, const escalation::PeerUnanswered& u,
              uint64_t seq) { self->SignUnanswered(link, u, seq); }},
      &st->metrics_, st->log_.get());
  if (!answering) return tl::unexpected(answering.error());
  st->answering_ = std::move(*answering);
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
  answering_.reset();
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
    LinkRuntime::Context ctx{&link_io_,     store_.get(),     &keys_,
                             events_.get(), answering_.get(), log_.get()};
    auto rt = LinkRuntime::Load(ctx, config);
    if (!rt) {
      log_->Err("link.not_loaded", {{"link", name}, {"error", rt.error().ToString()}});
      continue;
    }
    RestoreReplayGuard(config.peer.dh_key);
    links_.emplace(name, *rt);
    if (answering_) answering_->ReplayLink(name, (*rt)->transcript(), (*rt)->own_side());
    (*rt)->Start();
  }
  return Ok();
}

// "Unanswered after N s" becomes a signed notice in the transcript, accepted
// durably like any message (wire/notice.h). The store is written off the link
// thread; the link gets the notice once it is durable.
void Station::SignUnanswered(const std::string& link, const escalation::PeerUnanswered& u,
                             uint64_t seq) {
  auto rt = FindLink(link);
  if (!rt || seq == 0 || seq > rt->transcript().chain(rt->own_side()).size()) return;
  const auto& subject = rt->transcript().chain(rt->own_side()).at(seq);
  wire::Notice notice;
  notice.type = wire::NoticeType::kUnanswered;
  notice.subject = subject.ref();
  notice.deadline_s = static_cast<uint32_t>(u.after_seconds());
  notice.silence = u.silence == escalation::Silence::kTechnical
                       ? wire::NoticeSilence::kTechnical
                       : wire::NoticeSilence::kHuman;
  auto body = notice.Encode();
  if (!body) {
    log_->Err("notice.encode", {{"link", link}, {"error", body.error().message}});
    return;
  }
  store::AcceptedMessage m;
  m.link = link;
  m.channel = subject.fields().channel;
  m.precedence = subject.fields().precedence;
  m.kind = wire::Kind::kNotice;
  m.body = std::move(*body);
  m.accepted_us = NowUs();
  store_->RunAsync([this, m = std::move(m)](store::StationStore& s) mutable {
    auto id = s.Accept(m);
    if (!id) {
      log_->Err("notice.accept", {{"link", m.link}, {"error", id.error().message}});
      return;
    }
    Post([this, id = *id, m = std::move(m)]() mutable {
      if (auto now_rt = FindLink(m.link)) {
        (void)now_rt->Accept(
            {id, m.channel, m.precedence, m.kind, std::move(m.body), m.accepted_us});
      }
    });
  });
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
  store_->RunAsync([peer, bytes, log = log_.get()](store::StationStore& s) {
    if (auto st = s.SaveHandshakeTimestamp(peer, bytes); !st) {
      log->Warn("replay_guard.not_saved", {{"error", st.error().message}});
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
  // Operators sign in for a session; the token file's bearer stays the CLI's.
  operators_ = std::make_unique<OperatorService>(*store_, OperatorServiceOptions{});
  auto authenticator = std::make_shared<const OperatorAuthenticator>(
      std::shared_ptr<const api::Authenticator>(std::move(*auth)), *operators_);
  api::ServerOptions options;
  const size_t colon = config_.api.rfind(':');
  options.address = config_.api.substr(0, colon);
  options.port = static_cast<uint16_t>(std::stoul(config_.api.substr(colon + 1)));
  auto server =
      api::Server::Start(api_io_.get_executor(), options, BuildRoutes(), authenticator);

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
  log_->Info("station.ready", {{"station", config_.name},
                               {"listen", config_.listen},
                               {"peer_port", peer_port_},
                               {"api", config_.api}});
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
