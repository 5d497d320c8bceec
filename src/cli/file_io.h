// Whole-file reads and writes for the CLI: bounded reads (a size check before any
// allocation) and writes that fail loudly.
//
// Depends on: common/. Thread-safety: none needed.
#ifndef OPENLINE_CLI_FILE_IO_H_
#define OPENLINE_CLI_FILE_IO_H_

#include <filesystem>
#include <string>

#include "common/bytes.h"

namespace openline::cli {

Result<Bytes> ReadWholeFile(const std::string& path, uint64_t max_bytes);
bool WriteWholeFile(const std::filesystem::path& path, ByteView data);

}  // namespace openline::cli

#endif  // OPENLINE_CLI_FILE_IO_H_
