// Framing of transport messages on a byte stream (TCP, relay): each frame is a
// u16 big-endian length followed by that many bytes (one Noise message). The
// decoder is incremental and bounded: it never buffers more than one maximal frame
// plus its header, and a zero length is an error (a peer cannot make us spin).
//
// Depends on: common/, wire/constants.h. Thread-safety: one decoder per stream.
#ifndef OPENLINE_WIRE_FRAME_H_
#define OPENLINE_WIRE_FRAME_H_

#include <optional>

#include "common/bytes.h"
#include "common/result.h"

namespace openline::wire {

Result<Bytes> EncodeFrame(ByteView payload);

class FrameDecoder {
 public:
  // Appends stream bytes. Returns how many were consumed: it stops at the end of
  // the first complete frame so the caller can take it with Next() and call again.
  // Fails on a zero-length frame; the stream is then unusable.
  Result<size_t> Feed(ByteView data);
  // The completed frame, if any; clears it.
  std::optional<Bytes> Next();
  // Bytes held for an incomplete frame (for flow-control accounting).
  size_t buffered() const { return buffer_.size(); }

 private:
  Bytes buffer_;
  size_t want_ = 0;  // payload length of the frame being read, 0 while reading header
  std::optional<Bytes> ready_;
  bool failed_ = false;  // after a framing error every later Feed fails
};

}  // namespace openline::wire

#endif  // OPENLINE_WIRE_FRAME_H_
