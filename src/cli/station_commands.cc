// `openline station`, `openline link add|list|remove`, `openline export`: the
// commands that work on a station folder directly (the store is SQLite in WAL
// mode, so they work whether or not the station is running).
#include <csignal>
#include <iostream>

#include <nlohmann/json.hpp>

#include "api/client.h"
#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/report_format.h"
#include "identity/fingerprint.h"
#include "identity/station_name.h"
#include "net/path.h"
#include "station/link_runtime.h"
#include "station/station.h"
#include "store/sqlite_store.h"
#include "transcript/export_file.h"
#include "transcript/link_parties.h"

namespace openline::cli {
namespace {

struct OpenedStore {
  station::StationDir dir;
  std::unique_ptr<store::StationStore> store;
};

Result<OpenedStore> OpenStore(const std::string& dir_path) {
  auto dir = station::StationDir::Open(dir_path);
  if (!dir) return tl::unexpected(dir.error());
  auto store = store::OpenSqliteStore(dir->db_path().string());
  if (!store) return tl::unexpected(store.error());
  return OpenedStore{*dir, std::move(*store)};
}

// Tells a running station to pick up a link change; silent if it is not running.
void NudgeStation(const station::StationDir& dir) {
  auto config = dir.Config();
  auto token = dir.ApiToken();
  if (!config || !token) return;
  const size_t colon = config->api.rfind(':');
  api::ClientOptions options;
  options.host = config->api.substr(0, colon);
  options.port = static_cast<uint16_t>(std::stoul(config->api.substr(colon + 1)));
  options.token = *token;
  options.timeout = std::chrono::seconds(3);
  (void)api::Client(options).Post("/v1/reload", nlohmann::json::object());
}

}  // namespace

int RunStation(const StationOptions& options) {
  auto st = station::Station::Open(options.dir);
  if (!st) {
    std::cerr << "openline station: " << st.error().message << "\n";
    return kExitFailed;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a closed socket is an error value, not a death
  auto result = (*st)->Run();
  if (!result) {
    std::cerr << "openline station: " << result.error().message << "\n";
    return kExitFailed;
  }
  std::cout << "openline station: stopped cleanly\n";
  return kExitOk;
}

int RunLinkAdd(const LinkAddOptions& options) {
  if (auto ok = identity::ValidateStationName(options.name); !ok) {
    std::cerr << "openline link add: --name: " << ok.error().message << "\n";
    return kExitUsage;
  }
  auto peer = identity::PublicIdentity::Parse(options.key);
  if (!peer) {
    std::cerr << "openline link add: --key: " << peer.error().message << "\n";
    return kExitUsage;
  }
  if (options.paths.empty()) {
    std::cerr << "openline link add: give at least one --path tcp://HOST:PORT\n";
    return kExitUsage;
  }
  for (const auto& p : options.paths) {
    if (auto parsed = net::ParsePath(p); !parsed) {
      std::cerr << "openline link add: --path " << p << ": " << parsed.error().message
                << "\n";
      return kExitUsage;
    }
  }
  auto opened = OpenStore(options.dir);
  if (!opened) {
    std::cerr << "openline link add: " << opened.error().message << "\n";
    return kExitUsage;
  }
  auto keys = opened->dir.Keys();
  if (!keys) {
    std::cerr << "openline link add: " << keys.error().message << "\n";
    return kExitFailed;
  }
  if (*peer == keys->Public()) {
    std::cerr << "openline link add: that is this station's own key\n";
    return kExitUsage;
  }
  store::LinkConfig link{options.name, *peer, options.paths, station::NowUs()};
  if (auto ok = opened->store->AddLink(link); !ok) {
    std::cerr << "openline link add: " << ok.error().message << "\n";
    return kExitFailed;
  }
  NudgeStation(opened->dir);
  std::cout << "linked to '" << options.name << "' (" << identity::ShortFingerprint(*peer)
            << ")\n  pair fingerprint, to read aloud with the other side:\n  "
            << identity::PairFingerprint(keys->Public(), *peer)
            << "\nNothing connects until the other station has added this one too.\n";
  return kExitOk;
}

int RunLinkList(const LinkListOptions& options) {
  auto opened = OpenStore(options.dir);
  if (!opened) {
    std::cerr << "openline link list: " << opened.error().message << "\n";
    return kExitUsage;
  }
  auto links = opened->store->Links();
  if (!links) {
    std::cerr << "openline link list: " << links.error().message << "\n";
    return kExitFailed;
  }
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& l : *links) {
      out.push_back({{"name", l.name},
                     {"peer", l.peer.Encode()},
                     {"paths", l.paths},
                     {"fingerprint", identity::ShortFingerprint(l.peer)}});
    }
    std::cout << DumpJson(out) << "\n";
    return kExitOk;
  }
  if (links->empty()) std::cout << "no links (add one with `openline link add`)\n";
  for (const auto& l : *links) {
    std::cout << l.name << "  " << identity::ShortFingerprint(l.peer);
    for (const auto& p : l.paths) std::cout << "  " << p;
    std::cout << "\n";
  }
  return kExitOk;
}

int RunLinkRemove(const LinkRemoveOptions& options) {
  auto opened = OpenStore(options.dir);
  if (!opened) {
    std::cerr << "openline link remove: " << opened.error().message << "\n";
    return kExitUsage;
  }
  if (auto ok = opened->store->RemoveLink(options.name); !ok) {
    std::cerr << "openline link remove: " << ok.error().message << "\n";
    return kExitFailed;
  }
  NudgeStation(opened->dir);
  std::cout << "removed link '" << options.name << "' (its transcript is kept)\n";
  return kExitOk;
}

int RunExport(const ExportOptions& options) {
  auto opened = OpenStore(options.dir);
  if (!opened) {
    std::cerr << "openline export: " << opened.error().message << "\n";
    return kExitUsage;
  }
  auto keys = opened->dir.Keys();
  auto config = opened->dir.Config();
  auto links = opened->store->Links();
  if (!keys || !config || !links) {
    std::cerr << "openline export: cannot read the station folder\n";
    return kExitFailed;
  }
  const store::LinkConfig* link = nullptr;
  for (const auto& l : *links) {
    if (l.name == options.link) link = &l;
  }
  if (link == nullptr) {
    std::cerr << "openline export: no link named '" << options.link << "'\n";
    return kExitUsage;
  }
  auto parties = transcript::LinkParties::Make(keys->Public(), link->peer);
  if (!parties) {
    std::cerr << "openline export: " << parties.error().message << "\n";
    return kExitFailed;
  }
  const int own = *parties->SideOf(keys->signing.public_key());
  transcript::ExportFile file;
  file.exporter_side = static_cast<uint8_t>(own);
  file.sides = {parties->side(0), parties->side(1)};
  file.link_id = parties->id();
  file.names[static_cast<size_t>(own)] = config->name;
  file.names[static_cast<size_t>(1 - own)] = link->name;
  file.exported_at_us = station::NowUs();
  for (int side = 0; side < 2; ++side) {
    auto entries = opened->store->Entries(link->name, side, 1, SIZE_MAX);
    if (!entries) {
      std::cerr << "openline export: " << entries.error().message << "\n";
      return kExitFailed;
    }
    for (auto& e : *entries)
      file.entries[static_cast<size_t>(side)].push_back(std::move(e.envelope));
  }
  auto bytes = file.EncodeAndSeal(keys->signing);
  if (!bytes || !WriteWholeFile(options.out, *bytes)) {
    std::cerr << "openline export: cannot write " << options.out << "\n";
    return kExitFailed;
  }
  std::cout << "exported link '" << link->name << "' to " << options.out << ": "
            << file.entries[0].size() + file.entries[1].size() << " entries, sealed by "
            << config->name << "\n";
  return kExitOk;
}

}  // namespace openline::cli
