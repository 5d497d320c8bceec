#include "crypto/hash.h"

#include <cassert>

#include <sodium.h>

#include "crypto/random.h"
#include "crypto/secret.h"

namespace openline::crypto {

struct Hasher::State {
  union {
    crypto_hash_sha256_state sha256;
    crypto_hash_sha512_state sha512;
    crypto_generichash_state blake2b;
  };
};

size_t HashLen(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::kSha256:
      return crypto_hash_sha256_BYTES;
    case HashAlgorithm::kSha512:
      return crypto_hash_sha512_BYTES;
    case HashAlgorithm::kBlake2b:
      return crypto_generichash_BYTES_MAX;
  }
  return 0;
}

size_t BlockLen(HashAlgorithm alg) { return alg == HashAlgorithm::kSha256 ? 64 : 128; }

std::string_view HashName(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::kSha256:
      return "SHA256";
    case HashAlgorithm::kSha512:
      return "SHA512";
    case HashAlgorithm::kBlake2b:
      return "BLAKE2b";
  }
  return "?";
}

std::optional<HashAlgorithm> HashFromName(std::string_view name) {
  if (name == "SHA256") return HashAlgorithm::kSha256;
  if (name == "SHA512") return HashAlgorithm::kSha512;
  if (name == "BLAKE2b") return HashAlgorithm::kBlake2b;
  return std::nullopt;
}

Hasher::Hasher(HashAlgorithm alg) : alg_(alg), state_(std::make_unique<State>()) {
  EnsureSodium();
  switch (alg_) {
    case HashAlgorithm::kSha256:
      crypto_hash_sha256_init(&state_->sha256);
      break;
    case HashAlgorithm::kSha512:
      crypto_hash_sha512_init(&state_->sha512);
      break;
    case HashAlgorithm::kBlake2b:
      crypto_generichash_init(&state_->blake2b, nullptr, 0, crypto_generichash_BYTES_MAX);
      break;
  }
}

Hasher::~Hasher() {
  // The state of an HMAC inner hash holds key-derived bytes: wipe it.
  if (state_) Wipe(state_.get(), sizeof(State));
}
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

Hasher& Hasher::Update(ByteView data) {
  switch (alg_) {
    case HashAlgorithm::kSha256:
      crypto_hash_sha256_update(&state_->sha256, data.data(), data.size());
      break;
    case HashAlgorithm::kSha512:
      crypto_hash_sha512_update(&state_->sha512, data.data(), data.size());
      break;
    case HashAlgorithm::kBlake2b:
      crypto_generichash_update(&state_->blake2b, data.data(), data.size());
      break;
  }
  return *this;
}

void Hasher::Final(std::span<uint8_t> out) {
  assert(out.size() >= HashLen(alg_));
  switch (alg_) {
    case HashAlgorithm::kSha256:
      crypto_hash_sha256_final(&state_->sha256, out.data());
      break;
    case HashAlgorithm::kSha512:
      crypto_hash_sha512_final(&state_->sha512, out.data());
      break;
    case HashAlgorithm::kBlake2b:
      crypto_generichash_final(&state_->blake2b, out.data(),
                               crypto_generichash_BYTES_MAX);
      break;
  }
}

Bytes Hasher::Final() {
  Bytes out(HashLen(alg_));
  Final(out);
  return out;
}

Bytes Hash(HashAlgorithm alg, ByteView data) { return Hasher(alg).Update(data).Final(); }

Sha256Digest Sha256(ByteView data) {
  EnsureSodium();
  Sha256Digest out{};
  crypto_hash_sha256(out.data(), data.data(), data.size());
  return out;
}

}  // namespace openline::crypto
