// Offline transcript verification in entries per second (parse, signatures,
// chains, cross-references, receipts, checkpoints, Merkle roots, seal), beside the
// unavoidable raw cost per entry: one Ed25519 verification and one SHA-256 of the
// entry's bytes. Goal (issue 2): within 1.5x of the raw primitives.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include "transcript/export_file.h"
#include "transcript/sample.h"
#include "transcript/verifier.h"

namespace openline {
namespace {

const Bytes& Export(int rounds) {
  static std::map<int, Bytes> cache;
  auto& b = cache[rounds];
  if (b.empty()) {
    transcript::SampleOptions opts;
    opts.rounds = rounds;
    opts.checkpoint_every = 50;
    b = *transcript::MakeSampleExport(opts);
  }
  return b;
}

uint64_t EntryCount(const Bytes& file) {
  auto parsed = transcript::ExportFile::Parse(file);
  return parsed->entries[0].size() + parsed->entries[1].size();
}

void BM_VerifyExport(benchmark::State& state) {
  const Bytes& file = Export(static_cast<int>(state.range(0)));
  const uint64_t entries = EntryCount(file);
  for (auto _ : state) {
    auto report = transcript::VerifyExport(file);
    if (!report) state.SkipWithError("verification failed");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(entries));
  state.counters["entries"] = static_cast<double>(entries);
}
BENCHMARK(BM_VerifyExport)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_RawVerifyAndHashPerEntry(benchmark::State& state) {
  const Bytes& file = Export(static_cast<int>(state.range(0)));
  auto parsed = transcript::ExportFile::Parse(file);
  std::vector<wire::SignedEnvelope> envs;
  for (const auto& side : parsed->entries) {
    for (const auto& e : side) envs.push_back(*wire::SignedEnvelope::Parse(e));
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  for (auto _ : state) {
    for (const auto& env : envs) {
      const Bytes& b = env.bytes();
      // The signed message (without our context prefix, which costs a copy).
      benchmark::DoNotOptimize(crypto_sign_verify_detached(
          b.data() + b.size() - 64, b.data(), b.size() - 64, env.fields().sender.data()));
      crypto_hash_sha256(digest, b.data(), b.size());
      benchmark::DoNotOptimize(digest);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(envs.size()));
}
BENCHMARK(BM_RawVerifyAndHashPerEntry)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openline
