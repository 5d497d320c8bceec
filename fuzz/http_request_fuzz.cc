// Fuzzes the API's request path without a socket: arbitrary bytes go through
// Beast's request parser with the server's limits, then the same two steps the
// server takes (Dispatcher::Admit on the header, the route's body limit,
// Dispatcher::Handle on the body) against a small route table, and the answer is
// rendered. The first input byte picks how the bytes are chunked, since the
// parser sees a network stream in arbitrary pieces. Checks: nothing crashes or
// throws, every non-2xx answer has the one error shape, every answer renders.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string_view>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

#include "api/authenticator.h"
#include "api/broadcaster.h"
#include "api/constants.h"
#include "api/dispatcher.h"
#include "api/router.h"

using namespace openline::api;
namespace http = boost::beast::http;

namespace {

const Dispatcher& TheDispatcher() {
  static const Dispatcher* dispatcher = [] {
    auto router = std::make_shared<Router>();
    router->Get("/v1/health",
                [](const Request&) {
                  return Response::Json({{"status", "ok"}});
                },
                {.access = Access::kPublic});
    router->Post("/v1/echo", [](const Request& req) { return Response::Json(req.body); });
    router->Get("/v1/items/{id}", [](const Request& req) {
      return Response::Json(
          {{"id", req.Param("id")}, {"q", req.Query("q").value_or("")}});
    });
    router->Post("/v1/small", [](const Request& req) { return Response::Json(req.body); },
                 {.body_limit = 64});
    router->Post("/v1/typed", [](const Request& req) {
      return Response::Json({{"twice", 2 * req.body.at("count").get<int>()}});
    });
    router->AddEventStream("/v1/events", std::make_shared<Broadcaster>());
    auto auth = BearerTokenAuthenticator::Create("fuzz-token-0123456789abcdef");
    if (!auth) std::abort();
    return new Dispatcher(router, std::shared_ptr<const Authenticator>(std::move(*auth)),
                          {"localhost", "127.0.0.1"});
  }();
  return *dispatcher;
}

void CheckAnswer(const Response& response) {
  unsigned status = ToInt(response.status);
  if (status >= 400) {
    const auto& body = response.body;
    if (!body.is_object() || body.size() != 1 || !body.contains("error") ||
        !body["error"]["code"].is_string() || !body["error"]["message"].is_string()) {
      __builtin_trap();
    }
  }
  HttpResponse rendered = Dispatcher::Render(response, 11, true);
  if (rendered.result_int() < 100 || rendered.result_int() > 599) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t chunk = size_t{data[0]} + 1;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const Dispatcher& dispatcher = TheDispatcher();

  http::request_parser<http::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kMaxBodyLimit);
  parser.eager(false);
  std::optional<Admission> admission;
  boost::system::error_code ec;
  while (!parser.is_done()) {
    if (rest.empty()) return 0;  // the client would still be sending
    size_t used =
        parser.put(boost::asio::buffer(rest.data(), std::min(chunk, rest.size())), ec);
    if (ec == http::error::need_more) {
      // Beast wants the whole header in one buffer; a server keeps buffering.
      if (chunk >= rest.size()) return 0;
      chunk = std::min(rest.size(), chunk * 2);
      ec = {};
      continue;
    }
    if (ec) {
      if (auto response = ReadErrorResponse(ec)) CheckAnswer(*response);
      return 0;
    }
    if (used == 0) {  // defensive: never spin on a parser that takes nothing
      if (chunk >= rest.size()) return 0;
      chunk = std::min(rest.size(), chunk * 2);
      continue;
    }
    rest.remove_prefix(used);
    if (parser.is_header_done() && !admission) {
      std::optional<uint64_t> length;
      if (auto declared = parser.content_length()) length = *declared;
      auto admitted = dispatcher.Admit(parser.get(), length, parser.chunked());
      if (!admitted) {
        CheckAnswer(admitted.error());
        return 0;
      }
      if (admitted->route->events) return 0;  // the upgrade belongs to Beast's websocket
      parser.body_limit(admitted->route->options.body_limit);
      admission = *std::move(admitted);
    }
  }
  if (!admission) return 0;
  CheckAnswer(dispatcher.Handle(*std::move(admission), parser.get()));
  return 0;
}
