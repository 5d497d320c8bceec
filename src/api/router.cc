#include "api/router.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "api/target.h"

namespace openline::api {
namespace {

bool IsParam(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

bool IsParamName(std::string_view name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsLiteral(std::string_view segment) {
  // Unreserved characters only (RFC 3986 2.3), so a literal never needs decoding.
  return std::all_of(segment.begin(), segment.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
  });
}

[[noreturn]] void BadTable(const std::string& pattern, const char* why) {
  std::fprintf(stderr, "api: route table: %s: %s\n", pattern.c_str(), why);
  std::abort();
}

// Same shape: the same literals at the same places and parameters at the same
// places. Two such patterns would match exactly the same paths.
bool SameShape(const Route& a, const Route& b) {
  if (a.segments.size() != b.segments.size()) return false;
  for (size_t i = 0; i < a.segments.size(); ++i) {
    bool pa = IsParam(a.segments[i]);
    bool pb = IsParam(b.segments[i]);
    if (pa != pb || (!pa && a.segments[i] != b.segments[i])) return false;
  }
  return true;
}

bool Matches(const Route& route, const std::vector<std::string>& segments) {
  if (route.segments.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& want = route.segments[i];
    if (IsParam(want) ? segments[i].empty() : want != segments[i]) return false;
  }
  return true;
}

// True if `a` is more specific than `b`: a literal where `b` has a parameter at
// the first segment where they differ. Both match the same path.
bool MoreSpecific(const Route& a, const Route& b) {
  for (size_t i = 0; i < a.segments.size(); ++i) {
    bool pa = IsParam(a.segments[i]);
    bool pb = IsParam(b.segments[i]);
    if (pa != pb) return !pa;
  }
  return false;
}

}  // namespace

void Router::AddRoute(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    BadTable(route.pattern, "must start with '/'");
  }
  if (route.options.body_limit > kMaxBodyLimit) BadTable(route.pattern, "body limit");
  std::vector<std::string> names;
  for (std::string_view segment : SplitPath(route.pattern)) {
    if (IsParam(segment)) {
      std::string name(segment.substr(1, segment.size() - 2));
      if (!IsParamName(name)) BadTable(route.pattern, "bad parameter name");
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        BadTable(route.pattern, "repeated parameter");
      }
      names.push_back(name);
    } else if (!IsLiteral(segment) || segment == "." || segment == "..") {
      BadTable(route.pattern, "literal segment with reserved characters");
    }
    route.segments.emplace_back(segment);
  }
  for (const Route& other : routes_) {
    if (other.method == route.method && SameShape(other, route)) {
      BadTable(route.pattern, "duplicate route");
    }
  }
  routes_.push_back(std::move(route));
}

void Router::Add(Method method, std::string_view pattern, Handler handler,
                 RouteOptions options) {
  if (!handler) BadTable(std::string(pattern), "empty handler");
  Route route;
  route.method = method;
  route.pattern = std::string(pattern);
  route.options = options;
  route.handler = std::move(handler);
  AddRoute(std::move(route));
}

void Router::Get(std::string_view pattern, Handler handler, RouteOptions options) {
  Add(Method::kGet, pattern, std::move(handler), options);
}

void Router::Post(std::string_view pattern, Handler handler, RouteOptions options) {
  Add(Method::kPost, pattern, std::move(handler), options);
}

void Router::AddEventStream(std::string_view pattern, std::shared_ptr<Broadcaster> events,
                            RouteOptions options) {
  if (!events) BadTable(std::string(pattern), "no broadcaster");
  Route route;
  route.method = Method::kGet;
  route.pattern = std::string(pattern);
  route.options = options;
  route.options.body_limit = 0;  // an upgrade request has no body
  route.events = std::move(events);
  AddRoute(std::move(route));
}

RouteMatch Router::Match(Method method, const std::vector<std::string>& segments) const {
  RouteMatch match;
  for (const Route& route : routes_) {
    if (!Matches(route, segments)) continue;
    if (route.method != method) {
      match.allowed.push_back(route.method);
      continue;
    }
    if (match.route == nullptr || MoreSpecific(route, *match.route)) match.route = &route;
  }
  if (match.route == nullptr) {
    std::sort(match.allowed.begin(), match.allowed.end());
    match.allowed.erase(std::unique(match.allowed.begin(), match.allowed.end()),
                        match.allowed.end());
    return match;
  }
  match.allowed.clear();
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& want = match.route->segments[i];
    if (IsParam(want)) match.params[want.substr(1, want.size() - 2)] = segments[i];
  }
  return match;
}

Response NoRouteResponse(const RouteMatch& match, std::string_view path) {
  if (match.allowed.empty()) {
    return Response::Error(HttpStatus::kNotFound,
                           "no such endpoint: " + std::string(path));
  }
  std::string allow;
  for (Method m : match.allowed) {
    if (!allow.empty()) allow += ", ";
    allow += ToString(m);
  }
  return Response::Error(HttpStatus::kMethodNotAllowed,
                         "method not allowed here; allowed: " + allow)
      .WithHeader("Allow", allow);
}

}  // namespace openline::api
