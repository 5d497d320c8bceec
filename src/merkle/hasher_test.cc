#include "merkle/hasher.h"

#include <gtest/gtest.h>

namespace openline::merkle {
namespace {

std::string Hex(const Hash& h) { return ToHex(h); }

TEST(HasherTest, EmptyRootIsSha256OfNothing) {
  EXPECT_EQ(Hex(EmptyRoot()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(HasherTest, LeafHashPrefixesZeroByte) {
  // RFC 6962 test vector: the leaf hash of the empty entry is SHA-256(0x00).
  EXPECT_EQ(Hex(LeafHash({})),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  // cctv-merkle merkle_tree.json, leaf "a".
  EXPECT_EQ(ToBase64(LeafHash(AsBytes("a"))),
            "Aippeebat6pa5MPl5F9+l3ESp+Y1k4INvsHsc4ok+Tw=");
}

TEST(HasherTest, NodeHashPrefixesOneByteAndKeepsOrder) {
  const Hash a = LeafHash(AsBytes("a"));
  const Hash b = LeafHash(AsBytes("b"));
  // cctv-merkle merkle_tree.json, root of ["a", "b"].
  EXPECT_EQ(ToBase64(NodeHash(a, b)), "sTeYX/SE+2ANuTEHx3sDZcgNePW0Kd7Q/Zc2HQd5mes=");
  EXPECT_NE(NodeHash(a, b), NodeHash(b, a));
}

TEST(HasherTest, LeafAndNodeDomainsAreSeparate) {
  // A 64-byte entry equal to left || right must not hash like the node.
  const Hash a = LeafHash(AsBytes("a"));
  const Hash b = LeafHash(AsBytes("b"));
  Bytes concat(a.begin(), a.end());
  Append(concat, b);
  EXPECT_NE(LeafHash(concat), NodeHash(a, b));
}

TEST(HasherTest, HashFromBytesTakesExactly32Bytes) {
  const Hash a = LeafHash(AsBytes("a"));
  auto ok = HashFromBytes(a);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, a);

  for (size_t len : {size_t{0}, size_t{12}, size_t{31}, size_t{33}}) {
    Bytes bytes(len, 0xab);
    auto bad = HashFromBytes(bytes);
    ASSERT_FALSE(bad) << len;
    EXPECT_EQ(bad.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(bad.error().message, "hash has " + std::to_string(len) + " bytes, want 32");
  }
}

}  // namespace
}  // namespace openline::merkle
