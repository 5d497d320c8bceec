#include "station/link_runtime.h"

#include <chrono>
#include <cstdio>

#include <boost/asio/post.hpp>

#include "common/text.h"
#include "net/duplicate_rule.h"
#include "net/path.h"
#include "station/answering.h"
#include "transcript/merge.h"
#include "wire/receipt.h"

namespace openline::station {
namespace {

constexpr std::chrono::seconds kPersistRetry{1};

bool IsText(wire::Kind kind) { return kind == wire::Kind::kText; }

}  // namespace

uint64_t NowUs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

Result<std::shared_ptr<LinkRuntime>> LinkRuntime::Load(Context ctx,
                                                       store::LinkConfig config) {
  auto parties = transcript::LinkParties::Make(ctx.keys->Public(), config.peer);
  if (!parties) return tl::unexpected(parties.error());
  auto loaded = ctx.store->Call(
      [&](store::StationStore& s)
          -> Result<std::pair<std::array<std::vector<wire::SignedEnvelope>, 2>,
                              std::vector<store::AcceptedMessage>>> {
        std::array<std::vector<wire::SignedEnvelope>, 2> chains;
        for (int side = 0; side < 2; ++side) {
          auto entries = s.Entries(config.name, side, 1, SIZE_MAX);
          if (!entries) return tl::unexpected(entries.error());
          chains[static_cast<size_t>(side)].reserve(entries->size());
          for (auto& e : *entries) {
            auto env = wire::SignedEnvelope::Parse(e.envelope);
            if (!env) return tl::unexpected(env.error());
            chains[static_cast<size_t>(side)].push_back(std::move(*env));
          }
        }
        auto unchained = s.Unchained(config.name);
        if (!unchained) return tl::unexpected(unchained.error());
        return std::make_pair(std::move(chains), std::move(*unchained));
      });
  if (!loaded) return tl::unexpected(loaded.error());
  // Our own store: every entry in it was verified before it was committed.
  auto t = transcript::MergeChains(std::move(*parties), std::move(loaded->first[0]),
                                   std::move(loaded->first[1]),
                                   transcript::SignatureCheck::kTrustStored);

  if (!t) {
    return MakeError(ErrorCode::kVerification,
                     "stored transcript of link " + config.name +
                         " does not verify: " + t.error().ToString());
  }
  auto machine = link::LinkMachine::Make(*ctx.keys, std::move(*t));
  if (!machine) return tl::unexpected(machine.error());
  std::shared_ptr<LinkRuntime> rt(
      new LinkRuntime(ctx, std::move(config), std::move(*machine)));
  for (auto& m : loaded->second) {
    (void)rt->machine_.Accept(
        {m.id, m.channel, m.precedence, m.kind, std::move(m.body), m.accepted_us},
        NowUs());
  }
  return rt;
}

LinkRuntime::LinkRuntime(Context context, store::LinkConfig config,
                         link::LinkMachine machine)
    : ctx_(context),
      config_(std::move(config)),
      machine_(std::move(machine)),
      timer_(*context.io) {}

void LinkRuntime::Start() {
  std::vector<net::Path> paths;
  for (const auto& p : config_.paths) {
    auto parsed = net::ParsePath(p);
    if (parsed && net::CheckDialable(*parsed)) paths.push_back(*parsed);
  }
  if (!paths.empty()) {
    auto self = weak_from_this();
    auto dialer = net::Dialer::Create(ctx_.io->get_executor(), ctx_.keys->dh.Clone(),
                                      config_.peer.dh_key, std::move(paths),
                                      [self](std::shared_ptr<net::Connection> c) {
                                        if (auto rt = self.lock())
                                          rt->Attach(std::move(c));
                                      });
    if (dialer) {
      dialer_ = *dialer;
      dialer_->Start();
    }
  }
  Pump();
}

void LinkRuntime::Stop() {
  stopped_ = true;
  if (dialer_) dialer_->Stop();
  if (connection_) connection_->Close();
  timer_.cancel();
}

Status LinkRuntime::Accept(link::OutboxItem item) {
  OPENLINE_TRY(machine_.Accept(std::move(item), NowUs()));
  Pump();
  return Ok();
}

void LinkRuntime::Attach(std::shared_ptr<net::Connection> connection) {
  if (stopped_) {
    connection->Close();
    return;
  }
  if (connection_ && connection_->is_open()) {
    // Both stations dialled at once: both keep the same one of the two.
    auto keep = net::PreferConnection(ctx_.keys->dh.public_key, config_.peer.dh_key,
                                      connection_->facts(), connection->facts());
    if (keep == net::Preferred::kFirst) {
      connection->Close();
      return;
    }
    auto old = std::move(connection_);
    ++generation_;  // the old connection's close must not touch the machine
    old->Close();
    machine_.OnDisconnected(NowUs());
  }
  connection_ = std::move(connection);
  const uint64_t gen = ++generation_;
  ++connections_;
  connected_since_us_ = NowUs();
  if (dialer_) dialer_->Stop();
  auto self = weak_from_this();
  connection_->Start(
      [self, gen](Bytes plaintext) {
        auto rt = self.lock();
        if (!rt || rt->generation_ != gen) return;
        rt->machine_.OnMessage(plaintext, NowUs());
        rt->Pump();
      },
      [self, gen](net::CloseReason) {
        if (auto rt = self.lock()) rt->OnClosed(gen);
      });
  machine_.OnConnected(NowUs());
  ctx_.log->Info("link.up", {{"link", config_.name}});
  ctx_.events->Broadcast({{"type", "link-up"}, {"link", config_.name}});
  Pump();
}

void LinkRuntime::OnClosed(uint64_t generation) {
  if (generation != generation_) return;
  connection_.reset();
  ++generation_;
  machine_.OnDisconnected(NowUs());
  ctx_.log->Info("link.down", {{"link", config_.name}});
  ctx_.events->Broadcast({{"type", "link-down"}, {"link", config_.name}});
  if (!stopped_ && dialer_) dialer_->Start();
  Pump();
}

void LinkRuntime::Pump() {
  if (connection_) {
    for (auto& bytes : machine_.TakeSends()) {
      if (!connection_->Send(bytes)) {
        // The send queue is full: the peer is not reading. Drop the connection;
        // the protocol resumes from its durable acknowledgement on the next one.
        connection_->Close();
        break;
      }
    }
  } else {
    (void)machine_.TakeSends();
  }
  if (auto batch = machine_.TakePersist()) {
    store::LinkWrite write{config_.name, {}};
    for (auto& e : batch->entries) {
      const int side =
          *machine_.transcript().parties().SideOf(e.envelope.fields().sender);
      write.entries.push_back({side, std::move(e.envelope), e.outbox_id});
    }
    Persist(std::move(write), batch->token);
  }
  for (const auto& event : machine_.TakeEvents()) Publish(event);
  ArmTimer();
}

void LinkRuntime::Persist(store::LinkWrite write, uint64_t token) {
  auto self = shared_from_this();
  auto copy = std::make_shared<store::LinkWrite>(write);
  ctx_.store->CommitAsync(std::move(write), [self, copy, token](Status status) {
    boost::asio::post(*self->ctx_.io, [self, copy, token, status] {
      if (status) {
        self->machine_.OnPersisted(token, NowUs());
        self->Pump();
        return;
      }
      // Nothing was written; nothing was sent. Try again, and say so.
      ++self->persist_failures_;
      self->ctx_.log->Err("store.write_failed", {{"link", self->config_.name},
                                                 {"error", status.error().ToString()}});
      auto retry =
          std::make_shared<boost::asio::steady_timer>(*self->ctx_.io, kPersistRetry);
      retry->async_wait([self, copy, token, retry](const boost::system::error_code&) {
        self->Persist(*copy, token);
      });
    });
  });
}

void LinkRuntime::ArmTimer() {
  auto deadline = machine_.NextDeadline();
  if (!deadline || stopped_) return;
  const uint64_t now = NowUs();
  const uint64_t wait_us = *deadline > now ? *deadline - now : 0;
  timer_.expires_after(std::chrono::microseconds(wait_us));
  auto self = weak_from_this();
  timer_.async_wait([self](const boost::system::error_code& ec) {
    if (ec) return;  // re-armed or stopped
    auto rt = self.lock();
    if (!rt) return;
    rt->machine_.OnTimer(NowUs());
    rt->Pump();
  });
}

// Receipts drive the answering cores: ours acknowledging a peer message stops its
// ringing; the peer's tell our messages' answer watch what happened to them.
void LinkRuntime::NoteReceipt(const wire::Receipt& rc, uint64_t time_us, bool ours) {
  if (!ctx_.answering) return;
  const uint64_t seq = rc.subject.seq;
  if (ours) {
    if (rc.type == wire::ReceiptType::kAcknowledged) {
      ctx_.answering->OnAcknowledgedHere(config_.name, seq, time_us);
    }
    return;
  }
  if (rc.type == wire::ReceiptType::kReceived) {
    ctx_.answering->OnPeerReceived(config_.name, seq, time_us);
  } else if (rc.type == wire::ReceiptType::kAcknowledged) {
    const auto& chain = machine_.transcript().chain(own_side());
    if (seq >= 1 && seq <= chain.size()) {
      ctx_.answering->OnPeerAcknowledged(config_.name, seq,
                                         chain.at(seq).fields().precedence, time_us);
    }
  }
}

void LinkRuntime::Publish(const link::Event& event) {
  nlohmann::json j = {{"link", config_.name}};
  if (const auto* d = std::get_if<link::Delivered>(&event)) {
    j["type"] = "delivered";
    j["seq"] = d->ref.seq;
    j["kind"] = wire::ToString(d->kind);
    j["precedence"] = wire::ToString(d->precedence);
    j["channel"] = d->channel;
    const auto& entry = machine_.transcript().chain(1 - own_side()).at(d->ref.seq);
    const auto& body = entry.fields().body;
    if (IsText(d->kind)) {
      j["text"] = EscapeForTerminal(AsChars(body), /*allow_newlines=*/true);
      if (ctx_.answering) {
        ctx_.answering->OnPeerMessage(config_.name, d->ref.seq, d->channel, d->precedence,
                                      NowUs());
      }
    } else if (d->kind == wire::Kind::kReceipt) {
      // Which of our entries it answers (a received receipt covers all up to it).
      if (auto rc = wire::Receipt::Parse(body)) {
        j["receipt"] = wire::ToString(rc->type);
        j["covers"] = rc->subject.seq;
        NoteReceipt(*rc, entry.fields().time_us, /*ours=*/false);
      }
    }
  } else if (const auto* c = std::get_if<link::Chained>(&event)) {
    j["type"] = "signed";
    j["id"] = c->outbox_id;
    j["seq"] = c->ref.seq;
    const auto& f = machine_.transcript().chain(own_side()).at(c->ref.seq).fields();
    if (IsText(f.kind) && ctx_.answering) {
      ctx_.answering->OnSigned(config_.name, c->ref.seq, f.channel, f.precedence,
                               f.time_us);
    } else if (f.kind == wire::Kind::kReceipt) {
      if (auto rc = wire::Receipt::Parse(f.body)) NoteReceipt(*rc, f.time_us, true);
    }
  } else if (const auto* s = std::get_if<link::PeerStored>(&event)) {
    j["type"] = "peer-stored";
    j["have"] = s->have;
  } else if (const auto* t = std::get_if<link::Transmitted>(&event)) {
    j["type"] = "sent";
    j["seq"] = t->seq;
  } else if (const auto* r = std::get_if<link::PeerRefused>(&event)) {
    j["type"] = "refused";
    j["violation"] = r->violation.ToString();
    ctx_.log->Err("link.refused_entry",
                  {{"link", config_.name}, {"violation", r->violation.ToString()}});
  } else if (std::holds_alternative<link::PeerSilent>(event)) {
    if (connection_) connection_->Close();  // redial
    return;
  } else {
    return;  // RTT samples are read through Status()
  }
  ctx_.events->Broadcast(j);
}

nlohmann::json LinkRuntime::StatusJson() const {
  const auto& rtt = machine_.rtt();
  const auto& q = machine_.outbox();
  nlohmann::json j = {
      {"name", config_.name},
      {"peer", config_.peer.Encode()},
      {"paths", config_.paths},
      {"connected", connection_ != nullptr},
      {"connections", connections_},
      {"own_entries", machine_.durable_own()},
      {"peer_entries", machine_.durable_peer()},
      {"peer_has_ours", machine_.peer_have()},
      {"queued",
       {{"flash", q.size(wire::Precedence::kFlash)},
        {"immediate", q.size(wire::Precedence::kImmediate)},
        {"priority", q.size(wire::Precedence::kPriority)},
        {"routine", q.size(wire::Precedence::kRoutine)}}},
      {"unacknowledged_by_peer", machine_.durable_own() - machine_.peer_have()},
      {"persist_failures", persist_failures_},
  };
  if (connection_) j["connected_since_us"] = connected_since_us_;
  if (rtt.smoothed_us()) j["rtt_ms"] = static_cast<double>(*rtt.smoothed_us()) / 1000.0;
  if (rtt.p99_us()) j["rtt_p99_ms"] = static_cast<double>(*rtt.p99_us()) / 1000.0;
  return j;
}

}  // namespace openline::station
