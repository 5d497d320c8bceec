// Every number of the network edge (net/) in one place, as wireguard-go's
// constants.go does. "Specification" values are what the two stations must agree
// on or what the path syntax admits; changing one changes what peers or
// configuration files see. "Implementation" values are local policy: timeouts,
// queue bounds and flood limits, tunable without telling the other side.
// docs/net.md explains each figure.
//
// Depends on: session/link_constants.h, wire/constants.h. Thread-safety: constants.
#ifndef OPENLINE_NET_CONSTANTS_H_
#define OPENLINE_NET_CONSTANTS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "session/link_constants.h"
#include "wire/constants.h"

namespace openline::net {

// ---- Specification ----

// Path schemes: "tcp://HOST:PORT" is a direct connection; "relay://HOST:PORT"
// names a relay (a later issue; parsed now so configurations stay valid).
inline constexpr std::string_view kTcpScheme = "tcp";
inline constexpr std::string_view kRelayScheme = "relay";
// A host name is at most 253 characters (RFC 1035 §2.3.4 less the root dot),
// each label 1..63 characters.
inline constexpr size_t kMaxHostLen = 253;
inline constexpr size_t kMaxHostLabelLen = 63;
// "[" + the longest textual IPv6 address (45, with an embedded IPv4) + "]".
inline constexpr size_t kMaxIpv6LiteralLen = 45;
// The longest path text we parse: scheme, "://", host, ":", 5 port digits.
inline constexpr size_t kMaxPathLen = 8 + 3 + kMaxHostLen + 1 + 5;
// Handshake messages travel in ordinary frames (u16 length, then the message),
// so each has a fixed length prefix a reader checks before buffering anything.
inline constexpr size_t kInitiationFrameLen =
    wire::kFrameHeaderLen + session::kInitiationLen;
inline constexpr size_t kResponseFrameLen = wire::kFrameHeaderLen + session::kResponseLen;
// A full transport frame carries at most this much plaintext.
inline constexpr size_t kMaxMessageLen = session::kMaxTransportPayloadLen;
static_assert(session::kMaxTransportMessageLen == wire::kMaxFrameLen,
              "a maximal Noise message must fit one frame");

// ---- Implementation ----

// An established connection that receives no byte at all for this long is
// closed. The link layer above sends heartbeats well within it.
inline constexpr std::chrono::milliseconds kIdleTimeout{30'000};
// The whole handshake (both messages) must finish within this much time after
// the TCP connection exists, however the bytes trickle in; a half-open or
// trickling connection costs one slot for at most this long.
inline constexpr std::chrono::milliseconds kHandshakeTimeout{5'000};
// Resolving and connecting one path may take this long (a blackholed address
// would otherwise hold the dialer for the kernel's SYN retries, ~2 minutes).
inline constexpr std::chrono::milliseconds kConnectTimeout{10'000};
// Frames that fail to decrypt are dropped and counted; this many are tolerated
// per connection, the next one closes it (a stream that keeps producing forgeries
// is not our peer's TCP stream any more).
inline constexpr uint32_t kMaxRejectedFrames = 16;
// Encrypted bytes (frames) queued for sending on one connection; beyond it
// Send() refuses and the link layer keeps the message in its own durable queue.
inline constexpr size_t kMaxSendQueueBytes = size_t{1} << 20;
// One write gathers queued frames up to this many bytes (fewer syscalls under
// load, while a lone message still goes out at once).
inline constexpr size_t kMaxWriteBatchBytes = size_t{256} << 10;
// ... and at most this many frames (asio hands the kernel 64 buffers per writev).
inline constexpr size_t kMaxWriteBatchFrames = 64;
// Bytes read from the socket per read call.
inline constexpr size_t kReadChunkLen = size_t{16} << 10;
// Connections in the handshake phase at once, per listener: bounds memory and
// file descriptors under a handshake flood.
inline constexpr size_t kMaxPendingHandshakes = 64;
// ... and from one source (an IPv4 address or an IPv6 /64), so that one flooding
// host cannot take every slot from the peers it shares a listener with.
inline constexpr size_t kMaxPendingHandshakesPerSource = 8;
// IPv6 sources are grouped by this prefix: one host usually owns a whole /64.
inline constexpr size_t kIpv6SourcePrefixBytes = 8;
// After an accept error such as EMFILE, pause before accepting again instead of
// spinning on the same error.
inline constexpr std::chrono::milliseconds kAcceptErrorPause{100};
// Dialer: exponential backoff with full jitter between rounds over a link's
// paths. Delay before retry n (0-based) is uniform in [0, min(cap, initial*2^n)].
inline constexpr std::chrono::milliseconds kBackoffInitial{200};
inline constexpr std::chrono::milliseconds kBackoffCap{30'000};
// Paths per dialer (each round tries each of them once).
inline constexpr size_t kMaxPathsPerDialer = 8;

}  // namespace openline::net

#endif  // OPENLINE_NET_CONSTANTS_H_
