// Every number the Noise layer uses, in one place. "Specification constants" are
// fixed by the Noise Protocol Framework (revision 34) and must not change;
// "Implementation constants" are openline's own bounds and may be tuned.
//
// Depends on: nothing but <cstddef>/<cstdint>. Thread-safety: constants.
#ifndef OPENLINE_NOISE_CONSTANTS_H_
#define OPENLINE_NOISE_CONSTANTS_H_

#include <cstddef>
#include <cstdint>

namespace openline::noise {

/* Specification constants (Noise rev. 34) */

// §3: "The maximum length of any Noise message is 65535 bytes."
inline constexpr size_t kMaxMessageLen = 65535;
// §4.1: DHLEN for Curve25519.
inline constexpr size_t kDhLen = 32;
// §4.2: cipher keys are 32 bytes; AEAD tags add 16 bytes.
inline constexpr size_t kKeyLen = 32;
inline constexpr size_t kTagLen = 16;
// §4.2: nonce 2^64-1 is reserved (used only by REKEY); encrypting with it fails.
inline constexpr uint64_t kMaxNonce = UINT64_MAX;
// §4.2 (ChaChaPoly): 96-bit nonce = 32 zero bits || little-endian 64-bit n.
inline constexpr size_t kChaChaNonceLen = 12;
// §9: every PSK is 32 bytes.
inline constexpr size_t kPskLen = 32;
// §5.2: a protocol name no longer than HASHLEN is used as h directly (zero-padded).
inline constexpr size_t kMaxHashLen = 64;

/* Implementation constants (openline) */

// A protocol name is at most 255 bytes: the spec sets no limit, but nothing
// legitimate comes near it and names arrive in test files and configuration.
inline constexpr size_t kMaxProtocolNameLen = 255;
// Longest handshake pattern we accept: the spec's longest patterns have 4
// messages (X1K1 etc.); bounding it keeps the pattern parser trivially bounded.
inline constexpr size_t kMaxPatternMessages = 8;
// Pattern text (all lines of one pattern) above this many bytes is refused.
inline constexpr size_t kMaxPatternTextLen = 512;

}  // namespace openline::noise

#endif  // OPENLINE_NOISE_CONSTANTS_H_
