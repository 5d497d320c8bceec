// `openline init` and `openline identity`.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/qr.h"
#include "cli/report_format.h"
#include "identity/fingerprint.h"
#include "station/station_dir.h"

namespace openline::cli {

int RunInit(const InitOptions& options) {
  station::StationConfig config;
  config.name = options.name;
  if (!options.listen.empty()) config.listen = options.listen;
  if (!options.api.empty()) config.api = options.api;
  auto dir = station::StationDir::Init(options.dir, config);
  if (!dir) {
    std::cerr << "openline init: " << dir.error().message << "\n";
    return kExitFailed;
  }
  auto keys = dir->Keys();
  if (!keys) {
    std::cerr << "openline init: " << keys.error().message << "\n";
    return kExitFailed;
  }
  auto id = keys->Public();
  std::cout
      << "created station '" << options.name << "' in " << options.dir << "\n"
      << "  identity     " << id.Encode() << "\n"
      << "  fingerprint  " << identity::ShortFingerprint(id) << "\n"
      << "Give the identity to the other organisation out of band; `openline identity "
         "--dir "
      << options.dir << "` prints it again with a QR code.\n";
  return kExitOk;
}

int RunIdentity(const IdentityOptions& options) {
  auto dir = station::StationDir::Open(options.dir);
  if (!dir) {
    std::cerr << "openline identity: " << dir.error().message << "\n";
    return kExitUsage;
  }
  auto keys = dir->Keys();
  auto config = dir->Config();
  if (!keys || !config) {
    std::cerr << "openline identity: " << (keys ? config.error() : keys.error()).message
              << "\n";
    return kExitFailed;
  }
  auto id = keys->Public();
  std::optional<identity::PublicIdentity> peer;
  if (!options.peer.empty()) {
    auto parsed = identity::PublicIdentity::Parse(options.peer);
    if (!parsed) {
      std::cerr << "openline identity: --peer: " << parsed.error().message << "\n";
      return kExitUsage;
    }
    if (*parsed == id) {
      std::cerr << "openline identity: --peer is this station's own identity\n";
      return kExitUsage;
    }
    peer = *parsed;
  }
  if (options.json) {
    nlohmann::json j = {{"name", config->name},
                        {"identity", id.Encode()},
                        {"fingerprint", identity::ShortFingerprint(id)}};
    if (peer) j["pair_fingerprint"] = identity::PairFingerprint(id, *peer);
    std::cout << DumpJson(j) << "\n";
    return kExitOk;
  }
  std::cout << "station      " << config->name << "\n"
            << "identity     " << id.Encode() << "\n"
            << "fingerprint  " << identity::ShortFingerprint(id) << "\n";
  if (peer) {
    std::cout << "pair fingerprint with " << identity::ShortFingerprint(*peer)
              << " (read aloud; both sides must see the same digits):\n  "
              << identity::PairFingerprint(id, *peer) << "\n";
  }
  if (!options.no_qr) {
    auto qr = RenderQr(id.Encode());
    if (qr) std::cout << "\n" << *qr;
  }
  return kExitOk;
}

}  // namespace openline::cli
