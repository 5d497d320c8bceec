// The commands that talk to a running station through its local API: send, inbox,
// ack, show, log, status, watch. Each prints text for a person or, with --json,
// the API's JSON; failures print the station's reason and exit non-zero.
#include <array>
#include <chrono>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/client.h"
#include "cli/commands.h"
#include "cli/report_format.h"
#include "common/bytes.h"
#include "crypto/random.h"
#include "station/station_dir.h"
#include "store/station_store.h"

namespace openline::cli {
namespace {

using nlohmann::json;

Result<api::ClientOptions> ClientFor(const std::string& dir_path) {
  auto dir = station::StationDir::Open(dir_path);
  if (!dir) return tl::unexpected(dir.error());
  auto config = dir->Config();
  if (!config) return tl::unexpected(config.error());
  auto token = dir->ApiToken();
  if (!token) return tl::unexpected(token.error());
  const size_t colon = config->api.rfind(':');
  api::ClientOptions options;
  options.host = config->api.substr(0, colon);
  options.port = static_cast<uint16_t>(std::stoul(config->api.substr(colon + 1)));
  options.token = *token;
  return options;
}

// Runs one request; prints the failure and returns nullopt, or the JSON body.
std::optional<json> Call(const std::string& cmd, const std::string& dir,
                         api::Method method, const std::string& path,
                         const json* body = nullptr) {
  auto client = ClientFor(dir);
  if (!client) {
    std::cerr << "openline " << cmd << ": " << client.error().message << "\n";
    return std::nullopt;
  }
  auto r = api::Client(*client).Send(method, path, body);
  if (!r) {
    std::cerr << "openline " << cmd << ": " << r.error().message << "\n";
    return std::nullopt;
  }
  if (!r->ok()) {
    std::cerr << "openline " << cmd << ": " << r->error_message() << " (HTTP "
              << r->status << ")\n";
    return std::nullopt;
  }
  return r->body;
}

std::string Time(const json& j, const char* key) {
  return j.contains(key) ? FormatTime(j[key].get<uint64_t>()) : "-";
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void PrintMessage(const json& m) {
  std::cout << Upper(m.value("precedence", "")) << "  "
            << m.value("id", std::to_string(m.value("seq", 0))) << "  "
            << Time(m, "time_us") << "  [" << m.value("channel", "") << "]  "
            << m.value("state", "") << "\n    "
            << m.value("text", "(" + m.value("kind", "") + ")") << "\n";
}

}  // namespace

// A send names its request, so retrying after the station restarted (or after a
// reply lost on the way) can never send the message twice: the station answers a
// repeat with the message it already accepted. Retries only while the station is
// unreachable or busy; a refusal is final.
int RunSend(const SendOptions& o) {
  std::string request_id = o.request_id;
  if (auto ok = store::ValidateRequestId(request_id); !request_id.empty() && !ok) {
    std::cerr << "openline send: --request-id: " << ok.error().message << "\n";
    return kExitUsage;
  }
  if (request_id.empty()) {
    std::array<uint8_t, 16> random{};
    crypto::RandomBytes(random);
    request_id = "cli-" + ToHex(random);
  }
  json body = {{"link", o.link},
               {"channel", o.channel},
               {"precedence", o.precedence},
               {"text", o.text},
               {"request_id", request_id}};
  auto client = ClientFor(o.dir);
  if (!client) {
    std::cerr << "openline send: " << client.error().message << "\n";
    return kExitFailed;
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(o.retry_for_s);
  auto pause = std::chrono::milliseconds(100);
  std::optional<json> r;
  for (bool told = false;; told = true) {
    auto sent = api::Client(*client).Post("/v1/messages", body);
    const bool retryable =
        !sent || sent->status == api::ToInt(api::HttpStatus::kServiceUnavailable);
    if (!retryable && !sent->ok()) {
      std::cerr << "openline send: " << sent->error_message() << " (HTTP " << sent->status
                << ")\n";
      return kExitFailed;
    }
    if (!retryable) {
      r = std::move(sent->body);
      break;
    }
    const std::string why = sent ? sent->error_message() : sent.error().message;
    if (std::chrono::steady_clock::now() + pause > deadline) {
      std::cerr << "openline send: " << why << "; gave up after " << o.retry_for_s
                << " s (request " << request_id << ", not known to be accepted)\n";
      return kExitFailed;
    }
    if (!told) std::cerr << "openline send: " << why << "; retrying\n";
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(2000));
  }

  if (o.json) {
    std::cout << DumpJson(*r) << "\n";
  } else {
    std::cout << (*r)["id"].get<uint64_t>() << "\n";
  }
  return kExitOk;
}

int RunInbox(const DirJsonOptions& o) {
  auto r = Call("inbox", o.dir, api::Method::kGet, "/v1/inbox");
  if (!r) return kExitFailed;
  if (o.json) {
    std::cout << DumpJson(*r) << "\n";
    return kExitOk;
  }
  const auto& messages = (*r)["messages"];
  if (messages.empty()) std::cout << "inbox empty: every message is acknowledged\n";
  for (const auto& m : messages) PrintMessage(m);
  return kExitOk;
}

int RunAck(const AckOptions& o) {
  json body = {{"note", o.note}};
  if (!o.operator_name.empty()) body["operator"] = o.operator_name;
  auto r = Call("ack", o.dir, api::Method::kPost, "/v1/messages/" + o.id + "/ack", &body);
  if (!r) return kExitFailed;
  if (o.json) {
    std::cout << DumpJson(*r) << "\n";
  } else {
    std::cout << "acknowledged " << o.id << " as " << (*r)["operator"].get<std::string>()
              << "\n";
  }
  return kExitOk;
}

int RunShow(const ShowOptions& o) {
  auto r = Call("show", o.dir, api::Method::kGet, "/v1/messages/" + o.id);
  if (!r) return kExitFailed;
  if (o.json) {
    std::cout << DumpJson(*r) << "\n";
    return kExitOk;
  }
  const json& m = *r;
  std::cout << "message " << o.id << "  link " << m.value("link", "") << "  ["
            << m.value("channel", "") << "]  " << Upper(m.value("precedence", ""))
            << "\n";
  if (m.contains("text")) std::cout << "  " << m["text"].get<std::string>() << "\n";
  if (m.value("from", "") == "peer") {
    std::cout << "  signed        #" << m.value("seq", 0) << "  " << Time(m, "time_us")
              << "  (by the other station)\n"
              << "  stored here   " << Time(m, "received_us")
              << "  (our received receipt)\n"
              << "  acknowledged  " << Time(m, "acknowledged_us");
    if (m.contains("acknowledged_by")) {
      std::cout << "  by " << m["acknowledged_by"].get<std::string>() << " ("
                << m.value("acknowledged_role", "") << ")";
    } else {
      std::cout << "   (not yet: `openline ack " << o.id << "`)";
    }
    std::cout << "\n";
    if (m.contains("note"))
      std::cout << "  note          " << m["note"].get<std::string>() << "\n";
    return kExitOk;
  }
  std::cout << "  accepted      " << Time(m, "accepted_us") << "\n"
            << "  signed        "
            << (m.contains("signed_seq")
                    ? "#" + std::to_string(m["signed_seq"].get<uint64_t>()) + "  " +
                          Time(m, "time_us")
                    : std::string("-"))
            << "\n"
            << "  received      " << Time(m, "received_us")
            << (m.contains("received_us") ? ""
                                          : "   (no received receipt yet: technical)")
            << "\n"
            << "  displayed     " << Time(m, "displayed_us") << "\n"
            << "  acknowledged  " << Time(m, "acknowledged_us");
  if (m.contains("acknowledged_by")) {
    std::cout << "  by " << m["acknowledged_by"].get<std::string>() << " ("
              << m.value("acknowledged_role", "") << ")";
  } else if (m.contains("received_us")) {
    std::cout << "   (received but nobody has answered: human)";
  }
  std::cout << "\n";
  if (m.contains("note"))
    std::cout << "  note          " << m["note"].get<std::string>() << "\n";
  return kExitOk;
}

int RunLog(const LogOptions& o) {
  auto r = Call("log", o.dir, api::Method::kGet, "/v1/links/" + o.link + "/log");
  if (!r) return kExitFailed;
  if (o.json) {
    std::cout << DumpJson(*r) << "\n";
    return kExitOk;
  }
  for (const auto& m : (*r)["messages"]) {
    std::cout << (m.value("from", "") == "us" ? "-> " : "<- ");
    PrintMessage(m);
  }
  return kExitOk;
}

int RunStatus(const DirJsonOptions& o) {
  auto r = Call("status", o.dir, api::Method::kGet, "/v1/status");
  if (!r) return kExitFailed;
  if (o.json) {
    std::cout << DumpJson(*r) << "\n";
    return kExitOk;
  }
  std::cout << "station " << (*r)["station"].get<std::string>() << "  key "
            << (*r)["fingerprint"].get<std::string>() << "\n";
  for (const auto& l : (*r)["links"]) {
    std::cout << "  " << l["name"].get<std::string>() << "  "
              << (l["connected"].get<bool>() ? "UP" : "DOWN");
    if (l.contains("rtt_ms")) std::cout << "  rtt " << l["rtt_ms"].get<double>() << " ms";
    std::cout << "  entries ours " << l["own_entries"] << " / theirs "
              << l["peer_entries"] << "  not yet stored by peer "
              << l["unacknowledged_by_peer"] << "  queued " << l["queued"].dump() << "\n";
  }
  return kExitOk;
}

int RunWatch(const DirJsonOptions& o) {
  auto client = ClientFor(o.dir);
  if (!client) {
    std::cerr << "openline watch: " << client.error().message << "\n";
    return kExitUsage;
  }
  auto st = api::Client(*client).StreamEvents([&](const json& e) {
    if (o.json) {
      std::cout << e.dump() << std::endl;
    } else {
      std::cout << e.value("type", "?") << "  " << e.value("link", "");
      if (e.contains("seq")) std::cout << " #" << e["seq"];
      if (e.contains("precedence"))
        std::cout << "  " << Upper(e["precedence"].get<std::string>());
      if (e.contains("text")) std::cout << "  " << e["text"].get<std::string>();
      std::cout << std::endl;
    }
    return true;
  });
  if (!st) {
    std::cerr << "openline watch: " << st.error().message << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace openline::cli
