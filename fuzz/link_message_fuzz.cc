// Fuzzes the link message parser: the first thing a peer's decrypted bytes meet.
#include <cstdint>

#include "wire/link_message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto m = openline::wire::ParseLinkMessage(openline::ByteView(data, size));
  if (m && openline::wire::EncodeLinkMessage(*m) != openline::Bytes(data, data + size)) {
    __builtin_trap();  // one encoding per message
  }
  return 0;
}
