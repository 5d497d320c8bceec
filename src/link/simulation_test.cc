// Deterministic simulation of two stations under chaos: for each seed, a random
// network (loss, duplication, reordering, delay), random partitions, random
// crashes that roll a station back to its last durable write, and random traffic
// at every precedence; then the network heals and the run must settle with every
// invariant intact and both stations' transcripts exporting and verifying.
//
//   OPENLINE_SIM_SEEDS=N   run N seeds (default 200)
//   OPENLINE_SIM_FIRST_SEED=F  starting at seed F (default 1)
//   OPENLINE_SIM_SEED=S    replay one seed (a failure prints it)
#include "link/testing/simulation.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "transcript/export_file.h"
#include "transcript/verifier.h"

namespace openline::link::testing {
namespace {

constexpr uint64_t kSecond = 1'000'000;

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* v =
      std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read once, at start
  return v == nullptr ? fallback : std::strtoull(v, nullptr, 10);
}

std::string VerifyBothExports(const Simulation& sim) {
  for (int who = 0; who < 2; ++who) {
    transcript::ExportFile file;
    file.exporter_side = static_cast<uint8_t>(sim.side_of(who));
    file.sides = {sim.parties().side(0), sim.parties().side(1)};
    file.link_id = sim.parties().id();
    file.names = {"side0", "side1"};
    file.exported_at_us = sim.now();
    for (int s = 0; s < 2; ++s) {
      for (const auto& env : sim.durable(who, s)) {
        file.entries[static_cast<size_t>(s)].push_back(env.bytes());
      }
    }
    auto bytes = file.EncodeAndSeal(sim.keys(who).signing);
    if (!bytes) return bytes.error().ToString();
    auto report = transcript::VerifyExport(*bytes);
    if (!report)
      return "export of station " + std::to_string(who) + ": " +
             report.error().ToString();
    if (!report->not_received.empty()) return "a message without a received receipt";
  }
  return "";
}

// Runs one seed; returns "" or the first broken invariant.
std::string RunSeed(uint64_t seed) {
  std::mt19937_64 choose(seed * 7919 + 1);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  NetworkProfile profile;
  profile.loss = unit(choose) < 0.5 ? 0.0 : unit(choose) * 0.25;
  profile.duplicate = unit(choose) * 0.1;
  profile.max_delay_us = 1'000 + static_cast<uint64_t>(unit(choose) * 200'000);
  Simulation sim(seed, profile);

  const uint64_t end = sim.now() + 20 * kSecond;
  const char* channels[] = {"maritime", "air", "consular"};
  while (sim.now() < end) {
    const double r = unit(sim.rng());
    if (r < 0.60) {
      const int who = unit(sim.rng()) < 0.5 ? 0 : 1;
      const auto p =
          static_cast<wire::Precedence>(1 + static_cast<int>(unit(sim.rng()) * 4));
      sim.Accept(who, channels[static_cast<size_t>(unit(sim.rng()) * 3)], p);
    } else if (r < 0.64) {
      const int who = unit(sim.rng()) < 0.5 ? 0 : 1;
      if (sim.alive(who)) {
        sim.Crash(who);
      } else {
        sim.Restart(who);
      }
    } else if (r < 0.70) {
      // The sharpest moment: a station crashes a few milliseconds after a burst,
      // while its store may still be writing and messages are on the wire.
      const int who = unit(sim.rng()) < 0.5 ? 0 : 1;
      if (!sim.alive(who)) continue;
      for (int i = 0; i < 5; ++i)
        sim.Accept(who, "maritime", wire::Precedence::kImmediate);
      sim.RunUntil(sim.now() + static_cast<uint64_t>(unit(sim.rng()) * 3'000));
      sim.Crash(who);
    } else if (r < 0.73) {
      sim.SetPartitioned(!sim.partitioned());
    }
    sim.RunUntil(sim.now() + static_cast<uint64_t>(unit(sim.rng()) * 200'000));
  }
  // Heal: everyone up, no partition, the same lossy network.
  for (int who = 0; who < 2; ++who) {
    if (!sim.alive(who)) sim.Restart(who);
  }
  sim.SetPartitioned(false);
  if (!sim.Settle(600 * kSecond)) {
    std::string detail = sim.CheckAll() + " [" + sim.DebugState() + "]";

    return "did not settle within 600 simulated seconds" +
           (detail.empty() ? "" : ": " + detail);
  }
  if (auto broken = sim.CheckAll(); !broken.empty()) return broken;
  return VerifyBothExports(sim);
}

TEST(SimulationTest, ChaosSeedsKeepEveryGuarantee) {
  const uint64_t only = EnvOr("OPENLINE_SIM_SEED", 0);
  const uint64_t count = only != 0 ? 1 : EnvOr("OPENLINE_SIM_SEEDS", 200);
  const uint64_t first = EnvOr("OPENLINE_SIM_FIRST_SEED", 1);
  uint64_t failures = 0;
  for (uint64_t i = 0; i < count; ++i) {
    const uint64_t seed = only != 0 ? only : first + i;

    std::string broken = RunSeed(seed);
    if (!broken.empty()) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << ": " << broken
                    << "\n  replay: OPENLINE_SIM_SEED=" << seed << " "
                    << "link_test";
      if (failures >= 5) break;
    }
  }
  std::printf("simulation: %llu seeds, %llu failed\n",
              static_cast<unsigned long long>(count),
              static_cast<unsigned long long>(failures));
}

}  // namespace
}  // namespace openline::link::testing
