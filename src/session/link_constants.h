// Every number of openline's link handshake and transport, in one place
// (wireguard-go constants.go style). "Protocol constants" are part of the wire
// format: changing one is a new protocol version (and a new prologue).
// "Implementation constants" are local policy and may be tuned.
//
// Depends on: noise/constants.h. Thread-safety: constants.
#ifndef OPENLINE_SESSION_LINK_CONSTANTS_H_
#define OPENLINE_SESSION_LINK_CONSTANTS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "noise/constants.h"

namespace openline::session {

/* Protocol constants (wire format; see docs/protocol.md, "Link handshake") */

// IK: the initiator has pinned the responder's static key, the responder learns
// (and checks) the initiator's from message 1; one round trip.
inline constexpr std::string_view kLinkProtocolName = "Noise_IK_25519_ChaChaPoly_BLAKE2b";
// Hashed into h before the first message: binds the version, so a v1 station and
// a future v2 station fail the handshake instead of misreading each other.
inline constexpr std::string_view kLinkPrologue = "openline link v1";
// Message 1 payload: TAI64N, big-endian u64 seconds label + u32 nanoseconds.
inline constexpr size_t kTimestampLen = 12;
// Message 1: e (32) || enc(s) (32 + 16) || enc(timestamp) (12 + 16).
inline constexpr size_t kInitiationLen =
    noise::kDhLen + (noise::kDhLen + noise::kTagLen) + (kTimestampLen + noise::kTagLen);
// Message 2: e (32) || enc(empty payload) (16).
inline constexpr size_t kResponseLen = noise::kDhLen + noise::kTagLen;
static_assert(kInitiationLen == 108 && kResponseLen == 48);
// A transport message is one Noise message: ciphertext || 16-byte tag.
inline constexpr size_t kMaxTransportMessageLen = noise::kMaxMessageLen;
inline constexpr size_t kMaxTransportPayloadLen = noise::kMaxMessageLen - noise::kTagLen;
// Both sides Rekey() a direction's CipherState after every this many messages in
// that direction (sender after encrypting, receiver after decrypting the
// message with that count). Changing it is a wire change: both sides must agree.
inline constexpr uint64_t kRekeyAfterMessages = uint64_t{1} << 16;

/* Implementation constants */

// A session refuses to send or receive more than this many messages (the
// WireGuard REJECT_AFTER_MESSAGES figure); a new handshake is due long before.
inline constexpr uint64_t kRejectAfterMessages = uint64_t{1} << 60;
// Advice to the link owner: start a new handshake once a session is this old,
// so a stolen session key exposes a bounded window of traffic.
inline constexpr std::chrono::minutes kRehandshakeAfter{10};

}  // namespace openline::session

#endif  // OPENLINE_SESSION_LINK_CONSTANTS_H_
