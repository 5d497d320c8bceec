#include "escalation/answer_watch.h"

#include <limits>

#include "escalation/message_id.h"

namespace openline::escalation {

Result<AnswerWatch> AnswerWatch::Make(Config config) {
  if (auto s = Validate(config.default_deadlines); !s) {
    return MakeError(s.error().code, "default deadlines: " + s.error().message);
  }
  for (const auto& [channel, deadlines] : config.channel_deadlines) {
    if (auto s = Validate(deadlines); !s) {
      return MakeError(s.error().code,
                       "deadlines of channel " + channel + ": " + s.error().message);
    }
  }
  if (config.max_tracked == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "max_tracked is 0");
  }
  return AnswerWatch(std::move(config));
}

const Deadlines& AnswerWatch::DeadlinesFor(std::string_view channel) const {
  auto it = config_.channel_deadlines.find(channel);
  return it == config_.channel_deadlines.end() ? config_.default_deadlines : it->second;
}

AnswerWatch::UrgencyKey AnswerWatch::KeyOf(const std::string& id, const Watched& w) {
  return {static_cast<uint8_t>(w.precedence),
          std::numeric_limits<uint64_t>::max() - w.order, id};
}

void AnswerWatch::MarkReceived(Map::iterator it) {
  Watched& w = it->second;
  if (w.received) return;
  w.received = true;
  unreceived_.erase({w.link, w.seq});
}

void AnswerWatch::Forget(Map::iterator it) {
  const Watched& w = it->second;
  timers_.erase({w.due_us, it->first});
  by_urgency_.erase(KeyOf(it->first, w));
  if (!w.received) unreceived_.erase({w.link, w.seq});
  watched_.erase(it);
}

Result<std::vector<WatchAction>> AnswerWatch::OnSent(const Sent& s) {
  auto id = ParseMessageId(s.id);
  if (!id) return tl::unexpected(std::move(id).error());
  if (s.channel.empty() || s.channel.size() > kMaxIdLen) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "channel of " + s.id + " is empty or longer than " +
                         std::to_string(kMaxIdLen) + " bytes");
  }
  if (!IsValidPrecedence(s.precedence)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "precedence " + std::to_string(static_cast<int>(s.precedence)) +
                         " of " + s.id + " is out of range");
  }
  std::vector<WatchAction> out;
  if (watched_.contains(s.id)) return out;
  ++stats_.sent;

  if (watched_.size() >= config_.max_tracked) {
    auto victim = by_urgency_.begin();
    if (std::get<0>(*victim) >= static_cast<uint8_t>(s.precedence)) {
      out.push_back(NotWatched{s.id, s.precedence});
      ++stats_.not_watched;
      return out;
    }
    auto it = watched_.find(std::get<2>(*victim));
    out.push_back(NotWatched{it->first, it->second.precedence});
    ++stats_.not_watched;
    Forget(it);
  }

  Watched w;
  w.link = std::move(id->link);
  w.seq = id->seq;
  w.precedence = s.precedence;
  w.accepted_us = s.accepted_us;
  w.deadline_us = DeadlinesFor(s.channel).For(s.precedence);
  w.due_us = s.accepted_us + w.deadline_us;
  w.order = next_order_++;
  timers_.emplace(w.due_us, s.id);
  by_urgency_.insert(KeyOf(s.id, w));
  unreceived_.emplace(std::make_pair(w.link, w.seq), s.id);
  watched_.emplace(s.id, std::move(w));
  return out;
}

void AnswerWatch::OnReceivedReceipt(const ReceivedReceipt& r) {
  if (auto it = watched_.find(r.id); it != watched_.end()) MarkReceived(it);
}

void AnswerWatch::OnReceivedThrough(std::string_view link, uint64_t through_seq,
                                    uint64_t /*at_us*/) {
  const std::string key(link);
  auto it = unreceived_.lower_bound({key, 0});
  while (it != unreceived_.end() && it->first.first == key &&
         it->first.second <= through_seq) {
    watched_.find(it->second)->second.received = true;
    it = unreceived_.erase(it);
  }
}

std::optional<uint64_t> AnswerWatch::OnAcknowledgedReceipt(const AcknowledgedReceipt& a) {
  auto it = watched_.find(a.id);
  if (it == watched_.end()) return std::nullopt;
  const uint64_t accepted = it->second.accepted_us;
  ++stats_.answered;
  Forget(it);
  return a.at_us >= accepted ? a.at_us - accepted : 0;
}

std::vector<WatchAction> AnswerWatch::OnTimer(uint64_t now_us) {
  std::vector<WatchAction> out;
  while (!timers_.empty() && timers_.begin()->first <= now_us) {
    auto it = watched_.find(timers_.begin()->second);
    const Watched& w = it->second;
    const Silence silence = w.received ? Silence::kHuman : Silence::kTechnical;
    out.push_back(PeerUnanswered{it->first, w.deadline_us, silence});
    ++(silence == Silence::kHuman ? stats_.unanswered_human
                                  : stats_.unanswered_technical);
    Forget(it);
  }
  return out;
}

std::optional<uint64_t> AnswerWatch::NextWakeUp() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first;
}

}  // namespace openline::escalation
