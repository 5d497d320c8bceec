// Fuzzes the notice body parser (wire/notice.h): bytes a peer, a relay or an
// imported file can put in front of us inside a notice envelope. Anything that
// parses must re-encode to exactly the same bytes, so the format has one encoding.
#include <cstdint>

#include "wire/notice.h"

using namespace openline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteView input(data, size);
  auto notice = wire::Notice::Parse(input);
  if (!notice) return 0;
  if (size != wire::kUnansweredNoticeLen) __builtin_trap();
  auto again = notice->Encode();
  if (!again || *again != Bytes(input.begin(), input.end())) __builtin_trap();
  (void)wire::ToString(notice->silence);
  (void)wire::Describe(notice->silence);
  return 0;
}
