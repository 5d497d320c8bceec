// Fuzzes the envelope parser and the receipt, checkpoint and notice body parsers
// (notice_fuzz has the notice parser alone): bytes a peer, a relay or an imported
// file can put in front of us.
#include <cstdint>

#include "wire/checkpoint.h"
#include "wire/envelope.h"
#include "wire/notice.h"
#include "wire/receipt.h"

using namespace openline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteView input(data, size);
  auto env = wire::SignedEnvelope::Parse(input);
  if (env) {
    (void)env->VerifySignature();
    // A parsed envelope keeps its exact bytes.
    if (env->bytes().size() != size) __builtin_trap();
    (void)wire::Receipt::Parse(env->fields().body);
    (void)wire::Checkpoint::Parse(env->fields().body);
    (void)wire::Notice::Parse(env->fields().body);
  }
  if (auto rc = wire::Receipt::Parse(input)) {
    auto again = rc->Encode();
    if (!again || *again != Bytes(input.begin(), input.end())) __builtin_trap();
  }
  if (auto cp = wire::Checkpoint::Parse(input)) {
    auto again = cp->Encode();
    if (!again || *again != Bytes(input.begin(), input.end())) __builtin_trap();
  }
  return 0;
}
