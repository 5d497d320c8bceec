#include "cli/file_io.h"

#include <fstream>

namespace openline::cli {

Result<Bytes> ReadWholeFile(const std::string& path, uint64_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, "cannot open " + path);
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) return MakeError(ErrorCode::kIo, "cannot read " + path);
  if (static_cast<uint64_t>(size) > max_bytes) {
    return MakeError(ErrorCode::kTooLarge,
                     path + " is larger than " + std::to_string(max_bytes) + " bytes");
  }
  in.seekg(0);
  Bytes data(static_cast<size_t>(size));
  in.read(reinterpret_cast<char*>(data.data()), size);
  if (!in) return MakeError(ErrorCode::kIo, "cannot read " + path);
  return data;
}

bool WriteWholeFile(const std::filesystem::path& path, ByteView data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()),
            static_cast<std::streamsize>(data.size()));
  out.close();
  return static_cast<bool>(out);
}

}  // namespace openline::cli
