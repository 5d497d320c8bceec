// Properties of the Escalator over random policies, arrivals, acknowledgements,
// displays and timer calls, in random orders (ties broken at random, timers run
// before or after an event due at the same instant, a punctual or a late driver):
//   * after a message's acknowledgement is handed in, no action names it but Stop;
//   * no tier fires twice for a message; every message never acknowledged rings
//     tier 1 at arrival and escalates exactly once per further tier, with one
//     Unanswered at its deadline;
//   * with a punctual driver each tier fires exactly at arrival + its offset, and
//     fired iff it was due before the acknowledgement;
//   * with a small table nothing is lost silently: each message escalates fully
//     or is named by Untracked, and every FLASH reaches tier 2.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "escalation/escalator.h"

namespace openline::escalation {
namespace {

using wire::Precedence;

constexpr uint64_t kT0 = 1'700'000'000 * kSecondUs;

uint64_t Seconds(uint64_t lo, uint64_t hi) {
  return *rc::gen::inRange<uint64_t>(lo, hi + 1) * kSecondUs;
}

EscalationPolicy GenPolicy() {
  EscalationPolicy p;
  p.deadlines.flash_us = Seconds(1, 1800);
  p.deadlines.immediate_us = p.deadlines.flash_us + Seconds(0, 1800);
  p.deadlines.priority_us = p.deadlines.immediate_us + Seconds(0, 3600);
  p.deadlines.routine_us = p.deadlines.priority_us + Seconds(0, 3600);
  if (*rc::gen::arbitrary<bool>()) p.tier3_after_deadline_us = Seconds(1, 1800);
  return p;
}

Precedence GenPrecedence() {
  return static_cast<Precedence>(*rc::gen::inRange<int>(1, 5));
}

std::string IdOf(const Action& a) {
  return std::visit([](const auto& x) { return x.id; }, a);
}

struct Logged {
  uint64_t now = 0;
  Action action;
};

enum class Type { kArrive, kAck, kDisplay, kTick };
struct Event {
  uint64_t at = 0;
  int phase = 0;  // an arrival comes before anything else about it at that instant
  unsigned key = 0;
  Type type = Type::kTick;
  size_t msg = 0;
};

RC_GTEST_PROP(EscalatorPropertyTest,
              AcknowledgedNeverFiresUnacknowledgedEscalatesOncePerTier, ()) {
  const EscalationPolicy policy = GenPolicy();
  Escalator::Config config;
  config.default_policy = policy;
  auto made = Escalator::Make(config);
  RC_ASSERT(made.has_value());
  Escalator e = std::move(*made);
  const bool punctual = *rc::gen::arbitrary<bool>();

  const size_t n = *rc::gen::inRange<size_t>(1, 25);
  std::vector<MessageArrived> msgs;
  std::vector<Event> events;
  auto add = [&](uint64_t at, Type type, size_t msg) {
    events.push_back(
        {at, type == Type::kArrive ? 0 : 1, *rc::gen::arbitrary<unsigned>(), type, msg});
  };
  uint64_t horizon = kT0;
  for (size_t i = 0; i < n; ++i) {
    // Coarse arrival times so that many events share an instant.
    const uint64_t arrived = kT0 + *rc::gen::inRange<uint64_t>(0, 30) * 5 * kMinuteUs;
    const Precedence p = GenPrecedence();
    msgs.push_back({"peer:" + std::to_string(i + 1), "peer", "air", p, arrived});
    add(arrived, Type::kArrive, i);
    const uint64_t deadline = policy.deadlines.For(p);
    const uint64_t last = policy.TierOffsetUs(p, policy.tier_count());
    std::optional<uint64_t> ack;
    switch (*rc::gen::inRange(0, 6)) {
      case 1:
        ack = arrived + deadline - kSecondUs;
        break;
      case 2:
        ack = arrived + deadline;
        break;
      case 3:
        ack = arrived + deadline + kSecondUs;
        break;
      case 4:
        ack = arrived + *rc::gen::inRange<uint64_t>(0, last + kHourUs);
        break;
      case 5:
        ack = arrived + last;
        break;
      default:
        break;
    }
    if (ack) {
      add(*ack, Type::kAck, i);
      if (*rc::gen::arbitrary<bool>())
        add(*ack + Seconds(0, 60), Type::kAck, i);  // again
    }
    if (*rc::gen::arbitrary<bool>()) add(arrived + Seconds(0, 600), Type::kDisplay, i);
    horizon = std::max(horizon, arrived + last + 2 * kHourUs);
  }
  if (!punctual) {
    const size_t ticks = *rc::gen::inRange<size_t>(0, 20);
    for (size_t i = 0; i < ticks; ++i) {
      add(kT0 + *rc::gen::inRange<uint64_t>(0, horizon - kT0), Type::kTick, 0);
    }
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.at, a.phase, a.key) < std::tie(b.at, b.phase, b.key);
  });

  std::vector<Logged> log;
  std::map<std::string, size_t> acked_at;  // id -> log size when its ack was handed in
  std::map<std::string, uint64_t> acked_time;
  auto run_timer = [&](uint64_t now) {
    for (Action& a : e.OnTimer(now)) log.push_back({now, std::move(a)});
  };
  for (const Event& ev : events) {
    if (punctual) {
      const bool timers_first = *rc::gen::arbitrary<bool>();
      while (auto w = e.NextWakeUp()) {
        if (*w > ev.at || (*w == ev.at && !timers_first)) break;
        run_timer(*w);
      }
    }
    const MessageArrived& m = msgs[ev.msg];
    switch (ev.type) {
      case Type::kArrive: {
        auto actions = e.OnArrived(m);
        RC_ASSERT(actions.has_value());
        for (Action& a : *actions) log.push_back({ev.at, std::move(a)});
        break;
      }
      case Type::kAck:
        for (Action& a : e.OnAcknowledged({m.id, ev.at}))
          log.push_back({ev.at, std::move(a)});
        if (!acked_at.contains(m.id)) {
          acked_at[m.id] = log.size();
          acked_time[m.id] = ev.at;
        }
        break;
      case Type::kDisplay:
        e.OnDisplayed({m.id});
        break;
      case Type::kTick:
        run_timer(ev.at);
        break;
    }
  }
  if (punctual) {
    while (auto w = e.NextWakeUp()) run_timer(*w);
  } else {
    run_timer(horizon);
  }
  RC_ASSERT(e.tracked() == 0u);
  RC_ASSERT(!e.NextWakeUp().has_value());

  for (size_t i = 0; i < n; ++i) {
    const MessageArrived& m = msgs[i];
    const bool acked = acked_at.contains(m.id);
    std::map<int, int> escalations;
    std::map<std::pair<int, Audience>, int> rings;
    std::map<int, uint64_t> fired_at;
    int unanswered = 0;
    for (size_t k = 0; k < log.size(); ++k) {
      const Action& a = log[k].action;
      if (IdOf(a) != m.id) continue;
      if (acked && k >= acked_at[m.id]) {
        RC_ASSERT(std::holds_alternative<Stop>(a));  // nothing fires after the ack
        continue;
      }
      RC_ASSERT(!std::holds_alternative<Untracked>(a));  // the table never fills here
      if (const auto* esc = std::get_if<Escalate>(&a)) {
        ++escalations[esc->tier];
        fired_at[esc->tier] = log[k].now;
      } else if (const auto* ring = std::get_if<Ring>(&a)) {
        ++rings[{ring->tier, ring->audience}];
      } else if (const auto* u = std::get_if<Unanswered>(&a)) {
        ++unanswered;
        RC_ASSERT(u->after_us == policy.deadlines.For(m.precedence));
      }
    }
    for (const auto& [tier, count] : escalations) RC_ASSERT(count == 1);
    for (const auto& [key, count] : rings) RC_ASSERT(count == 1);
    RC_ASSERT(unanswered <= 1);
    RC_ASSERT((rings[{1, Audience::kOnDuty}] == 1));
    const int tiers = policy.tier_count();
    if (!acked) {
      for (int tier = 2; tier <= tiers; ++tier) {
        RC_ASSERT(escalations[tier] == 1);
        for (Audience a : policy.AudiencesOf(tier)) RC_ASSERT((rings[{tier, a}] == 1));
      }
      RC_ASSERT(unanswered == 1);
    }
    if (punctual) {
      for (int tier = 2; tier <= tiers; ++tier) {
        const uint64_t due = m.arrived_us + policy.TierOffsetUs(m.precedence, tier);
        if (fired_at.contains(tier)) RC_ASSERT(fired_at[tier] == due);
        if (acked) {
          if (fired_at.contains(tier)) RC_ASSERT(due <= acked_time[m.id]);
          if (due < acked_time[m.id]) RC_ASSERT(fired_at.contains(tier));
        }
      }
    }
  }
}

RC_GTEST_PROP(EscalatorPropertyTest, AFullTableLosesNothingSilentlyAndEveryFlashEscalates,
              ()) {
  const EscalationPolicy policy = GenPolicy();
  const size_t cap = *rc::gen::inRange<size_t>(1, 6);
  Escalator::Config config;
  config.default_policy = policy;
  config.max_tracked = cap;
  auto made = Escalator::Make(config);
  RC_ASSERT(made.has_value());
  Escalator e = std::move(*made);

  const size_t n = *rc::gen::inRange<size_t>(1, 30);
  std::vector<MessageArrived> msgs;
  std::vector<Action> log;
  uint64_t arrived = kT0;
  for (size_t i = 0; i < n; ++i) {
    arrived += Seconds(0, 600);
    msgs.push_back(
        {"peer:" + std::to_string(i + 1), "peer", "air", GenPrecedence(), arrived});
    while (auto w = e.NextWakeUp()) {
      if (*w > arrived) break;
      for (Action& a : e.OnTimer(*w)) log.push_back(std::move(a));
    }
    auto actions = e.OnArrived(msgs.back());
    RC_ASSERT(actions.has_value());
    RC_ASSERT(e.tracked() <= cap);
    for (Action& a : *actions) log.push_back(std::move(a));
  }
  while (auto w = e.NextWakeUp()) {
    for (Action& a : e.OnTimer(*w)) log.push_back(std::move(a));
  }

  for (const MessageArrived& m : msgs) {
    std::set<int> escalated;
    bool untracked = false;
    for (const Action& a : log) {
      if (IdOf(a) != m.id) continue;
      if (const auto* esc = std::get_if<Escalate>(&a)) {
        RC_ASSERT(escalated.insert(esc->tier).second);  // once per tier
      }
      if (const auto* u = std::get_if<Untracked>(&a)) {
        RC_ASSERT(!untracked);
        untracked = true;
        RC_ASSERT(u->escalated_now == (m.precedence == Precedence::kFlash));
      }
    }
    const bool fully = static_cast<int>(escalated.size()) == policy.tier_count() - 1;
    RC_ASSERT(fully || untracked);  // escalated, or the driver was told
    if (m.precedence == Precedence::kFlash) RC_ASSERT(fully);
  }
}

}  // namespace
}  // namespace openline::escalation
