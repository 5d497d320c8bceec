#include "station/message_views.h"

#include <algorithm>
#include <map>

namespace openline::station {
namespace {

bool IsMessage(wire::Kind kind) {
  return kind == wire::Kind::kText || kind == wire::Kind::kCatalogue ||
         kind == wire::Kind::kAttachment || kind == wire::Kind::kCall ||
         kind == wire::Kind::kTest;
}

MessageView FromEntry(int side, const wire::SignedEnvelope& env) {
  const auto& f = env.fields();
  MessageView m;
  m.side = side;
  m.seq = f.seq;
  m.time_us = f.time_us;
  m.kind = f.kind;
  m.precedence = f.precedence;
  m.channel = f.channel;
  m.body = f.body;
  return m;
}

// Applies the receipts of `receipt_side` to the messages of the other side.
void ApplyReceipts(const transcript::Transcript& t, int receipt_side,
                   std::map<uint64_t, MessageView>& messages) {
  // Received receipts are cumulative: each only marks messages past the ones
  // an earlier one covered, so one pass over the messages serves them all.
  auto not_yet_received = messages.begin();
  for (const auto& env : t.chain(receipt_side).entries()) {
    const auto& f = env.fields();
    if (f.kind != wire::Kind::kReceipt) continue;
    auto rc = wire::Receipt::Parse(f.body);
    if (!rc) continue;  // the transcript admitted it, so this cannot happen
    if (rc->type == wire::ReceiptType::kReceived) {
      // Cumulative: every message up to the subject is received.
      for (; not_yet_received != messages.end() &&
             not_yet_received->first <= rc->subject.seq;
           ++not_yet_received) {
        if (!not_yet_received->second.received_us) {
          not_yet_received->second.received_us = f.time_us;
        }
      }
      continue;
    }
    auto it = messages.find(rc->subject.seq);
    if (it == messages.end()) continue;
    MessageView& m = it->second;
    if (!m.received_us) m.received_us = f.time_us;  // displayed implies stored
    if (!m.displayed_us) m.displayed_us = f.time_us;
    if (rc->type == wire::ReceiptType::kAcknowledged && !m.acknowledged_us) {
      m.acknowledged_us = f.time_us;
      m.acknowledged_by = rc->operator_name;
      m.acknowledged_role = rc->operator_role;
      m.acknowledged_note = rc->note;
    }
  }
}

std::map<uint64_t, MessageView> MessagesOf(const transcript::Transcript& t, int side) {
  std::map<uint64_t, MessageView> out;
  for (const auto& env : t.chain(side).entries()) {
    if (IsMessage(env.fields().kind)) out.emplace(env.fields().seq, FromEntry(side, env));
  }
  ApplyReceipts(t, 1 - side, out);
  return out;
}

}  // namespace

std::string_view StateOf(const MessageView& m) {
  if (m.acknowledged_us) return "acknowledged";
  if (m.displayed_us) return "displayed";
  if (m.received_us) return "received";
  return "pending";
}

std::optional<MessageView> ViewMessage(const transcript::Transcript& t, int side,
                                       uint64_t seq) {
  if (side < 0 || side > 1 || seq == 0 || seq > t.chain(side).size()) return std::nullopt;
  if (!IsMessage(t.chain(side).at(seq).fields().kind)) return std::nullopt;
  auto all = MessagesOf(t, side);
  auto it = all.find(seq);
  if (it == all.end()) return std::nullopt;
  return it->second;
}

std::vector<MessageView> Inbox(const transcript::Transcript& t, int own_side) {
  std::vector<MessageView> out;
  for (auto& [seq, m] : MessagesOf(t, 1 - own_side)) {
    if (!m.acknowledged_us) out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const MessageView& a, const MessageView& b) {
                     return a.precedence > b.precedence;
                   });
  return out;
}

std::vector<MessageView> Messages(const transcript::Transcript& t) {
  std::vector<MessageView> out;
  for (int side = 0; side < 2; ++side) {
    for (auto& [seq, m] : MessagesOf(t, side)) out.push_back(std::move(m));
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const MessageView& a, const MessageView& b) { return a.time_us < b.time_us; });
  return out;
}

}  // namespace openline::station
