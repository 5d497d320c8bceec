#include "api/fail.h"

#include <cstdio>
#include <string>

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

namespace openline::api {

bool IsExpectedClose(const boost::system::error_code& ec) {
  namespace error = boost::asio::error;
  return ec == error::operation_aborted || ec == error::eof ||
         ec == error::connection_reset || ec == error::broken_pipe ||
         ec == error::not_connected || ec == error::bad_descriptor ||
         ec == boost::beast::http::error::end_of_stream ||
         ec == boost::beast::websocket::error::closed;
}

void Fail(const boost::system::error_code& ec, std::string_view what) {
  if (!ec || IsExpectedClose(ec)) return;
  std::string line = "api: " + std::string(what) + ": " + ec.message() + "\n";
  std::fputs(line.c_str(), stderr);  // one call, so lines from threads do not interleave
}

}  // namespace openline::api
