// Dispatcher: everything between Beast's parsed request and a handler, with no
// socket, so the server, the fuzz target and the tests share one path. It works
// in two steps because the server must decide about a request before reading
// its body:
//
//   Admit(head)   once the header is parsed: the target (api/target.h), the
//                 Host field, the route (404/405), authentication (401), the
//                 media type (415) and the declared length against the route's
//                 body limit (413). Nothing here reads or buffers a body.
//   Handle(...)   once the body is in: JSON parsing (400), then the handler.
//
// Render() turns a Response into Beast's message with the server's fixed
// header fields. Every error is the one JSON error shape (api/response.h).
//
// Depends on: Beast's HTTP message types (not Asio), the router, the
// authenticator. Thread-safety: const after construction; Admit and Handle may
// run concurrently on different sessions (handlers then run concurrently too if
// the server's executor has several threads).
#ifndef OPENLINE_API_DISPATCHER_H_
#define OPENLINE_API_DISPATCHER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>
#include <tl/expected.hpp>

#include "api/authenticator.h"
#include "api/request.h"
#include "api/response.h"
#include "api/router.h"
#include "api/target.h"

namespace openline::api {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// A request that passed the header checks, waiting for its body.
struct Admission {
  const Route* route = nullptr;
  Method method = Method::kGet;
  Target target;
  PathParams params;
  Principal principal;
  std::string peer_address;  // set by the server from the socket
};

class Dispatcher {
 public:
  // `allowed_hosts`: the Host field values (host part, case-insensitive, any
  // port) the server answers; empty accepts any. A loopback server lists its
  // loopback names, so a page on another origin that rebinds its DNS name to
  // 127.0.0.1 gets 421 instead of an answer.
  Dispatcher(std::shared_ptr<const Router> router,
             std::shared_ptr<const Authenticator> authenticator,
             std::vector<std::string> allowed_hosts);

  // `head` needs only its header; `content_length` and `chunked` are what the
  // parser learned from it.
  tl::expected<Admission, Response> Admit(const HttpRequest& head,
                                          std::optional<uint64_t> content_length,
                                          bool chunked) const;

  // Parses the body and runs the route's handler (not for event streams).
  Response Handle(Admission admission, const HttpRequest& request) const;

  static HttpResponse Render(const Response& response, unsigned version, bool keep_alive);

 private:
  bool HostAllowed(const HttpRequest& head) const;

  std::shared_ptr<const Router> router_;
  std::shared_ptr<const Authenticator> authenticator_;
  std::vector<std::string> allowed_hosts_;
};

// The response owed for a Beast read error (header too large: 431, body too
// large: 413, a malformed message: 400), or nullopt when the error means the
// client is gone or too slow and gets no answer.
std::optional<Response> ReadErrorResponse(const boost::system::error_code& ec);

// The host part of a Host field value: "[::1]:7100" -> "[::1]", "a:1" -> "a".
std::string_view HostPart(std::string_view host);

}  // namespace openline::api

#endif  // OPENLINE_API_DISPATCHER_H_
