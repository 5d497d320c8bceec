// The on-disk layout of a station folder, created by `openline init`:
//
//   D/                 mode 0700
//   D/station.toml     configuration (name; later: listen addresses, links)
//   D/station.key      secret keys, mode 0600 (identity/key_file.h)
//
// The station daemon (a later issue) adds its database beside them.
//
// Depends on: identity/, toml++. Thread-safety: none needed.
#ifndef OPENLINE_CLI_STATION_DIR_H_
#define OPENLINE_CLI_STATION_DIR_H_

#include <filesystem>
#include <string>

#include "common/result.h"
#include "identity/station_keys.h"

namespace openline::cli {

struct StationDir {
  std::filesystem::path root;

  std::filesystem::path config() const { return root / "station.toml"; }
  std::filesystem::path key() const { return root / "station.key"; }

  // Creates the folder, keys and config. Refuses to touch an existing station.
  static Result<StationDir> Init(const std::filesystem::path& root,
                                 const std::string& name);
  static Result<StationDir> Open(const std::filesystem::path& root);

  Result<std::string> Name() const;
  Result<identity::StationKeys> Keys() const;
};

}  // namespace openline::cli

#endif  // OPENLINE_CLI_STATION_DIR_H_
