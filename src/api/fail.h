// Fail: the one sink for I/O errors in the server and its sessions (Beast's
// `fail(ec, what)`). Errors that only mean "this connection is over" (the peer
// closed, we cancelled or closed it ourselves, a WebSocket close) are expected
// and ignored; anything else is reported on stderr with what was being done.
//
// Depends on: boost/system. Thread-safety: safe from any thread.
#ifndef OPENLINE_API_FAIL_H_
#define OPENLINE_API_FAIL_H_

#include <string_view>

#include <boost/system/error_code.hpp>

namespace openline::api {

// True for errors that are a normal end of a connection.
bool IsExpectedClose(const boost::system::error_code& ec);

void Fail(const boost::system::error_code& ec, std::string_view what);

}  // namespace openline::api

#endif  // OPENLINE_API_FAIL_H_
