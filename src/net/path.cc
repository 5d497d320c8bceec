#include "net/path.h"

#include <algorithm>
#include <cctype>

#include "net/constants.h"

namespace openline::net {
namespace {

constexpr std::string_view kSchemeSeparator = "://";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsAlnum(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

Error Malformed(std::string_view text, std::string_view why) {
  return Error{ErrorCode::kMalformed,
               "path \"" + std::string(text) + "\": " + std::string(why)};
}

// A DNS name (RFC 1123 labels: letters, digits, inner hyphens). A name made of
// digits and dots only must be a valid dotted IPv4 address instead, so that
// "1.2.3.999" is an error rather than a host name nobody can resolve.
bool ValidHostName(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostLen) return false;
  bool all_numeric = true;
  size_t start = 0;
  while (start <= host.size()) {
    size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    std::string_view label = host.substr(start, end - start);
    if (label.empty() || label.size() > kMaxHostLabelLen) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
      if (!IsDigit(c)) all_numeric = false;
    }
    start = end + 1;
  }
  if (!all_numeric) return true;
  // Dotted IPv4: exactly four decimal octets 0..255 without leading zeros.
  if (std::count(host.begin(), host.end(), '.') != 3) return false;
  start = 0;
  while (start <= host.size()) {
    size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    std::string_view octet = host.substr(start, end - start);
    if (octet.size() > 3 || (octet.size() > 1 && octet.front() == '0')) return false;
    int value = 0;
    for (char c : octet) value = value * 10 + (c - '0');
    if (value > 255) return false;
    start = end + 1;
  }
  return true;
}

// The inside of "[...]": hex digits, colons and (for an embedded IPv4) dots, at
// least two colons. The resolver does the exact parse; this bounds the text.
bool ValidIpv6Literal(std::string_view host) {
  if (host.size() < 2 || host.size() > kMaxIpv6LiteralLen) return false;
  if (std::count(host.begin(), host.end(), ':') < 2) return false;
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return IsHexDigit(c) || c == ':' || c == '.'; });
}

}  // namespace

std::string_view ToString(PathScheme scheme) {
  switch (scheme) {
    case PathScheme::kTcp:
      return kTcpScheme;
    case PathScheme::kRelay:
      return kRelayScheme;
  }
  return "unknown";
}

Result<Path> ParsePath(std::string_view text) {
  if (text.size() > kMaxPathLen) {
    return MakeError(ErrorCode::kTooLarge, "path of " + std::to_string(text.size()) +
                                               " characters exceeds " +
                                               std::to_string(kMaxPathLen));
  }
  const size_t separator = text.find(kSchemeSeparator);
  if (separator == std::string_view::npos) {
    return tl::unexpected(Malformed(text, "expected SCHEME://HOST:PORT"));
  }
  Path path;
  const std::string_view scheme = text.substr(0, separator);
  if (scheme == kTcpScheme) {
    path.scheme = PathScheme::kTcp;
  } else if (scheme == kRelayScheme) {
    path.scheme = PathScheme::kRelay;
  } else {
    return MakeError(ErrorCode::kUnsupported,
                     "path \"" + std::string(text) + "\": unknown scheme (tcp, relay)");
  }
  const std::string_view authority = text.substr(separator + kSchemeSeparator.size());
  const size_t colon = authority.rfind(':');
  if (colon == std::string_view::npos) {
    return tl::unexpected(Malformed(text, "missing :PORT"));
  }
  std::string_view host = authority.substr(0, colon);
  const std::string_view port = authority.substr(colon + 1);

  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), IsDigit) || port.front() == '0') {
    return tl::unexpected(Malformed(text, "port must be 1..65535"));
  }
  uint32_t port_value = 0;
  for (char c : port) port_value = port_value * 10 + static_cast<uint32_t>(c - '0');
  if (port_value > 65535) return tl::unexpected(Malformed(text, "port must be 1..65535"));
  path.port = static_cast<uint16_t>(port_value);

  if (!host.empty() && host.front() == '[') {
    if (host.back() != ']') return tl::unexpected(Malformed(text, "unclosed ["));
    host = host.substr(1, host.size() - 2);
    if (!ValidIpv6Literal(host)) {
      return tl::unexpected(Malformed(text, "bad IPv6 address"));
    }
  } else if (!ValidHostName(host)) {
    return tl::unexpected(Malformed(text, "bad host"));
  }
  path.host = std::string(host);
  return path;
}

std::string ToString(const Path& path) {
  std::string out(ToString(path.scheme));
  out += kSchemeSeparator;
  const bool ipv6 = path.host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += path.host;
  if (ipv6) out += ']';
  out += ':';
  out += std::to_string(path.port);
  return out;
}

Status CheckDialable(const Path& path) {
  if (path.scheme != PathScheme::kTcp) {
    return MakeError(ErrorCode::kUnsupported,
                     "dialing " + ToString(path) + ": relay paths are not supported yet");
  }
  return Ok();
}

}  // namespace openline::net
