#include "station/store_worker.h"

#include <chrono>

namespace openline::station {
namespace {

uint64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now() - start)
                                   .count());
}

}  // namespace

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

Result<store::AcceptOutcome> StoreWorker::Accept(store::AcceptedMessage message) {
  std::vector<store::AcceptedMessage> one;
  one.push_back(std::move(message));
  return std::move(Accept(std::move(one)).front());
}

std::vector<Result<store::AcceptOutcome>> StoreWorker::Accept(
    std::vector<store::AcceptedMessage> messages) {
  std::vector<std::future<Result<store::AcceptOutcome>>> pending;
  pending.reserve(messages.size());
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& m : messages) {
      accepts_.push_back({std::move(m), {}});
      pending.push_back(accepts_.back().done.get_future());
    }
  }
  cv_.notify_one();
  std::vector<Result<store::AcceptOutcome>> out;
  out.reserve(pending.size());
  for (auto& f : pending) out.push_back(f.get());
  return out;
}

void StoreWorker::CommitAsync(store::LinkWrite write, std::function<void(Status)> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    commits_.push_back({std::move(write), std::move(done)});
  }
  cv_.notify_one();
}

void StoreWorker::OnCommit(std::function<void(uint64_t)> observer) {
  std::lock_guard<std::mutex> lock(mu_);
  on_commit_ = std::move(observer);
}

StoreMetrics StoreWorker::metrics() const {
  std::lock_guard<std::mutex> lock(mu_);
  return metrics_;
}

void StoreWorker::Run() {
  for (;;) {
    std::deque<Job> jobs;
    std::vector<PendingAccept> accepts;
    std::vector<PendingCommit> commits;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] {
        return stopping_ || !jobs_.empty() || !accepts_.empty() || !commits_.empty();
      });
      if (stopping_ && jobs_.empty() && accepts_.empty() && commits_.empty()) return;
      jobs.swap(jobs_);
      accepts.swap(accepts_);
      commits.swap(commits_);
    }
    // Jobs and accepts first: an accept that a commit may chain is always durable
    // before it.
    for (auto& job : jobs) job(*store_);
    if (!accepts.empty()) RunAccepts(accepts);
    if (!commits.empty()) RunCommits(commits);
  }
}

void StoreWorker::RunAccepts(std::vector<PendingAccept>& accepts) {
  std::vector<store::AcceptedMessage> messages;
  messages.reserve(accepts.size());
  for (auto& a : accepts) messages.push_back(std::move(a.message));
  std::vector<Result<store::AcceptOutcome>> results;
  results.reserve(accepts.size());
  uint64_t transactions = 1;
  auto outcomes = store_->AcceptBatch(messages);
  if (outcomes) {
    for (auto& o : *outcomes) results.emplace_back(o);
  } else if (accepts.size() == 1) {
    results.emplace_back(tl::unexpected(outcomes.error()));
  } else {
    // All or nothing refused the whole batch for one message's sake: give each
    // its own answer.
    for (const auto& m : messages) {
      auto one = store_->AcceptBatch({&m, 1});
      ++transactions;
      results.push_back(one ? Result<store::AcceptOutcome>(one->front())
                            : tl::unexpected(one.error()));
    }
  }
  {
    // Counted before anyone is answered, so a caller that got its answer sees it.
    std::lock_guard<std::mutex> lock(mu_);
    metrics_.accept_batches += transactions;
    metrics_.accepted += accepts.size();
  }
  for (size_t i = 0; i < accepts.size(); ++i)
    accepts[i].done.set_value(std::move(results[i]));
}

void StoreWorker::RunCommits(std::vector<PendingCommit>& commits) {
  std::vector<store::LinkWrite> writes;
  writes.reserve(commits.size());
  for (auto& c : commits) writes.push_back(std::move(c.write));
  const auto started = std::chrono::steady_clock::now();
  const auto now_us =
      static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count());
  Status status = store_->Commit(writes, now_us);
  const uint64_t took_us = MicrosSince(started);
  std::function<void(uint64_t)> observer;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++metrics_.commits;
    metrics_.committed_writes += writes.size();
    metrics_.last_commit_us = took_us;
    observer = on_commit_;
  }
  if (observer) observer(took_us);

  for (auto& c : commits) c.done(status);
}

}  // namespace openline::station
