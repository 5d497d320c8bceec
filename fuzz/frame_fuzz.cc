// Fuzzes the stream frame decoder: arbitrary stream bytes, fed in chunks whose
// sizes the first input byte chooses. Checks the buffering bound.
#include <cstdint>

#include "wire/constants.h"
#include "wire/frame.h"

using namespace openline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t chunk = size_t{data[0]} + 1;
  ByteView rest(data + 1, size - 1);
  wire::FrameDecoder decoder;
  while (!rest.empty()) {
    auto used = decoder.Feed(rest.first(std::min(chunk, rest.size())));
    if (!used) return 0;
    if (decoder.buffered() > wire::kMaxFrameLen) __builtin_trap();
    rest = rest.subspan(*used);
    if (auto frame = decoder.Next()) {
      if (frame->empty() || frame->size() > wire::kMaxFrameLen) __builtin_trap();
    }
  }
  return 0;
}
