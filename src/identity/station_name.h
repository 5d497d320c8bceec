// A station's name: the label operators and transcripts use for it ("washington").
// 1..64 bytes of [a-z0-9._-], so it is safe in file names, URLs, logs and
// terminals without escaping, and the same rule holds for a name read back from an
// exported transcript.
//
// Depends on: common/. Thread-safety: pure.
#ifndef OPENLINE_IDENTITY_STATION_NAME_H_
#define OPENLINE_IDENTITY_STATION_NAME_H_

#include <string_view>

#include "common/result.h"

namespace openline::identity {

inline constexpr size_t kMaxStationNameLen = 64;

Status ValidateStationName(std::string_view name);

}  // namespace openline::identity

#endif  // OPENLINE_IDENTITY_STATION_NAME_H_
