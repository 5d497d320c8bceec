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

#include "common/result.h"
#include "identity/station_keys.h"

namespace openline::station {

inline constexpr std::string_view kDefaultListen = "127.0.0.1:7001";
inline constexpr std::string_view kDefaultApi = "127.0.0.1:7101";
inline constexpr size_t kApiTokenBytes = 32;

struct StationConfig {
  std::string name;
  std::string listen = std::string(kDefaultListen);  // where peers connect
  std::string api = std::string(kDefaultApi);        // the local API (loopback)
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
