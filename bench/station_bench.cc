// The station as a whole, measured the way a client sees it: two real
// `openline station` processes on loopback with durable SQLite stores (WAL,
// synchronous=FULL: every commit waits for fsync), driven through the local API.
// Prints one table (scripts/bench puts it in the README):
//
//   latency      one PRIORITY message at a time: send -> accepted (durable here),
//                → stored by the peer (its ACK), → its signed *received* receipt
//                back here; p50, p99, max
//   throughput   clients sending batches of 500 from 4 threads: accepted per
//                second, and delivered per second (stored by the peer)
//   FLASH        one FLASH sent right after 10,000 ROUTINE were queued: send →
//                stored by the peer; p50, p99, max over the repetitions
//   restart      SIGKILL, then start → API ready and → link up again
//   memory       resident set of each station idle and at the end of the load
//
// Usage: station_bench OPENLINE_BINARY [--quick]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "station/testing/station_pair.h"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;
using openline::station::testing::StationPair;
using openline::station::testing::StationProcess;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Summary {
  double p50 = 0, p99 = 0, max = 0;
  size_t n = 0;
};

Summary Summarize(std::vector<double> v) {
  Summary s;
  s.n = v.size();
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1,
                      static_cast<size_t>(q * static_cast<double>(v.size())))];
  };
  s.p50 = at(0.50);
  s.p99 = at(0.99);
  s.max = v.back();
  return s;
}

long RssKiB(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// Follows washington's event stream: which seq each accepted message was signed
// as, how far beijing has stored our chain, and how far its received receipts
// reach. Waiters block until a seq is covered.
class Progress {
 public:
  explicit Progress(StationProcess& w) : w_(w), thread_([this] { Follow(); }) {}
  ~Progress() { Stop(); }
  // The stream ends once the station stops: call after stopping it.
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  // The time `id` was stored by the peer and the time its receipt came back, or
  // nullopt after `limit`.
  std::optional<std::pair<Clock::time_point, Clock::time_point>> Await(
      uint64_t id, std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mu_);
    const auto end = Clock::now() + limit;
    uint64_t seq = 0;
    std::optional<Clock::time_point> stored;
    for (;;) {
      if (!seq) {
        auto it = seq_of_.find(id);
        if (it != seq_of_.end()) seq = it->second;
      }
      if (seq && !stored && peer_have_ >= seq) stored = Clock::now();
      if (stored && received_ >= seq) return std::make_pair(*stored, Clock::now());
      if (cv_.wait_until(lock, end) == std::cv_status::timeout) return std::nullopt;
    }
  }
  std::optional<Clock::time_point> AwaitStored(uint64_t id,
                                               std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mu_);
    const bool ok = cv_.wait_for(lock, limit, [&] {
      auto it = seq_of_.find(id);
      return it != seq_of_.end() && peer_have_ >= it->second;
    });
    if (!ok) return std::nullopt;
    return Clock::now();
  }
  int reconnects() const { return reconnects_; }

 private:
  void Follow() {
    while (!stop_) {
      (void)w_.Client().StreamEvents([this](const json& e) {
        const std::string type = e.value("type", "");
        std::lock_guard<std::mutex> lock(mu_);
        if (type == "signed") {
          seq_of_[e["id"].get<uint64_t>()] = e["seq"].get<uint64_t>();
        } else if (type == "peer-stored") {
          peer_have_ = std::max(peer_have_, e["have"].get<uint64_t>());
        } else if (type == "delivered" && e.value("receipt", "") == "received") {
          received_ = std::max(received_, e["covers"].get<uint64_t>());
        } else {
          return !stop_;
        }
        cv_.notify_all();
        return !stop_;
      });
      if (!stop_) {
        ++reconnects_;  // dropped for falling behind, or the station restarted
        std::this_thread::sleep_for(20ms);
      }
    }
  }

  StationProcess& w_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<uint64_t, uint64_t> seq_of_;
  uint64_t peer_have_ = 0, received_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> reconnects_{0};
  std::thread thread_;
};

json Message(const std::string& precedence, const std::string& text) {
  return {{"link", "beijing"},
          {"channel", "maritime"},
          {"precedence", precedence},
          {"text", text}};
}

std::optional<uint64_t> SendOne(StationProcess& w, const json& m) {
  auto r = w.Client().Post("/v1/messages", m);
  if (!r || !r->ok()) return std::nullopt;
  return r->body["id"].get<uint64_t>();
}

bool SendBatch(StationProcess& w, const std::string& precedence, int count, int tag) {
  json batch = json::array();
  for (int i = 0; i < count; ++i) {
    batch.push_back(Message(precedence, "bulk " + std::to_string(tag) + "/" +
                                            std::to_string(i) + " position report"));
  }
  auto r = w.Client().Post("/v1/messages", json{{"messages", batch}});
  return r && r->ok();
}

json LinkStatus(StationProcess& s) {
  auto r = s.Client().Get("/v1/status");
  if (!r || !r->ok() || r->body["links"].empty()) return json::object();
  return r->body["links"][0];
}

// Until every accepted message is signed, stored by the peer and none queued.
bool Drained(StationProcess& w, uint64_t own_entries_at_least,
             std::chrono::seconds limit = 300s) {
  const auto end = Clock::now() + limit;
  while (Clock::now() < end) {
    json l = LinkStatus(w);
    if (!l.empty() && l["own_entries"].get<uint64_t>() >= own_entries_at_least &&
        l["unacknowledged_by_peer"].get<uint64_t>() == 0) {
      bool empty = true;
      for (auto& [k, v] : l["queued"].items()) empty = empty && v.get<uint64_t>() == 0;
      if (empty) return true;
    }
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

void Row(const char* what, const Summary& s, const char* goal) {
  std::printf("| %-44s | %8.2f | %8.2f | %8.2f | %6zu | %-14s |\n", what, s.p50, s.p99,
              s.max, s.n, goal);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: station_bench OPENLINE_BINARY [--quick]\n");
    return 2;
  }
  const bool quick = argc > 2 && std::string(argv[2]) == "--quick";
  const int kLatencySamples = quick ? 50 : 500;
  const int kThroughputMessages = quick ? 10'000 : 100'000;
  const int kFlashReps = quick ? 3 : 20;
  const int kRestarts = quick ? 3 : 10;

  const auto root = std::filesystem::temp_directory_path() /
                    ("openline-bench-" + std::to_string(::getpid()));
  auto pair = StationPair::Create(argv[1], root);
  if (!pair) {
    std::fprintf(stderr, "station_bench: %s\n", pair.error().message.c_str());
    return 1;
  }
  StationProcess& w = (*pair)->w();
  StationProcess& b = (*pair)->b();
  // Both sides linked before anything is measured.
  for (int i = 0; i < 1000 && !LinkStatus(w).value("connected", false); ++i) {
    std::this_thread::sleep_for(10ms);
  }
  std::this_thread::sleep_for(500ms);
  const long idle_w = RssKiB(w.pid()), idle_b = RssKiB(b.pid());
  Progress progress(w);
  std::this_thread::sleep_for(200ms);  // the event stream is subscribed

  // --- latency, one message at a time ---
  std::vector<double> accepted_ms, stored_ms, receipt_ms;
  int lost = 0;
  for (int i = 0; i < kLatencySamples; ++i) {
    const auto t0 = Clock::now();
    auto id = SendOne(w, Message("priority", "latency probe " + std::to_string(i)));
    const auto t1 = Clock::now();
    if (!id) {
      ++lost;
      continue;
    }
    auto done = progress.Await(*id, 10s);
    if (!done) {
      ++lost;
      continue;
    }
    accepted_ms.push_back(Ms(t1 - t0));
    stored_ms.push_back(Ms(done->first - t0));
    receipt_ms.push_back(Ms(done->second - t0));
  }

  // --- throughput: 4 clients sending batches of 500 ---
  const uint64_t before = LinkStatus(w)["own_entries"].get<uint64_t>();
  constexpr int kBatch = 500, kClients = 4;
  const int batches = kThroughputMessages / kBatch;
  std::atomic<int> next{0}, failed{0};
  long peak_w = 0, peak_b = 0;
  const auto tp0 = Clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      for (int n; (n = next++) < batches;) {
        if (!SendBatch(w, "routine", kBatch, n)) ++failed;
      }
    });
  }
  std::atomic<bool> sampling{true};
  std::thread sampler([&] {
    while (sampling) {
      peak_w = std::max(peak_w, RssKiB(w.pid()));
      peak_b = std::max(peak_b, RssKiB(b.pid()));
      std::this_thread::sleep_for(50ms);
    }
  });
  for (auto& t : clients) t.join();
  const auto tp1 = Clock::now();
  const bool drained = Drained(w, before + static_cast<uint64_t>(kThroughputMessages));
  const auto tp2 = Clock::now();
  sampling = false;
  sampler.join();
  const double accepted_rate =
      kThroughputMessages / std::chrono::duration<double>(tp1 - tp0).count();
  const double delivered_rate =
      kThroughputMessages / std::chrono::duration<double>(tp2 - tp0).count();

  // --- FLASH behind 10,000 queued ROUTINE ---
  std::vector<double> flash_ms;
  for (int rep = 0; rep < kFlashReps; ++rep) {
    const uint64_t base = LinkStatus(w)["own_entries"].get<uint64_t>();
    for (int i = 0; i < 10'000 / kBatch; ++i)
      SendBatch(w, "routine", kBatch, 1'000'000 + rep);
    const auto t0 = Clock::now();
    auto id = SendOne(w, Message("flash", "FLASH " + std::to_string(rep)));
    if (!id) continue;
    if (auto stored = progress.AwaitStored(*id, 30s))
      flash_ms.push_back(Ms(*stored - t0));
    Drained(w, base + 10'001);
  }

  // --- restart after SIGKILL ---
  std::vector<double> ready_ms, linked_ms;
  for (int i = 0; i < kRestarts; ++i) {
    w.Kill(SIGKILL);
    const auto t0 = Clock::now();
    if (!w.Start() || !w.WaitReady(30s)) {
      std::fprintf(stderr, "station_bench: washington did not come back after SIGKILL\n");
      break;
    }

    ready_ms.push_back(Ms(Clock::now() - t0));
    for (int spin = 0; spin < 10'000; ++spin) {
      if (LinkStatus(w).value("connected", false)) {
        linked_ms.push_back(Ms(Clock::now() - t0));
        break;
      }
      std::this_thread::sleep_for(1ms);
    }
  }

  std::printf("| %-44s | %8s | %8s | %8s | %6s | %-14s |\n",
              "station, two processes on loopback (ms)", "p50", "p99", "max", "n",
              "goal");
  std::printf(
      "|----------------------------------------------|----------|----------|----------|-"
      "-------|----------------|\n");
  Row("send -> accepted (durable here)", Summarize(accepted_ms), "");
  Row("send -> stored by the peer", Summarize(stored_ms), "");
  Row("send -> received receipt back here", Summarize(receipt_ms), "p50<=1, p99<=5");
  Row("FLASH behind 10,000 ROUTINE -> stored by peer", Summarize(flash_ms), "p99<=5");
  Row("SIGKILL restart -> API ready", Summarize(ready_ms), "<=1000");
  Row("SIGKILL restart -> link up", Summarize(linked_ms), "");
  std::printf("\n");
  std::printf(
      "throughput, %d messages in batches of %d from %d clients: %.0f accepted/s, "
      "%.0f delivered/s (stored by the peer)%s%s\n",
      kThroughputMessages, kBatch, kClients, accepted_rate, delivered_rate,
      drained ? "" : " [NOT DRAINED]",
      failed ? (" [" + std::to_string(failed.load()) + " batches failed]").c_str() : "");
  std::printf(
      "resident memory: idle %ld / %ld KiB, peak under load %ld / %ld KiB "
      "(washington / beijing)\n",
      idle_w, idle_b, peak_w, peak_b);
  if (lost || progress.reconnects()) {
    std::printf("note: %d latency probes without a result, %d event-stream reconnects\n",
                lost, progress.reconnects());
  }
  w.Kill(SIGTERM);
  progress.Stop();
  pair->reset();
  // OPENLINE_BENCH_KEEP=1 keeps both station folders (e.g. to profile a restart).
  if (std::getenv("OPENLINE_BENCH_KEEP") == nullptr) std::filesystem::remove_all(root);

  return 0;
}
