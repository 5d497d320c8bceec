// Runs Noise test vectors in the cacophony JSON format ({"vectors": [...]}, as in
// shared/vectors/noise-cacophony and noise-c) against HandshakeState: both
// parties are built from the vector's keys, every handshake and transport
// message must be produced byte for byte by its sender and decrypted to its
// payload by the receiver, and both handshake hashes must equal
// `handshake_hash`. Direction: the initiator sends message 0 and the sender
// alternates, except in one-way patterns where the initiator sends everything.
//
// Skipped (not failed): names the parser reports as kUnsupported (448, AESGCM,
// BLAKE2s, "NoisePSK_" names) and `"fallback": true` vectors (Noise Pipes).
//
// Owns: nothing beyond its report. Depends on: noise/, nlohmann_json, and the
// file system in RunVectorFile only; kept out of openline_noise so the pure
// library never links a JSON parser. Thread-safety: pure functions.
#ifndef OPENLINE_NOISE_VECTOR_RUNNER_H_
#define OPENLINE_NOISE_VECTOR_RUNNER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace openline::noise {

// A vector file above this size is refused rather than read (the largest
// upstream file is under 2 MB).
inline constexpr size_t kMaxVectorFileBytes = 64 * 1024 * 1024;

struct VectorFailure {
  size_t index = 0;    // position in "vectors"
  std::string name;    // protocol name
  std::string reason;  // what differed, e.g. "message 2: ciphertext differs"
};

struct VectorReport {
  size_t passed = 0;
  size_t failed = 0;
  size_t skipped = 0;
  std::vector<VectorFailure> failures;
  std::map<std::string, size_t> skip_reasons;  // reason -> how many vectors
};

// Runs one vector: Ok if it passed, kUnsupported if it must be skipped, any
// other error (with the reason in its message) if it failed.
Status RunVector(const nlohmann::json& vector);

// Runs every vector in a JSON document. Fails only if the document itself is
// not a {"vectors": [...]} object; individual vectors are counted in the report.
Result<VectorReport> RunVectorsJson(std::string_view json_text);
Result<VectorReport> RunVectorFile(const std::string& path);

}  // namespace openline::noise

#endif  // OPENLINE_NOISE_VECTOR_RUNNER_H_
