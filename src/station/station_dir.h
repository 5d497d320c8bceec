// The on-disk layout of a station folder, created by `openline init`:
//
//   D/                 mode 0700
//   D/station.toml     configuration: name, peer listen address, API address
//   D/station.key      secret keys, mode 0600 (identity/key_file.h)
//   D/api.token        the local API's bearer token, mode 0600
//   D/station.db       the store (SQLite, WAL), created by the station
//
// Depends on: identity/, crypto/, toml++. Thread-safety: none needed.
#ifndef OPENLINE_STATION_STATION_DIR_H_
#define OPENLINE_STATION_STATION_DIR_H_

#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "identity/station_keys.h"

namespace openline::station {

inline constexpr std::string_view kDefaultListen = "127.0.0.1:7001";
inline constexpr std::string_view kDefaultApi = "127.0.0.1:7101";
inline constexpr size_t kApiTokenBytes = 32;

// [answering] in station.toml: how long the other side has to acknowledge our
// messages, and how long we have before ours escalate (ACP 121 defaults), and the
// site's notifier command (docs/notifier.md), run when a message here goes
// unanswered.
struct AnsweringConfig {
  uint64_t flash_s = 600;
  uint64_t immediate_s = 1800;
  uint64_t priority_s = 10800;
  uint64_t routine_s = 21600;
  std::vector<std::string> notifier;  // argv, absolute path first; empty: none
  uint64_t notifier_timeout_s = 10;
  uint64_t notifier_attempts = 3;
};

struct StationConfig {
  std::string name;
  std::string listen = std::string(kDefaultListen);  // where peers connect
  std::string api = std::string(kDefaultApi);        // the local API (loopback)
  AnsweringConfig answering;
};

struct StationDir {
  std::filesystem::path root;

  std::filesystem::path config_path() const { return root / "station.toml"; }
  std::filesystem::path key_path() const { return root / "station.key"; }
  std::filesystem::path token_path() const { return root / "api.token"; }
  std::filesystem::path db_path() const { return root / "station.db"; }

  // Creates the folder, keys, token and config. Refuses to touch an existing
  // station, and validates every field first so nothing half-made is left.
  static Result<StationDir> Init(const std::filesystem::path& root,
                                 const StationConfig& config);
  static Result<StationDir> Open(const std::filesystem::path& root);

  Result<StationConfig> Config() const;
  Result<identity::StationKeys> Keys() const;
  // The API token (hex), read from a file that must be private (0600).
  Result<std::string> ApiToken() const;
};

// "HOST:PORT" with a numeric port 1..65535.
Status ValidateHostPort(std::string_view address);

}  // namespace openline::station

#endif  // OPENLINE_STATION_STATION_DIR_H_
