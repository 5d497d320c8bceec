// Fuzzes the whole offline verifier: export-file parsing, entry parsing, causal
// merge, every transcript rule and the summary. A file from an incident can come
// from anyone; `openline verify` must answer, never crash.
#include <cstdint>

#include "transcript/verifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto report = openline::transcript::VerifyExport(openline::ByteView(data, size));
  (void)report;
  return 0;
}
