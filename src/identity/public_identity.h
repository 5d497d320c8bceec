// A station's public identity: its Ed25519 verify key and X25519 static key, and
// the one copy-pasteable string that carries both between organisations:
//
//   olid1<base32(sign_key[32] || dh_key[32] || checksum[4])>      (114 characters)
//
// The checksum is the first 4 bytes of SHA-256("openline/identity/v1" || keys), so a
// mistyped or truncated string is refused, never read as a different key (a random
// error slips through with probability 2^-32). Base32 is RFC 4648's alphabet in
// lower case, no padding; parsing accepts upper case and ignores spaces and dashes
// so a string read over the phone or wrapped in an e-mail still parses.
//
// Depends on: crypto/ (hash, key types), common/. Thread-safety: plain values.
#ifndef OPENLINE_IDENTITY_PUBLIC_IDENTITY_H_
#define OPENLINE_IDENTITY_PUBLIC_IDENTITY_H_

#include <string>
#include <string_view>

#include "common/result.h"
#include "crypto/ed25519.h"
#include "crypto/x25519.h"

namespace openline::identity {

inline constexpr std::string_view kIdentityPrefix = "olid1";
inline constexpr size_t kIdentityChecksumLen = 4;
// Longest input we will look at: the encoding plus generous separators.
inline constexpr size_t kMaxIdentityStringLen = 512;

struct PublicIdentity {
  crypto::Ed25519Public sign_key{};
  crypto::X25519Public dh_key{};

  std::string Encode() const;
  static Result<PublicIdentity> Parse(std::string_view text);

  // Total order by the encoded keys: used to name a link's two sides canonically.
  auto operator<=>(const PublicIdentity&) const = default;
  bool operator==(const PublicIdentity&) const = default;
};

}  // namespace openline::identity

#endif  // OPENLINE_IDENTITY_PUBLIC_IDENTITY_H_
