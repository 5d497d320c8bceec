// Scenario tests of the link machine, each on the deterministic simulation with a
// fixed seed and a stated network, plus a few direct probes of one machine.
#include "link/link_machine.h"

#include <gtest/gtest.h>

#include "link/testing/simulation.h"
#include "transcript/author.h"

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
