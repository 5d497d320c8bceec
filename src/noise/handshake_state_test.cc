// Test that header file is self-contained.
#include "noise/handshake_state.h"

#include <string>

#include <gtest/gtest.h>

namespace openline::noise {
namespace {

using crypto::X25519KeyPair;

// Two parties of one protocol, keyed as its pre-messages and tokens require.
struct Pair {
  HandshakeState initiator;
  HandshakeState responder;
};

struct Keys {
  X25519KeyPair init_s = X25519KeyPair::Generate();
  X25519KeyPair resp_s = X25519KeyPair::Generate();
};

Result<Pair> MakePair(std::string_view name, const Keys& keys,
                      ByteView init_prologue = {}, ByteView resp_prologue = {}) {
  auto protocol = ParseProtocolName(name);
  if (!protocol) return tl::unexpected(protocol.error());
  const auto& p = protocol->pattern;
  auto has = [](const std::vector<Token>& v, Token t) {
    return std::find(v.begin(), v.end(), t) != v.end();
  };
  HandshakeKeys ik;
  HandshakeKeys rk;
  ik.s = keys.init_s.Clone();
  rk.s = keys.resp_s.Clone();
  if (has(p.responder_premessage, Token::kS)) ik.rs = keys.resp_s.public_key;
  if (has(p.initiator_premessage, Token::kS)) rk.rs = keys.init_s.public_key;
  for (size_t i = 0; i < p.PskCount(); ++i) {
    const Bytes psk(kPskLen, static_cast<uint8_t>(0xa0 + i));
    ik.psks.emplace_back(psk);
    rk.psks.emplace_back(psk);
  }
  auto init = HandshakeState::Initialize(*protocol, true, init_prologue, std::move(ik));
  if (!init) return tl::unexpected(init.error());
  auto resp = HandshakeState::Initialize(*protocol, false, resp_prologue, std::move(rk));
  if (!resp) return tl::unexpected(resp.error());
  return Pair{std::move(*init), std::move(*resp)};
}

void ExpectInStep(const HandshakeState& a, const HandshakeState& b, size_t message) {
  EXPECT_EQ(a.GetHandshakeHash(), b.GetHandshakeHash()) << "h after message " << message;
  EXPECT_TRUE(crypto::ConstantTimeEqual(a.symmetric_state().ChainingKeyForTesting(),
                                        b.symmetric_state().ChainingKeyForTesting()))
      << "ck after message " << message;
}

// Drives a whole handshake, checking h and ck after every message (wireguard-go
// noise_test.go), then one transport message each way.
void RunHandshake(std::string_view name) {
  SCOPED_TRACE(std::string(name));
  Keys keys;
  auto pair = MakePair(name, keys, AsBytes("prologue"), AsBytes("prologue"));
  ASSERT_TRUE(pair) << pair.error().ToString();
  HandshakeState& init = pair->initiator;
  HandshakeState& resp = pair->responder;
  ExpectInStep(init, resp, 0);
  for (size_t i = 0; !init.IsComplete(); ++i) {
    HandshakeState& writer = init.IsMyTurnToWrite() ? init : resp;
    HandshakeState& reader = init.IsMyTurnToWrite() ? resp : init;
    const std::string payload = "payload " + std::to_string(i);
    auto message = writer.WriteMessage(AsBytes(payload));
    ASSERT_TRUE(message) << message.error().ToString();
    auto read = reader.ReadMessage(*message);
    ASSERT_TRUE(read) << read.error().ToString();
    EXPECT_EQ(AsChars(*read), payload);
    ExpectInStep(init, resp, i + 1);
  }
  EXPECT_TRUE(resp.IsComplete());
  ASSERT_TRUE(init.RemoteStatic());
  EXPECT_EQ(*init.RemoteStatic(), keys.resp_s.public_key);
  ASSERT_TRUE(resp.RemoteStatic());
  EXPECT_EQ(*resp.RemoteStatic(), keys.init_s.public_key);

  auto ic = init.Split();
  auto rc = resp.Split();
  ASSERT_TRUE(ic && rc);
  auto to_resp = ic->first.EncryptWithAd({}, AsBytes("i->r"));
  ASSERT_TRUE(to_resp);
  EXPECT_EQ(AsChars(*rc->first.DecryptWithAd({}, *to_resp)), "i->r");
  auto to_init = rc->second.EncryptWithAd({}, AsBytes("r->i"));
  ASSERT_TRUE(to_init);
  auto from_resp = ic->second.DecryptWithAd({}, *to_init);
  ASSERT_TRUE(from_resp);
  EXPECT_EQ(AsChars(*from_resp), "r->i");
}

TEST(HandshakeStateTest, XXStaysInStepAfterEveryMessage) {
  RunHandshake("Noise_XX_25519_ChaChaPoly_BLAKE2b");
}
TEST(HandshakeStateTest, IKStaysInStepAfterEveryMessage) {
  RunHandshake("Noise_IK_25519_ChaChaPoly_BLAKE2b");
}
TEST(HandshakeStateTest, KKStaysInStepAfterEveryMessage) {
  RunHandshake("Noise_KK_25519_ChaChaPoly_SHA256");
}
TEST(HandshakeStateTest, PskVariantsStayInStepAfterEveryMessage) {
  for (const char* name :
       {"Noise_XXpsk3_25519_ChaChaPoly_SHA512", "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2b",
        "Noise_KKpsk0+psk2_25519_ChaChaPoly_SHA256",
        "Noise_IKpsk1+psk2_25519_ChaChaPoly_BLAKE2b"}) {
    RunHandshake(name);
  }
}
TEST(HandshakeStateTest, DeferredPatternsStayInStep) {
  RunHandshake("Noise_X1K1_25519_ChaChaPoly_SHA256");
  RunHandshake("Noise_I1X1_25519_ChaChaPoly_SHA256");
}

TEST(HandshakeStateTest, WrongPrologueFails) {
  Keys keys;
  auto pair = MakePair("Noise_IK_25519_ChaChaPoly_BLAKE2b", keys,
                       AsBytes("openline link v1"), AsBytes("openline link v2"));
  ASSERT_TRUE(pair);
  auto m1 = pair->initiator.WriteMessage({});
  ASSERT_TRUE(m1);
  auto read = pair->responder.ReadMessage(*m1);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::kCrypto);
  EXPECT_EQ(pair->responder.state(), HandshakeState::State::kFailed);
}

TEST(HandshakeStateTest, TamperedMessageFailsAndStateIsDead) {
  Keys keys;
  auto pair = MakePair("Noise_XX_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(pair);
  auto m1 = pair->initiator.WriteMessage({});
  ASSERT_TRUE(m1 && pair->responder.ReadMessage(*m1));
  auto m2 = pair->responder.WriteMessage(AsBytes("hi"));
  ASSERT_TRUE(m2);
  Bytes tampered = *m2;
  tampered[40] ^= 0x01;  // inside the encrypted static key
  auto read = pair->initiator.ReadMessage(tampered);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::kCrypto);
  EXPECT_EQ(pair->initiator.state(), HandshakeState::State::kFailed);
  // A dead state refuses even the genuine message.
  EXPECT_EQ(pair->initiator.ReadMessage(*m2).error().code, ErrorCode::kState);
}

TEST(HandshakeStateTest, OutOfTurnCallsFailWithStateAndChangeNothing) {
  Keys keys;
  auto pair = MakePair("Noise_XX_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->responder.WriteMessage({}).error().code, ErrorCode::kState);
  EXPECT_EQ(pair->initiator.ReadMessage(Bytes(32)).error().code, ErrorCode::kState);
  EXPECT_EQ(pair->initiator.Split().error().code, ErrorCode::kState);
  EXPECT_EQ(pair->responder.state(), HandshakeState::State::kAwaitingRead);
  EXPECT_EQ(pair->initiator.state(), HandshakeState::State::kAwaitingWrite);
  auto m1 = pair->initiator.WriteMessage({});
  ASSERT_TRUE(m1);
  EXPECT_EQ(pair->initiator.WriteMessage({}).error().code, ErrorCode::kState);
  EXPECT_TRUE(pair->responder.ReadMessage(*m1));
}

TEST(HandshakeStateTest, OversizePayloadFailsWithoutChangingState) {
  Keys keys;
  auto pair = MakePair("Noise_XX_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(pair);
  // Message 1 is e (32) || payload in clear: 65503 bytes of payload is the most.
  EXPECT_EQ(pair->initiator.WriteMessage(Bytes(kMaxMessageLen - kDhLen + 1)).error().code,
            ErrorCode::kTooLarge);
  EXPECT_EQ(pair->initiator.state(), HandshakeState::State::kAwaitingWrite);
  auto m1 = pair->initiator.WriteMessage(Bytes(kMaxMessageLen - kDhLen));
  ASSERT_TRUE(m1);
  EXPECT_EQ(m1->size(), kMaxMessageLen);
  ASSERT_TRUE(pair->responder.ReadMessage(*m1));
  // Message 2 is e (32) || s (48) || payload + tag (16).
  EXPECT_EQ(pair->responder.WriteMessage(Bytes(kMaxMessageLen - 95)).error().code,
            ErrorCode::kTooLarge);
  auto m2 = pair->responder.WriteMessage(Bytes(kMaxMessageLen - 96));
  ASSERT_TRUE(m2);
  EXPECT_EQ(m2->size(), kMaxMessageLen);
}

TEST(HandshakeStateTest, OversizeOrShortMessagesAreRefused) {
  Keys keys;
  auto big = MakePair("Noise_XX_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(big);
  EXPECT_EQ(big->responder.ReadMessage(Bytes(kMaxMessageLen + 1)).error().code,
            ErrorCode::kTooLarge);
  auto shorter = MakePair("Noise_XX_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(shorter);
  EXPECT_EQ(shorter->responder.ReadMessage(Bytes(31)).error().code,
            ErrorCode::kMalformed);
  auto ik = MakePair("Noise_IK_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(ik);
  auto m1 = ik->initiator.WriteMessage({});
  ASSERT_TRUE(m1);
  // e, s, and a payload tag one byte short.
  EXPECT_EQ(ik->responder.ReadMessage(ByteView(*m1).first(m1->size() - 1)).error().code,
            ErrorCode::kMalformed);
  auto ik2 = MakePair("Noise_IK_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(ik2);
  // e (32) is there but the encrypted s (48) is cut short.
  EXPECT_EQ(ik2->responder.ReadMessage(ByteView(*m1).first(60)).error().code,
            ErrorCode::kMalformed);
}

TEST(HandshakeStateTest, RemoteStaticCheckRunsBeforeThePayload) {
  Keys keys;
  auto pair = MakePair("Noise_IK_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(pair);
  auto m1 = pair->initiator.WriteMessage(AsBytes("payload"));
  ASSERT_TRUE(m1);
  crypto::X25519Public seen{};
  auto read =
      pair->responder.ReadMessage(*m1, [&](const crypto::X25519Public& rs) -> Status {
        seen = rs;
        return MakeError(ErrorCode::kNotFound, "not pinned");
      });
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(seen, keys.init_s.public_key);
  EXPECT_EQ(pair->responder.state(), HandshakeState::State::kFailed);
}

TEST(HandshakeStateTest, InitializeChecksKeys) {
  Keys keys;
  HandshakeKeys none;
  EXPECT_EQ(HandshakeState::Initialize("Noise_IK_25519_ChaChaPoly_BLAKE2b", true, {},
                                       std::move(none))
                .error()
                .code,
            ErrorCode::kInvalidArgument);  // no s, no rs
  HandshakeKeys extra_rs;
  extra_rs.rs = keys.resp_s.public_key;
  EXPECT_EQ(HandshakeState::Initialize("Noise_NN_25519_ChaChaPoly_BLAKE2b", true, {},
                                       std::move(extra_rs))
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  HandshakeKeys no_psk;
  EXPECT_EQ(HandshakeState::Initialize("Noise_NNpsk0_25519_ChaChaPoly_BLAKE2b", true, {},
                                       std::move(no_psk))
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  HandshakeKeys nn;
  EXPECT_EQ(
      HandshakeState::Initialize("Noise_NN_25519_AESGCM_BLAKE2b", true, {}, std::move(nn))
          .error()
          .code,
      ErrorCode::kUnsupported);
}

TEST(HandshakeStateTest, SplitOnlyOnceAndOnlyWhenComplete) {
  Keys keys;
  auto pair = MakePair("Noise_NN_25519_ChaChaPoly_BLAKE2b", keys);
  ASSERT_TRUE(pair);
  auto m1 = pair->initiator.WriteMessage({});
  ASSERT_TRUE(m1 && pair->responder.ReadMessage(*m1));
  EXPECT_EQ(pair->responder.Split().error().code, ErrorCode::kState);
  auto m2 = pair->responder.WriteMessage({});
  ASSERT_TRUE(m2 && pair->initiator.ReadMessage(*m2));
  EXPECT_TRUE(pair->initiator.Split());
  EXPECT_EQ(pair->initiator.state(), HandshakeState::State::kSplit);
  EXPECT_EQ(pair->initiator.Split().error().code, ErrorCode::kState);
  EXPECT_TRUE(pair->initiator.IsComplete());
}

TEST(HandshakeStateTest, FreshEphemeralsGiveFreshHandshakeHashes) {
  Keys keys;
  Bytes hashes[2];
  for (Bytes& h : hashes) {
    auto pair = MakePair("Noise_KK_25519_ChaChaPoly_BLAKE2b", keys);
    ASSERT_TRUE(pair);
    auto m1 = pair->initiator.WriteMessage({});
    ASSERT_TRUE(m1 && pair->responder.ReadMessage(*m1));
    auto m2 = pair->responder.WriteMessage({});
    ASSERT_TRUE(m2 && pair->initiator.ReadMessage(*m2));
    h = pair->initiator.GetHandshakeHash();
  }
  EXPECT_NE(hashes[0], hashes[1]);
}

TEST(HandshakeStateTest, StateNamesForLogs) {
  EXPECT_EQ(ToString(HandshakeState::State::kAwaitingWrite), "AwaitingWrite");
  EXPECT_EQ(ToString(HandshakeState::State::kFailed), "Failed");
}

}  // namespace
}  // namespace openline::noise
