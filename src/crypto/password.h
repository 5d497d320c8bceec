// Operator passwords at rest: Argon2id (RFC 9106) through libsodium's
// crypto_pwhash_str_alg, stored as the self-describing PHC string
// "$argon2id$v=19$m=<KiB>,t=<passes>,p=1$<salt>$<hash>". The string carries its own
// salt and cost, so raising the cost later only needs NeedsRehash at the next
// successful login.
//
// Password bytes live in SecretBytes (wiped when dropped), which caps them at
// kMaxPasswordBytes. Stored hash strings are treated as untrusted input: one whose
// cost exceeds kMaxVerifyMemlimit/kMaxVerifyOpslimit is refused before libsodium
// allocates for it, so a corrupted store cannot make a login allocate gigabytes.
//
// Depends on: common/, crypto/secret.h; libsodium (in password.cc).
// Thread-safety: pure functions, safe from any thread (each call may use memlimit
// bytes of memory and tens of milliseconds of CPU at the interactive limits).
#ifndef OPENLINE_CRYPTO_PASSWORD_H_
#define OPENLINE_CRYPTO_PASSWORD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "crypto/secret.h"

namespace openline::crypto {

// SecretBytes' capacity; NIST SP 800-63B asks verifiers to accept at least 64.
inline constexpr size_t kMaxPasswordBytes = kMaxSecretBytes;
// crypto_pwhash_STRBYTES including its NUL; longer stored strings are malformed.
inline constexpr size_t kMaxPasswordHashChars = 127;
// The most a stored hash may ask Verify for (libsodium's "sensitive" level).
inline constexpr uint64_t kMaxVerifyOpslimit = 4;
inline constexpr size_t kMaxVerifyMemlimit = size_t{1} << 30;

// Argon2id cost: passes over memory and bytes of memory.
struct PasswordLimits {
  uint64_t opslimit = 0;
  size_t memlimit = 0;

  static PasswordLimits Interactive();  // 2 passes, 64 MiB: the default
  static PasswordLimits Moderate();     // 3 passes, 256 MiB
  static PasswordLimits Minimum();      // 1 pass, 8 KiB: tests only, never production
};

// Copies a typed password into SecretBytes; kTooLarge beyond kMaxPasswordBytes.
Result<SecretBytes> PasswordFromText(std::string_view text);

// A fresh random salt each call, so two hashes of one password differ.
// kInvalidArgument for limits outside libsodium's range, kIo when libsodium cannot
// allocate memlimit bytes.
Result<std::string> HashPassword(const SecretBytes& password,
                                 PasswordLimits limits = PasswordLimits::Interactive());

// true when `password` matches `hash`, false when it does not. An error only for a
// `hash` that is not an Argon2id string we accept (kMalformed) or asks for more
// than the kMaxVerify* cost (kTooLarge): a store problem, not a wrong password.
Result<bool> VerifyPassword(std::string_view hash, const SecretBytes& password);

// true when `hash` was made with other limits than `limits` (re-hash it after the
// next successful Verify); kMalformed when it is not an Argon2id string.
Result<bool> NeedsRehash(std::string_view hash,
                         PasswordLimits limits = PasswordLimits::Interactive());

}  // namespace openline::crypto

#endif  // OPENLINE_CRYPTO_PASSWORD_H_
