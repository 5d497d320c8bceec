// ServerContext: what every session of one server shares: its options, the
// dispatcher (router + authenticator) and the session registry. Sessions hold it
// by shared_ptr, so a session that outlives the Server object still has valid
// routes and handlers to finish with.
//
// Depends on: api/dispatcher.h, api/session_registry.h. Thread-safety: const
// after construction except the registry, which is thread-safe.
#ifndef OPENLINE_API_SERVER_CONTEXT_H_
#define OPENLINE_API_SERVER_CONTEXT_H_

#include <memory>

#include "api/dispatcher.h"
#include "api/server_options.h"
#include "api/session_registry.h"

namespace openline::api {

struct ServerContext {
  ServerOptions options;
  Dispatcher dispatcher;
  std::shared_ptr<SessionRegistry> registry;
};

}  // namespace openline::api

#endif  // OPENLINE_API_SERVER_CONTEXT_H_
