// Router: the table from (method, path pattern) to handler. Patterns are literal
// segments and "{name}" parameters ("/v1/messages/{id}"); a parameter matches one
// whole non-empty segment. Where two patterns match, the one with a literal at
// the first segment where they differ wins ("/v1/items/new" over
// "/v1/items/{id}"), whatever the order they were added in.
//
// A route is either a handler (synchronous: Response(const Request&), run on the
// session's strand of the server's executor, so it must not block for long) or
// a WebSocket event stream fed by a Broadcaster. Each route declares whether it
// needs authentication and its body limit.
//
// Depends on: api value types. Thread-safety: build the table, then hand it to
// the Server; Match() is const and safe from any thread.
#ifndef OPENLINE_API_ROUTER_H_
#define OPENLINE_API_ROUTER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/constants.h"
#include "api/http_types.h"
#include "api/request.h"
#include "api/response.h"

namespace openline::api {

class Broadcaster;

using Handler = std::function<Response(const Request&)>;

enum class Access { kPublic, kAuthenticated };

struct RouteOptions {
  Access access = Access::kAuthenticated;
  size_t body_limit = kDefaultBodyLimit;  // at most kMaxBodyLimit
};

struct Route {
  Method method = Method::kGet;
  std::string pattern;
  std::vector<std::string> segments;  // "{id}" stays as written
  RouteOptions options;
  Handler handler;                      // set for ordinary routes
  std::shared_ptr<Broadcaster> events;  // set for event streams
};

struct RouteMatch {
  const Route* route = nullptr;  // null: see `allowed`
  PathParams params;
  // When no route matched: the methods that would have matched the path, in
  // enum order (405 with Allow); empty means no pattern matched at all (404).
  std::vector<Method> allowed;
};

class Router {
 public:
  // Aborts (with a message on stderr) on a malformed pattern, a pattern that
  // duplicates another for the same method, or a body limit above
  // kMaxBodyLimit: routes are fixed in code, and a broken table must not serve.
  void Add(Method method, std::string_view pattern, Handler handler,
           RouteOptions options = {});
  void Get(std::string_view pattern, Handler handler, RouteOptions options = {});
  void Post(std::string_view pattern, Handler handler, RouteOptions options = {});
  // A WebSocket event stream at GET `pattern`; requests without an upgrade get
  // 426. Authentication (if the route needs it) happens before the upgrade.
  void AddEventStream(std::string_view pattern, std::shared_ptr<Broadcaster> events,
                      RouteOptions options = {});

  RouteMatch Match(Method method, const std::vector<std::string>& segments) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  void AddRoute(Route route);
  std::vector<Route> routes_;
};

// The 404 or 405 (with Allow) response for a failed match.
Response NoRouteResponse(const RouteMatch& match, std::string_view path);

}  // namespace openline::api

#endif  // OPENLINE_API_ROUTER_H_
