#include "cli/station_dir.h"

#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <toml++/toml.h>

#include "identity/key_file.h"
#include "identity/station_name.h"

namespace openline::cli {

Result<StationDir> StationDir::Init(const std::filesystem::path& root,
                                    const std::string& name) {
  OPENLINE_TRY(identity::ValidateStationName(name));
  StationDir dir{root};
  std::error_code ec;
  if (std::filesystem::exists(dir.key(), ec) ||
      std::filesystem::exists(dir.config(), ec)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        root.string() + " already holds a station; refusing to overwrite it");
  }
  std::filesystem::create_directories(root, ec);
  if (ec)
    return MakeError(ErrorCode::kIo, "create " + root.string() + ": " + ec.message());
  ::chmod(root.c_str(), 0700);

  auto keys = identity::StationKeys::Generate();
  OPENLINE_TRY(identity::WriteKeyFile(dir.key(), keys));

  toml::table config{{"station", toml::table{{"name", name}}}};
  std::ofstream out(dir.config());
  out << "# openline station configuration (created by `openline init`)\n"
      << config << "\n";
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, "write " + dir.config().string());
  return dir;
}

Result<StationDir> StationDir::Open(const std::filesystem::path& root) {
  StationDir dir{root};
  std::error_code ec;
  if (!std::filesystem::exists(dir.config(), ec) ||
      !std::filesystem::exists(dir.key(), ec)) {
    return MakeError(ErrorCode::kNotFound,
                     root.string() +
                         " is not a station folder (run `openline init "
                         "--dir " +
                         root.string() + " --name NAME` first)");
  }
  return dir;
}

Result<std::string> StationDir::Name() const {
  toml::parse_result parsed = toml::parse_file(config().string());
  if (!parsed) {
    std::ostringstream msg;
    msg << config().string() << ": " << parsed.error();
    return MakeError(ErrorCode::kMalformed, msg.str());
  }
  auto name = parsed.table()["station"]["name"].value<std::string>();
  if (!name)
    return MakeError(ErrorCode::kMalformed, config().string() + ": no station.name");
  OPENLINE_TRY(identity::ValidateStationName(*name));
  return *name;
}

Result<identity::StationKeys> StationDir::Keys() const {
  return identity::ReadKeyFile(key());
}

}  // namespace openline::cli
