// Frame I/O for the handshake phase: reading one frame whose length is known
// in advance (message 1 is exactly kInitiationLen bytes, message 2 exactly
// kResponseLen) and writing one frame. The reader checks the 2-byte length
// prefix before reading anything more, so garbage, a giant length prefix or a
// zero-length frame is refused after two bytes and never buffered; and it reads
// exactly the frame (no read-ahead), so the bytes after it stay in the socket
// for the Connection that takes over. Established connections read frames with
// wire::FrameDecoder instead (connection.cc).
//
// Depends on: net/io.h, wire/frame.h. Thread-safety: the socket's executor.
// The socket must outlive the awaited operation.
#ifndef OPENLINE_NET_FRAME_IO_H_
#define OPENLINE_NET_FRAME_IO_H_

#include <cstddef>

#include "common/bytes.h"
#include "common/result.h"
#include "net/io.h"

namespace openline::net {

// kMalformed if the prefix announces another length, kIo on a socket error or
// end of stream.
Awaitable<Result<Bytes>> ReadExactFrame(tcp::socket& socket, size_t payload_len);
// kInvalidArgument for an empty or oversized payload, kIo on a socket error.
Awaitable<Status> WriteFrame(tcp::socket& socket, ByteView payload);

}  // namespace openline::net

#endif  // OPENLINE_NET_FRAME_IO_H_
