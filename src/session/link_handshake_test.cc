// Test that header file is self-contained.
#include "session/link_handshake.h"

#include <set>

#include <gtest/gtest.h>

namespace openline::session {
namespace {

using crypto::X25519KeyPair;
using crypto::X25519Public;
using std::chrono::seconds;

Clock::time_point At(int64_t unix_seconds) {
  return Clock::time_point(seconds(unix_seconds));
}

// Two stations, "washington" (initiator) and "moscow" (responder), that pinned
// each other; moscow also pins a third station it might hear from.
class LinkHandshakeTest : public ::testing::Test {
 protected:
  LinkHandshakeTest()
      : responder_(
            moscow_.Clone(),
            [this](const X25519Public& k) { return pinned_.count(k) > 0; }, guard_) {
    pinned_.insert(washington_.public_key);
  }

  Initiator Washington() { return Initiator(washington_.Clone(), moscow_.public_key); }

  // A full handshake at `now`; fails the test if any step fails.
  std::pair<TransportSession, TransportSession> Handshake(Clock::time_point now) {
    Initiator initiator = Washington();
    auto initiation = initiator.CreateInitiation(now);
    EXPECT_TRUE(initiation);
    auto accepted = responder_.ReadInitiation(*initiation, now);
    EXPECT_TRUE(accepted) << accepted.error().ToString();
    auto session = initiator.ReadResponse(accepted->response);
    EXPECT_TRUE(session) << session.error().ToString();
    return {std::move(*session), std::move(accepted->session)};
  }

  X25519KeyPair washington_ = X25519KeyPair::Generate();
  X25519KeyPair moscow_ = X25519KeyPair::Generate();
  std::set<X25519Public> pinned_;
  ReplayGuard guard_;
  Responder responder_;
};

TEST_F(LinkHandshakeTest, FullHandshakeBetweenTwoStations) {
  Initiator initiator = Washington();
  auto initiation = initiator.CreateInitiation(At(1'700'000'000));
  ASSERT_TRUE(initiation);
  EXPECT_EQ(initiation->size(), 108u);
  auto accepted = responder_.ReadInitiation(*initiation, At(1'700'000'001));
  ASSERT_TRUE(accepted) << accepted.error().ToString();
  EXPECT_EQ(accepted->peer_static, washington_.public_key);
  EXPECT_EQ(accepted->timestamp, Tai64n::FromTimePoint(At(1'700'000'000)));
  EXPECT_EQ(accepted->response.size(), 48u);
  auto session = initiator.ReadResponse(accepted->response);
  ASSERT_TRUE(session) << session.error().ToString();

  TransportSession& w = *session;
  TransportSession& m = accepted->session;
  EXPECT_EQ(Bytes(w.session_id().begin(), w.session_id().end()),
            Bytes(m.session_id().begin(), m.session_id().end()));
  EXPECT_EQ(w.session_id().size(), 64u);  // BLAKE2b
  EXPECT_EQ(w.peer_static(), moscow_.public_key);
  EXPECT_TRUE(w.is_initiator());
  EXPECT_FALSE(m.is_initiator());
  EXPECT_EQ(m.established_at(), At(1'700'000'001));

  auto to_moscow = w.Encrypt(AsBytes("FLASH: vessel approaching"));
  ASSERT_TRUE(to_moscow);
  EXPECT_EQ(AsChars(*m.Decrypt(*to_moscow)), "FLASH: vessel approaching");
  auto to_washington = m.Encrypt(AsBytes("received"));
  ASSERT_TRUE(to_washington);
  EXPECT_EQ(AsChars(*w.Decrypt(*to_washington)), "received");
  EXPECT_EQ(responder_.counters().accepted, 1u);
  EXPECT_EQ(guard_.Latest(washington_.public_key), accepted->timestamp);
}

TEST_F(LinkHandshakeTest, KeyThatIsNotPinnedIsRefused) {
  Initiator stranger(X25519KeyPair::Generate(), moscow_.public_key);
  auto initiation = stranger.CreateInitiation(At(1'700'000'000));
  ASSERT_TRUE(initiation);
  auto refused = responder_.ReadInitiation(*initiation, At(1'700'000'000));
  ASSERT_FALSE(refused);  // no Accepted, so no response bytes exist to send
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(responder_.counters().unpinned, 1u);
  EXPECT_EQ(responder_.counters().accepted, 0u);
  EXPECT_EQ(guard_.size(), 0u);
}

TEST_F(LinkHandshakeTest, ReplayedInitiationIsRefused) {
  Initiator initiator = Washington();
  auto initiation = initiator.CreateInitiation(At(1'700'000'000));
  ASSERT_TRUE(initiation);
  ASSERT_TRUE(responder_.ReadInitiation(*initiation, At(1'700'000'000)));
  auto replayed = responder_.ReadInitiation(*initiation, At(1'700'000'005));
  ASSERT_FALSE(replayed);
  EXPECT_EQ(replayed.error().code, ErrorCode::kVerification);
  EXPECT_EQ(responder_.counters().replayed, 1u);
}

TEST_F(LinkHandshakeTest, OlderOrEqualTimestampIsRefused) {
  ASSERT_TRUE(responder_.ReadInitiation(*Washington().CreateInitiation(At(1'700'000'100)),
                                        At(1'700'000'100)));
  auto older = responder_.ReadInitiation(
      *Washington().CreateInitiation(At(1'700'000'099)), At(1'700'000'101));
  ASSERT_FALSE(older);
  EXPECT_EQ(older.error().code, ErrorCode::kVerification);
  // Same instant, fresh ephemeral: still not strictly greater.
  auto same = responder_.ReadInitiation(*Washington().CreateInitiation(At(1'700'000'100)),
                                        At(1'700'000'101));
  EXPECT_FALSE(same);
  EXPECT_EQ(responder_.counters().replayed, 2u);
  const auto later =
      Clock::time_point(seconds(1'700'000'100)) + std::chrono::nanoseconds(1);
  EXPECT_TRUE(responder_.ReadInitiation(*Washington().CreateInitiation(later), later));
}

TEST_F(LinkHandshakeTest, TwoSessionsNeverShareKeys) {
  auto [w1, m1] = Handshake(At(1'700'000'000));
  auto [w2, m2] = Handshake(At(1'700'000'001));
  EXPECT_NE(Bytes(w1.session_id().begin(), w1.session_id().end()),
            Bytes(w2.session_id().begin(), w2.session_id().end()));
  for (const TransportSession* a : {&w1, &m1}) {
    for (const TransportSession* b : {&w2, &m2}) {
      EXPECT_FALSE(
          crypto::ConstantTimeEqual(a->SendKeyForTesting(), b->SendKeyForTesting()));
      EXPECT_FALSE(
          crypto::ConstantTimeEqual(a->SendKeyForTesting(), b->ReceiveKeyForTesting()));
    }
  }
  EXPECT_FALSE(
      crypto::ConstantTimeEqual(w1.SendKeyForTesting(), w1.ReceiveKeyForTesting()));
  // A message of session 1 means nothing in session 2.
  auto sealed = w1.Encrypt(AsBytes("session one"));
  ASSERT_TRUE(sealed);
  EXPECT_EQ(m2.Decrypt(*sealed).error().code, ErrorCode::kCrypto);
  EXPECT_TRUE(m1.Decrypt(*sealed));
}

TEST_F(LinkHandshakeTest, TamperedResponseIsRefused) {
  for (size_t at : {size_t{0}, size_t{31}, size_t{32}, size_t{47}}) {
    Initiator initiator = Washington();
    auto initiation =
        initiator.CreateInitiation(At(1'700'000'000 + static_cast<int64_t>(at)));
    ASSERT_TRUE(initiation);
    auto accepted = responder_.ReadInitiation(*initiation, At(1'700'000'000));
    ASSERT_TRUE(accepted);
    Bytes tampered = accepted->response;
    tampered[at] ^= 0x80;
    auto session = initiator.ReadResponse(tampered);
    ASSERT_FALSE(session) << "byte " << at;
    EXPECT_EQ(session.error().code, ErrorCode::kCrypto) << "byte " << at;
    // The handshake is over; the genuine response no longer helps.
    EXPECT_EQ(initiator.ReadResponse(accepted->response).error().code, ErrorCode::kState);
  }
}

TEST_F(LinkHandshakeTest, TamperedInitiationIsRefused) {
  Initiator initiator = Washington();
  auto initiation = initiator.CreateInitiation(At(1'700'000'000));
  ASSERT_TRUE(initiation);
  for (size_t at : {size_t{5}, size_t{40}, size_t{79}, size_t{80}, size_t{107}}) {
    Bytes tampered = *initiation;
    tampered[at] ^= 0x01;
    auto refused = responder_.ReadInitiation(tampered, At(1'700'000'000));
    ASSERT_FALSE(refused) << "byte " << at;
    EXPECT_EQ(refused.error().code, ErrorCode::kCrypto) << "byte " << at;
  }
  EXPECT_EQ(responder_.counters().crypto, 5u);
  EXPECT_EQ(guard_.size(), 0u);  // refusals never move the replay guard
  EXPECT_TRUE(responder_.ReadInitiation(*initiation, At(1'700'000'000)));
}

TEST_F(LinkHandshakeTest, WrongResponderKeyAtInitiatorFails) {
  // Washington pinned the wrong key for moscow: moscow cannot read message 1.
  Initiator confused(washington_.Clone(), X25519KeyPair::Generate().public_key);
  auto initiation = confused.CreateInitiation(At(1'700'000'000));
  ASSERT_TRUE(initiation);
  auto refused = responder_.ReadInitiation(*initiation, At(1'700'000'000));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kCrypto);

  // And a response from a station holding another key does not authenticate.
  X25519KeyPair impostor_key = X25519KeyPair::Generate();
  Responder impostor(
      impostor_key.Clone(), [](const X25519Public&) { return true; }, guard_);
  Initiator to_impostor(washington_.Clone(), impostor_key.public_key);
  auto good_initiation = to_impostor.CreateInitiation(At(1'700'000'001));
  ASSERT_TRUE(good_initiation);
  auto impostor_accepted = impostor.ReadInitiation(*good_initiation, At(1'700'000'001));
  ASSERT_TRUE(impostor_accepted);
  Initiator initiator = Washington();
  ASSERT_TRUE(initiator.CreateInitiation(At(1'700'000'002)));
  EXPECT_EQ(initiator.ReadResponse(impostor_accepted->response).error().code,
            ErrorCode::kCrypto);
}

TEST_F(LinkHandshakeTest, WrongLengthsAreMalformed) {
  Initiator initiator = Washington();
  auto initiation = initiator.CreateInitiation(At(1'700'000'000));
  ASSERT_TRUE(initiation);
  Bytes longer = *initiation;
  longer.push_back(0);
  EXPECT_EQ(responder_.ReadInitiation(longer, At(0)).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(
      responder_.ReadInitiation(ByteView(*initiation).first(107), At(0)).error().code,
      ErrorCode::kMalformed);
  EXPECT_EQ(responder_.ReadInitiation({}, At(0)).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(responder_.counters().malformed, 3u);
  EXPECT_EQ(initiator.ReadResponse(Bytes(47)).error().code, ErrorCode::kMalformed);
}

TEST_F(LinkHandshakeTest, ReadResponseNeedsAPendingInitiation) {
  Initiator initiator = Washington();
  EXPECT_EQ(initiator.ReadResponse(Bytes(48)).error().code, ErrorCode::kState);
}

TEST_F(LinkHandshakeTest, RetryReplacesTheEarlierInitiation) {
  Initiator initiator = Washington();
  auto first = initiator.CreateInitiation(At(1'700'000'000));
  auto second = initiator.CreateInitiation(At(1'700'000'003));
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);
  auto accepted_first = responder_.ReadInitiation(*first, At(1'700'000'000));
  ASSERT_TRUE(accepted_first);
  EXPECT_EQ(initiator.ReadResponse(accepted_first->response).error().code,
            ErrorCode::kCrypto);
}

TEST_F(LinkHandshakeTest, RekeyKeepsBothSidesInStep) {
  auto [w, m] = Handshake(At(1'700'000'000));
  const uint64_t count = 2 * kRekeyAfterMessages + 3;
  for (uint64_t i = 0; i < count; ++i) {
    const uint8_t byte = static_cast<uint8_t>(i);
    auto sealed = w.Encrypt(ByteView(&byte, 1));
    ASSERT_TRUE(sealed);
    auto opened = m.Decrypt(*sealed);
    ASSERT_TRUE(opened) << "message " << i;
    ASSERT_EQ((*opened)[0], byte);
  }
  EXPECT_EQ(w.rekeys(), 2u);
  EXPECT_EQ(m.rekeys(), 2u);
  EXPECT_TRUE(crypto::ConstantTimeEqual(w.SendKeyForTesting(), m.ReceiveKeyForTesting()));
  auto back = m.Encrypt(AsBytes("ack"));
  ASSERT_TRUE(back);
  EXPECT_TRUE(w.Decrypt(*back));
}

TEST_F(LinkHandshakeTest, SessionAgeSuggestsRehandshake) {
  auto [w, m] = Handshake(At(1'700'000'000));
  EXPECT_FALSE(w.ShouldRehandshake(At(1'700'000'000) + kRehandshakeAfter - seconds(1)));
  EXPECT_TRUE(w.ShouldRehandshake(At(1'700'000'000) + kRehandshakeAfter));
}

}  // namespace
}  // namespace openline::session
