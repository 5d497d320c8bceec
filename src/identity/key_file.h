// Stores and loads a station's secret keys on disk. This is an edge (it does file
// I/O); the protocol core never touches files.
//
// File format (text, one field per line, so an operator can see what it is):
//   openline-station-key v1
//   sign <64 hex: Ed25519 seed>
//   dh <64 hex: X25519 private key>
//
// The file is created with mode 0600 via O_CREAT|O_EXCL (an existing key is never
// overwritten), written, fsync'd, and the directory fsync'd. Loading refuses a file
// readable by group or others, as ssh does, and wipes every buffer that held a
// secret.
//
// Depends on: identity/station_keys.h, POSIX. Thread-safety: none needed.
#ifndef OPENLINE_IDENTITY_KEY_FILE_H_
#define OPENLINE_IDENTITY_KEY_FILE_H_

#include <filesystem>

#include "common/result.h"
#include "identity/station_keys.h"

namespace openline::identity {

inline constexpr size_t kMaxKeyFileBytes = 4096;

Status WriteKeyFile(const std::filesystem::path& path, const StationKeys& keys);
Result<StationKeys> ReadKeyFile(const std::filesystem::path& path);

// The in-memory form, for tests and fuzzing of the parser.
Result<StationKeys> ParseKeyFile(std::string_view text);

}  // namespace openline::identity

#endif  // OPENLINE_IDENTITY_KEY_FILE_H_
