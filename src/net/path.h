// Path: one concrete route to a peer station as written in a link's
// configuration, "tcp://HOST:PORT" (direct TCP) or "relay://HOST:PORT" (through
// a relay; a later issue dials those). HOST is a DNS name, a dotted IPv4
// address or a bracketed IPv6 address ("[::1]"). Parsing is strict and bounded
// (kMaxPathLen): no user info, no trailing slash or query, no zone ids, ports
// 1..65535 without leading zeros, so one path has one spelling and ToString
// gives it back.
//
// Pure: no sockets, no resolver. Depends on: common/, net/constants.h.
// Thread-safety: plain values and functions.
#ifndef OPENLINE_NET_PATH_H_
#define OPENLINE_NET_PATH_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace openline::net {

enum class PathScheme { kTcp, kRelay };
std::string_view ToString(PathScheme scheme);

struct Path {
  PathScheme scheme = PathScheme::kTcp;
  std::string host;  // without brackets for IPv6
  uint16_t port = 0;

  bool operator==(const Path&) const = default;
};

// kTooLarge beyond kMaxPathLen, kUnsupported for an unknown scheme, kMalformed
// for anything else that is not exactly SCHEME://HOST:PORT.
Result<Path> ParsePath(std::string_view text);
// The canonical text ("tcp://[::1]:7001"); ParsePath(ToString(p)) == p.
std::string ToString(const Path& path);
// Ok for a path the Dialer can dial today (tcp), kUnsupported otherwise.
Status CheckDialable(const Path& path);

}  // namespace openline::net

#endif  // OPENLINE_NET_PATH_H_
