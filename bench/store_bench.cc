// The SQLite station store on a real file (WAL, synchronous=FULL): the latency of
// Accept (one message, one fsync), of AcceptBatch with 100 messages, and of
// Commit with 1 and with 100 entries per transaction (group commit: still one
// fsync), each entry signing an accepted message as the station's do. Wall-clock time,
// since an fsync is waiting, not computing. Besides the framework's mean, each benchmark
// reports the p50 and p99 of its own iterations and, for Commit, entries per second.
//
// BM_RawAppendFdatasync is the floor beside them: the disk's own sync latency.
// The database lives in $OPENLINE_BENCH_DIR, or the system temp directory: put
// it on the file system the station will use, since fsync cost is the figure.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "identity/station_keys.h"
#include "store/sqlite_store.h"

namespace openline {
namespace {

using Clock = std::chrono::steady_clock;

// A store with one link in a fresh directory, removed afterwards, and our side's
// chain to extend.
class BenchStore {
 public:
  BenchStore() : keys_(identity::StationKeys::FromSeedForTesting(1)) {
    const char* base = std::getenv("OPENLINE_BENCH_DIR");
    std::string pattern = ((base != nullptr ? std::filesystem::path(base)
                                            : std::filesystem::temp_directory_path()) /
                           "openline-store-bench-XXXXXX")
                              .string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    dir_ = pattern;
    auto store = store::OpenSqliteStore((dir_ / "station.db").string());
    if (!store) std::abort();
    store_ = std::move(*store);
    store::LinkConfig link;
    link.name = "beijing";
    link.peer = identity::StationKeys::FromSeedForTesting(2).Public();
    link.paths = {"tcp://192.0.2.2:7000"};
    if (!store_->AddLink(link)) std::abort();
  }
  ~BenchStore() {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  store::StationStore& store() { return *store_; }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  static store::AcceptedMessage Message(uint64_t n) {
    store::AcceptedMessage m;
    m.link = "beijing";
    m.channel = "maritime";
    m.precedence = wire::Precedence::kImmediate;
    const std::string text =
        "Message " + std::to_string(n) +
        ": vessel sighted at 38.5N 124.1E heading 270, request identification.";
    m.body.assign(text.begin(), text.end());
    m.accepted_us = 1'700'000'000'000'000 + n;
    return m;
  }

  // Accepts `n` messages and signs the entries that chain them (untimed work).
  store::LinkWrite AcceptAndSign(size_t n) {
    store::LinkWrite w{"beijing", {}};
    for (size_t i = 0; i < n; ++i) {
      store::AcceptedMessage m = Message(next_++);
      auto id = store_->Accept(m);
      if (!id) std::abort();
      wire::EnvelopeFields f;
      f.kind = m.kind;
      f.precedence = m.precedence;
      f.sender = keys_.signing.public_key();
      f.seq = ++seq_;
      f.prev = prev_;
      f.time_us = m.accepted_us;
      f.channel = m.channel;
      f.body = m.body;
      auto env = wire::SignedEnvelope::Sign(std::move(f), keys_.signing);
      if (!env) std::abort();
      prev_ = env->hash();
      w.entries.push_back({0, *std::move(env), *id});
    }
    return w;
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::StationStore> store_;
  identity::StationKeys keys_;
  uint64_t next_ = 0;
  uint64_t seq_ = 0;
  wire::Hash prev_{};
};

// Records each iteration's duration and reports p50 and p99 as counters.
class Percentiles {
 public:
  void Add(Clock::duration d) {
    us_.push_back(std::chrono::duration<double, std::micro>(d).count());
  }
  void Report(benchmark::State& state) {
    if (us_.empty()) return;
    std::sort(us_.begin(), us_.end());
    auto at = [&](double q) {
      return us_[static_cast<size_t>(q * static_cast<double>(us_.size() - 1))];
    };
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
  }

 private:
  std::vector<double> us_;
};

// The floor: append one 4 KiB page to a file beside the database and
// fdatasync it, which is what one WAL commit waits for.
void BM_RawAppendFdatasync(benchmark::State& state) {
  BenchStore b;  // for its directory
  const std::string path = b.Path("raw");
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd < 0) std::abort();
  const std::vector<char> page(4096, 'x');
  Percentiles p;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const bool ok = write(fd, page.data(), page.size()) == 4096 && fdatasync(fd) == 0;
    p.Add(Clock::now() - t0);
    if (!ok) state.SkipWithError("write or fdatasync failed");
  }
  close(fd);
  p.Report(state);
}
BENCHMARK(BM_RawAppendFdatasync)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->MinTime(2.0);

void BM_Accept(benchmark::State& state) {
  BenchStore b;
  Percentiles p;
  uint64_t n = 0;
  for (auto _ : state) {
    const store::AcceptedMessage m = BenchStore::Message(n++);
    const auto t0 = Clock::now();
    auto id = b.store().Accept(m);
    p.Add(Clock::now() - t0);
    if (!id) state.SkipWithError("Accept failed");
  }
  p.Report(state);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Accept)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);

// Group commit for sends: `range(0)` messages accepted in one transaction.
void BM_AcceptBatch(benchmark::State& state) {
  const auto count = static_cast<uint64_t>(state.range(0));
  BenchStore b;
  Percentiles p;
  uint64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<store::AcceptedMessage> batch;
    for (uint64_t i = 0; i < count; ++i) batch.push_back(BenchStore::Message(n++));
    state.ResumeTiming();
    const auto t0 = Clock::now();
    auto ids = b.store().AcceptBatch(batch);
    p.Add(Clock::now() - t0);
    if (!ids) state.SkipWithError("AcceptBatch failed");
  }
  p.Report(state);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AcceptBatch)
    ->Arg(100)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->MinTime(2.0);

void BM_Commit(benchmark::State& state) {
  const auto entries = static_cast<size_t>(state.range(0));
  BenchStore b;
  Percentiles p;
  for (auto _ : state) {
    state.PauseTiming();
    const store::LinkWrite w = b.AcceptAndSign(entries);
    state.ResumeTiming();
    const auto t0 = Clock::now();
    auto ok = b.store().Commit({&w, 1}, 1);
    p.Add(Clock::now() - t0);
    if (!ok) state.SkipWithError("Commit failed");
  }
  p.Report(state);
  // items_per_second: entries made durable per second of commit time.
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Commit)
    ->Arg(1)
    ->Arg(100)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->MinTime(2.0);

}  // namespace
}  // namespace openline
