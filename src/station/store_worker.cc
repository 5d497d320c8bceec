#include "station/store_worker.h"

#include <chrono>

namespace openline::station {

StoreWorker::StoreWorker(std::unique_ptr<store::StationStore> store)
    : store_(std::move(store)), thread_([this] { Run(); }) {}

StoreWorker::~StoreWorker() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void StoreWorker::Post(Job job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void StoreWorker::CommitAsync(store::LinkWrite write, std::function<void(Status)> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    commits_.push_back({std::move(write), std::move(done)});
  }
  cv_.notify_one();
}

StoreMetrics StoreWorker::metrics() const {
  std::lock_guard<std::mutex> lock(mu_);
  return metrics_;
}

void StoreWorker::Run() {
  for (;;) {
    std::deque<Job> jobs;
    std::vector<PendingCommit> commits;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty() || !commits_.empty(); });
      if (stopping_ && jobs_.empty() && commits_.empty()) return;
      jobs.swap(jobs_);
      commits.swap(commits_);
    }
    // Jobs first: an accept that a commit may chain is always durable before it.
    for (auto& job : jobs) job(*store_);
    if (commits.empty()) continue;
    std::vector<store::LinkWrite> writes;
    writes.reserve(commits.size());
    for (auto& c : commits) writes.push_back(std::move(c.write));
    const auto started = std::chrono::steady_clock::now();
    const auto now_us =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
    Status status = store_->Commit(writes, now_us);
    const auto took = std::chrono::steady_clock::now() - started;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++metrics_.commits;
      metrics_.committed_writes += writes.size();
      metrics_.last_commit_us = static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(took).count());
    }
    for (auto& c : commits) c.done(status);
  }
}

}  // namespace openline::station
