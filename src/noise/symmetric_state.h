// SymmetricState (Noise rev. 34 §5.2): a CipherState plus the chaining key ck and
// the handshake hash h. Everything the handshake mixes in (public keys, DH
// outputs, PSKs, ciphertexts) passes through here; HandshakeState only decides
// the order.
//
// HASH is chosen at InitializeSymmetric from the protocol name's hash (SHA256,
// SHA512 or BLAKE2b); HKDF is RFC 5869 over HMAC-HASH, as §4.3 specifies.
//
// Owns: ck and h (crypto::SecretBytes, wiped on destruction) and the CipherState.
// Depends on: common/, crypto/hash.h, crypto/hmac.h, noise/cipher_state.h.
// Thread-safety: a value; one user at a time.
#ifndef OPENLINE_NOISE_SYMMETRIC_STATE_H_
#define OPENLINE_NOISE_SYMMETRIC_STATE_H_

#include <string_view>
#include <utility>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/hash.h"
#include "crypto/secret.h"
#include "noise/cipher_state.h"

namespace openline::noise {

class SymmetricState {
 public:
  SymmetricState() = default;

  // InitializeSymmetric(protocol_name): h = protocol_name zero-padded to HASHLEN if
  // it fits, else HASH(protocol_name); ck = h; InitializeKey(empty).
  void InitializeSymmetric(crypto::HashAlgorithm hash, std::string_view protocol_name);

  // MixKey(ikm): ck, temp_k = HKDF(ck, ikm, 2); InitializeKey(temp_k[:32]).
  Status MixKey(ByteView input_key_material);
  // MixHash(data): h = HASH(h || data).
  void MixHash(ByteView data);
  // MixKeyAndHash(ikm): ck, temp_h, temp_k = HKDF(ck, ikm, 3); MixHash(temp_h);
  // InitializeKey(temp_k[:32]). Used for "psk" tokens.
  Status MixKeyAndHash(ByteView input_key_material);
  // GetHandshakeHash(): h. Call it at the end of a handshake (channel binding).
  Bytes GetHandshakeHash() const { return Bytes(h_.view().begin(), h_.view().end()); }

  // EncryptAndHash(plaintext): ciphertext = EncryptWithAd(h, plaintext);
  // MixHash(ciphertext).
  Result<Bytes> EncryptAndHash(ByteView plaintext);
  // DecryptAndHash(ciphertext): plaintext = DecryptWithAd(h, ciphertext);
  // MixHash(ciphertext).
  Result<Bytes> DecryptAndHash(ByteView ciphertext);
  // Split(): temp_k1, temp_k2 = HKDF(ck, zerolen, 2); returns two CipherStates
  // keyed with temp_k1[:32] (initiator -> responder) and temp_k2[:32].
  Result<std::pair<CipherState, CipherState>> Split() const;

  bool HasKey() const { return cipher_.HasKey(); }
  crypto::HashAlgorithm hash() const { return hash_; }
  size_t hash_len() const { return crypto::HashLen(hash_); }
  // For tests that drive two parties and compare them after every message
  // (wireguard-go noise_test.go); never log this.
  ByteView ChainingKeyForTesting() const { return ck_.view(); }

 private:
  // HKDF(ck, ikm, n) (§4.3) into n * HASHLEN bytes of `out`.
  Status Hkdf(ByteView input_key_material, size_t outputs, crypto::SecretBytes* out1,
              crypto::SecretBytes* out2, crypto::SecretBytes* out3) const;

  crypto::HashAlgorithm hash_ = crypto::HashAlgorithm::kSha256;
  CipherState cipher_;
  crypto::SecretBytes ck_;
  crypto::SecretBytes h_;
};

}  // namespace openline::noise

#endif  // OPENLINE_NOISE_SYMMETRIC_STATE_H_
