// A deterministic simulation of two stations running LinkMachines over a
// simulated network and simulated durable stores, driven by one seeded random
// source and a virtual clock. Everything that can go wrong in a real deployment
// is a scheduled event here: loss, duplication, reordering and delay of link
// messages, partitions, store writes that take time, and crashes that roll a
// station back to what its store last made durable. The same seed always gives
// the same run, so a failing seed is a reproducible bug report.
//
// Depends on: link/, transcript/. Test-only.
#ifndef OPENLINE_LINK_TESTING_SIMULATION_H_
#define OPENLINE_LINK_TESTING_SIMULATION_H_

#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "link/link_machine.h"
#include "transcript/merge.h"

namespace openline::link::testing {

struct NetworkProfile {
  double loss = 0.0;       // probability a message is dropped
  double duplicate = 0.0;  // probability a message is delivered twice
  uint64_t min_delay_us = 500;
  uint64_t max_delay_us = 5'000;  // uniform: wider spread, more reordering
  uint64_t min_write_us = 100;    // store commit latency
  uint64_t max_write_us = 2'000;
};

struct Accepted {
  int station = 0;  // 0 = A, 1 = B
  uint64_t id = 0;
  std::string channel;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  std::string body;
};

class Simulation {
 public:
  Simulation(uint64_t seed, NetworkProfile profile);

  uint64_t now() const { return now_; }
  std::mt19937_64& rng() { return rng_; }

  // Durably accepts a message at station `who` (as the store would) and hands it
  // to the machine if the station is up. Returns false if back-pressure refused.
  bool Accept(int who, std::string channel, wire::Precedence precedence);
  void Crash(int who);
  void Restart(int who);
  bool alive(int who) const { return stations_[who].machine.has_value(); }
  // Both machines' positions, for a failure message.
  std::string DebugState() const;

  void SetPartitioned(bool partitioned);
  bool partitioned() const { return partitioned_; }
  void set_profile(const NetworkProfile& p) { profile_ = p; }

  // Advances the clock to `until`, delivering messages, completing writes and
  // firing timers in time order.
  void RunUntil(uint64_t until_us);
  // Runs until every accepted message is chained, delivered and receipted on both
  // sides and nothing is in flight, or `limit_us` passes. True if it settled.
  bool Settle(uint64_t limit_us);

  // Invariant checks; each returns an empty string or what is wrong.
  std::string CheckAll() const;
  std::string DebugString() const;

  const std::vector<Accepted>& accepted() const { return accepted_; }
  const std::vector<wire::SignedEnvelope>& durable(int who, int side) const {
    return stations_[who].durable[side];
  }
  const transcript::LinkParties& parties() const { return parties_; }
  int side_of(int who) const { return side_of_[who]; }
  uint64_t delivered_count(int who, uint64_t peer_seq) const;
  const identity::StationKeys& keys(int who) const { return *stations_[who].keys; }

 private:
  struct InFlight {
    uint64_t at = 0;
    uint64_t epoch = 0;
    Bytes bytes;
  };
  struct Station {
    std::unique_ptr<identity::StationKeys> keys;
    std::vector<wire::SignedEnvelope> durable[2];
    std::map<uint64_t, Accepted> outbox;  // accepted and durable, not yet chained
    std::optional<LinkMachine> machine;
    std::optional<std::pair<uint64_t, PersistBatch>> writing;  // completes at .first
    std::map<uint64_t, uint64_t>
        delivered;  // peer seq -> times delivered (all incarnations)
    std::vector<std::string> refusals;
  };

  void Drain(int who);
  void UpdateConnection();
  void Deliver(int to, const InFlight& m);
  uint64_t NextEventTime() const;
  bool Quiet() const;

  std::mt19937_64 rng_;
  NetworkProfile profile_;
  uint64_t now_ = 1'000'000'000'000'000;  // virtual UTC, microseconds
  transcript::LinkParties parties_;
  Station stations_[2];
  int side_of_[2] = {0, 1};
  std::multimap<uint64_t, std::pair<int, InFlight>> network_;  // at -> (to, message)
  bool partitioned_ = false;
  bool connected_ = false;
  uint64_t epoch_ = 0;
  uint64_t next_id_ = 1;
  std::vector<Accepted> accepted_;
};

}  // namespace openline::link::testing

#endif  // OPENLINE_LINK_TESTING_SIMULATION_H_
