#include "link/link_machine.h"

#include <algorithm>

#include "transcript/author.h"
#include "wire/receipt.h"

namespace openline::link {
namespace {

// The kinds that call for a received receipt. Receipts, checkpoints and notices
// are the stations' bookkeeping: receipting them would never end, and a notice
// ("unanswered after N s") is a fact for the record, not something to answer. A
// later receipt still covers them, being cumulative.
bool IsMessage(wire::Kind kind) {
  return kind == wire::Kind::kText || kind == wire::Kind::kCatalogue ||
         kind == wire::Kind::kAttachment || kind == wire::Kind::kCall ||
         kind == wire::Kind::kTest;
}

}  // namespace

Result<LinkMachine> LinkMachine::Make(const identity::StationKeys& keys,
                                      transcript::Transcript transcript, Config config) {
  auto side = transcript.parties().SideOf(keys.signing.public_key());
  if (!side)
    return MakeError(ErrorCode::kInvalidArgument, "station is not a party to the link");
  if (config.window == 0)
    return MakeError(ErrorCode::kInvalidArgument, "window must be > 0");
  return LinkMachine(keys, std::move(transcript), config, *side);
}

LinkMachine::LinkMachine(const identity::StationKeys& keys,
                         transcript::Transcript transcript, Config config, int own)
    : keys_(&keys),
      transcript_(std::move(transcript)),
      config_(config),
      own_(own),
      peer_(1 - own) {
  durable_[0] = transcript_.chain(0).size();
  durable_[1] = transcript_.chain(1).size();
  // Recover what our received receipts already cover, and whether durable peer
  // messages beyond that still need one (a crash between storing and receipting).
  for (const auto& env : transcript_.chain(own_).entries()) {
    if (env.fields().kind != wire::Kind::kReceipt) continue;
    auto rc = wire::Receipt::Parse(env.fields().body);
    if (rc && rc->type == wire::ReceiptType::kReceived) {
      receipted_ = std::max(receipted_, rc->subject.seq);
    }
  }
  const auto& peer_chain = transcript_.chain(peer_);
  for (uint64_t seq = receipted_ + 1; seq <= peer_chain.size(); ++seq) {
    const auto& f = peer_chain.at(seq).fields();
    if (IsMessage(f.kind))
      unreceipted_ = std::max(unreceipted_.value_or(f.precedence), f.precedence);
  }
}

bool LinkMachine::CanAccept(size_t body_bytes) const {
  return outbox_.bytes() + body_bytes <= config_.max_queued_bytes;
}

Status LinkMachine::Accept(OutboxItem item, uint64_t now_us) {
  if (!CanAccept(item.body.size())) {
    return MakeError(ErrorCode::kTooLarge, "the link's queue of unsent messages is full");
  }
  outbox_.Push(std::move(item));
  Pump(now_us);
  return Ok();
}

void LinkMachine::OnConnected(uint64_t now_us) {
  connected_ = true;
  hello_received_ = false;
  silence_reported_ = false;
  last_heard_us_ = now_us;
  next_ping_us_ = now_us + kHeartbeatIntervalUs;
  rto_deadline_us_.reset();
  rto_backoff_ = 1;
  // Whatever was in flight on the old connection is gone: resume after what the
  // peer is known to hold. (Waiting for its HELLO to say so is not enough: if
  // that HELLO is lost and an ACK arrives first, nothing would be resent and,
  // with the window full, no timer would ever fire again.)
  next_send_ = peer_have_ + 1;
  peer_sacked_.clear();
  Send(wire::Hello{durable_[peer_], durable_[own_]});
  Pump(now_us);
}

void LinkMachine::OnDisconnected(uint64_t now_us) {
  connected_ = false;
  hello_received_ = false;
  rto_deadline_us_.reset();
  peer_sacked_.clear();
  Pump(now_us);
}

void LinkMachine::OnMessage(ByteView message, uint64_t now_us) {
  if (!connected_) return;  // a late message from a closed session
  last_heard_us_ = now_us;
  silence_reported_ = false;
  auto parsed = wire::ParseLinkMessage(message);
  if (!parsed) {
    ++stats_.malformed;
    return;
  }
  if (auto* hello = std::get_if<wire::Hello>(&*parsed)) {
    hello_received_ = true;
    // The peer states what it holds durably; resume right after it. It can never
    // hold more than we made durable (we send nothing else).
    peer_have_ = std::min(hello->have, durable_[own_]);
    next_send_ = peer_have_ + 1;
    peer_sacked_.clear();
    events_.push_back(PeerStored{peer_have_});
    // Answer with where we stand: our own HELLO may have been the one lost.
    SendAck();
  } else if (auto* entry = std::get_if<wire::Entry>(&*parsed)) {
    HandleEntry(entry->envelope, now_us);
  } else if (auto* ack = std::get_if<wire::Ack>(&*parsed)) {
    // An ACK says as much as a HELLO about where to resume, so a lost HELLO
    // costs nothing once traffic flows.
    hello_received_ = true;
    const uint64_t have = std::min(ack->have, durable_[own_]);
    if (have > peer_have_) {
      peer_have_ = have;
      rto_backoff_ = 1;
      rto_deadline_us_.reset();
      // Entries sent and still unacknowledged keep a timer running.
      if (max_transmitted_ > peer_have_) rto_deadline_us_ = now_us + rtt_.rto_us();
      events_.push_back(PeerStored{peer_have_});
    }
    next_send_ = std::max(next_send_, peer_have_ + 1);
    peer_sacked_.clear();
    for (const auto& r : ack->sack) {
      for (uint64_t s = r.first; s <= r.last && s <= peer_have_ + config_.window; ++s) {
        peer_sacked_.insert(s);
      }
    }
  } else if (auto* ping = std::get_if<wire::Ping>(&*parsed)) {
    Send(wire::Pong{ping->nonce, ping->sent_us});
  } else if (auto* pong = std::get_if<wire::Pong>(&*parsed)) {
    if (pong->sent_us <= now_us) {
      rtt_.AddSample(now_us - pong->sent_us);
      events_.push_back(RttSample{now_us - pong->sent_us});
    }
  }
  Pump(now_us);
}

void LinkMachine::OnPersisted(uint64_t token, uint64_t now_us) {
  if (!in_flight_ || in_flight_->token != token) return;
  InFlightBatch done = std::move(*in_flight_);
  in_flight_.reset();
  const bool peer_advanced = done.peer_end > durable_[peer_];
  durable_[own_] = std::max(durable_[own_], done.own_end);
  durable_[peer_] = std::max(durable_[peer_], done.peer_end);
  for (const auto& [id, ref] : done.chained) events_.push_back(Chained{id, ref});
  for (auto& d : done.delivered) {
    if (IsMessage(d.kind)) {
      unreceipted_ = std::max(unreceipted_.value_or(d.precedence), d.precedence);
    }
    events_.push_back(std::move(d));
  }
  if (peer_advanced && connected_) SendAck();
  Pump(now_us);
}

void LinkMachine::OnTimer(uint64_t now_us) {
  if (connected_) {
    if (!silence_reported_ && now_us >= last_heard_us_ + kPeerSilenceUs) {
      silence_reported_ = true;
      events_.push_back(PeerSilent{});
    }
    if (now_us >= next_ping_us_) {
      // Until the peer has told us where to resume, repeat our HELLO (it may have
      // been lost on an unreliable path); then heartbeats alone.
      if (!hello_received_) Send(wire::Hello{durable_[peer_], durable_[own_]});
      Send(wire::Ping{++ping_nonce_, now_us});
      next_ping_us_ = now_us + kHeartbeatIntervalUs;
    }
    if (rto_deadline_us_ && now_us >= *rto_deadline_us_) {
      // Nothing acknowledged for a whole RTO: go back to the first entry the peer
      // lacks and back off (a lost message, or a peer that dropped it).
      ++stats_.retransmit_timeouts;
      next_send_ = peer_have_ + 1;
      peer_sacked_.clear();
      rto_backoff_ = std::min<uint64_t>(rto_backoff_ * 2, kMaxRtoUs / kMinRtoUs);
      rto_deadline_us_.reset();
    }
  }
  Pump(now_us);
}

std::optional<PersistBatch> LinkMachine::TakePersist() {
  std::optional<PersistBatch> out = std::move(ready_);
  ready_.reset();
  return out;
}

std::vector<Bytes> LinkMachine::TakeSends() { return std::exchange(sends_, {}); }
std::vector<Event> LinkMachine::TakeEvents() { return std::exchange(events_, {}); }

std::optional<uint64_t> LinkMachine::NextDeadline() const {
  if (!connected_) return std::nullopt;
  uint64_t next = next_ping_us_;
  if (!silence_reported_) next = std::min(next, last_heard_us_ + kPeerSilenceUs);
  if (rto_deadline_us_) next = std::min(next, *rto_deadline_us_);
  return next;
}

void LinkMachine::Pump(uint64_t now_us) {
  ChainWhileRoom(now_us);
  if (!in_flight_ && !ready_ && !pending_.empty()) {
    // Group commit: everything admitted since the last batch goes in this one.
    InFlightBatch flight;
    flight.token = next_token_++;
    flight.own_end = transcript_.chain(own_).size();
    flight.peer_end = transcript_.chain(peer_).size();
    flight.chained = std::move(pending_chained_);
    flight.delivered = std::move(pending_delivered_);
    PersistBatch batch;
    batch.token = flight.token;
    batch.entries = std::move(pending_);
    pending_ = {};
    pending_chained_ = {};
    pending_delivered_ = {};
    in_flight_ = std::move(flight);
    ready_ = std::move(batch);
    ++stats_.batches;
  }
  SendEntries(now_us);
}

void LinkMachine::ChainWhileRoom(uint64_t now_us) {
  for (;;) {
    const uint64_t signed_ahead = transcript_.chain(own_).size() - peer_have_;
    if (signed_ahead >= config_.window) return;
    if (MaybeReceipt(now_us)) continue;
    auto item = outbox_.Pop();
    if (!item) return;
    auto author = transcript::Author::Make(*keys_, transcript_);
    auto env = author->Next(
        {item->kind, item->precedence, item->channel, std::move(item->body)}, now_us);
    if (!env) {
      // The store accepted a message our own encoder refuses (a bug upstream):
      // it can never be sent; surface it rather than loop on it.
      Refuse({transcript::ViolationKind::kMalformedEntry, own_, 0, env.error().message});
      continue;
    }
    // A notice's claim depends on the receipts recorded when it is signed, not
    // when the station wrote it: a received receipt may have arrived while it
    // waited in the outbox. A notice the record now contradicts is never signed
    // into the chain (it would be persisted and then refused); it is surfaced
    // instead, like any entry our own transcript refuses.
    if (auto ok = transcript_.CheckAppend(*env, transcript::SignatureCheck::kTrustStored);
        !ok) {
      Refuse(ok.error());
      continue;
    }
    AdmitOwn(std::move(*env), item->id);
  }
}

bool LinkMachine::MaybeReceipt(uint64_t now_us) {
  // One cumulative received receipt covers every durable peer entry so far; only
  // messages call for one (receipts of receipts would never end).
  if (!unreceipted_ || durable_[peer_] <= receipted_) return false;
  const wire::EntryRef subject = transcript_.chain(peer_).at(durable_[peer_]).ref();
  wire::Receipt rc{wire::ReceiptType::kReceived, subject, "", "", ""};
  auto author = transcript::Author::Make(*keys_, transcript_);
  auto env = author->Receipt(rc, *unreceipted_, std::string(kLinkChannel), now_us);
  if (!env) return false;
  receipted_ = durable_[peer_];
  unreceipted_.reset();
  AdmitOwn(std::move(*env), std::nullopt);
  return true;
}

void LinkMachine::AdmitOwn(wire::SignedEnvelope env, std::optional<uint64_t> outbox_id) {
  if (outbox_id) pending_chained_.emplace_back(*outbox_id, env.ref());
  pending_.push_back({env, outbox_id});
  auto ok = transcript_.Append(std::move(env));
  // Author builds from this transcript, so its entries always satisfy it.
  if (!ok) Refuse(ok.error());
}

void LinkMachine::HandleEntry(ByteView bytes, uint64_t now_us) {
  (void)now_us;
  auto env = wire::SignedEnvelope::Parse(bytes);
  if (!env) {
    ++stats_.malformed;
    return;
  }
  const uint64_t seq = env->fields().seq;
  const uint64_t have = transcript_.chain(peer_).size();
  if (env->fields().sender != transcript_.parties().side(peer_).sign_key) {
    Refuse({transcript::ViolationKind::kForeignSender, peer_, seq,
            "entry not signed by the peer"});
    return;
  }
  if (seq <= have) {
    if (transcript_.chain(peer_).at(seq).hash() == env->hash()) {
      ++stats_.duplicates;
      SendAck();  // it may have missed our acknowledgement
    } else {
      Refuse({transcript::ViolationKind::kEquivocation, peer_, seq,
              "a second, different entry with a sequence number already recorded"});
    }
    return;
  }
  if (seq > have + 1) {
    if (seq > have + config_.window) {
      ++stats_.dropped_beyond_window;
      return;
    }
    if (reorder_.emplace(seq, std::move(*env)).second) ++stats_.buffered_out_of_order;
    SendAck();
    return;
  }
  if (!AdmitPeer(std::move(*env))) return;
  // The gap may have closed: admit what was waiting behind it.
  for (auto it = reorder_.begin(); it != reorder_.end();) {
    const uint64_t next = transcript_.chain(peer_).size() + 1;
    if (it->first < next) {
      it = reorder_.erase(it);
      continue;
    }
    if (it->first > next) break;
    auto waiting = std::move(it->second);
    it = reorder_.erase(it);
    if (!AdmitPeer(std::move(waiting))) break;
  }
}

bool LinkMachine::AdmitPeer(wire::SignedEnvelope env) {
  const auto& f = env.fields();
  Delivered d{env.ref(), f.kind, f.precedence, f.channel};
  wire::SignedEnvelope copy = env;
  auto ok = transcript_.Append(std::move(env));
  if (!ok) {
    Refuse(ok.error());
    return false;
  }
  ++stats_.entries_received;
  pending_.push_back({std::move(copy), std::nullopt});
  pending_delivered_.push_back(std::move(d));
  return true;
}

void LinkMachine::SendEntries(uint64_t now_us) {
  if (!connected_ || !hello_received_) return;
  const uint64_t limit = std::min(durable_[own_], peer_have_ + config_.window);
  bool sent = false;
  for (; next_send_ <= limit; ++next_send_) {
    if (peer_sacked_.count(next_send_) != 0) continue;
    Send(wire::Entry{transcript_.chain(own_).at(next_send_).bytes()});
    sent = true;
    if (next_send_ > max_transmitted_) {
      max_transmitted_ = next_send_;
      ++stats_.entries_sent;
      events_.push_back(Transmitted{next_send_});
    } else {
      ++stats_.entries_resent;
    }
  }
  if (sent && !rto_deadline_us_) rto_deadline_us_ = now_us + rtt_.rto_us() * rto_backoff_;
}

void LinkMachine::SendAck() {
  if (!connected_) return;
  wire::Ack ack{durable_[peer_], {}};
  // Selective acknowledgement of what waits in the reassembly buffer, as ranges.
  for (const auto& [seq, env] : reorder_) {
    if (seq <= ack.have) continue;
    if (!ack.sack.empty() && ack.sack.back().last + 1 == seq) {
      ack.sack.back().last = seq;
    } else if (ack.sack.size() < wire::kMaxSackRanges) {
      ack.sack.push_back({seq, seq});
    }
  }
  Send(ack);
}

std::string LinkMachine::DebugString() const {
  std::string s = "connected=" + std::to_string(connected_) +
                  " hello=" + std::to_string(hello_received_) +
                  " own=" + std::to_string(transcript_.chain(own_).size()) + "/" +
                  std::to_string(durable_[own_]) +
                  " peer=" + std::to_string(transcript_.chain(peer_).size()) + "/" +
                  std::to_string(durable_[peer_]) +
                  " peer_have=" + std::to_string(peer_have_) +
                  " next_send=" + std::to_string(next_send_) +
                  " max_tx=" + std::to_string(max_transmitted_) +
                  " sacked=" + std::to_string(peer_sacked_.size()) +
                  " reorder=" + std::to_string(reorder_.size()) +
                  " outbox=" + std::to_string(outbox_.size()) +
                  " writing=" + std::to_string(in_flight_.has_value()) +
                  " pending=" + std::to_string(pending_.size()) +
                  " rto=" + (rto_deadline_us_ ? std::to_string(*rto_deadline_us_) : "-") +
                  " receipted=" + std::to_string(receipted_);
  return s;
}

void LinkMachine::Send(const wire::LinkMessage& m) {
  sends_.push_back(wire::EncodeLinkMessage(m));
}

void LinkMachine::Refuse(transcript::Violation v) {
  ++stats_.refused;
  events_.push_back(PeerRefused{std::move(v)});
}

}  // namespace openline::link
