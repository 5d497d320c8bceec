#include "noise/protocol_name.h"

#include <vector>

#include "noise/constants.h"

namespace openline::noise {

Result<ProtocolName> ParseProtocolName(std::string_view name) {
  if (name.size() > kMaxProtocolNameLen) {
    return MakeError(ErrorCode::kTooLarge,
                     "protocol name of " + std::to_string(name.size()) +
                         " bytes exceeds " + std::to_string(kMaxProtocolNameLen));
  }
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (parts.size() < 6) {
    const size_t end = name.find('_', start);
    parts.push_back(
        name.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (!parts.empty() && parts[0] == "NoisePSK") {
    return MakeError(ErrorCode::kUnsupported,
                     "pre-revision-32 NoisePSK_ names are obsolete");
  }
  if (parts.size() != 5 || parts[0] != "Noise") {
    return MakeError(
        ErrorCode::kMalformed,
        "not a Noise_<PATTERN>_<DH>_<CIPHER>_<HASH> name: '" + std::string(name) + "'");
  }
  for (std::string_view part : parts) {
    if (part.empty())
      return MakeError(ErrorCode::kMalformed, "empty part in protocol name");
  }
  ProtocolName out;
  out.full = std::string(name);
  out.pattern_name = std::string(parts[1]);
  out.dh = std::string(parts[2]);
  out.cipher = std::string(parts[3]);
  out.hash_name = std::string(parts[4]);
  if (out.dh != "25519") {
    return MakeError(ErrorCode::kUnsupported,
                     "DH function '" + out.dh + "' not supported");
  }
  if (out.cipher != "ChaChaPoly") {
    return MakeError(ErrorCode::kUnsupported,
                     "cipher '" + out.cipher + "' not supported");
  }
  const auto hash = crypto::HashFromName(out.hash_name);
  if (!hash) {
    return MakeError(ErrorCode::kUnsupported,
                     "hash '" + out.hash_name + "' not supported");
  }
  out.hash = *hash;
  auto pattern = LookupPattern(out.pattern_name);
  if (!pattern) return tl::unexpected(std::move(pattern).error());
  out.pattern = std::move(*pattern);
  return out;
}

}  // namespace openline::noise
