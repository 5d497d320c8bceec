// ChaCha20-Poly1305 (IETF) and XChaCha20-Poly1305 (crypto/aead.h) against Wycheproof
// chacha20_poly1305_test.json (256 valid, 69 invalid) and
// xchacha20_poly1305_test.json (246 valid, 69 invalid), from
// shared/vectors/wycheproof/ (github.com/C2SP/wycheproof). Wire form is ct || tag.
//   - valid: encryption gives exactly ct||tag and decryption gives exactly msg;
//   - invalid with the algorithm's nonce size (60 per file): decryption fails with
//     kCrypto (authentication), never returning plaintext;
//   - invalid with another nonce size (9 per file, which libsodium's fixed-size API
//     cannot express): both directions fail with kInvalidArgument, counted apart.
#include "crypto/aead.h"

#include <cstdio>

#include <gtest/gtest.h>

#include "crypto/testing/vectors.h"

namespace openline::crypto {
namespace {

using vectors::Json;

using AeadFn = Result<Bytes> (*)(ByteView, ByteView, ByteView, ByteView);

struct AeadCounts {
  int valid = 0;
  int rejected = 0;          // invalid, right nonce size: authentication failure
  int wrong_nonce_size = 0;  // invalid, nonce size the API does not take
};

AeadCounts RunWycheproofAead(const char* file, size_t nonce_len, AeadFn encrypt,
                             AeadFn decrypt) {
  AeadCounts counts;
  auto doc = vectors::ReadVectorJson(file);
  if (!doc) return counts;
  vectors::ForEachWycheproofTest(*doc, [&](const Json&, const Json& test) {
    auto key = vectors::HexField(test, "key");
    auto iv = vectors::HexField(test, "iv");
    auto aad = vectors::HexField(test, "aad");
    auto msg = vectors::HexField(test, "msg");
    auto ct = vectors::HexField(test, "ct");
    auto tag = vectors::HexField(test, "tag");
    auto result = vectors::StringField(test, "result");
    if (!key || !iv || !aad || !msg || !ct || !tag || !result) return;
    const std::string id = std::string(file) + " " + vectors::TestId(test);
    Bytes wire = *ct;
    Append(wire, *tag);

    if (iv->size() != nonce_len) {
      EXPECT_EQ(*result, "invalid") << id;
      auto enc = encrypt(*key, *iv, *aad, *msg);
      auto dec = decrypt(*key, *iv, *aad, wire);
      ASSERT_FALSE(enc) << id;
      ASSERT_FALSE(dec) << id;
      EXPECT_EQ(enc.error().code, ErrorCode::kInvalidArgument) << id;
      EXPECT_EQ(dec.error().code, ErrorCode::kInvalidArgument) << id;
      ++counts.wrong_nonce_size;
      return;
    }

    if (*result == "valid") {
      auto enc = encrypt(*key, *iv, *aad, *msg);
      ASSERT_TRUE(enc) << id << ": " << enc.error().ToString();
      EXPECT_EQ(ToHex(*enc), ToHex(wire)) << id;
      auto dec = decrypt(*key, *iv, *aad, wire);
      ASSERT_TRUE(dec) << id << ": " << dec.error().ToString();
      EXPECT_EQ(ToHex(*dec), ToHex(*msg)) << id;
      ++counts.valid;
    } else {
      EXPECT_EQ(*result, "invalid") << id;
      auto dec = decrypt(*key, *iv, *aad, wire);
      ASSERT_FALSE(dec) << id << ": an invalid ciphertext was accepted";
      EXPECT_EQ(dec.error().code, ErrorCode::kCrypto) << id;
      ++counts.rejected;
    }
  });
  std::printf(
      "wycheproof %s: %d valid encrypt+decrypt exact, %d invalid rejected, "
      "%d wrong nonce size -> kInvalidArgument\n",
      file, counts.valid, counts.rejected, counts.wrong_nonce_size);
  return counts;
}

TEST(AeadTest, ChaChaPolyMatchesWycheproof) {
  AeadCounts c = RunWycheproofAead("wycheproof/chacha20_poly1305_test.json",
                                   kChaChaNonceLen, ChaChaPolyEncrypt, ChaChaPolyDecrypt);
  EXPECT_EQ(c.valid, 256);
  EXPECT_EQ(c.rejected, 60);
  EXPECT_EQ(c.wrong_nonce_size, 9);
}

TEST(AeadTest, XChaChaPolyMatchesWycheproof) {
  AeadCounts c =
      RunWycheproofAead("wycheproof/xchacha20_poly1305_test.json", kXChaChaNonceLen,
                        XChaChaPolyEncrypt, XChaChaPolyDecrypt);
  EXPECT_EQ(c.valid, 246);
  EXPECT_EQ(c.rejected, 60);
  EXPECT_EQ(c.wrong_nonce_size, 9);
}

TEST(AeadTest, WrongKeySizeIsInvalidArgument) {
  const Bytes nonce12(kChaChaNonceLen, 0), nonce24(kXChaChaNonceLen, 0);
  for (size_t key_len : {0u, 16u, 31u, 33u, 64u}) {
    const Bytes key(key_len, 0x11);
    const Bytes wire(kAeadTagLen, 0);
    EXPECT_EQ(ChaChaPolyEncrypt(key, nonce12, {}, {}).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(ChaChaPolyDecrypt(key, nonce12, {}, wire).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(XChaChaPolyEncrypt(key, nonce24, {}, {}).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(XChaChaPolyDecrypt(key, nonce24, {}, wire).error().code,
              ErrorCode::kInvalidArgument);
  }
}

TEST(AeadTest, CiphertextShorterThanTagIsAuthFailure) {
  const Bytes key(kAeadKeyLen, 0x11), nonce(kChaChaNonceLen, 0);
  for (size_t len = 0; len < kAeadTagLen; ++len) {
    auto dec = ChaChaPolyDecrypt(key, nonce, {}, Bytes(len, 0));
    ASSERT_FALSE(dec);
    EXPECT_EQ(dec.error().code, ErrorCode::kCrypto);
  }
}

TEST(AeadTest, EmptyPlaintextRoundTrips) {
  const Bytes key(kAeadKeyLen, 0x22), nonce(kXChaChaNonceLen, 0x33);
  auto enc = XChaChaPolyEncrypt(key, nonce, AsBytes("ad"), {});
  ASSERT_TRUE(enc);
  EXPECT_EQ(enc->size(), kAeadTagLen);
  auto dec = XChaChaPolyDecrypt(key, nonce, AsBytes("ad"), *enc);
  ASSERT_TRUE(dec);
  EXPECT_TRUE(dec->empty());
  EXPECT_FALSE(XChaChaPolyDecrypt(key, nonce, AsBytes("AD"), *enc));
}

}  // namespace
}  // namespace openline::crypto
