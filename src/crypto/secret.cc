#include "crypto/secret.h"

#include <sodium.h>

namespace openline::crypto {

void Wipe(void* data, size_t size) { sodium_memzero(data, size); }

bool ConstantTimeEqual(ByteView a, ByteView b) {
  // The length is public; only the contents are compared in constant time.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace openline::crypto
