#include "session/tai64n.h"

#include <cstdio>

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace openline::session {
namespace {

// TAI64 label of the Unix epoch; +10 is TAI-UTC in 1972 (leap seconds since are
// ignored, as WireGuard does: only monotonicity matters here).
constexpr uint64_t kUnixEpochLabel = (uint64_t{1} << 62) + 10;
constexpr uint32_t kNanosPerSecond = 1'000'000'000;

}  // namespace

Tai64n Tai64n::FromTimePoint(std::chrono::system_clock::time_point t) {
  const auto since_epoch =
      std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch());
  const auto secs = std::chrono::floor<std::chrono::seconds>(since_epoch);
  Tai64n out;
  out.seconds =
      kUnixEpochLabel + static_cast<uint64_t>(secs.count());  // wraps for < 1970
  out.nanoseconds = static_cast<uint32_t>((since_epoch - secs).count());
  return out;
}

ByteArray<kTimestampLen> Tai64n::Encode() const {
  Bytes buffer;
  ByteWriter writer(buffer);
  writer.PutU64(seconds);
  writer.PutU32(nanoseconds);
  ByteArray<kTimestampLen> out{};
  std::copy(buffer.begin(), buffer.end(), out.begin());
  return out;
}

Result<Tai64n> Tai64n::Decode(ByteView bytes) {
  if (bytes.size() != kTimestampLen) {
    return MakeError(ErrorCode::kMalformed,
                     "timestamp must be 12 bytes, got " + std::to_string(bytes.size()));
  }
  ByteReader reader(bytes);
  Tai64n out;
  auto seconds = reader.ReadU64("timestamp seconds");
  auto nanos = reader.ReadU32("timestamp nanoseconds");
  if (!seconds || !nanos) return MakeError(ErrorCode::kMalformed, "short timestamp");
  if (*nanos >= kNanosPerSecond) {
    return MakeError(ErrorCode::kMalformed,
                     "timestamp nanoseconds " + std::to_string(*nanos) + " >= 10^9");
  }
  out.seconds = *seconds;
  out.nanoseconds = *nanos;
  return out;
}

std::string Tai64n::ToString() const {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "@%016llx.%09u",
                static_cast<unsigned long long>(seconds), nanoseconds);
  return buf;
}

}  // namespace openline::session
