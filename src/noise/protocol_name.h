// Noise protocol names (rev. 34 §8): "Noise_<PATTERN>_<DH>_<CIPHER>_<HASH>",
// e.g. "Noise_IK_25519_ChaChaPoly_BLAKE2b". Parsing resolves the pattern (with
// its modifiers) and the hash. openline speaks DH 25519, cipher ChaChaPoly and
// hash SHA256, SHA512 or BLAKE2b (what libsodium offers); 448, AESGCM, BLAKE2s,
// unknown patterns and the pre-rev-32 "NoisePSK_" names are kUnsupported, which
// callers may treat as "skip", while a name that does not parse is kMalformed.
//
// Depends on: common/, crypto/hash.h, noise/pattern.h. Thread-safety: pure.
#ifndef OPENLINE_NOISE_PROTOCOL_NAME_H_
#define OPENLINE_NOISE_PROTOCOL_NAME_H_

#include <string>
#include <string_view>

#include "common/result.h"
#include "crypto/hash.h"
#include "noise/pattern.h"

namespace openline::noise {

struct ProtocolName {
  std::string full;          // the whole name, hashed into h by InitializeSymmetric
  std::string pattern_name;  // "IKpsk2"
  std::string dh;            // "25519"
  std::string cipher;        // "ChaChaPoly"
  std::string hash_name;     // "BLAKE2b"
  crypto::HashAlgorithm hash = crypto::HashAlgorithm::kBlake2b;
  HandshakePattern pattern;
};

// Fails with kTooLarge above kMaxProtocolNameLen bytes, kMalformed if the name
// does not have five '_'-separated parts starting with "Noise", kUnsupported
// for algorithms or patterns openline does not implement.
Result<ProtocolName> ParseProtocolName(std::string_view name);

}  // namespace openline::noise

#endif  // OPENLINE_NOISE_PROTOCOL_NAME_H_
