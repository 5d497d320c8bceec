// Test that header file is self-contained.
#include "noise/symmetric_state.h"

#include <string>

#include <gtest/gtest.h>

#include "crypto/hmac.h"

namespace openline::noise {
namespace {

using crypto::HashAlgorithm;

Bytes ToBytes(ByteView v) { return Bytes(v.begin(), v.end()); }

TEST(SymmetricStateTest, ShortNameIsZeroPaddedIntoH) {
  SymmetricState s;
  const std::string name = "Noise_NN_25519_ChaChaPoly_SHA256";  // exactly 32 bytes
  ASSERT_EQ(name.size(), 32u);
  s.InitializeSymmetric(HashAlgorithm::kSha256, name);
  EXPECT_EQ(s.GetHandshakeHash(), ToBytes(AsBytes(name)));
  EXPECT_EQ(ToBytes(s.ChainingKeyForTesting()), s.GetHandshakeHash());
  EXPECT_FALSE(s.HasKey());

  SymmetricState b;
  b.InitializeSymmetric(HashAlgorithm::kBlake2b, "Noise_NN_25519_ChaChaPoly_BLAKE2b");
  Bytes expected = ToBytes(AsBytes("Noise_NN_25519_ChaChaPoly_BLAKE2b"));
  expected.resize(64, 0);
  EXPECT_EQ(b.GetHandshakeHash(), expected);
}

TEST(SymmetricStateTest, LongNameIsHashedIntoH) {
  SymmetricState s;
  const std::string name = "Noise_XXpsk3_25519_ChaChaPoly_SHA256";
  s.InitializeSymmetric(HashAlgorithm::kSha256, name);
  EXPECT_EQ(s.GetHandshakeHash(), crypto::Hash(HashAlgorithm::kSha256, AsBytes(name)));
}

TEST(SymmetricStateTest, MixHashIsHashOfHAndData) {
  SymmetricState s;
  s.InitializeSymmetric(HashAlgorithm::kSha512, "Noise_NN_25519_ChaChaPoly_SHA512");
  Bytes concat = s.GetHandshakeHash();
  Append(concat, AsBytes("prologue"));
  s.MixHash(AsBytes("prologue"));
  EXPECT_EQ(s.GetHandshakeHash(), crypto::Hash(HashAlgorithm::kSha512, concat));
}

TEST(SymmetricStateTest, MixKeyIsHkdfWithChainingKeyAsSalt) {
  SymmetricState s;
  s.InitializeSymmetric(HashAlgorithm::kBlake2b, "Noise_NN_25519_ChaChaPoly_BLAKE2b");
  const Bytes ck0 = ToBytes(s.ChainingKeyForTesting());
  const Bytes ikm(32, 0x42);
  ASSERT_TRUE(s.MixKey(ikm));
  auto prk = crypto::HkdfExtract(HashAlgorithm::kBlake2b, ck0, ikm);
  auto okm = crypto::HkdfExpand(HashAlgorithm::kBlake2b, prk.view(), {}, 128);
  ASSERT_TRUE(okm);
  EXPECT_EQ(ToBytes(s.ChainingKeyForTesting()), Bytes(okm->begin(), okm->begin() + 64));
  EXPECT_TRUE(s.HasKey());

  // The cipher key is the first 32 bytes of the second output.
  CipherState expected;
  ASSERT_TRUE(expected.InitializeKey(ByteView(*okm).subspan(64, 32)));
  const Bytes h = s.GetHandshakeHash();
  auto ct = s.EncryptAndHash(AsBytes("p"));
  ASSERT_TRUE(ct);
  EXPECT_EQ(*ct, *expected.EncryptWithAd(h, AsBytes("p")));
}

TEST(SymmetricStateTest, EncryptAndHashWithoutKeyIsPlaintextButMixesIt) {
  SymmetricState s;
  s.InitializeSymmetric(HashAlgorithm::kSha256, "Noise_NN_25519_ChaChaPoly_SHA256");
  const Bytes h0 = s.GetHandshakeHash();
  auto ct = s.EncryptAndHash(AsBytes("clear"));
  ASSERT_TRUE(ct);
  EXPECT_EQ(AsChars(*ct), "clear");
  EXPECT_NE(s.GetHandshakeHash(), h0);
}

TEST(SymmetricStateTest, TwoPartiesStayInStep) {
  SymmetricState a;
  SymmetricState b;
  for (SymmetricState* s : {&a, &b}) {
    s->InitializeSymmetric(HashAlgorithm::kSha256, "Noise_NN_25519_ChaChaPoly_SHA256");
    ASSERT_TRUE(s->MixKeyAndHash(Bytes(32, 7)));
  }
  auto ct = a.EncryptAndHash(AsBytes("secret"));
  ASSERT_TRUE(ct);
  auto pt = b.DecryptAndHash(*ct);
  ASSERT_TRUE(pt);
  EXPECT_EQ(AsChars(*pt), "secret");
  EXPECT_EQ(a.GetHandshakeHash(), b.GetHandshakeHash());
  EXPECT_TRUE(
      crypto::ConstantTimeEqual(a.ChainingKeyForTesting(), b.ChainingKeyForTesting()));

  Bytes tampered = *ct;
  tampered.back() ^= 1;
  const Bytes h_before = b.GetHandshakeHash();
  EXPECT_FALSE(b.DecryptAndHash(tampered));
  EXPECT_EQ(b.GetHandshakeHash(), h_before);  // a failed decrypt mixes nothing
}

TEST(SymmetricStateTest, SplitGivesOneKeyPerDirection) {
  SymmetricState a;
  SymmetricState b;
  for (SymmetricState* s : {&a, &b}) {
    s->InitializeSymmetric(HashAlgorithm::kSha512, "Noise_NN_25519_ChaChaPoly_SHA512");
    ASSERT_TRUE(s->MixKey(Bytes(32, 9)));
  }
  auto sa = a.Split();
  auto sb = b.Split();
  ASSERT_TRUE(sa && sb);
  EXPECT_TRUE(
      crypto::ConstantTimeEqual(sa->first.KeyForTesting(), sb->first.KeyForTesting()));
  EXPECT_TRUE(
      crypto::ConstantTimeEqual(sa->second.KeyForTesting(), sb->second.KeyForTesting()));
  EXPECT_FALSE(
      crypto::ConstantTimeEqual(sa->first.KeyForTesting(), sa->second.KeyForTesting()));
  auto ct = sa->first.EncryptWithAd({}, AsBytes("i->r"));
  ASSERT_TRUE(ct);
  EXPECT_TRUE(sb->first.DecryptWithAd({}, *ct));
}

}  // namespace
}  // namespace openline::noise
