// The thread that owns the station's store. SQLite commits wait for fsync; doing
// them here keeps the network and the API responsive, and lets commits that
// arrive while one is running share the next transaction (group commit): a lone
// message waits for one fsync, a burst of a thousand for a handful.
//
// Call() runs a job on the store thread and waits for its result. Accept() is
// the API's send: it waits until the message is durable, and accepts that arrive
// together share one transaction the way commits do (one bad message fails only
// itself: a refused batch is retried one message at a time). CommitAsync() queues
// link writes; `done` runs on the store thread after their transaction, with its
// status, and must only post work elsewhere.
//
// Depends on: store/station_store.h. Thread-safety: every public method may be
// called from any thread.
#ifndef OPENLINE_STATION_STORE_WORKER_H_
#define OPENLINE_STATION_STORE_WORKER_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "store/station_store.h"

namespace openline::station {

struct StoreMetrics {
  uint64_t commits = 0;           // transactions
  uint64_t committed_writes = 0;  // link writes merged into them
  uint64_t last_commit_us = 0;    // duration of the newest commit
  uint64_t accept_batches = 0;    // accept transactions
  uint64_t accepted = 0;          // messages in them
};

class StoreWorker {
 public:
  explicit StoreWorker(std::unique_ptr<store::StationStore> store);
  ~StoreWorker();
  StoreWorker(const StoreWorker&) = delete;
  StoreWorker& operator=(const StoreWorker&) = delete;

  template <class F>
  auto Call(F&& job) -> decltype(job(std::declval<store::StationStore&>())) {
    using R = decltype(job(std::declval<store::StationStore&>()));
    auto task = std::make_shared<std::packaged_task<R(store::StationStore&)>>(
        std::forward<F>(job));
    auto result = task->get_future();
    Post([task](store::StationStore& s) { (*task)(s); });
    return result.get();
  }

  Result<store::AcceptOutcome> Accept(store::AcceptedMessage message);
  // Several at once (one request's batch): queued together, answered in order.
  std::vector<Result<store::AcceptOutcome>> Accept(
      std::vector<store::AcceptedMessage> messages);

  void CommitAsync(store::LinkWrite write, std::function<void(Status)> done);
  // Runs `job` on the store thread without waiting for it (bookkeeping whose
  // loss in a crash costs nothing, e.g. the handshake replay guard).
  void RunAsync(std::function<void(store::StationStore&)> job) { Post(std::move(job)); }

  StoreMetrics metrics() const;
  // Called on the store thread after each link commit with its duration (metrics).
  void OnCommit(std::function<void(uint64_t took_us)> observer);

 private:
  using Job = std::function<void(store::StationStore&)>;
  struct PendingCommit {
    store::LinkWrite write;
    std::function<void(Status)> done;
  };
  struct PendingAccept {
    store::AcceptedMessage message;
    std::promise<Result<store::AcceptOutcome>> done;
  };

  void Post(Job job);
  void Run();
  void RunAccepts(std::vector<PendingAccept>& accepts);
  void RunCommits(std::vector<PendingCommit>& commits);

  std::unique_ptr<store::StationStore> store_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  std::vector<PendingCommit> commits_;
  std::vector<PendingAccept> accepts_;

  bool stopping_ = false;
  StoreMetrics metrics_;
  std::function<void(uint64_t)> on_commit_;  // under mu_

  std::thread thread_;
};

}  // namespace openline::station

#endif  // OPENLINE_STATION_STORE_WORKER_H_
