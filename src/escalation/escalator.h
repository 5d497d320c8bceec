// The receiving side of "answered or escalated" (SPEC guarantee 5), as a sans-IO
// state machine, one per station. Events and the caller's clock in; actions out,
// plus the time the caller must call OnTimer next (NextWakeUp).
//
// For each incoming message, under its channel's EscalationPolicy as it stood at
// arrival:
//   * at arrival, tier 1 rings (Ring per audience, normally the operators on duty);
//   * an acknowledgement at any time before a tier is due stops everything (Stop);
//     nothing more is ever emitted for that message;
//   * at the deadline, if unacknowledged: Escalate{2}, a Ring per tier-2 audience
//     (supervisors, notifier), then Unanswered{after = the deadline}, each exactly
//     once; tier 3, if configured, likewise at its time. After the last tier the
//     message leaves the table (the consoles keep showing it until acknowledged).
// Several actions for one call come in that order; messages due at the same
// instant in id order. Timers fire only in OnTimer: an acknowledgement handed in
// before OnTimer is called for an overdue tier suppresses that tier (the message
// is answered; paging someone now helps nobody).
//
// Memory is bounded by Config::max_tracked. When the table is full, a newly
// arrived message displaces the least urgent watched one (lowest precedence,
// latest arrival) if it is strictly more urgent; otherwise the new one is not
// watched. Either way the one let go is reported (Untracked), never dropped
// silently, and a FLASH is never let go quietly: a FLASH that cannot be watched
// (the table is full of FLASH) is escalated through every tier at once. Tier 1
// still rings for every message, watched or not.
//
// Restart: the driver re-reports every unacknowledged message from its store
// with its original arrival time; tiers already overdue fire at the next
// OnTimer (at least once across a crash, never silently lost).
//
// Depends on: escalation/escalation_policy.h, wire/envelope.h, common/.
// Thread-safety: none; one owner.
#ifndef OPENLINE_ESCALATION_ESCALATOR_H_
#define OPENLINE_ESCALATION_ESCALATOR_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "common/result.h"
#include "escalation/escalation_policy.h"
#include "wire/envelope.h"

namespace openline::escalation {

// ---- Events in ----

struct MessageArrived {
  std::string id;  // "link:seq"
  std::string link;
  std::string channel;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  uint64_t arrived_us = 0;
};
struct Acknowledged {
  std::string id;
  uint64_t at_us = 0;
};
// Shown on at least one console (optional; recorded in Unanswered).
struct Displayed {
  std::string id;
};

// ---- Actions out ----

// Alert `audience` about message `id` (tier 1 at arrival, later tiers when due).
struct Ring {
  std::string id;
  int tier = 1;
  Audience audience = Audience::kOnDuty;
  std::string link;
  std::string channel;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  bool operator==(const Ring&) const = default;
};
// Message `id` moved to tier `tier` (>= 2) unanswered.
struct Escalate {
  std::string id;
  int tier = 2;
  bool operator==(const Escalate&) const = default;
};
// Message `id` is acknowledged: stop ringing for it everywhere. answered_after_us
// (acknowledgement minus arrival) is set when the message was being watched.
struct Stop {
  std::string id;
  std::optional<uint64_t> answered_after_us;
  bool operator==(const Stop&) const = default;
};
// Message `id` passed its deadline unacknowledged: a record for this station's
// log and metrics. after_us is the deadline it missed.
struct Unanswered {
  std::string id;
  uint64_t after_us = 0;
  bool displayed = false;  // a console showed it (nobody answered) vs never shown
  bool operator==(const Unanswered&) const = default;
};
// The table was full: message `id` is no longer (or was never) watched and will
// not escalate by itself, unless escalated_now (a FLASH escalated at once).
// The driver must raise an alarm.
struct Untracked {
  std::string id;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  bool escalated_now = false;
  bool operator==(const Untracked&) const = default;
};

using Action = std::variant<Ring, Escalate, Stop, Unanswered, Untracked>;

struct EscalatorStats {
  uint64_t arrived = 0;
  uint64_t acknowledged = 0;  // while watched
  uint64_t unanswered = 0;
  uint64_t escalations = 0;  // Escalate actions
  uint64_t untracked = 0;
};

class Escalator {
 public:
  struct Config {
    EscalationPolicy default_policy;
    std::map<std::string, EscalationPolicy, std::less<>> channel_policies;
    size_t max_tracked = kDefaultMaxTrackedIncoming;
  };

  // Every policy is validated; errors name the channel.
  static Result<Escalator> Make(Config config);

  // Replaces one channel's policy for messages arriving from now on (a message
  // keeps the policy it arrived under).
  Status SetChannelPolicy(std::string channel, EscalationPolicy policy);
  const EscalationPolicy& PolicyFor(std::string_view channel) const;

  // kInvalidArgument for an empty or over-long id, link or channel, or a
  // precedence out of range. A message already watched is ignored (no actions).
  Result<std::vector<Action>> OnArrived(const MessageArrived& m);
  std::vector<Action> OnAcknowledged(const Acknowledged& a);
  void OnDisplayed(const Displayed& d);
  // Fires every tier due at or before now_us.
  std::vector<Action> OnTimer(uint64_t now_us);
  // When OnTimer must be called next; none while nothing is watched.
  std::optional<uint64_t> NextWakeUp() const;

  size_t tracked() const { return watched_.size(); }
  bool IsTracked(std::string_view id) const { return watched_.contains(id); }
  const EscalatorStats& stats() const { return stats_; }

 private:
  struct Watched {
    std::string link;
    std::string channel;
    wire::Precedence precedence = wire::Precedence::kRoutine;
    uint64_t arrived_us = 0;
    uint64_t order = 0;  // arrival counter: the eviction tie-break
    bool displayed = false;
    int fired_tier = 1;
    std::shared_ptr<const EscalationPolicy> policy;

    uint64_t DueUs(int tier) const {
      return arrived_us + policy->TierOffsetUs(precedence, tier);
    }
  };
  // (precedence, newest-first order, id): begin() is the one to let go first.
  using UrgencyKey = std::tuple<uint8_t, uint64_t, std::string>;

  explicit Escalator(Config config);
  std::shared_ptr<const EscalationPolicy> SharedPolicyFor(std::string_view channel) const;
  static UrgencyKey KeyOf(const std::string& id, const Watched& w);
  void FireTier(const std::string& id, const Watched& w, int tier,
                std::vector<Action>& out);
  void Forget(std::map<std::string, Watched, std::less<>>::iterator it);

  std::shared_ptr<const EscalationPolicy> default_policy_;
  std::map<std::string, std::shared_ptr<const EscalationPolicy>, std::less<>>
      channel_policies_;
  size_t max_tracked_;

  std::map<std::string, Watched, std::less<>> watched_;
  std::set<std::pair<uint64_t, std::string>> timers_;  // (due of next tier, id)
  std::set<UrgencyKey> by_urgency_;
  uint64_t next_order_ = 0;
  EscalatorStats stats_;
};

}  // namespace openline::escalation

#endif  // OPENLINE_ESCALATION_ESCALATOR_H_
