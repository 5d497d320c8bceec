// Secret<N>: a fixed-size buffer for key material that is wiped (sodium_memzero)
// when destroyed or overwritten, cannot be copied by accident (move-only, moves
// wipe the source), is compared in constant time, and never prints its contents.
// SecretBytes is the same for secrets whose length is chosen at run time, up to
// kMaxSecretBytes (Noise's chaining key and hash are HASHLEN = 32 or 64 bytes).
//
// Depends on: common/bytes.h; wiping is implemented in secret.cc (libsodium).
// Thread-safety: plain values.
#ifndef OPENLINE_CRYPTO_SECRET_H_
#define OPENLINE_CRYPTO_SECRET_H_

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/bytes.h"

namespace openline::crypto {

void Wipe(void* data, size_t size);
bool ConstantTimeEqual(ByteView a, ByteView b);

template <size_t N>
class Secret {
 public:
  Secret() = default;
  // Precondition: b.size() == N. A wrong size is a programming error; failing
  // closed (abort) beats silently using an all-zero key.
  explicit Secret(ByteView b) {
    if (b.size() != N) std::abort();
    std::copy(b.begin(), b.end(), data_.begin());
  }
  ~Secret() { Wipe(data_.data(), N); }

  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&& other) noexcept : data_(other.data_) { other.Clear(); }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      data_ = other.data_;
      other.Clear();
    }
    return *this;
  }

  // An explicit copy, so every duplication of key material is visible in review.
  Secret Clone() const {
    Secret s;
    s.data_ = data_;
    return s;
  }

  uint8_t* data() { return data_.data(); }
  const uint8_t* data() const { return data_.data(); }
  static constexpr size_t size() { return N; }
  ByteView view() const { return {data_.data(), N}; }
  std::span<uint8_t> mutable_view() { return {data_.data(), N}; }

  void Clear() { Wipe(data_.data(), N); }
  bool operator==(const Secret& other) const {
    return ConstantTimeEqual(view(), other.view());
  }
  std::string ToString() const { return "<secret:" + std::to_string(N) + " bytes>"; }

 private:
  std::array<uint8_t, N> data_{};
};

inline constexpr size_t kMaxSecretBytes = 64;

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(ByteView b) { Assign(b); }
  ~SecretBytes() { Wipe(data_.data(), data_.size()); }

  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes(SecretBytes&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.Clear();
  }
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      data_ = other.data_;
      size_ = other.size_;
      other.Clear();
    }
    return *this;
  }
  SecretBytes Clone() const { return SecretBytes(view()); }

  // Precondition: b.size() <= kMaxSecretBytes (callers pass hash outputs, never
  // untrusted sizes); a larger one aborts rather than silently keep a prefix.
  void Assign(ByteView b) {
    if (b.size() > kMaxSecretBytes) std::abort();
    Clear();
    size_ = b.size();
    std::copy(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(size_), data_.begin());
  }
  void Resize(size_t n) {
    if (n > kMaxSecretBytes) std::abort();
    size_ = n;
  }

  uint8_t* data() { return data_.data(); }
  const uint8_t* data() const { return data_.data(); }
  size_t size() const { return size_; }
  ByteView view() const { return {data_.data(), size_}; }
  std::span<uint8_t> mutable_view() { return {data_.data(), size_}; }

  void Clear() {
    Wipe(data_.data(), data_.size());
    size_ = 0;
  }
  bool operator==(const SecretBytes& other) const {
    return ConstantTimeEqual(view(), other.view());
  }
  std::string ToString() const { return "<secret:" + std::to_string(size_) + " bytes>"; }

 private:
  std::array<uint8_t, kMaxSecretBytes> data_{};
  size_t size_ = 0;
};

}  // namespace openline::crypto

#endif  // OPENLINE_CRYPTO_SECRET_H_
