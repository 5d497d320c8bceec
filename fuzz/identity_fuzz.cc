// Fuzzes the two parsers of identity/: the public identity string (pasted by a
// person from another organisation) and the key file text.
#include <cstdint>
#include <string_view>

#include "identity/key_file.h"
#include "identity/public_identity.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto id = openline::identity::PublicIdentity::Parse(text);
  if (id) {
    // Whatever parses must re-encode to a string that parses to the same keys.
    auto again = openline::identity::PublicIdentity::Parse(id->Encode());
    if (!again || !(*again == *id)) __builtin_trap();
  }
  (void)openline::identity::ParseKeyFile(text);
  return 0;
}
