#include "identity/key_file.h"

#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/secret.h"

namespace openline::identity {
namespace {

constexpr std::string_view kHeader = "openline-station-key v1";

Error PosixError(const std::string& context, int err) {
  return Error{ErrorCode::kIo, context + ": " + std::strerror(err)};
}

// A std::string that wipes itself: the key file text holds secrets in hex.
struct WipedString {
  std::string s;
  WipedString() = default;
  WipedString(const WipedString&) = delete;
  WipedString& operator=(const WipedString&) = delete;
  ~WipedString() { crypto::Wipe(s.data(), s.size()); }
};

Status WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::unexpected(PosixError("write", errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Ok();
}

Status SyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return tl::unexpected(PosixError("open " + dir.string(), errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return tl::unexpected(PosixError("fsync " + dir.string(), err));
  return Ok();
}

// Decodes "<field> <64 hex>" straight into a wiping buffer.
Result<crypto::Secret<32>> ParseHexLine(std::string_view line, std::string_view field) {
  crypto::Secret<32> out;
  const bool named = line.size() > field.size() &&
                     line.substr(0, field.size()) == field && line[field.size()] == ' ';
  if (!named || !HexDecodeInto(line.substr(field.size() + 1), out.mutable_view())) {
    return MakeError(ErrorCode::kMalformed, "key file: field '" + std::string(field) +
                                                "' is missing or not 32 bytes of hex");
  }
  return out;
}

}  // namespace

Result<StationKeys> ParseKeyFile(std::string_view text) {
  if (text.size() > kMaxKeyFileBytes) {
    return MakeError(
        ErrorCode::kTooLarge,
        "key file larger than " + std::to_string(kMaxKeyFileBytes) + " bytes");
  }
  std::string_view lines[3];
  size_t count = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty()) continue;
    if (count == 3)
      return MakeError(ErrorCode::kMalformed, "key file: unexpected extra lines");
    lines[count++] = line;
  }
  if (count != 3 || lines[0] != kHeader) {
    return MakeError(ErrorCode::kMalformed,
                     "key file: not an openline station key (expected header '" +
                         std::string(kHeader) + "')");
  }
  auto sign_seed = ParseHexLine(lines[1], "sign");
  if (!sign_seed) return tl::unexpected(sign_seed.error());
  auto dh_private = ParseHexLine(lines[2], "dh");
  if (!dh_private) return tl::unexpected(dh_private.error());
  auto signing = crypto::SigningKey::FromSeed(sign_seed->view());
  return StationKeys{std::move(*signing),
                     crypto::X25519KeyPair::FromPrivate(dh_private->view())};
}

Status WriteKeyFile(const std::filesystem::path& path, const StationKeys& keys) {
  WipedString text;
  text.s.reserve(256);  // no reallocation: no unwiped copy of the text on the heap
  text.s.append(kHeader).append("\nsign ");
  AppendHex(text.s, keys.signing.seed());
  text.s.append("\ndh ");
  AppendHex(text.s, keys.dh.private_key.view());
  text.s.append("\n");
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return tl::unexpected(PosixError("create " + path.string(), errno));
  Status st = WriteAll(fd, text.s);
  if (st && ::fsync(fd) != 0)
    st = tl::unexpected(PosixError("fsync " + path.string(), errno));
  ::close(fd);
  if (!st) {
    ::unlink(path.c_str());
    return st;
  }
  return SyncDirectory(path.parent_path());
}

Result<StationKeys> ReadKeyFile(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return tl::unexpected(PosixError("open " + path.string(), errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return tl::unexpected(PosixError("stat " + path.string(), err));
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    ::close(fd);
    return MakeError(ErrorCode::kIo,
                     path.string() +
                         " is accessible by group or others; run: chmod 600 " +
                         path.string());
  }
  if (st.st_size > static_cast<off_t>(kMaxKeyFileBytes)) {
    ::close(fd);
    return MakeError(ErrorCode::kTooLarge,
                     path.string() + " is too large for a key file");
  }
  WipedString text;
  text.s.resize(kMaxKeyFileBytes);
  size_t used = 0;
  while (used < text.s.size()) {
    ssize_t n = ::read(fd, text.s.data() + used, text.s.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return tl::unexpected(PosixError("read " + path.string(), err));
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  return ParseKeyFile(std::string_view(text.s).substr(0, used));
}

}  // namespace openline::identity
