// HMAC (crypto/hmac.h) against:
//   - Wycheproof hmac_sha256_test.json and hmac_sha512_test.json
//     (shared/vectors/wycheproof/, github.com/C2SP/wycheproof): 174 cases each,
//     66 valid and 108 invalid. Truncated-tag groups (tagSize 128 for SHA-256, 256
//     for SHA-512) compare the first tagSize/8 bytes; an invalid case must not match.
//   - RFC 4231 test case 1 (HMAC-SHA-256 and HMAC-SHA-512), written inline.
//   - HMAC-BLAKE2b, which has no published vectors: a hand-composed RFC 2104 HMAC
//     over Hasher, the long-key rule (keys longer than the 128-byte block are hashed
//     first), and two values computed independently with Python's
//     hmac.new(key, msg, hashlib.blake2b) (block_size 128, digest 64).
#include "crypto/hmac.h"

#include <algorithm>
#include <cstdio>

#include <gtest/gtest.h>

#include "crypto/testing/vectors.h"

namespace openline::crypto {
namespace {

using vectors::Json;

struct MacCounts {
  int valid = 0;
  int invalid = 0;
  int truncated = 0;  // cases (valid or invalid) in a truncated-tag group
};

MacCounts RunWycheproofHmac(const char* file, HashAlgorithm alg) {
  MacCounts counts;
  auto doc = vectors::ReadVectorJson(file);
  if (!doc) return counts;
  vectors::ForEachWycheproofTest(*doc, [&](const Json& group, const Json& test) {
    auto tag_bits = vectors::IntField(group, "tagSize");
    auto key = vectors::HexField(test, "key");
    auto msg = vectors::HexField(test, "msg");
    auto tag = vectors::HexField(test, "tag");
    auto result = vectors::StringField(test, "result");
    if (!tag_bits || !key || !msg || !tag || !result) return;
    const size_t tag_len = static_cast<size_t>(*tag_bits / 8);
    ASSERT_LE(tag_len, HashLen(alg)) << vectors::TestId(test);

    // Feed the message in two pieces to exercise the data-list form as well.
    const ByteView m(*msg);
    const size_t split = m.size() / 2;
    SecretBytes mac = Hmac(alg, *key, {m.first(split), m.subspan(split)});
    ASSERT_EQ(mac.size(), HashLen(alg));
    const ByteView truncated = mac.view().first(tag_len);
    const bool matches = tag->size() == tag_len && ConstantTimeEqual(truncated, *tag);

    if (tag_len < HashLen(alg)) ++counts.truncated;
    if (*result == "valid") {
      EXPECT_TRUE(matches) << file << " " << vectors::TestId(test) << ": got "
                           << ToHex(truncated) << ", want " << ToHex(*tag);
      ++counts.valid;
    } else {
      EXPECT_EQ(*result, "invalid") << vectors::TestId(test);
      EXPECT_FALSE(matches) << file << " " << vectors::TestId(test)
                            << ": an invalid tag matched";
      ++counts.invalid;
    }
  });
  std::printf("wycheproof %s: %d valid matched, %d invalid rejected (%d truncated-tag)\n",
              file, counts.valid, counts.invalid, counts.truncated);
  return counts;
}

TEST(HmacTest, Sha256MatchesWycheproof) {
  MacCounts c =
      RunWycheproofHmac("wycheproof/hmac_sha256_test.json", HashAlgorithm::kSha256);
  EXPECT_EQ(c.valid, 66);
  EXPECT_EQ(c.invalid, 108);
  EXPECT_EQ(c.truncated, 87);  // tagSize 128: 27 + 3 + 3 valid, 54 invalid
}

TEST(HmacTest, Sha512MatchesWycheproof) {
  MacCounts c =
      RunWycheproofHmac("wycheproof/hmac_sha512_test.json", HashAlgorithm::kSha512);
  EXPECT_EQ(c.valid, 66);
  EXPECT_EQ(c.invalid, 108);
  EXPECT_EQ(c.truncated, 87);  // tagSize 256 (HMAC-SHA-512-256 when keySize is 256)
}

TEST(HmacTest, Rfc4231TestCase1) {
  const Bytes key(20, 0x0b);
  const ByteView data = AsBytes("Hi There");
  EXPECT_EQ(ToHex(Hmac(HashAlgorithm::kSha256, key, {data}).view()),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(ToHex(Hmac(HashAlgorithm::kSha512, key, {data}).view()),
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
}

// RFC 2104 written out with Hasher: H((K0 ^ opad) || H((K0 ^ ipad) || m)).
Bytes ReferenceHmac(HashAlgorithm alg, ByteView key, ByteView msg) {
  const size_t block = BlockLen(alg);
  Bytes k0 = key.size() > block ? Hash(alg, key) : Bytes(key.begin(), key.end());
  k0.resize(block, 0);
  Bytes ipad(block), opad(block);
  for (size_t i = 0; i < block; ++i) {
    ipad[i] = static_cast<uint8_t>(k0[i] ^ 0x36);
    opad[i] = static_cast<uint8_t>(k0[i] ^ 0x5c);
  }
  Hasher inner(alg);
  const Bytes inner_digest = inner.Update(ipad).Update(msg).Final();
  Hasher outer(alg);
  return outer.Update(opad).Update(inner_digest).Final();
}

TEST(HmacTest, Blake2bMatchesHandComposedHmac) {
  const ByteView msg = AsBytes("openline hmac-blake2b");
  int checked = 0;
  // Around the 128-byte block boundary, where the key rule changes.
  for (size_t key_len : {0u, 1u, 32u, 64u, 127u, 128u, 129u, 200u, 300u}) {
    Bytes key(key_len);
    for (size_t i = 0; i < key_len; ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
    SecretBytes mac = Hmac(HashAlgorithm::kBlake2b, key, {msg});
    EXPECT_EQ(ToHex(mac.view()), ToHex(ReferenceHmac(HashAlgorithm::kBlake2b, key, msg)))
        << "key length " << key_len;
    ++checked;
  }
  std::printf("hmac-blake2b: %d key lengths match the hand-composed HMAC\n", checked);
}

TEST(HmacTest, Blake2bHashesKeysLongerThanTheBlock) {
  const ByteView msg = AsBytes("message");
  for (size_t key_len : {129u, 200u, 1000u}) {
    const Bytes key(key_len, 0xa5);
    const Bytes hashed = Hash(HashAlgorithm::kBlake2b, key);
    EXPECT_TRUE(Hmac(HashAlgorithm::kBlake2b, key, {msg}) ==
                Hmac(HashAlgorithm::kBlake2b, hashed, {msg}))
        << "key length " << key_len;
  }
  // A key of exactly one block is used as is, not hashed.
  const Bytes block_key(128, 0xa5);
  EXPECT_FALSE(
      Hmac(HashAlgorithm::kBlake2b, block_key, {msg}) ==
      Hmac(HashAlgorithm::kBlake2b, Hash(HashAlgorithm::kBlake2b, block_key), {msg}));
}

TEST(HmacTest, Blake2bMatchesPythonHmac) {
  // python3: hmac.new(b'\x0b' * 20, b'Hi There', hashlib.blake2b).hexdigest()
  EXPECT_EQ(
      ToHex(Hmac(HashAlgorithm::kBlake2b, Bytes(20, 0x0b), {AsBytes("Hi There")}).view()),
      "358a6a184924894fc34bee5680eedf57d84a37bb38832f288e3b27dc63a98cc8"
      "c91e76da476b508bc6b2d408a248857452906e4a20b48c6b4b55d2df0fe1dd24");
  // python3: hmac.new(bytes(range(200)), b'openline', hashlib.blake2b).hexdigest()
  Bytes long_key(200);
  for (size_t i = 0; i < long_key.size(); ++i) long_key[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(ToHex(Hmac(HashAlgorithm::kBlake2b, long_key, {AsBytes("openline")}).view()),
            "24c1eed2ef2d615bc3957f20cd6a8e80b5988da259ff1436243e63f510824700"
            "475104ffe6d4ca2120070e952fed1cee966275c6e302b51d4f68786076f38d16");
}

TEST(HmacTest, DataPiecesAreConcatenated) {
  const Bytes key(32, 0x42);
  for (auto alg :
       {HashAlgorithm::kSha256, HashAlgorithm::kSha512, HashAlgorithm::kBlake2b}) {
    EXPECT_TRUE(Hmac(alg, key, {AsBytes("abc"), AsBytes(""), AsBytes("def")}) ==
                Hmac(alg, key, {AsBytes("abcdef")}));
    EXPECT_TRUE(Hmac(alg, key, {}) == Hmac(alg, key, {AsBytes("")}));
  }
}

}  // namespace
}  // namespace openline::crypto
