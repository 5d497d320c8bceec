// Client: the CLI's side of the local API. Synchronous: each call opens a
// connection, sends one request with the station's bearer token, reads the
// answer and closes, all within one deadline (ClientOptions::timeout). Failures
// to talk to the station at all are errors as values with a message a person can
// act on ("cannot reach the station at 127.0.0.1:7100: connection refused (is
// `openline station` running?)"); an HTTP error status is not a failure here:
// it comes back as a ClientResponse whose body has the API's error shape.
//
// StreamEvents() follows the event stream over a WebSocket until the callback
// says stop or the stream ends (`openline watch`).
//
// Depends on: Beast/Asio (in client.cc only), nlohmann_json, common/result.h.
// Thread-safety: a Client holds no connection between calls; its const methods
// may be called from several threads at once.
#ifndef OPENLINE_API_CLIENT_H_
#define OPENLINE_API_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/constants.h"
#include "api/http_types.h"
#include "common/result.h"

namespace openline::api {

struct ClientOptions {
  std::string host = kDefaultAddress;  // numeric or a name ("localhost")
  uint16_t port = kDefaultPort;
  std::string token;  // the API token file's content; empty sends no Authorization
  std::chrono::milliseconds timeout = kClientTimeout;
};

struct ClientResponse {
  unsigned status = 0;
  nlohmann::json body;  // null when the response had no body or was not JSON
  std::string text;     // the body as sent, when it was not JSON (e.g. /metrics)

  bool ok() const { return status >= 200 && status < 300; }
  // error.code and error.message of the API's error shape, or "" if absent.
  std::string error_code() const;
  std::string error_message() const;
};

class Client {
 public:
  explicit Client(ClientOptions options);
  ~Client();  // wipes the token
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Result<ClientResponse> Get(std::string_view path) const;
  Result<ClientResponse> Post(std::string_view path, const nlohmann::json& body) const;
  // `body` may be null for no body.
  Result<ClientResponse> Send(Method method, std::string_view path,
                              const nlohmann::json* body) const;

  // Blocks, calling `on_event` with each event in order. Returns Ok once
  // `on_event` returns false (the stream is closed politely); an error when the
  // stream cannot be opened (unreachable, refused: the message carries the
  // station's reason) or ends by the station's or the network's doing.
  Status StreamEvents(const std::function<bool(const nlohmann::json&)>& on_event,
                      std::string_view path = "/v1/events") const;

  // "127.0.0.1:7100", "[::1]:7100": how messages and the Host field name it.
  std::string Where() const;

 private:
  ClientOptions options_;
};

}  // namespace openline::api

#endif  // OPENLINE_API_CLIENT_H_
