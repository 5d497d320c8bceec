#include "wire/frame.h"

#include <algorithm>

#include "wire/constants.h"

namespace openline::wire {

Result<Bytes> EncodeFrame(ByteView payload) {
  if (payload.empty() || payload.size() > kMaxFrameLen) {
    return MakeError(ErrorCode::kInvalidArgument, "frame payload of " +
                                                      std::to_string(payload.size()) +
                                                      " bytes (must be 1..65535)");
  }
  Bytes out;
  out.reserve(kFrameHeaderLen + payload.size());
  out.push_back(static_cast<uint8_t>(payload.size() >> 8));
  out.push_back(static_cast<uint8_t>(payload.size()));
  Append(out, payload);
  return out;
}

Result<size_t> FrameDecoder::Feed(ByteView data) {
  if (failed_) return MakeError(ErrorCode::kState, "stream already failed framing");
  size_t used = 0;
  while (used < data.size() && !ready_) {
    if (want_ == 0) {
      // Reading the two header bytes.
      buffer_.push_back(data[used++]);
      if (buffer_.size() == kFrameHeaderLen) {
        want_ = (size_t{buffer_[0]} << 8) | buffer_[1];
        buffer_.clear();
        if (want_ == 0) {
          failed_ = true;
          return MakeError(ErrorCode::kMalformed, "zero-length frame");
        }
        buffer_.reserve(want_);
      }
      continue;
    }
    size_t take = std::min(want_ - buffer_.size(), data.size() - used);
    buffer_.insert(buffer_.end(), data.begin() + static_cast<std::ptrdiff_t>(used),
                   data.begin() + static_cast<std::ptrdiff_t>(used + take));
    used += take;
    if (buffer_.size() == want_) {
      ready_ = std::move(buffer_);
      buffer_ = Bytes();
      want_ = 0;
    }
  }
  return used;
}

std::optional<Bytes> FrameDecoder::Next() {
  std::optional<Bytes> out = std::move(ready_);
  ready_.reset();
  return out;
}

}  // namespace openline::wire
