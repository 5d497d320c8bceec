#include "station/station_dir.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include "crypto/random.h"
#include "identity/key_file.h"
#include "identity/station_name.h"

namespace openline::station {
namespace {

constexpr size_t kMaxTokenFileBytes = 256;

Status WritePrivateFile(const std::filesystem::path& path, std::string_view text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return MakeError(ErrorCode::kIo,
                     "create " + path.string() + ": " + std::strerror(errno));
  }
  const ssize_t n = ::write(fd, text.data(), text.size());
  const bool ok = n == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return MakeError(ErrorCode::kIo, "write " + path.string());
  return Ok();
}

// [answering]: optional; each value bounded.
Status ReadAnswering(const std::string& file, const toml::table& table,
                     AnsweringConfig& out) {
  const auto answering = table["answering"];
  auto seconds = [&](const char* key, uint64_t& field, uint64_t max) -> Status {
    auto node = answering[key];
    if (!node) return Ok();
    auto v = node.value<int64_t>();
    if (!v || *v < 1 || static_cast<uint64_t>(*v) > max) {
      return MakeError(ErrorCode::kMalformed, file + ": answering." + key +
                                                  " must be 1.." + std::to_string(max));
    }
    field = static_cast<uint64_t>(*v);
    return Ok();
  };
  constexpr uint64_t kWeek = 7 * 24 * 3600;
  OPENLINE_TRY(seconds("flash", out.flash_s, kWeek));
  OPENLINE_TRY(seconds("immediate", out.immediate_s, kWeek));
  OPENLINE_TRY(seconds("priority", out.priority_s, kWeek));
  OPENLINE_TRY(seconds("routine", out.routine_s, kWeek));
  OPENLINE_TRY(seconds("notifier_timeout", out.notifier_timeout_s, 600));
  OPENLINE_TRY(seconds("notifier_attempts", out.notifier_attempts, 10));
  if (auto node = answering["notifier"]) {
    const toml::array* argv = node.as_array();
    if (!argv || argv->empty() || argv->size() > 32) {
      return MakeError(
          ErrorCode::kMalformed,
          file + ": answering.notifier is a list: the command and its arguments");
    }
    for (const auto& arg : *argv) {
      auto s = arg.value<std::string>();
      if (!s) {
        return MakeError(ErrorCode::kMalformed,
                         file + ": answering.notifier holds strings");
      }
      out.notifier.push_back(*s);
    }
  }
  return Ok();
}

}  // namespace

Status ValidateHostPort(std::string_view address) {
  const size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || address.size() > 255) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "address must be HOST:PORT, e.g. 127.0.0.1:7001, got '" +
                         std::string(address) + "'");
  }
  std::string_view port = address.substr(colon + 1);
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9' || port.size() > 5) {
      return MakeError(ErrorCode::kInvalidArgument, "port must be a number 1..65535");
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (port.empty() || value == 0 || value > 65535) {
    return MakeError(ErrorCode::kInvalidArgument, "port must be a number 1..65535");
  }
  return Ok();
}

Result<StationDir> StationDir::Init(const std::filesystem::path& root,
                                    const StationConfig& config) {
  OPENLINE_TRY(identity::ValidateStationName(config.name));
  OPENLINE_TRY(ValidateHostPort(config.listen));
  OPENLINE_TRY(ValidateHostPort(config.api));
  StationDir dir{root};
  std::error_code ec;
  if (std::filesystem::exists(dir.key_path(), ec) ||
      std::filesystem::exists(dir.config_path(), ec)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        root.string() + " already holds a station; refusing to overwrite it");
  }
  std::filesystem::create_directories(root, ec);
  if (ec)
    return MakeError(ErrorCode::kIo, "create " + root.string() + ": " + ec.message());
  ::chmod(root.c_str(), 0700);

  auto keys = identity::StationKeys::Generate();
  OPENLINE_TRY(identity::WriteKeyFile(dir.key_path(), keys));
  ByteArray<kApiTokenBytes> token{};
  crypto::RandomBytes(token);
  OPENLINE_TRY(WritePrivateFile(dir.token_path(), ToHex(token) + "\n"));

  toml::table table{{"station", toml::table{{"name", config.name},
                                            {"listen", config.listen},
                                            {"api", config.api}}}};
  std::ostringstream text;
  text << "# openline station configuration (created by `openline init`)\n"
       << "# listen: where the other station connects; api: the local API (keep it on "
          "loopback)\n"
       << table << "\n";
  std::ofstream out(dir.config_path());
  out << text.str();
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, "write " + dir.config_path().string());
  return dir;
}

Result<StationDir> StationDir::Open(const std::filesystem::path& root) {
  StationDir dir{root};
  std::error_code ec;
  if (!std::filesystem::exists(dir.config_path(), ec) ||
      !std::filesystem::exists(dir.key_path(), ec)) {
    return MakeError(ErrorCode::kNotFound,
                     root.string() +
                         " is not a station folder (run `openline init "
                         "--dir " +
                         root.string() + " --name NAME` first)");
  }
  return dir;
}

Result<StationConfig> StationDir::Config() const {
  toml::parse_result parsed = toml::parse_file(config_path().string());
  if (!parsed) {
    std::ostringstream msg;
    msg << config_path().string() << ": " << parsed.error();
    return MakeError(ErrorCode::kMalformed, msg.str());
  }
  StationConfig config;
  auto station = parsed.table()["station"];
  auto name = station["name"].value<std::string>();
  if (!name)
    return MakeError(ErrorCode::kMalformed, config_path().string() + ": no station.name");
  config.name = *name;
  config.listen = station["listen"].value_or(std::string(kDefaultListen));
  config.api = station["api"].value_or(std::string(kDefaultApi));
  OPENLINE_TRY(identity::ValidateStationName(config.name));
  OPENLINE_TRY(ValidateHostPort(config.listen));
  OPENLINE_TRY(ValidateHostPort(config.api));
  OPENLINE_TRY(ReadAnswering(config_path().string(), parsed.table(), config.answering));
  return config;
}

Result<identity::StationKeys> StationDir::Keys() const {
  return identity::ReadKeyFile(key_path());
}

Result<std::string> StationDir::ApiToken() const {
  struct stat st {};
  if (::stat(token_path().c_str(), &st) != 0) {
    return MakeError(ErrorCode::kIo, "cannot read " + token_path().string());
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return MakeError(ErrorCode::kIo,
                     token_path().string() +
                         " is accessible by group or others; run: chmod 600 " +
                         token_path().string());
  }
  if (st.st_size > static_cast<off_t>(kMaxTokenFileBytes)) {
    return MakeError(ErrorCode::kTooLarge, token_path().string() + " is too large");
  }
  std::ifstream in(token_path());
  std::string token;
  std::getline(in, token);
  if (token.size() != kApiTokenBytes * 2) {
    return MakeError(ErrorCode::kMalformed,
                     token_path().string() + " does not hold a token");
  }
  return token;
}

}  // namespace openline::station
