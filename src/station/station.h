// The station daemon (`openline station --dir D`): opens the store, loads every
// link, listens for peers, dials them, and serves the local API. Threads:
//   link thread   one io_context: listener, dialers, connections, LinkMachines;
//   store thread  StoreWorker: every SQLite transaction, group-committed;
//   api threads   the HTTP/JSON API (kApiThreads run one io_context, each
//                 connection on its strand); handlers hand work to the link
//                 thread and wait for it (bounded), so link state has one owner.
//                 Several threads let sends from several clients wait on the
//                 same store transaction instead of one after another.
// SIGINT/SIGTERM stop it cleanly; SIGKILL loses nothing (the store is the truth).
//
// Depends on: everything below station/. Thread-safety: as described.
#ifndef OPENLINE_STATION_STATION_H_
#define OPENLINE_STATION_STATION_H_

#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/io_context.hpp>

#include "api/broadcaster.h"
#include "api/router.h"
#include "api/server.h"
#include "net/listener.h"
#include "observe/log.h"
#include "observe/registry.h"
#include "observe/station_metrics.h"
#include "session/replay_guard.h"
#include "station/answering.h"
#include "station/link_runtime.h"
#include "station/operator_service.h"
#include "station/station_dir.h"
#include "station/store_worker.h"

namespace openline::station {

class Station {
 public:
  static constexpr int kApiThreads = 4;

  static Result<std::unique_ptr<Station>> Open(const std::filesystem::path& dir);
  ~Station();

  // Serves until Shutdown() (or a signal, when run from main). Returns when done.
  Status Run();
  void Shutdown();

  uint16_t api_port() const;
  uint16_t peer_port() const;

  // ---- For the API (any thread) ----
  // Runs `fn` on the link thread and waits for it (at most a few seconds).
  template <class F>
  auto OnLinkThread(F&& fn) -> Result<decltype(fn())> {
    using R = decltype(fn());
    auto task = std::make_shared<std::packaged_task<R()>>(std::forward<F>(fn));
    auto future = task->get_future();
    Post([task] { (*task)(); });
    if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
      return MakeError(ErrorCode::kState, "the station is busy; try again");
    }
    return future.get();
  }
  StoreWorker& store() { return *store_; }
  const StationConfig& config() const { return config_; }
  const identity::StationKeys& keys() const { return keys_; }
  api::Broadcaster& events() { return *events_; }
  // Link thread only.
  std::shared_ptr<LinkRuntime> FindLink(std::string_view name) const;
  const std::map<std::string, std::shared_ptr<LinkRuntime>, std::less<>>& links() const {
    return links_;
  }
  // Loads links added to the store since start, stops removed ones (link thread).
  Status ReloadLinks();

 private:
  Station(StationDir dir, StationConfig config, identity::StationKeys keys);
  void Post(std::function<void()> fn);
  Status StartListener();
  Status StartApi();
  void SignUnanswered(const std::string& link, const escalation::PeerUnanswered& u,
                      uint64_t seq);
  void RestoreReplayGuard(const crypto::X25519Public& peer);

  void SaveReplayGuard(const crypto::X25519Public& peer);
  api::Router BuildRoutes();

  // GET /metrics: a snapshot of link health from the link thread, then the page.
  api::Response Metrics();
  // POST /v1/messages once parsed (station_api.cc).

  api::Response Send(std::vector<store::AcceptedMessage> messages, bool batch);
  // Whether every message names a request the store already holds.
  bool AllReplays(const std::vector<store::AcceptedMessage>& messages);

  StationDir dir_;
  StationConfig config_;
  identity::StationKeys keys_;
  std::unique_ptr<StoreWorker> store_;
  std::unique_ptr<OperatorService> operators_;  // before api_: the server stops first

  std::shared_ptr<api::Broadcaster> events_;
  std::unique_ptr<observe::Logger> log_;
  observe::Registry registry_;
  observe::StationMetrics metrics_;
  boost::asio::io_context link_io_;
  boost::asio::io_context api_io_;
  std::unique_ptr<Answering> answering_;  // link thread; after link_io_
  std::mutex scrape_mu_;
  std::vector<observe::LinkHealth> scraped_;         // under scrape_mu_
  std::map<std::string, uint64_t> bad_frames_seen_;  // under scrape_mu_
  session::ReplayGuard replay_guard_;
  std::shared_ptr<net::Listener> listener_;
  std::unique_ptr<api::Server> api_;
  std::map<std::string, std::shared_ptr<LinkRuntime>, std::less<>> links_;
  uint16_t peer_port_ = 0;
};

}  // namespace openline::station

#endif  // OPENLINE_STATION_STATION_H_
