// Hash functions, as libsodium provides them: SHA-256, SHA-512 and BLAKE2b-512.
// Hasher is the streaming form; Hash() the one-shot form. The Noise layer picks one
// by name (HASH in the protocol name); the transcript uses SHA-256 throughout so
// that RFC 6962 Merkle vectors apply unchanged.
//
// Depends on: common/, libsodium (in hash.cc). Thread-safety: a Hasher is a value.
#ifndef OPENLINE_CRYPTO_HASH_H_
#define OPENLINE_CRYPTO_HASH_H_

#include <memory>
#include <optional>
#include <string_view>

#include "common/bytes.h"

namespace openline::crypto {

enum class HashAlgorithm { kSha256, kSha512, kBlake2b };

inline constexpr size_t kMaxHashLen = 64;
inline constexpr size_t kSha256Len = 32;
using Sha256Digest = ByteArray<kSha256Len>;

size_t HashLen(HashAlgorithm alg);             // output bytes: 32 or 64
size_t BlockLen(HashAlgorithm alg);            // input block bytes, for HMAC: 64 or 128
std::string_view HashName(HashAlgorithm alg);  // as in Noise protocol names
std::optional<HashAlgorithm> HashFromName(std::string_view name);

class Hasher {
 public:
  explicit Hasher(HashAlgorithm alg);
  ~Hasher();
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  HashAlgorithm algorithm() const { return alg_; }
  Hasher& Update(ByteView data);
  // Writes HashLen(alg) bytes into out (which must be at least that long). The
  // hasher may not be used afterwards.
  void Final(std::span<uint8_t> out);
  Bytes Final();

 private:
  struct State;
  HashAlgorithm alg_;
  std::unique_ptr<State> state_;
};

Bytes Hash(HashAlgorithm alg, ByteView data);
Sha256Digest Sha256(ByteView data);

}  // namespace openline::crypto

#endif  // OPENLINE_CRYPTO_HASH_H_
