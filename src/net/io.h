// Our one window onto Boost.Asio: the headers, short aliases, the adaptor that
// turns a boost::system::error_code into an openline Error (leveldb's
// PosixError, one per edge), and Spawn(), the only way net/ starts a coroutine.
//
// Errors are values here as everywhere: every asynchronous operation is awaited
// with kUseTuple (boost::asio::as_tuple), which hands back the error_code
// instead of throwing. Spawn's completion handler swallows (and counts) any
// exception that still escapes a coroutine (std::bad_alloc is the only one we
// know of), so none can unwind through io_context::run().
//
// Depends on: Boost.Asio (header-only), common/result.h. Thread-safety:
// UnexpectedExceptions() is atomic; the rest are stateless helpers.
#ifndef OPENLINE_NET_IO_H_
#define OPENLINE_NET_IO_H_

#include <cstdint>
#include <exception>
#include <string_view>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/error_code.hpp>

#include "common/result.h"

namespace openline::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using ErrorCodeT = boost::system::error_code;
template <class T>
using Awaitable = asio::awaitable<T>;

// co_await op(..., kUseTuple) yields std::tuple<error_code, ...>; never throws.
inline constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// "context: message" with ErrorCode::kIo.
Error AsioError(const ErrorCodeT& ec, std::string_view context);

// Exceptions that escaped a spawned coroutine since the process started. Tests
// assert it stays 0.
uint64_t UnexpectedExceptions();
void CountUnexpectedException();

// Starts `awaitable` on `executor`, detached: the coroutine keeps whatever it
// needs alive itself (its parameters, e.g. a shared_ptr to its object).
template <class Executor, class T>
void Spawn(const Executor& executor, Awaitable<T> awaitable) {
  asio::co_spawn(executor, std::move(awaitable), [](std::exception_ptr e, auto&&...) {
    if (e) CountUnexpectedException();
  });
}

}  // namespace openline::net

#endif  // OPENLINE_NET_IO_H_
