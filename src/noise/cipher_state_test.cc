// Test that header file is self-contained.
#include "noise/cipher_state.h"

#include <array>

#include <gtest/gtest.h>

#include "crypto/aead.h"

namespace openline::noise {
namespace {

constexpr std::array<uint8_t, kKeyLen> kKey = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                               12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                               23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

CipherState Keyed() {
  CipherState c;
  EXPECT_TRUE(c.InitializeKey(kKey));
  return c;
}

TEST(CipherStateTest, WithoutKeyPassesPlaintextThrough) {
  CipherState c;
  EXPECT_FALSE(c.HasKey());
  const Bytes plain = {1, 2, 3};
  auto out = c.EncryptWithAd(AsBytes("ad"), plain);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, plain);
  EXPECT_EQ(c.nonce(), 0u);
}

TEST(CipherStateTest, RoundTripAdvancesBothNonces) {
  CipherState a = Keyed();
  CipherState b = Keyed();
  for (int i = 0; i < 3; ++i) {
    auto ct = a.EncryptWithAd(AsBytes("ad"), AsBytes("hello"));
    ASSERT_TRUE(ct);
    EXPECT_EQ(ct->size(), 5 + kTagLen);
    auto pt = b.DecryptWithAd(AsBytes("ad"), *ct);
    ASSERT_TRUE(pt);
    EXPECT_EQ(AsChars(*pt), "hello");
  }
  EXPECT_EQ(a.nonce(), 3u);
  EXPECT_EQ(b.nonce(), 3u);
}

TEST(CipherStateTest, NonceIsFourZeroBytesThenLittleEndianCounter) {
  CipherState c = Keyed();
  c.SetNonce(0x0102030405060708ULL);
  auto ct = c.EncryptWithAd({}, AsBytes("x"));
  ASSERT_TRUE(ct);
  const std::array<uint8_t, 12> nonce = {0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1};
  auto expected = crypto::ChaChaPolyEncrypt(kKey, nonce, {}, AsBytes("x"));
  ASSERT_TRUE(expected);
  EXPECT_EQ(*ct, *expected);
}

TEST(CipherStateTest, ReservedNonceIsNeverUsed) {
  CipherState c = Keyed();
  c.SetNonce(kMaxNonce - 1);
  EXPECT_TRUE(c.EncryptWithAd({}, AsBytes("last")));
  auto refused = c.EncryptWithAd({}, AsBytes("one too many"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kState);
  EXPECT_EQ(c.nonce(), kMaxNonce);

  CipherState d = Keyed();
  d.SetNonce(kMaxNonce);
  EXPECT_EQ(d.DecryptWithAd({}, Bytes(20)).error().code, ErrorCode::kState);
}

TEST(CipherStateTest, DecryptFailureLeavesNonceUnchanged) {
  CipherState a = Keyed();
  CipherState b = Keyed();
  auto ct = a.EncryptWithAd(AsBytes("ad"), AsBytes("payload"));
  ASSERT_TRUE(ct);
  Bytes tampered = *ct;
  tampered[0] ^= 1;
  auto bad = b.DecryptWithAd(AsBytes("ad"), tampered);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kCrypto);
  EXPECT_EQ(b.nonce(), 0u);
  EXPECT_FALSE(b.DecryptWithAd(AsBytes("other ad"), *ct));
  EXPECT_EQ(b.nonce(), 0u);
  EXPECT_TRUE(b.DecryptWithAd(AsBytes("ad"), *ct));  // the genuine one still works
  EXPECT_EQ(b.nonce(), 1u);
}

TEST(CipherStateTest, RekeyChangesKeyAndBothSidesAgree) {
  CipherState a = Keyed();
  CipherState b = Keyed();
  ASSERT_TRUE(a.Rekey());
  ASSERT_TRUE(b.Rekey());
  EXPECT_NE(Bytes(a.KeyForTesting().begin(), a.KeyForTesting().end()),
            Bytes(kKey.begin(), kKey.end()));
  EXPECT_TRUE(crypto::ConstantTimeEqual(a.KeyForTesting(), b.KeyForTesting()));
  auto ct = a.EncryptWithAd({}, AsBytes("after rekey"));
  ASSERT_TRUE(ct);
  EXPECT_TRUE(b.DecryptWithAd({}, *ct));

  // A side that did not rekey can no longer read.
  CipherState stale = Keyed();
  stale.SetNonce(1);
  auto ct2 = a.EncryptWithAd({}, AsBytes("x"));
  ASSERT_TRUE(ct2);
  EXPECT_FALSE(stale.DecryptWithAd({}, *ct2));
}

TEST(CipherStateTest, RekeyIsEncryptionUnderMaxNonceAndKeepsNonce) {
  CipherState c = Keyed();
  c.SetNonce(42);
  ASSERT_TRUE(c.Rekey());
  EXPECT_EQ(c.nonce(), 42u);
  const std::array<uint8_t, 12> max_nonce = {0,    0,    0,    0,    0xff, 0xff,
                                             0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  auto expected = crypto::ChaChaPolyEncrypt(kKey, max_nonce, {}, Bytes(32, 0));
  ASSERT_TRUE(expected);
  EXPECT_EQ(Bytes(c.KeyForTesting().begin(), c.KeyForTesting().end()),
            Bytes(expected->begin(), expected->begin() + 32));
}

TEST(CipherStateTest, RekeyWithoutKeyFails) {
  CipherState c;
  EXPECT_EQ(c.Rekey().error().code, ErrorCode::kState);
}

TEST(CipherStateTest, InitializeKeyRejectsWrongLengthAndEmptyClears) {
  CipherState c = Keyed();
  c.SetNonce(9);
  EXPECT_EQ(c.InitializeKey(Bytes(31)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(c.HasKey());
  ASSERT_TRUE(c.InitializeKey(kKey));
  EXPECT_TRUE(c.HasKey());
  EXPECT_EQ(c.nonce(), 0u);
  ASSERT_TRUE(c.InitializeKey({}));
  EXPECT_FALSE(c.HasKey());
}

}  // namespace
}  // namespace openline::noise
