#include "escalation/escalation_policy.h"

#include <algorithm>
#include <array>

namespace openline::escalation {
namespace {

Status ValidateDuration(std::string_view what, uint64_t us) {
  if (us == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(what) + " is 0: it would fire on arrival");
  }
  if (us > kMaxDeadlineUs) {
    return MakeError(ErrorCode::kTooLarge, std::string(what) + " " + FormatDuration(us) +
                                               " exceeds the limit of " +
                                               FormatDuration(kMaxDeadlineUs));
  }
  return Ok();
}

bool IsValidAudience(Audience a) {
  return a >= Audience::kOnDuty && a <= Audience::kAdmins;
}

Status ValidateTier(int tier, const std::vector<Audience>& audiences) {
  const std::string name = "tier " + std::to_string(tier);
  if (audiences.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, name + " rings nobody");
  }
  for (size_t i = 0; i < audiences.size(); ++i) {
    if (!IsValidAudience(audiences[i])) {
      return MakeError(ErrorCode::kInvalidArgument,
                       name + " names unknown audience " +
                           std::to_string(static_cast<int>(audiences[i])));
    }
    if (std::find(audiences.begin(), audiences.begin() + static_cast<std::ptrdiff_t>(i),
                  audiences[i]) != audiences.begin() + static_cast<std::ptrdiff_t>(i)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       name + " names " + std::string(ToString(audiences[i])) + " twice");
    }
  }
  return Ok();
}

}  // namespace

std::string_view ToString(Audience audience) {
  switch (audience) {
    case Audience::kOnDuty:
      return "on_duty";
    case Audience::kSupervisors:
      return "supervisors";
    case Audience::kNotifier:
      return "notifier";
    case Audience::kAdmins:
      return "admins";
  }
  return "unknown";
}

bool IsValidPrecedence(wire::Precedence p) {
  return p >= wire::Precedence::kRoutine && p <= wire::Precedence::kFlash;
}

uint64_t Deadlines::For(wire::Precedence p) const {
  switch (p) {
    case wire::Precedence::kFlash:
      return flash_us;
    case wire::Precedence::kImmediate:
      return immediate_us;
    case wire::Precedence::kPriority:
      return priority_us;
    case wire::Precedence::kRoutine:
      break;
  }
  return routine_us;
}

Status Validate(const Deadlines& d) {
  // Most urgent first, so the ordering check compares neighbours.
  const std::array<std::pair<std::string_view, uint64_t>, 4> by_urgency = {{
      {"flash deadline", d.flash_us},
      {"immediate deadline", d.immediate_us},
      {"priority deadline", d.priority_us},
      {"routine deadline", d.routine_us},
  }};
  for (const auto& [what, us] : by_urgency) OPENLINE_TRY(ValidateDuration(what, us));
  for (size_t i = 0; i + 1 < by_urgency.size(); ++i) {
    const auto& [more, more_us] = by_urgency[i];
    const auto& [less, less_us] = by_urgency[i + 1];
    if (more_us > less_us) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(more) + " " + FormatDuration(more_us) +
                           " is longer than " + std::string(less) + " " +
                           FormatDuration(less_us));
    }
  }
  return Ok();
}

uint64_t EscalationPolicy::TierOffsetUs(wire::Precedence p, int tier) const {
  if (tier <= 1) return 0;
  const uint64_t deadline = deadlines.For(p);
  if (tier == 2 || !tier3_after_deadline_us) return deadline;
  return deadline + *tier3_after_deadline_us;
}

const std::vector<Audience>& EscalationPolicy::AudiencesOf(int tier) const {
  if (tier <= 1) return tier1;
  if (tier == 2) return tier2;
  return tier3;
}

Status Validate(const EscalationPolicy& policy) {
  OPENLINE_TRY(Validate(policy.deadlines));
  OPENLINE_TRY(ValidateTier(1, policy.tier1));
  OPENLINE_TRY(ValidateTier(2, policy.tier2));
  if (policy.tier3_after_deadline_us) {
    OPENLINE_TRY(ValidateDuration("tier 3 interval", *policy.tier3_after_deadline_us));
    OPENLINE_TRY(ValidateTier(3, policy.tier3));
  }
  return Ok();
}

std::string FormatDuration(uint64_t us) {
  if (us % kSecondUs == 0) return std::to_string(us / kSecondUs) + " s";
  if (us < kSecondUs) return std::to_string(us) + " us";
  std::string frac = std::to_string(us % kSecondUs);
  frac.insert(0, 6 - frac.size(), '0');
  while (frac.back() == '0') frac.pop_back();
  return std::to_string(us / kSecondUs) + "." + frac + " s";
}

}  // namespace openline::escalation
