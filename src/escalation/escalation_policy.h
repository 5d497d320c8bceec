// A channel's escalation policy: how long each precedence may wait for an
// acknowledgement (ACP 121 defaults: FLASH 10 min, IMMEDIATE 30 min, PRIORITY
// 3 h, ROUTINE 6 h) and who is rung, in tiers, while it waits:
//
//   tier 1  at arrival               the operators on duty for the channel
//   tier 2  at the deadline          supervisors and the external notifier
//   tier 3  deadline + a further     (optional) the notifier again, admins
//           interval
//
// A policy is plain data; Validate says whether it is usable and, if not, why,
// naming the offending values. The sending side uses only the deadlines.
//
// Depends on: common/result.h, wire/envelope.h (Precedence), escalation/constants.h.
// Thread-safety: plain values.
#ifndef OPENLINE_ESCALATION_ESCALATION_POLICY_H_
#define OPENLINE_ESCALATION_ESCALATION_POLICY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "escalation/constants.h"
#include "wire/envelope.h"

namespace openline::escalation {

// Who a ring reaches. The station maps each to people or a command: the
// channel's duty roster, its supervisors, the site's notifier command, admins.
enum class Audience : uint8_t {
  kOnDuty = 1,
  kSupervisors = 2,
  kNotifier = 3,
  kAdmins = 4,
};
std::string_view ToString(Audience audience);

// Whether `p` is one of the four precedences (a cast from a stored byte may not be).
bool IsValidPrecedence(wire::Precedence p);

// Answer deadlines per precedence, counted from arrival (receiving side) or from
// acceptance (sending side).
struct Deadlines {
  uint64_t flash_us = kFlashDeadlineUs;
  uint64_t immediate_us = kImmediateDeadlineUs;
  uint64_t priority_us = kPriorityDeadlineUs;
  uint64_t routine_us = kRoutineDeadlineUs;

  // Precondition: IsValidPrecedence(p).
  uint64_t For(wire::Precedence p) const;
  bool operator==(const Deadlines&) const = default;
};

// Each deadline in 1 us..kMaxDeadlineUs, and a more urgent precedence never
// waits longer than a less urgent one (a FLASH that escalates after a ROUTINE
// would invert the meaning of precedence).
Status Validate(const Deadlines& deadlines);

struct EscalationPolicy {
  Deadlines deadlines;
  std::vector<Audience> tier1 = {Audience::kOnDuty};
  std::vector<Audience> tier2 = {Audience::kSupervisors, Audience::kNotifier};
  // Tier 3 fires this long after the deadline; none when unset.
  std::optional<uint64_t> tier3_after_deadline_us;
  std::vector<Audience> tier3 = {Audience::kNotifier, Audience::kAdmins};

  // 2, or 3 with tier 3 configured.
  int tier_count() const { return tier3_after_deadline_us ? 3 : 2; }
  // When tier `tier` (1..tier_count()) fires, counted from arrival.
  uint64_t TierOffsetUs(wire::Precedence p, int tier) const;
  // Precondition: 1 <= tier <= 3.
  const std::vector<Audience>& AudiencesOf(int tier) const;
};

// Deadlines as above; every tier in use rings someone, no audience twice within
// a tier; tier 3's interval in 1 us..kMaxDeadlineUs.
Status Validate(const EscalationPolicy& policy);

// "600 s", "1.5 s", "250 us": durations in error messages and logs.
std::string FormatDuration(uint64_t us);

}  // namespace openline::escalation

#endif  // OPENLINE_ESCALATION_ESCALATION_POLICY_H_
