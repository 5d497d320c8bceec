#include "escalation/escalator.h"

#include <limits>

#include "escalation/constants.h"

namespace openline::escalation {
namespace {

Status CheckName(std::string_view what, std::string_view value) {
  if (value.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, std::string(what) + " is empty");
  }
  if (value.size() > kMaxIdLen) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(what) + " of " + std::to_string(value.size()) +
                         " bytes exceeds " + std::to_string(kMaxIdLen));
  }
  return Ok();
}

}  // namespace

Result<Escalator> Escalator::Make(Config config) {
  if (auto s = Validate(config.default_policy); !s) {
    return MakeError(s.error().code, "default policy: " + s.error().message);
  }
  for (const auto& [channel, policy] : config.channel_policies) {
    if (auto s = Validate(policy); !s) {
      return MakeError(s.error().code,
                       "policy of channel " + channel + ": " + s.error().message);
    }
  }
  if (config.max_tracked == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "max_tracked is 0");
  }
  return Escalator(std::move(config));
}

Escalator::Escalator(Config config)
    : default_policy_(
          std::make_shared<const EscalationPolicy>(std::move(config.default_policy))),
      max_tracked_(config.max_tracked) {
  for (auto& [channel, policy] : config.channel_policies) {
    channel_policies_[channel] =
        std::make_shared<const EscalationPolicy>(std::move(policy));
  }
}

Status Escalator::SetChannelPolicy(std::string channel, EscalationPolicy policy) {
  if (auto s = Validate(policy); !s) {
    return MakeError(s.error().code,
                     "policy of channel " + channel + ": " + s.error().message);
  }
  channel_policies_[std::move(channel)] =
      std::make_shared<const EscalationPolicy>(std::move(policy));
  return Ok();
}

std::shared_ptr<const EscalationPolicy> Escalator::SharedPolicyFor(
    std::string_view channel) const {
  auto it = channel_policies_.find(channel);
  return it == channel_policies_.end() ? default_policy_ : it->second;
}

const EscalationPolicy& Escalator::PolicyFor(std::string_view channel) const {
  return *SharedPolicyFor(channel);
}

Escalator::UrgencyKey Escalator::KeyOf(const std::string& id, const Watched& w) {
  return {static_cast<uint8_t>(w.precedence),
          std::numeric_limits<uint64_t>::max() - w.order, id};
}

void Escalator::FireTier(const std::string& id, const Watched& w, int tier,
                         std::vector<Action>& out) {
  if (tier >= 2) {
    out.push_back(Escalate{id, tier});
    ++stats_.escalations;
  }
  for (Audience audience : w.policy->AudiencesOf(tier)) {
    out.push_back(Ring{id, tier, audience, w.link, w.channel, w.precedence});
  }
}

void Escalator::Forget(std::map<std::string, Watched, std::less<>>::iterator it) {
  const Watched& w = it->second;
  if (w.fired_tier < w.policy->tier_count()) {
    timers_.erase({w.DueUs(w.fired_tier + 1), it->first});
  }
  by_urgency_.erase(KeyOf(it->first, w));
  watched_.erase(it);
}

Result<std::vector<Action>> Escalator::OnArrived(const MessageArrived& m) {
  OPENLINE_TRY(CheckName("message id", m.id));
  OPENLINE_TRY(CheckName("link", m.link));
  OPENLINE_TRY(CheckName("channel", m.channel));
  if (!IsValidPrecedence(m.precedence)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "precedence " + std::to_string(static_cast<int>(m.precedence)) +
                         " of " + m.id + " is out of range");
  }
  std::vector<Action> out;
  if (watched_.contains(m.id)) return out;
  ++stats_.arrived;

  Watched w;
  w.link = m.link;
  w.channel = m.channel;
  w.precedence = m.precedence;
  w.arrived_us = m.arrived_us;
  w.order = next_order_++;
  w.policy = SharedPolicyFor(m.channel);
  FireTier(m.id, w, 1, out);

  if (watched_.size() >= max_tracked_) {
    auto victim = by_urgency_.begin();
    if (std::get<0>(*victim) < static_cast<uint8_t>(m.precedence)) {
      const std::string victim_id = std::get<2>(*victim);
      auto it = watched_.find(victim_id);
      out.push_back(Untracked{victim_id, it->second.precedence, false});
      ++stats_.untracked;
      Forget(it);
    } else {
      // Everything watched is at least as urgent as this one.
      const bool flash = m.precedence == wire::Precedence::kFlash;
      if (flash) {
        // Paging everyone early beats a FLASH nobody watches. No Unanswered:
        // its deadline has not passed.
        for (int tier = 2; tier <= w.policy->tier_count(); ++tier) {
          FireTier(m.id, w, tier, out);
        }
      }
      out.push_back(Untracked{m.id, m.precedence, flash});
      ++stats_.untracked;
      return out;
    }
  }

  timers_.emplace(w.DueUs(2), m.id);
  by_urgency_.insert(KeyOf(m.id, w));
  watched_.emplace(m.id, std::move(w));
  return out;
}

std::vector<Action> Escalator::OnAcknowledged(const Acknowledged& a) {
  std::vector<Action> out;
  auto it = watched_.find(a.id);
  if (it == watched_.end()) {
    // Not (or no longer) watched: the consoles may still ring for it.
    out.push_back(Stop{a.id, std::nullopt});
    return out;
  }
  const uint64_t arrived = it->second.arrived_us;
  out.push_back(Stop{a.id, a.at_us >= arrived ? a.at_us - arrived : 0});
  ++stats_.acknowledged;
  Forget(it);
  return out;
}

void Escalator::OnDisplayed(const Displayed& d) {
  if (auto it = watched_.find(d.id); it != watched_.end()) it->second.displayed = true;
}

std::vector<Action> Escalator::OnTimer(uint64_t now_us) {
  std::vector<Action> out;
  while (!timers_.empty() && timers_.begin()->first <= now_us) {
    const std::string id = timers_.begin()->second;
    timers_.erase(timers_.begin());
    auto it = watched_.find(id);
    Watched& w = it->second;
    const int tier = w.fired_tier + 1;
    FireTier(id, w, tier, out);
    if (tier == 2) {
      out.push_back(Unanswered{id, w.policy->deadlines.For(w.precedence), w.displayed});
      ++stats_.unanswered;
    }
    w.fired_tier = tier;
    if (tier < w.policy->tier_count()) {
      timers_.emplace(w.DueUs(tier + 1), id);
    } else {
      by_urgency_.erase(KeyOf(id, w));
      watched_.erase(it);
    }
  }
  return out;
}

std::optional<uint64_t> Escalator::NextWakeUp() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first;
}

}  // namespace openline::escalation
