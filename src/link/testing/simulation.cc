#include "link/testing/simulation.h"

#include <algorithm>
#include <set>

#include "wire/receipt.h"

namespace openline::link::testing {
namespace {

transcript::LinkParties MakeParties(const identity::StationKeys& a,
                                    const identity::StationKeys& b) {
  return *transcript::LinkParties::Make(a.Public(), b.Public());
}

bool IsMessage(wire::Kind kind) { return kind == wire::Kind::kText; }

}  // namespace

Simulation::Simulation(uint64_t seed, NetworkProfile profile)
    : rng_(seed),
      profile_(profile),
      parties_(MakeParties(identity::StationKeys::FromSeedForTesting(1),
                           identity::StationKeys::FromSeedForTesting(2))) {
  for (int who = 0; who < 2; ++who) {
    stations_[who].keys = std::make_unique<identity::StationKeys>(
        identity::StationKeys::FromSeedForTesting(static_cast<uint8_t>(who + 1)));
    side_of_[who] = *parties_.SideOf(stations_[who].keys->signing.public_key());
    Restart(who);
  }
}

bool Simulation::Accept(int who, std::string channel, wire::Precedence precedence) {
  Station& st = stations_[who];
  Accepted a{who, next_id_++, std::move(channel), precedence,
             (who == 0 ? "A-" : "B-") + std::to_string(next_id_)};
  OutboxItem item{a.id,
                  a.channel,
                  a.precedence,
                  wire::Kind::kText,
                  Bytes(a.body.begin(), a.body.end()),
                  now_};
  if (st.machine && !st.machine->CanAccept(item.body.size())) return false;
  st.outbox.emplace(a.id, a);  // durable before the machine hears of it
  accepted_.push_back(a);
  if (st.machine) {
    (void)st.machine->Accept(std::move(item), now_);
    Drain(who);
  }
  return true;
}

void Simulation::Crash(int who) {
  Station& st = stations_[who];
  st.machine.reset();
  st.writing.reset();  // the write in progress never reached stable storage
  UpdateConnection();
}

void Simulation::Restart(int who) {
  Station& st = stations_[who];
  // Rebuild from exactly what the store holds, as a real station would.
  auto t = transcript::MergeChains(parties_, st.durable[0], st.durable[1]);
  if (!t) {
    st.refusals.push_back("restart: stored transcript does not load: " +
                          t.error().ToString());
    return;
  }
  auto m = LinkMachine::Make(*st.keys, std::move(*t));
  st.machine.emplace(std::move(*m));
  for (const auto& [id, a] : st.outbox) {
    (void)st.machine->Accept({id, a.channel, a.precedence, wire::Kind::kText,
                              Bytes(a.body.begin(), a.body.end()), now_},
                             now_);
  }
  Drain(who);
  UpdateConnection();
}

void Simulation::SetPartitioned(bool partitioned) {
  partitioned_ = partitioned;
  UpdateConnection();
}

void Simulation::UpdateConnection() {
  const bool up = alive(0) && alive(1) && !partitioned_;
  if (up == connected_) return;
  connected_ = up;
  ++epoch_;  // messages of the old session can no longer be decrypted
  for (int who = 0; who < 2; ++who) {
    if (!stations_[who].machine) continue;
    if (up) {
      stations_[who].machine->OnConnected(now_);
    } else {
      stations_[who].machine->OnDisconnected(now_);
    }
  }
  for (int who = 0; who < 2; ++who) Drain(who);
}

void Simulation::Drain(int who) {
  Station& st = stations_[who];
  if (!st.machine) return;
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::uniform_int_distribution<uint64_t> delay(profile_.min_delay_us,
                                                profile_.max_delay_us);
  for (auto& bytes : st.machine->TakeSends()) {
    if (!connected_) continue;
    if (coin(rng_) < profile_.loss) continue;
    const int copies = coin(rng_) < profile_.duplicate ? 2 : 1;
    for (int c = 0; c < copies; ++c) {
      network_.emplace(now_ + delay(rng_),
                       std::make_pair(1 - who, InFlight{0, epoch_, bytes}));
    }
  }
  if (!st.writing) {
    if (auto batch = st.machine->TakePersist()) {
      std::uniform_int_distribution<uint64_t> write(profile_.min_write_us,
                                                    profile_.max_write_us);
      st.writing = std::make_pair(now_ + write(rng_), std::move(*batch));
    }
  }
  for (auto& ev : st.machine->TakeEvents()) {
    if (auto* d = std::get_if<Delivered>(&ev)) {
      ++st.delivered[d->ref.seq];
    } else if (auto* r = std::get_if<PeerRefused>(&ev)) {
      st.refusals.push_back(r->violation.ToString());
    }
  }
}

uint64_t Simulation::NextEventTime() const {
  uint64_t next = UINT64_MAX;
  if (!network_.empty()) next = network_.begin()->first;
  for (const auto& st : stations_) {
    if (!st.machine) continue;
    if (st.writing) next = std::min(next, st.writing->first);
    if (auto d = st.machine->NextDeadline()) next = std::min(next, *d);
  }
  return next;
}

void Simulation::RunUntil(uint64_t until_us) {
  for (;;) {
    const uint64_t next = NextEventTime();
    if (next > until_us) break;
    now_ = std::max(now_, next);
    // Store writes complete first: they are what the machines wait for.
    for (int who = 0; who < 2; ++who) {
      Station& st = stations_[who];
      if (!st.machine || !st.writing || st.writing->first > now_) continue;
      PersistBatch batch = std::move(st.writing->second);
      st.writing.reset();
      for (auto& e : batch.entries) {
        const int side = *parties_.SideOf(e.envelope.fields().sender);
        st.durable[side].push_back(e.envelope);
        if (e.outbox_id) st.outbox.erase(*e.outbox_id);
      }
      st.machine->OnPersisted(batch.token, now_);
      Drain(who);
    }
    while (!network_.empty() && network_.begin()->first <= now_) {
      auto [to, m] = network_.begin()->second;
      network_.erase(network_.begin());
      Deliver(to, m);
    }
    for (int who = 0; who < 2; ++who) {
      Station& st = stations_[who];
      if (!st.machine) continue;
      auto d = st.machine->NextDeadline();
      if (d && *d <= now_) {
        st.machine->OnTimer(now_);
        Drain(who);
      }
    }
  }
  now_ = std::max(now_, until_us);
}

void Simulation::Deliver(int to, const InFlight& m) {
  Station& st = stations_[to];
  if (!st.machine || m.epoch != epoch_ || !connected_) return;
  st.machine->OnMessage(m.bytes, now_);
  Drain(to);
}

bool Simulation::Quiet() const {
  for (int who = 0; who < 2; ++who) {
    const Station& st = stations_[who];
    if (!st.machine || st.writing || !st.outbox.empty()) return false;
    if (st.machine->outbox().size() != 0) return false;
    const int own = side_of_[who];
    // Everything we signed is durable at the peer, and we hold all the peer signed.
    if (st.machine->peer_have() != st.durable[own].size()) return false;
    if (st.durable[0].size() != stations_[1 - who].durable[0].size() ||
        st.durable[1].size() != stations_[1 - who].durable[1].size()) {
      return false;
    }
  }
  // Every message has its received receipt (the receipts' own delivery follows).
  for (int who = 0; who < 2; ++who) {
    const int own = side_of_[who];
    const auto& peer_chain = stations_[1 - who].durable[1 - own];
    uint64_t covered = 0;
    for (const auto& env : peer_chain) {
      if (env.fields().kind != wire::Kind::kReceipt) continue;
      auto rc = wire::Receipt::Parse(env.fields().body);
      if (rc && rc->type == wire::ReceiptType::kReceived)
        covered = std::max(covered, rc->subject.seq);
    }
    const auto& own_chain = stations_[who].durable[own];
    for (const auto& env : own_chain) {
      if (IsMessage(env.fields().kind) && env.fields().seq > covered) return false;
    }
  }
  return true;
}

bool Simulation::Settle(uint64_t limit_us) {
  const uint64_t deadline = now_ + limit_us;
  while (now_ < deadline) {
    if (Quiet()) return true;
    RunUntil(std::min(deadline, now_ + 100'000));
  }
  return Quiet();
}

std::string Simulation::DebugString() const {
  std::string s = "now=" + std::to_string(now_) +
                  " connected=" + std::to_string(connected_) +
                  " network=" + std::to_string(network_.size());
  for (int who = 0; who < 2; ++who) {
    const Station& st = stations_[who];
    s += "\n  station " + std::to_string(who) + " (side " +
         std::to_string(side_of_[who]) + "): durable " +
         std::to_string(st.durable[0].size()) + "+" +
         std::to_string(st.durable[1].size()) + " outbox " +
         std::to_string(st.outbox.size()) +
         (st.machine ? " | " + st.machine->DebugString() : " | down");
  }
  return s;
}

uint64_t Simulation::delivered_count(int who, uint64_t peer_seq) const {
  auto it = stations_[who].delivered.find(peer_seq);
  return it == stations_[who].delivered.end() ? 0 : it->second;
}

std::string Simulation::CheckAll() const {
  for (int who = 0; who < 2; ++who) {
    if (!stations_[who].refusals.empty()) {
      return "station " + std::to_string(who) +
             " refused: " + stations_[who].refusals.front();
    }
  }
  // 1. Both stores hold the same transcript, byte for byte.
  for (int side = 0; side < 2; ++side) {
    const auto& a = stations_[0].durable[side];
    const auto& b = stations_[1].durable[side];
    if (a.size() != b.size()) {
      return "side " + std::to_string(side) + ": " + std::to_string(a.size()) + " vs " +
             std::to_string(b.size()) + " entries";
    }
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].bytes() != b[i].bytes())
        return "entry differs at side " + std::to_string(side);
    }
  }
  // 2. Every accepted message is in its sender's chain exactly once, and nothing else.
  // 3. Within a channel and precedence, in acceptance order.
  for (int who = 0; who < 2; ++who) {
    std::map<std::string, size_t> position;  // body -> index in chain
    const auto& chain = stations_[who].durable[side_of_[who]];
    for (size_t i = 0; i < chain.size(); ++i) {
      const auto& f = chain[i].fields();
      if (!IsMessage(f.kind)) continue;
      std::string body(f.body.begin(), f.body.end());
      if (!position.emplace(body, i).second) return "message chained twice: " + body;
    }
    size_t expected = 0;
    std::map<std::pair<std::string, int>, size_t>
        last;  // (channel, precedence) -> position
    for (const auto& a : accepted_) {
      if (a.station != who) continue;
      ++expected;
      auto it = position.find(a.body);
      if (it == position.end()) return "accepted message never chained: " + a.body;
      auto key = std::make_pair(a.channel, static_cast<int>(a.precedence));
      auto prev = last.find(key);
      if (prev != last.end() && prev->second > it->second) {
        return "order broken in channel " + a.channel + " for " + a.body;
      }
      last[key] = it->second;
    }
    if (expected != position.size()) return "a message was chained that nobody accepted";
    // 4. Each peer message reached this station's console exactly once.
    const auto& peer_chain = stations_[who].durable[1 - side_of_[who]];
    for (const auto& env : peer_chain) {
      if (!IsMessage(env.fields().kind)) continue;
      const uint64_t n = delivered_count(who, env.fields().seq);
      if (n != 1) {
        return "peer message #" + std::to_string(env.fields().seq) + " delivered " +
               std::to_string(n) + " times";
      }
    }
  }
  return "";
}

std::string Simulation::DebugState() const {
  std::string out = connected_ ? "connected" : "disconnected";
  out += ", " + std::to_string(network_.size()) + " in flight";
  for (int who = 0; who < 2; ++who) {
    const Station& st = stations_[who];
    out += "; station " + std::to_string(who) + ": ";
    if (!st.machine) {
      out += "down";
      continue;
    }
    out += st.machine->DebugString() + (st.writing ? " sim-writing" : "");
  }
  return out;
}

}  // namespace openline::link::testing
