// Test that header file is self-contained.
#include "session/transport_session.h"

#include <gtest/gtest.h>

namespace openline::session {
namespace {

// Two sessions wired back to back from fixed keys, as a handshake would leave
// them: a's send key is b's receive key and vice versa.
struct Wired {
  TransportSession a;
  TransportSession b;
};

Wired Make(uint64_t rekey_after) {
  auto cipher = [](uint8_t fill) {
    noise::CipherState c;
    EXPECT_TRUE(c.InitializeKey(Bytes(32, fill)));
    return c;
  };
  TransportSession::Params pa;
  pa.rekey_after_messages = rekey_after;
  pa.handshake_hash = Bytes(64, 7);
  TransportSession::Params pb = pa;
  pb.initiator = false;
  return Wired{TransportSession(cipher(1), cipher(2), std::move(pa)),
               TransportSession(cipher(2), cipher(1), std::move(pb))};
}

TEST(TransportSessionTest, RekeysEveryNMessagesOnBothSides) {
  Wired w = Make(3);
  for (int i = 0; i < 10; ++i) {
    auto sealed = w.a.Encrypt(AsBytes("m"));
    ASSERT_TRUE(sealed);
    ASSERT_TRUE(w.b.Decrypt(*sealed)) << i;
  }
  EXPECT_EQ(w.a.rekeys(), 3u);
  EXPECT_EQ(w.b.rekeys(), 3u);
  EXPECT_EQ(w.a.messages_sent(), 10u);
  EXPECT_EQ(w.b.messages_received(), 10u);
  EXPECT_TRUE(
      crypto::ConstantTimeEqual(w.a.SendKeyForTesting(), w.b.ReceiveKeyForTesting()));
}

TEST(TransportSessionTest, ForgedMessageIsDroppedWithoutBreakingTheSession) {
  Wired w = Make(2);
  auto first = w.a.Encrypt(AsBytes("one"));
  auto second = w.a.Encrypt(AsBytes("two"));  // a rekeys after this one
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(w.b.Decrypt(*first));
  Bytes forged = *second;
  forged[0] ^= 1;
  EXPECT_EQ(w.b.Decrypt(forged).error().code, ErrorCode::kCrypto);
  EXPECT_EQ(w.b.rejected_messages(), 1u);
  EXPECT_EQ(w.b.rekeys(), 0u);  // a refused message is not counted toward a rekey
  EXPECT_EQ(AsChars(*w.b.Decrypt(*second)), "two");
  auto third = w.a.Encrypt(AsBytes("three"));
  ASSERT_TRUE(third);
  EXPECT_EQ(AsChars(*w.b.Decrypt(*third)), "three");
}

TEST(TransportSessionTest, LostMessageMeansTheRestDoNotDecrypt) {
  Wired w = Make(100);
  ASSERT_TRUE(w.a.Encrypt(AsBytes("lost")));
  auto next = w.a.Encrypt(AsBytes("next"));
  ASSERT_TRUE(next);
  EXPECT_FALSE(w.b.Decrypt(*next));  // in-order, lossless delivery is required
}

TEST(TransportSessionTest, EnforcesSizeLimits) {
  Wired w = Make(100);
  EXPECT_EQ(w.a.Encrypt(Bytes(kMaxTransportPayloadLen + 1)).error().code,
            ErrorCode::kTooLarge);
  auto biggest = w.a.Encrypt(Bytes(kMaxTransportPayloadLen));
  ASSERT_TRUE(biggest);
  EXPECT_EQ(biggest->size(), kMaxTransportMessageLen);
  EXPECT_TRUE(w.b.Decrypt(*biggest));
  EXPECT_EQ(w.b.Decrypt(Bytes(15)).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(w.b.Decrypt(Bytes(kMaxTransportMessageLen + 1)).error().code,
            ErrorCode::kMalformed);
  EXPECT_EQ(w.b.rejected_messages(), 2u);
}

TEST(TransportSessionTest, BothDirectionsAreIndependent) {
  Wired w = Make(1);
  for (int i = 0; i < 3; ++i) {
    auto ab = w.a.Encrypt(AsBytes("a->b"));
    auto ba = w.b.Encrypt(AsBytes("b->a"));
    ASSERT_TRUE(ab && ba);
    EXPECT_EQ(AsChars(*w.b.Decrypt(*ab)), "a->b");
    EXPECT_EQ(AsChars(*w.a.Decrypt(*ba)), "b->a");
  }
  EXPECT_EQ(w.a.rekeys(), 6u);
}

}  // namespace
}  // namespace openline::session
