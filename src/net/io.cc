#include "net/io.h"

#include <atomic>
#include <string>

namespace openline::net {
namespace {

std::atomic<uint64_t> unexpected_exceptions{0};

}  // namespace

Error AsioError(const ErrorCodeT& ec, std::string_view context) {
  return Error{ErrorCode::kIo, std::string(context) + ": " + ec.message()};
}

uint64_t UnexpectedExceptions() { return unexpected_exceptions.load(); }
void CountUnexpectedException() { unexpected_exceptions.fetch_add(1); }

}  // namespace openline::net
