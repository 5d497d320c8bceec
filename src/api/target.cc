#include "api/target.h"

#include "api/constants.h"

namespace openline::api {
namespace {

tl::unexpected<Response> Reject(std::string message) {
  return tl::unexpected(Response::Error(HttpStatus::kBadRequest, "bad_target",
                                        "illegal request target: " + std::move(message)));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (;;) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;  // "%" or "%4" at the end
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

tl::expected<Target, Response> ParseTarget(std::string_view target) {
  if (target.size() > kMaxTargetLength) {
    return tl::unexpected(Response::Error(
        HttpStatus::kUriTooLong, "request target of " + std::to_string(target.size()) +
                                     " bytes exceeds the limit of " +
                                     std::to_string(kMaxTargetLength)));
  }
  if (target.empty() || target.front() != '/') return Reject("must start with '/'");
  for (char c : target) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return Reject("control, space or non-ASCII byte");
    if (c == '#') return Reject("fragment");
  }
  if (target.find("..") != std::string_view::npos) return Reject("\"..\"");

  Target out;
  size_t question = target.find('?');
  out.path = std::string(target.substr(0, question));
  std::string decoded;
  for (std::string_view raw : SplitPath(out.path)) {
    if (!PercentDecode(raw, false, decoded)) return Reject("bad percent-encoding");
    if (decoded == "." || decoded == "..") return Reject("dot segment");
    if (decoded.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
      return Reject("encoded '/', '\\' or NUL in the path");
    }
    out.segments.push_back(decoded);
  }

  if (question == std::string_view::npos) return out;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    if (out.query.size() == kMaxQueryParams) {
      return Reject("more than " + std::to_string(kMaxQueryParams) + " query parameters");
    }
    size_t eq = pair.find('=');
    std::string key;
    std::string value;
    if (!PercentDecode(pair.substr(0, eq), true, key) ||
        (eq != std::string_view::npos &&
         !PercentDecode(pair.substr(eq + 1), true, value))) {
      return Reject("bad percent-encoding");
    }
    if (key.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      return Reject("encoded NUL in the query");
    }
    out.query.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

}  // namespace openline::api
