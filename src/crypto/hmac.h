// HMAC (RFC 2104) over any of our hash functions, and HKDF (RFC 5869) on top of it.
//
// Why not libsodium's crypto_auth_hmacsha*: Noise needs HMAC-BLAKE2b, which
// libsodium does not offer, and one generic composition tested against the
// Wycheproof HMAC-SHA-256/512 vectors is better covered than two code paths.
// The Noise HKDF (spec §4.3) is RFC 5869 with an empty info and 2 or 3 outputs,
// so it is built from HkdfExtract/HkdfExpand here and checked by the same vectors.
//
// Depends on: crypto/hash.h, crypto/secret.h. Thread-safety: pure functions.
#ifndef OPENLINE_CRYPTO_HMAC_H_
#define OPENLINE_CRYPTO_HMAC_H_

#include <initializer_list>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/hash.h"
#include "crypto/secret.h"

namespace openline::crypto {

// HMAC-HASH(key, data_1 || data_2 || ...). The output is HashLen(alg) bytes.
SecretBytes Hmac(HashAlgorithm alg, ByteView key, std::initializer_list<ByteView> data);

SecretBytes HkdfExtract(HashAlgorithm alg, ByteView salt, ByteView ikm);
// Fails if `length` exceeds 255 * HashLen(alg), as RFC 5869 §2.3 requires.
Result<Bytes> HkdfExpand(HashAlgorithm alg, ByteView prk, ByteView info, size_t length);

}  // namespace openline::crypto

#endif  // OPENLINE_CRYPTO_HMAC_H_
