#include "net/frame_io.h"

#include <array>
#include <string>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "wire/constants.h"
#include "wire/frame.h"

namespace openline::net {

Awaitable<Result<Bytes>> ReadExactFrame(tcp::socket& socket, size_t payload_len) {
  std::array<uint8_t, wire::kFrameHeaderLen> header{};
  auto [ec, n] = co_await asio::async_read(socket, asio::buffer(header), kUseTuple);
  if (ec) co_return tl::unexpected(AsioError(ec, "reading frame header"));
  const size_t announced = (size_t{header[0]} << 8) | header[1];
  if (announced != payload_len) {
    co_return MakeError(ErrorCode::kMalformed,
                        "frame of " + std::to_string(announced) + " bytes where " +
                            std::to_string(payload_len) + " were expected");
  }
  Bytes payload(payload_len);
  std::tie(ec, n) = co_await asio::async_read(socket, asio::buffer(payload), kUseTuple);
  if (ec) co_return tl::unexpected(AsioError(ec, "reading frame"));
  co_return payload;
}

Awaitable<Status> WriteFrame(tcp::socket& socket, ByteView payload) {
  auto frame = wire::EncodeFrame(payload);
  if (!frame) co_return tl::unexpected(std::move(frame).error());
  auto [ec, n] = co_await asio::async_write(socket, asio::buffer(*frame), kUseTuple);
  if (ec) co_return tl::unexpected(AsioError(ec, "writing frame"));
  co_return Ok();
}

}  // namespace openline::net
