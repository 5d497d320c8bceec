#include "station/answering.h"

#include <chrono>
#include <set>

#include <boost/asio/post.hpp>

#include "escalation/message_id.h"
#include "station/link_runtime.h"
#include "station/message_views.h"
#include "wire/notice.h"

namespace openline::station {
namespace {

using nlohmann::json;

constexpr uint64_t kSecondUs = 1'000'000;

std::string Id(const std::string& link, uint64_t seq) {
  return link + ":" + std::to_string(seq);
}

std::string PrecedenceOf(wire::Precedence p) { return std::string(wire::ToString(p)); }

}  // namespace

Result<std::unique_ptr<Answering>> Answering::Make(
    boost::asio::io_context& io, std::string station, const AnsweringConfig& config,
    Outputs outputs, observe::StationMetrics* metrics, observe::Logger* log) {
  escalation::Deadlines deadlines;
  deadlines.flash_us = config.flash_s * kSecondUs;
  deadlines.immediate_us = config.immediate_s * kSecondUs;
  deadlines.priority_us = config.priority_s * kSecondUs;
  deadlines.routine_us = config.routine_s * kSecondUs;
  OPENLINE_TRY(escalation::Validate(deadlines));
  escalation::EscalationPolicy policy;
  policy.deadlines = deadlines;
  auto escalator = escalation::Escalator::Make({policy, {}});
  if (!escalator) return tl::unexpected(escalator.error());
  auto watch = escalation::AnswerWatch::Make({deadlines, {}});
  if (!watch) return tl::unexpected(watch.error());
  std::unique_ptr<Answering> a(new Answering(io, std::move(station), std::move(outputs),
                                             std::move(*escalator), std::move(*watch),
                                             metrics, log));
  if (!config.notifier.empty()) {
    notify::NotifierConfig nc;
    nc.argv = config.notifier;
    nc.timeout = std::chrono::seconds(config.notifier_timeout_s);
    nc.attempts = static_cast<uint32_t>(config.notifier_attempts);
    OPENLINE_TRY(notify::ValidateNotifierConfig(nc));
    // Reports arrive on the notifier's thread; they are handled on ours.
    auto* self = a.get();
    std::weak_ptr<bool> alive = a->alive_;
    auto notifier =
        notify::Notifier::Start(nc, [self, alive, &io](const notify::NotifyReport& r) {
          boost::asio::post(io, [self, alive, r] {
            if (alive.expired()) return;
            self->log_->Log(
                r.delivered ? observe::LogLevel::kInfo : observe::LogLevel::kError,
                "notifier.done",
                {{"event_id", r.event_id},
                 {"delivered", r.delivered},
                 {"attempts", r.attempts.size()}});
            self->outputs_.publish({{"type", "notifier"},
                                    {"event_id", r.event_id},
                                    {"delivered", r.delivered},
                                    {"attempts", r.attempts.size()}});
          });
        });
    if (!notifier) return tl::unexpected(notifier.error());
    a->notifier_ = std::move(*notifier);
  }
  return a;
}

Answering::Answering(boost::asio::io_context& io, std::string station, Outputs outputs,
                     escalation::Escalator escalator, escalation::AnswerWatch watch,
                     observe::StationMetrics* metrics, observe::Logger* log)
    : io_(io),
      station_(std::move(station)),
      outputs_(std::move(outputs)),
      escalator_(std::move(escalator)),
      watch_(std::move(watch)),
      metrics_(metrics),
      log_(log),
      timer_(io) {}

Answering::~Answering() {
  alive_.reset();
  notifier_.reset();  // kills a command still running
}

void Answering::OnPeerMessage(const std::string& link, uint64_t seq,
                              const std::string& channel, wire::Precedence precedence,
                              uint64_t arrived_us) {
  escalation::MessageArrived m{Id(link, seq), link, channel, precedence, arrived_us};
  auto actions = escalator_.OnArrived(m);
  if (!actions) {
    log_->Err("escalation.refused", {{"id", m.id}, {"error", actions.error().message}});
    return;
  }
  arrived_[m.id] = m;
  Count(link, precedence, "received");
  Apply(*actions);
  Arm();
}

void Answering::OnAcknowledgedHere(const std::string& link, uint64_t seq,
                                   uint64_t at_us) {
  const std::string id = Id(link, seq);
  Apply(escalator_.OnAcknowledged({id, at_us}));
  if (auto it = arrived_.find(id); it != arrived_.end()) {
    Count(link, it->second.precedence, "acknowledged");
    arrived_.erase(it);
  }
  Arm();
}

void Answering::OnSigned(const std::string& link, uint64_t seq,
                         const std::string& channel, wire::Precedence precedence,
                         uint64_t signed_us) {
  const std::string id = Id(link, seq);
  auto actions = watch_.OnSent({id, precedence, channel, signed_us});
  if (!actions) {
    log_->Err("answer_watch.refused", {{"link", link}, {"seq", seq}});
    return;
  }
  Count(link, precedence, "sent");
  if (watch_.IsTracked(id)) {
    // Bounded like the watch itself: forget what the watch let go.
    if (own_precedence_.size() > 2 * escalation::kDefaultMaxTrackedOutgoing) {
      std::erase_if(own_precedence_, [this](const auto& e) {
        return !watch_.IsTracked(e.first) && !unanswered_.contains(e.first);
      });
    }
    own_precedence_[id] = precedence;
  }
  Apply(*actions);
  Arm();
}

void Answering::OnPeerReceived(const std::string& link, uint64_t through_seq,
                               uint64_t at_us) {
  watch_.OnReceivedThrough(link, through_seq, at_us);
}

void Answering::OnPeerAcknowledged(const std::string& link, uint64_t seq,
                                   wire::Precedence precedence, uint64_t at_us) {
  const std::string id = Id(link, seq);
  auto took = watch_.OnAcknowledgedReceipt({id, at_us});
  Count(link, precedence, "answered");
  if (unanswered_.erase(id) != 0) Unanswered(link, precedence, -1);  // answered late
  own_precedence_.erase(id);
  if (took && metrics_) {
    const std::string p = PrecedenceOf(precedence);
    if (auto h = metrics_->answer_seconds->WithLabels({link, p})) {
      (*h)->Observe(static_cast<double>(*took) / 1e6);
    }
  }
  Arm();
}

void Answering::ReplayLink(const std::string& link, const transcript::Transcript& t,
                           int own_side) {
  // One timer for the whole replay, not one per message.
  replaying_ = true;
  // Messages whose unanswered notice is already signed are settled.
  std::set<uint64_t> noted;
  const auto& own = t.chain(own_side);
  for (uint64_t seq = 1; seq <= own.size(); ++seq) {
    if (own.at(seq).fields().kind != wire::Kind::kNotice) continue;
    if (auto n = wire::Notice::Parse(own.at(seq).fields().body))
      noted.insert(n->subject.seq);
  }
  for (const MessageView& m : Messages(t)) {
    if (m.kind != wire::Kind::kText || m.acknowledged_us) continue;
    if (m.side == own_side && noted.contains(m.seq)) continue;
    if (m.side != own_side) {
      OnPeerMessage(link, m.seq, m.channel, m.precedence, m.time_us);
      if (m.displayed_us) escalator_.OnDisplayed({Id(link, m.seq)});
    } else {
      OnSigned(link, m.seq, m.channel, m.precedence, m.time_us);
      if (m.received_us) watch_.OnReceivedReceipt({Id(link, m.seq), *m.received_us});
    }
  }
  replaying_ = false;
  Arm();
}

void Answering::Apply(const std::vector<escalation::Action>& actions) {
  for (const auto& action : actions) {
    if (const auto* r = std::get_if<escalation::Ring>(&action)) {
      json e = {{"type", "ring"},
                {"id", r->id},
                {"link", r->link},
                {"channel", r->channel},
                {"precedence", PrecedenceOf(r->precedence)},
                {"tier", r->tier},
                {"audience", escalation::ToString(r->audience)}};
      outputs_.publish(e);
      if (r->audience == escalation::Audience::kNotifier) Notify(e);
    } else if (const auto* x = std::get_if<escalation::Escalate>(&action)) {
      log_->Warn("escalation.tier", {{"id", x->id}, {"tier", x->tier}});
      outputs_.publish({{"type", "escalated"}, {"id", x->id}, {"tier", x->tier}});
    } else if (const auto* s = std::get_if<escalation::Stop>(&action)) {
      json e = {{"type", "ring-stopped"}, {"id", s->id}};
      if (s->answered_after_us) e["answered_after_s"] = *s->answered_after_us / kSecondUs;
      outputs_.publish(e);
    } else if (const auto* u = std::get_if<escalation::Unanswered>(&action)) {
      log_->Warn("escalation.unanswered_here",
                 {{"id", u->id}, {"after_s", u->after_us / kSecondUs}});
      outputs_.publish({{"type", "unanswered-here"},
                        {"id", u->id},
                        {"after_s", u->after_us / kSecondUs},
                        {"displayed", u->displayed}});
      arrived_.erase(u->id);
    } else if (const auto* n = std::get_if<escalation::Untracked>(&action)) {
      Alarm("escalation-table-full", n->id);
    }
  }
}

void Answering::Apply(const std::vector<escalation::WatchAction>& actions) {
  for (const auto& action : actions) {
    if (const auto* u = std::get_if<escalation::PeerUnanswered>(&action)) {
      auto id = escalation::ParseMessageId(u->id);
      if (!id) continue;
      const std::string silence(escalation::ToString(u->silence));
      log_->Warn("answer.unanswered",
                 {{"id", u->id}, {"silence", silence}, {"after_s", u->after_seconds()}});
      outputs_.publish({{"type", "unanswered"},
                        {"id", u->id},
                        {"link", id->link},
                        {"seq", id->seq},
                        {"silence", silence},
                        {"after_s", u->after_seconds()}});
      if (auto p = own_precedence_.find(u->id); p != own_precedence_.end()) {
        Count(id->link, p->second, "unanswered");
        Unanswered(id->link, p->second, +1);
        unanswered_.insert(u->id);
      }
      if (outputs_.sign) outputs_.sign(id->link, *u, id->seq);
    } else if (const auto* n = std::get_if<escalation::NotWatched>(&action)) {
      Alarm("answer-table-full", n->id);
    }
  }
}

void Answering::Count(const std::string& link, wire::Precedence precedence,
                      std::string_view state) {
  if (!metrics_ || replaying_) return;  // a replay is not new traffic
  if (auto c = metrics_->messages->WithLabels({link, PrecedenceOf(precedence), state})) {
    (*c)->Inc();
  }
}

void Answering::Unanswered(const std::string& link, wire::Precedence precedence,
                           int delta) {
  if (!metrics_) return;
  if (auto g = metrics_->unanswered->WithLabels({link, PrecedenceOf(precedence)})) {
    (*g)->Add(delta);
  }
}

void Answering::Alarm(const std::string& reason, const std::string& id) {
  constexpr uint64_t kAlarmIntervalUs = 60 * kSecondUs;
  Throttle& t = alarms_[reason];
  const uint64_t now = NowUs();
  if (t.last_us != 0 && now - t.last_us < kAlarmIntervalUs) {
    ++t.suppressed;
    return;
  }
  log_->Err("answering.alarm",
            {{"reason", reason}, {"id", id}, {"since_last", t.suppressed}});
  outputs_.publish(
      {{"type", "alarm"}, {"reason", reason}, {"id", id}, {"since_last", t.suppressed}});
  t = {now, 0};
}

void Answering::Notify(const json& event) {
  if (!notifier_) {
    log_->Warn("notifier.none", {{"id", event.value("id", "")}});
    return;
  }
  json payload = event;
  payload["station"] = station_;
  payload["time_us"] = NowUs();
  auto submitted = notifier_->Submit(payload.dump());
  if (!submitted) {
    log_->Err("notifier.refused", {{"error", submitted.error().message}});
    outputs_.publish({{"type", "alarm"}, {"reason", "notifier-queue-full"}});
  }
}

void Answering::Arm() {
  if (replaying_) return;
  auto next = escalator_.NextWakeUp();
  if (auto w = watch_.NextWakeUp(); w && (!next || *w < *next)) next = w;
  if (!next) {
    timer_.cancel();
    return;
  }
  const uint64_t now = NowUs();
  const uint64_t wait_us = *next > now ? *next - now : 0;
  timer_.expires_after(std::chrono::microseconds(wait_us));
  std::weak_ptr<bool> alive = alive_;
  timer_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    OnTimer();
  });
}

void Answering::OnTimer() {
  const uint64_t now = NowUs();
  Apply(escalator_.OnTimer(now));
  Apply(watch_.OnTimer(now));
  Arm();
}

}  // namespace openline::station
