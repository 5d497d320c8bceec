// Scenario tests of the link machine, each on the deterministic simulation with a
// fixed seed and a stated network, plus a few direct probes of one machine.
#include "link/link_machine.h"

#include <gtest/gtest.h>

#include "link/testing/simulation.h"
#include "transcript/author.h"
#include "wire/notice.h"

namespace openline::link {
namespace {

using testing::NetworkProfile;
using testing::Simulation;

constexpr uint64_t kSecond = 1'000'000;

TEST(LinkMachineTest, MessagesFlowBothWaysWithReceipts) {
  Simulation sim(1, NetworkProfile{});
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(sim.Accept(0, "maritime", wire::Precedence::kRoutine));
    ASSERT_TRUE(sim.Accept(1, "air", wire::Precedence::kImmediate));
  }
  ASSERT_TRUE(sim.Settle(30 * kSecond));
  EXPECT_EQ(sim.CheckAll(), "");
}

TEST(LinkMachineTest, FlashOvertakesAQueuedBacklog) {
  Simulation sim(2, NetworkProfile{});
  sim.SetPartitioned(true);
  for (int i = 0; i < 1000; ++i)
    ASSERT_TRUE(sim.Accept(0, "maritime", wire::Precedence::kRoutine));
  ASSERT_TRUE(sim.Accept(0, "maritime", wire::Precedence::kFlash));
  sim.RunUntil(sim.now() + kSecond);
  sim.SetPartitioned(false);
  ASSERT_TRUE(sim.Settle(120 * kSecond));
  ASSERT_EQ(sim.CheckAll(), "");
  // At most one window of entries was signed ahead of it (while the link was down).
  const auto& chain = sim.durable(0, sim.side_of(0));
  uint64_t flash_seq = 0;
  for (const auto& env : chain) {
    if (env.fields().precedence == wire::Precedence::kFlash) flash_seq = env.fields().seq;
  }
  EXPECT_GT(flash_seq, 0u);
  EXPECT_LE(flash_seq, kDefaultWindow + 1);
}

TEST(LinkMachineTest, CrashesOnBothSidesLoseNothingAndDuplicateNothing) {
  Simulation sim(3, NetworkProfile{});
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 40; ++i) {
      sim.Accept(0, "maritime", wire::Precedence::kPriority);
      sim.Accept(1, "maritime", wire::Precedence::kRoutine);
    }
    sim.RunUntil(sim.now() + 3'000);  // mid-stream
    sim.Crash(round % 2);
    sim.RunUntil(sim.now() + kSecond);
    sim.Restart(round % 2);
  }
  ASSERT_TRUE(sim.Settle(120 * kSecond));
  EXPECT_EQ(sim.CheckAll(), "");
}

TEST(LinkMachineTest, LossyReorderingNetworkStillDeliversExactlyOnce) {
  NetworkProfile lossy;
  lossy.loss = 0.2;
  lossy.duplicate = 0.1;
  lossy.max_delay_us = 50'000;
  Simulation sim(4, lossy);
  for (int i = 0; i < 200; ++i) {
    sim.Accept(i % 2, i % 3 == 0 ? "air" : "maritime",
               static_cast<wire::Precedence>(1 + i % 4));
  }
  ASSERT_TRUE(sim.Settle(300 * kSecond)) << sim.DebugString();
  EXPECT_EQ(sim.CheckAll(), "");
}

TEST(LinkMachineTest, BackPressureBoundsQueuedBytes) {
  auto a = identity::StationKeys::FromSeedForTesting(1);
  auto b = identity::StationKeys::FromSeedForTesting(2);
  transcript::Transcript t(*transcript::LinkParties::Make(a.Public(), b.Public()));
  LinkMachine::Config config;
  config.window = 1;
  config.max_queued_bytes = 100;
  auto m = LinkMachine::Make(a, std::move(t), config);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->CanAccept(100));
  EXPECT_FALSE(m->CanAccept(101));
  // The first message is signed at once (window 1); the rest queue up to the bound.
  ASSERT_TRUE(m->Accept(
      {1, "maritime", wire::Precedence::kRoutine, wire::Kind::kText, Bytes(60, 'x'), 0},
      1));
  ASSERT_TRUE(m->Accept(
      {2, "maritime", wire::Precedence::kRoutine, wire::Kind::kText, Bytes(60, 'x'), 0},
      1));
  EXPECT_FALSE(m->Accept(
      {3, "maritime", wire::Precedence::kRoutine, wire::Kind::kText, Bytes(60, 'x'), 0},
      1));
}

TEST(LinkMachineTest, NothingIsSentBeforeItIsDurable) {
  auto a = identity::StationKeys::FromSeedForTesting(1);
  auto b = identity::StationKeys::FromSeedForTesting(2);
  transcript::Transcript t(*transcript::LinkParties::Make(a.Public(), b.Public()));
  auto m = LinkMachine::Make(a, std::move(t));
  m->OnConnected(1);
  m->OnMessage(wire::EncodeLinkMessage(wire::Hello{0, 0}), 2);
  (void)m->TakeSends();
  ASSERT_TRUE(m->Accept(
      {1, "maritime", wire::Precedence::kFlash, wire::Kind::kText, Bytes{'h', 'i'}, 0},
      3));
  for (const auto& s : m->TakeSends()) {
    auto msg = wire::ParseLinkMessage(s);
    EXPECT_FALSE(std::holds_alternative<wire::Entry>(*msg)) << "sent before durable";
  }
  auto batch = m->TakePersist();
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->entries.size(), 1u);
  EXPECT_EQ(batch->entries[0].outbox_id, std::optional<uint64_t>{1});
  m->OnPersisted(batch->token, 4);
  bool sent_entry = false;
  for (const auto& s : m->TakeSends()) {
    sent_entry |= std::holds_alternative<wire::Entry>(*wire::ParseLinkMessage(s));
  }
  EXPECT_TRUE(sent_entry);
}

// Found by chaos seed 1228: entries in flight when a connection drops must be
// sent again on the next one even if the peer's HELLO is lost and its ACK is
// the first thing heard.
TEST(LinkMachineTest, AReconnectResendsWhatWasInFlightWhenOnlyAnAckArrives) {
  auto a = identity::StationKeys::FromSeedForTesting(1);
  auto b = identity::StationKeys::FromSeedForTesting(2);
  transcript::Transcript t(*transcript::LinkParties::Make(a.Public(), b.Public()));
  auto m = LinkMachine::Make(a, std::move(t));
  m->OnConnected(1);
  m->OnMessage(wire::EncodeLinkMessage(wire::Hello{0, 0}), 2);
  ASSERT_TRUE(m->Accept(
      {1, "maritime", wire::Precedence::kFlash, wire::Kind::kText, Bytes{'h', 'i'}, 0},
      3));
  auto batch = m->TakePersist();
  ASSERT_TRUE(batch);
  m->OnPersisted(batch->token, 4);
  (void)m->TakeSends();  // entry #1 goes out, and is lost with the connection
  m->OnDisconnected(5);
  m->OnConnected(6);
  m->OnMessage(wire::EncodeLinkMessage(wire::Ack{0, {}}), 7);  // its HELLO was lost
  bool resent = false;
  for (const auto& s : m->TakeSends()) {
    resent |= std::holds_alternative<wire::Entry>(*wire::ParseLinkMessage(s));
  }
  EXPECT_TRUE(resent) << m->DebugString();
}

TEST(LinkMachineTest, EquivocatingPeerIsRefusedAndReported) {
  auto a = identity::StationKeys::FromSeedForTesting(1);
  auto b = identity::StationKeys::FromSeedForTesting(2);
  auto parties = *transcript::LinkParties::Make(a.Public(), b.Public());
  transcript::Transcript t(parties);
  auto m = LinkMachine::Make(a, t);
  m->OnConnected(1);
  auto first = *transcript::Author::Make(b, t)->Next(
      {wire::Kind::kText, wire::Precedence::kRoutine, "maritime", Bytes{'1'}}, 5);
  auto other = *transcript::Author::Make(b, t)->Next(
      {wire::Kind::kText, wire::Precedence::kRoutine, "maritime", Bytes{'2'}}, 5);
  m->OnMessage(wire::EncodeLinkMessage(wire::Entry{first.bytes()}), 6);
  m->OnMessage(wire::EncodeLinkMessage(wire::Entry{other.bytes()}), 7);
  bool refused = false;
  for (const auto& ev : m->TakeEvents()) {
    if (const auto* r = std::get_if<PeerRefused>(&ev)) {
      refused = r->violation.kind == transcript::ViolationKind::kEquivocation;
    }
  }
  EXPECT_TRUE(refused);
}

// Persists whatever batch is ready and reports it durable, as the store would.
void PersistAll(LinkMachine& m, uint64_t now_us) {
  while (auto batch = m.TakePersist()) m.OnPersisted(batch->token, now_us);
}

Bytes NoticeBody(wire::EntryRef subject, wire::NoticeSilence silence) {
  return *wire::Notice{wire::NoticeType::kUnanswered, subject, 600, silence}.Encode();
}

TEST(LinkMachineTest, ANoticeIsCarriedButNeverReceipted) {
  // A's FLASH and, 601 s later, A's notice that it went unanswered reach B. B
  // receipts the FLASH but not the notice: a notice is a fact for the record, and
  // receipting it would ask for an answer nobody gives.
  auto a = identity::StationKeys::FromSeedForTesting(1);
  auto b = identity::StationKeys::FromSeedForTesting(2);
  transcript::Transcript t(*transcript::LinkParties::Make(a.Public(), b.Public()));
  transcript::Transcript at_a = t;
  const uint64_t t0 = 100 * kSecond;
  auto flash = *transcript::Author::Make(a, at_a)->Next(
      {wire::Kind::kText, wire::Precedence::kFlash, "maritime", Bytes{'!'}}, t0);
  const auto flash_ref = flash.ref();
  ASSERT_TRUE(at_a.Append(flash));
  auto notice = *transcript::Author::Make(a, at_a)->Next(
      {wire::Kind::kNotice, wire::Precedence::kFlash, "maritime",
       NoticeBody(flash_ref, wire::NoticeSilence::kTechnical)},
      t0 + 601 * kSecond);

  auto m = LinkMachine::Make(b, t);
  ASSERT_TRUE(m);
  m->OnConnected(t0);
  m->OnMessage(wire::EncodeLinkMessage(wire::Entry{flash.bytes()}), t0 + 1);
  PersistAll(*m, t0 + 2);
  PersistAll(*m, t0 + 3);  // B's received receipt for the FLASH
  const int b_side = m->own_side();
  ASSERT_EQ(m->transcript().chain(b_side).size(), 1u);
  EXPECT_EQ(m->transcript().chain(b_side).at(1).fields().kind, wire::Kind::kReceipt);
  (void)m->TakeEvents();

  // The notice names no receipt A had seen (B's was still in flight): valid.
  m->OnMessage(wire::EncodeLinkMessage(wire::Entry{notice.bytes()}), t0 + 601 * kSecond);
  PersistAll(*m, t0 + 602 * kSecond);
  bool delivered = false;
  for (const auto& ev : m->TakeEvents()) {
    if (const auto* r = std::get_if<PeerRefused>(&ev)) FAIL() << r->violation.ToString();
    if (const auto* d = std::get_if<Delivered>(&ev)) {
      delivered |= d->kind == wire::Kind::kNotice && d->ref == notice.ref();
    }
  }
  EXPECT_TRUE(delivered);
  EXPECT_EQ(m->durable_peer(), 2u);
  EXPECT_EQ(m->transcript().chain(b_side).size(), 1u) << "a notice was receipted";
  EXPECT_FALSE(m->TakePersist());
}

TEST(LinkMachineTest, ANoticeTheRecordNowContradictsIsNotSigned) {
  // A's station wrote "no received receipt" at its deadline, but B's received
  // receipt arrived while the notice waited in the outbox. Signing it would put a
  // false fact (and an entry the transcript refuses) into A's chain.
  auto a = identity::StationKeys::FromSeedForTesting(1);
  auto b = identity::StationKeys::FromSeedForTesting(2);
  transcript::Transcript t(*transcript::LinkParties::Make(a.Public(), b.Public()));
  auto m = LinkMachine::Make(a, t);
  ASSERT_TRUE(m);
  const uint64_t t0 = 100 * kSecond;
  ASSERT_TRUE(m->Accept(
      {1, "maritime", wire::Precedence::kFlash, wire::Kind::kText, Bytes{'!'}, t0}, t0));
  PersistAll(*m, t0 + 1);
  const int a_side = m->own_side();
  const auto flash_ref = m->transcript().chain(a_side).at(1).ref();
  transcript::Transcript at_b = m->transcript();
  auto receipt = *transcript::Author::Make(b, at_b)->Receipt(
      {wire::ReceiptType::kReceived, flash_ref, "", "", ""}, wire::Precedence::kFlash,
      std::string(kLinkChannel), t0 + 2);
  m->OnConnected(t0 + 2);
  m->OnMessage(wire::EncodeLinkMessage(wire::Entry{receipt.bytes()}), t0 + 3);
  PersistAll(*m, t0 + 4);
  (void)m->TakeEvents();

  ASSERT_TRUE(m->Accept({2, "maritime", wire::Precedence::kFlash, wire::Kind::kNotice,
                         NoticeBody(flash_ref, wire::NoticeSilence::kTechnical), t0},
                        t0 + 700 * kSecond));
  bool refused = false;
  for (const auto& ev : m->TakeEvents()) {
    if (const auto* r = std::get_if<PeerRefused>(&ev)) {
      refused = r->violation.kind == transcript::ViolationKind::kNoticeContradicted &&
                r->violation.side == a_side;
    }
    EXPECT_FALSE(std::holds_alternative<Chained>(ev));
  }
  EXPECT_TRUE(refused);
  EXPECT_FALSE(m->TakePersist()) << "a refused notice must never reach the store";
  EXPECT_EQ(m->transcript().chain(a_side).size(), 1u);

  // The true statement, received but not acknowledged, is signed and chained.
  ASSERT_TRUE(m->Accept({3, "maritime", wire::Precedence::kFlash, wire::Kind::kNotice,
                         NoticeBody(flash_ref, wire::NoticeSilence::kHuman), t0},
                        t0 + 701 * kSecond));
  PersistAll(*m, t0 + 702 * kSecond);
  bool chained = false;
  for (const auto& ev : m->TakeEvents()) {
    if (const auto* c = std::get_if<Chained>(&ev)) chained |= c->outbox_id == 3;
  }
  EXPECT_TRUE(chained);
  EXPECT_EQ(m->transcript().chain(a_side).at(2).fields().kind, wire::Kind::kNotice);
}

TEST(LinkMachineTest, HeartbeatsMeasureRttAndSilenceIsReported) {
  Simulation sim(5, NetworkProfile{});
  sim.RunUntil(sim.now() + 5 * kSecond);
  // (RTT samples are consumed by the simulation; the estimator keeps them.)
  auto a = identity::StationKeys::FromSeedForTesting(1);
  auto b = identity::StationKeys::FromSeedForTesting(2);
  transcript::Transcript t(*transcript::LinkParties::Make(a.Public(), b.Public()));
  auto m = LinkMachine::Make(a, std::move(t));
  m->OnConnected(0);
  m->OnMessage(wire::EncodeLinkMessage(wire::Pong{1, 0}), 30'000);
  ASSERT_TRUE(m->rtt().last_us());
  EXPECT_EQ(*m->rtt().last_us(), 30'000u);
  (void)m->TakeEvents();
  m->OnTimer(30'000 + kPeerSilenceUs);
  bool silent = false;
  for (const auto& ev : m->TakeEvents()) silent |= std::holds_alternative<PeerSilent>(ev);
  EXPECT_TRUE(silent);
}

}  // namespace
}  // namespace openline::link
