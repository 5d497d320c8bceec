// The station's local API routes (docs/api/openapi.yaml). Handlers run on the API
// thread; anything that touches a link goes to the link thread (OnLinkThread) and
// anything durable through the store worker, so "accepted" is only answered once
// the accept is on stable storage.
#include <map>

#include "access/role.h"
#include "common/text.h"
#include "identity/fingerprint.h"
#include "station/message_views.h"
#include "station/operator_routes.h"
#include "station/route_helpers.h"
#include "station/station.h"
#include "wire/receipt.h"

namespace openline::station {
namespace {

using api::HttpStatus;
using api::Request;
using api::Response;
using nlohmann::json;

constexpr size_t kMaxTextBytes = 16 * 1024;
constexpr size_t kMaxNoteBytes = wire::kMaxReceiptNoteLen;
// ACP 121 practice: FLASH and IMMEDIATE texts are short.
constexpr size_t kMaxUrgentWords = 200;
// Messages in one send request: one transaction's worth, within the body limit.
constexpr size_t kMaxBatch = 1000;
constexpr size_t kSendBodyLimit = 4 * 1024 * 1024;

size_t CountWords(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

tl::unexpected<std::string> Refuse(std::string why) {
  return tl::unexpected(std::move(why));
}

// One message of a send request, validated; the error is the 400 to answer.
tl::expected<store::AcceptedMessage, std::string> ParseSend(const json& b) {
  if (!b.is_object()) return Refuse("a message is a JSON object");
  if (!b.contains("link") || !b["link"].is_string()) {
    return Refuse("link is required");
  }
  if (!b.contains("text") || !b["text"].is_string()) {
    return Refuse("text is required");
  }
  const std::string text = b["text"].get<std::string>();
  const auto precedence = wire::PrecedenceFromString(b.value("precedence", "routine"));
  if (!precedence) {
    return Refuse("precedence must be flash, immediate, priority or routine");
  }
  store::AcceptedMessage m;
  m.link = b["link"].get<std::string>();
  m.channel = b.value("channel", "general");
  if (auto ok = wire::ValidateChannel(m.channel); !ok) {
    return tl::unexpected(ok.error().message);
  }
  if (text.empty() || text.size() > kMaxTextBytes) {
    return Refuse("text must be 1.." + std::to_string(kMaxTextBytes) + " bytes");
  }
  if (!IsValidUtf8(text)) return Refuse("text must be UTF-8");
  if (*precedence >= wire::Precedence::kImmediate && CountWords(text) > kMaxUrgentWords) {
    return Refuse("FLASH and IMMEDIATE texts are limited to 200 words");
  }
  if (b.contains("request_id")) {
    if (!b["request_id"].is_string()) return Refuse("request_id is a string");
    m.request_id = b["request_id"].get<std::string>();
    if (auto ok = store::ValidateRequestId(m.request_id); !ok) {
      return tl::unexpected(ok.error().message);
    }
  }
  m.precedence = *precedence;
  m.kind = wire::Kind::kText;
  m.body.assign(text.begin(), text.end());
  return m;
}

json ViewJson(const std::string& link, const MessageView& m, int own_side) {
  json j = {{"link", link},
            {"seq", m.seq},
            {"from", m.side == own_side ? "us" : "peer"},
            {"time_us", m.time_us},
            {"kind", wire::ToString(m.kind)},
            {"precedence", wire::ToString(m.precedence)},
            {"channel", m.channel},
            {"state", StateOf(m)}};
  if (m.kind == wire::Kind::kText) j["text"] = EscapeForTerminal(AsChars(m.body), true);
  if (m.side != own_side) j["id"] = link + ":" + std::to_string(m.seq);
  if (m.received_us) j["received_us"] = *m.received_us;
  if (m.displayed_us) j["displayed_us"] = *m.displayed_us;
  if (m.acknowledged_us) {
    j["acknowledged_us"] = *m.acknowledged_us;
    j["acknowledged_by"] = EscapeForTerminal(m.acknowledged_by);
    j["acknowledged_role"] = EscapeForTerminal(m.acknowledged_role);
    if (!m.acknowledged_note.empty()) j["note"] = EscapeForTerminal(m.acknowledged_note);
  }
  return j;
}

}  // namespace

Response Station::Send(std::vector<store::AcceptedMessage> messages, bool batch) {
  auto room = OnLinkThread([&]() -> std::optional<std::string> {
    std::map<std::string, size_t> bytes;
    for (const auto& m : messages) bytes[m.link] += m.body.size();
    for (const auto& [link, size] : bytes) {
      auto rt = FindLink(link);
      if (!rt || !rt->CanAccept(size)) return link;
    }
    return std::nullopt;
  });
  if (!room) return Unavailable(room.error());
  if (*room && !AllReplays(messages)) {
    // A retry of a send that was accepted before gets its answer even when the
    // queue is full now; anything new waits for room.
    return Response::Error(HttpStatus::kConflict, "cannot_accept",
                           "no link named '" + **room + "', or its queue is full");
  }
  const uint64_t now = NowUs();
  for (auto& m : messages) m.accepted_us = now;
  auto outcomes = store_->Accept(messages);
  // Durable now: from here on each accepted message will be delivered, restart or
  // not. A replayed one was handed to its link when it was first accepted.
  (void)OnLinkThread([&] {
    for (size_t i = 0; i < messages.size(); ++i) {
      const auto& m = messages[i];
      auto rt = FindLink(m.link);
      if (!outcomes[i] || outcomes[i]->replayed || !rt) continue;
      // If this fails the message is picked up from the store on restart.
      (void)rt->Accept(
          {outcomes[i]->id, m.channel, m.precedence, m.kind, m.body, m.accepted_us});
    }
    return true;
  });
  auto error_of = [](const Error& e) {
    return e.code == ErrorCode::kState
               ? Response::Error(HttpStatus::kConflict, "request_id_reused", e.message)
               : Response::Error(HttpStatus::kInternalServerError, "store", e.message);
  };
  json results = json::array();
  bool any_new = false;
  for (size_t i = 0; i < messages.size(); ++i) {
    if (!outcomes[i]) {
      if (!batch) return error_of(outcomes[i].error());
      results.push_back(error_of(outcomes[i].error()).body);
      continue;
    }
    json one = {{"id", outcomes[i]->id},
                {"accepted_us", outcomes[i]->accepted_us},
                {"link", messages[i].link}};
    if (outcomes[i]->replayed) one["replayed"] = true;
    if (!outcomes[i]->replayed) {
      const std::string p(wire::ToString(messages[i].precedence));
      if (auto c = metrics_.messages->WithLabels({messages[i].link, p, "accepted"})) {
        (*c)->Inc();
      }
    }

    any_new = any_new || !outcomes[i]->replayed;
    results.push_back(std::move(one));
  }
  const HttpStatus status = any_new ? HttpStatus::kCreated : HttpStatus::kOk;
  if (!batch) return Response::Json(results[0], status);
  return Response::Json({{"messages", results}}, status);
}

bool Station::AllReplays(const std::vector<store::AcceptedMessage>& messages) {
  for (const auto& m : messages) {
    if (m.request_id.empty()) return false;
    auto known = store_->Call(
        [&](store::StationStore& s) { return s.MessageByRequest(m.request_id); });
    if (!known || !*known) return false;
  }
  return true;
}

api::Response Station::Metrics() {
  auto snapshot = OnLinkThread([this] {
    std::pair<std::vector<observe::LinkHealth>, std::map<std::string, uint64_t>> out;
    for (const auto& [name, rt] : links_) {
      const json st = rt->StatusJson();
      observe::LinkHealth h;
      h.link = name;
      h.up = st.value("connected", false);
      // One path per link until multipath: the first configured one carries it.
      for (size_t i = 0; i < st["paths"].size(); ++i) {
        observe::PathHealth p;
        p.path = st["paths"][i].get<std::string>();
        p.up = h.up && i == 0;
        if (i == 0 && st.contains("rtt_ms"))
          p.rtt_seconds = st["rtt_ms"].get<double>() / 1e3;
        if (i == 0 && st.contains("rtt_p99_ms")) {
          p.rtt_p99_seconds = st["rtt_p99_ms"].get<double>() / 1e3;
        }
        h.paths.push_back(std::move(p));
      }
      for (const auto& [precedence, n] : st["queued"].items()) {
        h.queue_depth.emplace_back(precedence, n.get<double>());
      }
      out.first.push_back(std::move(h));
    }
    if (listener_) {
      const auto& c = listener_->counters();
      out.second = {{"handshake", c.handshake_failed},
                    {"unpinned", c.unpinned},
                    {"replayed", c.replayed},
                    {"timeout", c.timed_out},
                    {"flood", c.too_many_pending}};
    }
    return out;
  });
  if (!snapshot) return Unavailable(snapshot.error());
  {
    std::lock_guard<std::mutex> lock(scrape_mu_);
    scraped_ = std::move(snapshot->first);
    // The listener counts since start; the counter family takes increments.
    for (const auto& [reason, total] : snapshot->second) {
      uint64_t& seen = bad_frames_seen_[reason];
      if (total > seen) {
        if (auto c = metrics_.bad_frames->WithLabels({reason})) {
          (*c)->Inc(static_cast<double>(total - seen));
        }
        seen = total;
      }
    }
  }
  return Response::Text(std::string(observe::kExpositionContentType), registry_.Render());
}

api::Router Station::BuildRoutes() {
  api::Router r;

  r.Get("/v1/health",
        [](const Request&) {
          return Response::Json({{"ok", true}});
        },
        {api::Access::kPublic});

  r.Get("/v1/status", [this](const Request&) {
    auto links = OnLinkThread([this] {
      json out = json::array();
      for (const auto& [name, rt] : links_) out.push_back(rt->StatusJson());
      return out;
    });
    if (!links) return Unavailable(links.error());
    const auto m = store_->metrics();
    return Response::Json({{"station", config_.name},
                           {"identity", keys_.Public().Encode()},
                           {"fingerprint", identity::ShortFingerprint(keys_.Public())},
                           {"peer_port", peer_port_},
                           {"store",
                            {{"commits", m.commits},
                             {"writes", m.committed_writes},
                             {"last_commit_us", m.last_commit_us}}},
                           {"links", *links}});
  });

  r.Post("/v1/reload", [this](const Request&) {
    auto st = OnLinkThread([this] { return ReloadLinks(); });
    if (!st) return Unavailable(st.error());
    if (!*st)
      return Response::Error(HttpStatus::kInternalServerError, "reload",
                             st->error().message);
    return Response::Json({{"ok", true}});
  });

  // A send: one message, or {"messages": [...]} for many in one request (they
  // share one store transaction when all are accepted; a malformed one refuses
  // the whole request before anything is stored). A client that names its
  // request ("request_id") may send it again after a lost reply and gets the
  // same message back (200, "replayed") instead of a second one.
  r.Post("/v1/messages",
         [this](const Request& req) {
           if (!MayDo(req.principal, access::Action::kSend)) return Forbidden("send");
           const json& b = req.body;
           if (!b.is_object()) return Bad("body must be a JSON object");
           const bool batch = b.contains("messages");
           std::vector<store::AcceptedMessage> messages;
           if (batch) {
             if (!b["messages"].is_array() || b["messages"].empty() ||
                 b["messages"].size() > kMaxBatch) {
               return Bad("messages must be an array of 1.." + std::to_string(kMaxBatch));
             }
             for (size_t i = 0; i < b["messages"].size(); ++i) {
               auto m = ParseSend(b["messages"][i]);
               if (!m) return Bad("messages[" + std::to_string(i) + "]: " + m.error());
               messages.push_back(std::move(*m));
             }
           } else {
             auto m = ParseSend(b);
             if (!m) return Bad(m.error());
             messages.push_back(std::move(*m));
           }
           return Send(std::move(messages), batch);
         },
         {api::Access::kAuthenticated, kSendBodyLimit});

  r.Get("/v1/inbox", [this](const Request&) {
    auto items = OnLinkThread([this] {
      json out = json::array();
      for (const auto& [name, rt] : links_) {
        for (const auto& m : Inbox(rt->transcript(), rt->own_side())) {
          out.push_back(ViewJson(name, m, rt->own_side()));
        }
      }
      return out;
    });
    if (!items) return Unavailable(items.error());
    // Most urgent first across links, then oldest.
    std::stable_sort(items->begin(), items->end(), [](const json& a, const json& b) {
      auto rank = [](const json& j) {
        return static_cast<int>(
            *wire::PrecedenceFromString(j["precedence"].get<std::string>()));
      };
      if (rank(a) != rank(b)) return rank(a) > rank(b);
      return a["time_us"].get<uint64_t>() < b["time_us"].get<uint64_t>();
    });
    return Response::Json({{"messages", *items}});
  });

  // An operator's acknowledgement of a peer message ("LINK:SEQ"): a signed
  // receipt naming the operator, accepted durably like any message.
  r.Post("/v1/messages/{id}/ack", [this](const Request& req) {
    const std::string id(req.Param("id"));
    const size_t colon = id.rfind(':');
    auto seq = colon == std::string::npos ? std::nullopt : ParseU64(id.substr(colon + 1));
    if (!seq) return Bad("acknowledge a peer message by its id, LINK:SEQ");
    const std::string link = id.substr(0, colon);
    std::string note = req.body.is_object() ? req.body.value("note", "") : "";
    if (!MayDo(req.principal, access::Action::kAcknowledge)) {
      return Forbidden("acknowledge");
    }
    // A signed-in operator is named by their account, never by the body; the
    // station's own token (the CLI on this machine) says who is at the keyboard.
    std::string name = req.principal.display_name;
    std::string role = req.principal.role;
    if (req.principal.kind != api::Principal::Kind::kOperator) {
      // The token is the station's own privilege, not the person's role: the
      // receipt says "operator" unless the request names another role.
      name = req.body.is_object() ? req.body.value("operator", "") : "";
      if (name.empty()) name = req.principal.name;
      role = req.body.is_object() ? req.body.value("role", "operator") : "operator";
      if (!access::ParseRole(role))
        return Bad("role must be operator, supervisor, auditor or admin");
    }
    if (note.size() > kMaxNoteBytes || !IsValidUtf8(note) || !IsValidUtf8(name) ||
        name.size() > wire::kMaxOperatorNameLen) {
      return Bad("note or operator name too long or not UTF-8");
    }
    auto prepared = OnLinkThread([&]() -> Result<store::AcceptedMessage> {
      auto rt = FindLink(link);
      if (!rt) return MakeError(ErrorCode::kNotFound, "no link named '" + link + "'");
      const int peer = 1 - rt->own_side();
      auto view = ViewMessage(rt->transcript(), peer, *seq);
      if (!view) return MakeError(ErrorCode::kNotFound, "no peer message " + id);
      if (view->acknowledged_us) {
        return MakeError(ErrorCode::kState, "message " + id + " is already acknowledged");
      }
      wire::Receipt rc{wire::ReceiptType::kAcknowledged,
                       rt->transcript().chain(peer).at(*seq).ref(), name, role, note};

      auto body = rc.Encode();
      if (!body) return tl::unexpected(body.error());
      store::AcceptedMessage m;
      m.link = link;
      m.channel = view->channel;
      m.precedence = view->precedence;
      m.kind = wire::Kind::kReceipt;
      m.body = std::move(*body);
      m.accepted_us = NowUs();
      return m;
    });
    if (!prepared) return Unavailable(prepared.error());
    if (!*prepared) {
      const auto& e = prepared->error();
      return e.code == ErrorCode::kNotFound
                 ? NotFound(e.message)
                 : Response::Error(HttpStatus::kConflict, "state", e.message);
    }
    store::AcceptedMessage m = std::move(**prepared);
    auto accepted = store_->Accept(m);
    if (!accepted) {
      return Response::Error(HttpStatus::kInternalServerError, "store",
                             accepted.error().message);
    }
    const uint64_t accept_id = accepted->id;
    (void)OnLinkThread([&] {
      auto rt = FindLink(link);
      return rt ? rt->Accept(
                      {accept_id, m.channel, m.precedence, m.kind, m.body, m.accepted_us})
                : Status(Ok());
    });
    return Response::Json(
        {{"acknowledged", id}, {"receipt_id", accept_id}, {"operator", name}},
        HttpStatus::kCreated);
  });

  // One message: our own by its accept id ("42"), or the peer's as "LINK:SEQ".
  r.Get("/v1/messages/{id}", [this](const Request& req) {
    const std::string id(req.Param("id"));
    if (auto own = ParseU64(id)) {
      auto m = store_->Call([&](store::StationStore& s) { return s.Message(*own); });
      if (!m)
        return Response::Error(HttpStatus::kInternalServerError, "store",
                               m.error().message);
      if (!*m) return NotFound("no message " + id);
      const store::AcceptedMessage& msg = **m;
      json j = {{"id", msg.id},
                {"link", msg.link},
                {"channel", msg.channel},
                {"precedence", wire::ToString(msg.precedence)},
                {"accepted_us", msg.accepted_us},
                {"state", "accepted"}};
      if (msg.kind == wire::Kind::kText)
        j["text"] = EscapeForTerminal(AsChars(msg.body), true);
      if (msg.chained_seq) {
        auto view = OnLinkThread([&]() -> std::optional<json> {
          auto rt = FindLink(msg.link);
          if (!rt) return std::nullopt;
          auto v = ViewMessage(rt->transcript(), rt->own_side(), *msg.chained_seq);
          if (!v) return std::nullopt;
          json out = ViewJson(msg.link, *v, rt->own_side());
          out["sent_to_peer"] =
              rt->StatusJson()["peer_has_ours"].get<uint64_t>() >= *msg.chained_seq;
          return out;
        });
        if (view && *view) {
          for (auto& [k, v] : (**view).items()) j[k] = v;
          j["id"] = msg.id;
        }
        j["signed_seq"] = *msg.chained_seq;
      }
      return Response::Json(j);
    }
    const size_t colon = id.rfind(':');
    auto seq = colon == std::string::npos ? std::nullopt : ParseU64(id.substr(colon + 1));
    if (!seq) return Bad("message id is a number (ours) or LINK:SEQ (the peer's)");
    const std::string link = id.substr(0, colon);
    auto view = OnLinkThread([&]() -> std::optional<json> {
      auto rt = FindLink(link);
      if (!rt) return std::nullopt;
      auto v = ViewMessage(rt->transcript(), 1 - rt->own_side(), *seq);
      if (!v) return std::nullopt;
      return ViewJson(link, *v, rt->own_side());
    });
    if (!view) return Unavailable(view.error());
    if (!*view) return NotFound("no peer message " + id);
    return Response::Json(**view);
  });

  r.Get("/v1/links/{link}/log", [this](const Request& req) {
    const std::string link(req.Param("link"));
    auto log = OnLinkThread([&]() -> std::optional<json> {
      auto rt = FindLink(link);
      if (!rt) return std::nullopt;
      json out = json::array();
      for (const auto& m : Messages(rt->transcript()))
        out.push_back(ViewJson(link, m, rt->own_side()));
      return out;
    });
    if (!log) return Unavailable(log.error());
    if (!*log) return NotFound("no link named '" + link + "'");
    return Response::Json({{"link", link}, {"messages", **log}});
  });

  // Prometheus text format (docs/observability.md); behind the token like the
  // rest, since the page names links and paths.
  r.Get("/metrics", [this](const Request&) { return Metrics(); });
  AddOperatorRoutes(r, *operators_);

  r.AddEventStream("/v1/events", events_);
  return r;
}

}  // namespace openline::station
