#include "api/dispatcher.h"

#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "api/constants.h"
#include "api/json_body.h"

namespace openline::api {
namespace http = boost::beast::http;

namespace {

Method FromVerb(http::verb verb) {
  switch (verb) {
    case http::verb::get:
      return Method::kGet;
    case http::verb::head:
      return Method::kHead;
    case http::verb::post:
      return Method::kPost;
    case http::verb::put:
      return Method::kPut;
    case http::verb::patch:
      return Method::kPatch;
    case http::verb::delete_:
      return Method::kDelete;
    case http::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsJsonMediaType(std::string_view content_type) {
  return EqualsIgnoreCase(Trim(content_type.substr(0, content_type.find(';'))),
                          kJsonContentType);
}

// Header fields a handler may not set: the server frames the message itself.
bool IsServerOwned(std::string_view name) {
  for (std::string_view owned : {"Content-Type", "Content-Length", "Connection",
                                 "Transfer-Encoding", "Upgrade", "Server"}) {
    if (EqualsIgnoreCase(name, owned)) return true;
  }
  return false;
}

bool HasForbiddenByte(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

}  // namespace

std::string_view HostPart(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    return close == std::string_view::npos ? host : host.substr(0, close + 1);
  }
  return host.substr(0, host.find(':'));
}

Dispatcher::Dispatcher(std::shared_ptr<const Router> router,
                       std::shared_ptr<const Authenticator> authenticator,
                       std::vector<std::string> allowed_hosts)
    : router_(std::move(router)),
      authenticator_(std::move(authenticator)),
      allowed_hosts_(std::move(allowed_hosts)) {}

bool Dispatcher::HostAllowed(const HttpRequest& head) const {
  if (allowed_hosts_.empty()) return true;
  auto it = head.find(http::field::host);
  if (it == head.end()) return head.version() < 11;  // HTTP/1.0 may omit it
  std::string_view host = HostPart(Trim(it->value()));
  for (const std::string& allowed : allowed_hosts_) {
    if (EqualsIgnoreCase(host, allowed)) return true;
  }
  return false;
}

tl::expected<Admission, Response> Dispatcher::Admit(
    const HttpRequest& head, std::optional<uint64_t> content_length, bool chunked) const {
  auto target = ParseTarget(head.target());
  if (!target) return tl::unexpected(std::move(target).error());
  if (head.version() >= 11 && head.count(http::field::host) != 1) {
    return tl::unexpected(Response::Error(HttpStatus::kBadRequest,
                                          "HTTP/1.1 needs exactly one Host header"));
  }
  if (!HostAllowed(head)) {
    return tl::unexpected(Response::Error(HttpStatus::kMisdirectedRequest,
                                          "this server does not answer for that Host"));
  }

  Admission admission;
  admission.method = FromVerb(head.method());
  RouteMatch match = router_->Match(admission.method, target->segments);
  if (match.route == nullptr) return tl::unexpected(NoRouteResponse(match, target->path));
  admission.route = match.route;
  admission.params = std::move(match.params);
  admission.target = *std::move(target);

  if (admission.route->options.access == Access::kAuthenticated) {
    Headers headers;
    for (const auto& field : head) {
      headers.Add(std::string(field.name_string()), std::string(field.value()));
    }
    AuthResult principal = authenticator_->Authenticate(admission.method, headers);
    if (!principal) return tl::unexpected(std::move(principal).error());
    admission.principal = *std::move(principal);
  }

  bool has_body = chunked || content_length.value_or(0) > 0;
  if (admission.route->events) {
    if (has_body) {
      return tl::unexpected(Response::Error(HttpStatus::kBadRequest,
                                            "an event stream request has no body"));
    }
    if (!boost::beast::websocket::is_upgrade(head)) {
      return tl::unexpected(Response::Error(HttpStatus::kUpgradeRequired,
                                            "this is a WebSocket endpoint; upgrade to it")
                                .WithHeader("Upgrade", "websocket"));
    }
    return admission;
  }
  if (has_body) {
    auto type = head.find(http::field::content_type);
    if (type == head.end() || !IsJsonMediaType(type->value())) {
      return tl::unexpected(Response::Error(HttpStatus::kUnsupportedMediaType,
                                            "request bodies must be application/json"));
    }
  }
  size_t limit = admission.route->options.body_limit;
  if (content_length && *content_length > limit) {
    return tl::unexpected(Response::Error(HttpStatus::kPayloadTooLarge,
                                          "body of " + std::to_string(*content_length) +
                                              " bytes exceeds this endpoint's limit of " +
                                              std::to_string(limit)));
  }
  return admission;
}

Response Dispatcher::Handle(Admission admission, const HttpRequest& request) const {
  auto body = ParseJsonBody(request.body());
  if (!body)
    return Response::Error(HttpStatus::kBadRequest, "bad_json", body.error().message);

  Request req;
  req.method = admission.method;
  req.path = std::move(admission.target.path);
  req.params = std::move(admission.params);
  req.query = std::move(admission.target.query);
  for (const auto& field : request) {
    req.headers.Add(std::string(field.name_string()), std::string(field.value()));
  }
  req.body = *std::move(body);
  req.principal = std::move(admission.principal);
  req.peer_address = std::move(admission.peer_address);

  try {
    return admission.route->handler(req);
  } catch (const nlohmann::json::exception& e) {
    // Handlers read the parsed body with at() and get<T>(), which throw when a
    // field is missing or has the wrong type: that is the request's fault.
    return Response::Error(HttpStatus::kBadRequest, "bad_request",
                           std::string("request body: ") + e.what());
  }
}

HttpResponse Dispatcher::Render(const Response& response, unsigned version,
                                bool keep_alive) {
  unsigned status = ToInt(response.status);
  // Beast throws on codes above 999; a handler bug becomes a 500, not a crash.
  if (status < 100 || status > 599) status = ToInt(HttpStatus::kInternalServerError);
  HttpResponse res;
  res.version(version);
  res.result(status);
  res.set(http::field::server, "openline");
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : response.headers) {
    if (name.empty() || HasForbiddenByte(name) || HasForbiddenByte(value) ||
        IsServerOwned(name)) {
      continue;
    }
    res.insert(name, value);
  }
  if (response.status != HttpStatus::kNoContent && response.text) {
    res.set(http::field::content_type, response.text->first);
    res.body() = response.text->second;
  } else if (response.status != HttpStatus::kNoContent) {
    res.set(http::field::content_type, kJsonContentType);
    res.body() = DumpJson(response.body);
  }

  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

std::optional<Response> ReadErrorResponse(const boost::system::error_code& ec) {
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return Response::Error(
        HttpStatus::kHeaderFieldsTooLarge,
        "request header exceeds " + std::to_string(kHeaderLimit) + " bytes");
  }
  if (ec == http::error::body_limit) {
    return Response::Error(HttpStatus::kPayloadTooLarge,
                           "request body exceeds this endpoint's limit");
  }
  if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
      ec == http::error::need_more ||
      ec.category() != http::make_error_code(http::error::bad_target).category()) {
    return std::nullopt;  // the client left or timed out: nobody to answer
  }
  return Response::Error(HttpStatus::kBadRequest,
                         "malformed HTTP request: " + ec.message());
}

}  // namespace openline::api
