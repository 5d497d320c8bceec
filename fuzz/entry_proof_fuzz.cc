// Fuzzes the entry-proof parser and verifier: a proof file is handed to a third
// party by one side, so neither its bytes nor its claims are trusted.
#include <cstdint>

#include "transcript/entry_proof.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto proof = openline::transcript::EntryProof::Parse(openline::ByteView(data, size));
  if (proof) {
    (void)openline::transcript::VerifyEntryProof(*proof);
    // What parses re-encodes to the same bytes: there is one encoding per proof.
    if (proof->Encode() != openline::Bytes(data, data + size)) __builtin_trap();
  }
  return 0;
}
