#include "crypto/password.h"

#include <array>
#include <charconv>

#include <sodium.h>

#include "crypto/random.h"

namespace openline::crypto {
namespace {

constexpr std::string_view kPrefix = "$argon2id$v=19$m=";
static_assert(kMaxPasswordHashChars + 1 == crypto_pwhash_STRBYTES);
static_assert(kMaxPasswordBytes <= crypto_pwhash_PASSWD_MAX);

// Reads the decimal number at s[pos] and moves past `then`; false if either is
// missing. Only digits: no sign, no spaces, no overflow.
bool ReadNumber(std::string_view s, size_t& pos, std::string_view then, uint64_t& out) {
  const char* begin = s.data() + pos;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(begin, end, out);
  if (ec != std::errc() || ptr == begin) return false;
  pos = static_cast<size_t>(ptr - s.data());
  if (s.substr(pos, then.size()) != then) return false;
  pos += then.size();
  return true;
}

// Checks the PHC header ourselves before libsodium sees the string: libsodium's
// verify would allocate whatever m= says, and its -1 does not tell a wrong
// password from a broken string.
Status CheckStoredHash(std::string_view hash) {
  if (hash.size() > kMaxPasswordHashChars) {
    return MakeError(ErrorCode::kMalformed,
                     "password hash of " + std::to_string(hash.size()) +
                         " chars exceeds " + std::to_string(kMaxPasswordHashChars));
  }
  if (hash.find('\0') != std::string_view::npos || !hash.starts_with(kPrefix)) {
    return MakeError(ErrorCode::kMalformed,
                     "password hash is not an argon2id v=19 string");
  }
  size_t pos = kPrefix.size();
  uint64_t m_kib = 0, t = 0, p = 0;
  if (!ReadNumber(hash, pos, ",t=", m_kib) || !ReadNumber(hash, pos, ",p=", t) ||
      !ReadNumber(hash, pos, "$", p)) {
    return MakeError(ErrorCode::kMalformed,
                     "password hash has a malformed m=,t=,p= header");
  }
  if (p != 1) {
    return MakeError(ErrorCode::kMalformed,
                     "password hash has p=" + std::to_string(p) + ", expected 1");
  }
  if (t > kMaxVerifyOpslimit || m_kib > kMaxVerifyMemlimit / 1024) {
    return MakeError(ErrorCode::kTooLarge,
                     "password hash asks for t=" + std::to_string(t) + ", m=" +
                         std::to_string(m_kib) + " KiB, beyond the verify limit");
  }
  return Ok();
}

Status CheckLimits(PasswordLimits limits) {
  if (limits.opslimit < crypto_pwhash_OPSLIMIT_MIN ||
      limits.opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      limits.memlimit < crypto_pwhash_MEMLIMIT_MIN ||
      limits.memlimit > crypto_pwhash_MEMLIMIT_MAX) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "argon2id limits out of range: opslimit " +
                         std::to_string(limits.opslimit) + ", memlimit " +
                         std::to_string(limits.memlimit));
  }
  return Ok();
}

// libsodium wants a NUL-terminated buffer of crypto_pwhash_STRBYTES.
std::array<char, crypto_pwhash_STRBYTES> Terminated(std::string_view hash) {
  std::array<char, crypto_pwhash_STRBYTES> buf{};
  hash.copy(buf.data(), buf.size() - 1);
  return buf;
}

}  // namespace

PasswordLimits PasswordLimits::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
PasswordLimits PasswordLimits::Moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
PasswordLimits PasswordLimits::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<SecretBytes> PasswordFromText(std::string_view text) {
  if (text.size() > kMaxPasswordBytes) {
    return MakeError(ErrorCode::kTooLarge, "password of " + std::to_string(text.size()) +
                                               " bytes exceeds " +
                                               std::to_string(kMaxPasswordBytes));
  }
  return SecretBytes(AsBytes(text));
}

Result<std::string> HashPassword(const SecretBytes& password, PasswordLimits limits) {
  EnsureSodium();
  OPENLINE_TRY(CheckLimits(limits));
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), reinterpret_cast<const char*>(password.data()),
                            password.size(), limits.opslimit, limits.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return MakeError(ErrorCode::kIo, "argon2id could not allocate " +
                                         std::to_string(limits.memlimit) + " bytes");
  }
  return std::string(out.data());
}

Result<bool> VerifyPassword(std::string_view hash, const SecretBytes& password) {
  EnsureSodium();
  OPENLINE_TRY(CheckStoredHash(hash));
  const auto buf = Terminated(hash);
  // After CheckStoredHash, -1 means a mismatch (or a salt/hash part that does not
  // decode, which cannot match any password either).
  return crypto_pwhash_str_verify(buf.data(),
                                  reinterpret_cast<const char*>(password.data()),
                                  password.size()) == 0;
}

Result<bool> NeedsRehash(std::string_view hash, PasswordLimits limits) {
  EnsureSodium();
  OPENLINE_TRY(CheckStoredHash(hash));
  const auto buf = Terminated(hash);
  const int r =
      crypto_pwhash_str_needs_rehash(buf.data(), limits.opslimit, limits.memlimit);
  if (r < 0) return MakeError(ErrorCode::kMalformed, "password hash does not decode");
  return r == 1;
}

}  // namespace openline::crypto
