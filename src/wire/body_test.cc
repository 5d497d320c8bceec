#include <gtest/gtest.h>

#include "wire/checkpoint.h"
#include "wire/receipt.h"

namespace openline::wire {
namespace {

TEST(ReceiptTest, RoundTrip) {
  Receipt rc{ReceiptType::kAcknowledged, {42, {}}, "Lt. Chen Wei", "operator", "on it"};
  rc.subject.hash.fill(0xab);
  auto bytes = rc.Encode();
  ASSERT_TRUE(bytes);
  auto back = Receipt::Parse(*bytes);
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, rc);
}

TEST(ReceiptTest, RejectsUnknownTypeZeroSubjectAndTrailingBytes) {
  Receipt rc{ReceiptType::kReceived, {1, {}}, "", "", ""};
  Bytes b = *rc.Encode();
  Bytes bad_type = b;
  bad_type[0] = 9;
  EXPECT_FALSE(Receipt::Parse(bad_type));
  Bytes zero = b;
  zero[8] = 0;
  EXPECT_FALSE(Receipt::Parse(zero));
  Bytes trailing = b;
  trailing.push_back(1);
  EXPECT_FALSE(Receipt::Parse(trailing));
  rc.subject.seq = 0;
  EXPECT_FALSE(rc.Encode());
}

TEST(ReceiptTest, OverlongNoteIsRefused) {
  Receipt rc{ReceiptType::kAcknowledged,
             {1, {}},
             "x",
             "operator",
             std::string(kMaxReceiptNoteLen + 1, 'n')};
  EXPECT_EQ(rc.Encode().error().code, ErrorCode::kTooLarge);
}

TEST(CheckpointTest, ProposalAndCountersignRoundTrip) {
  Checkpoint p;
  p.sides[0] = {10, {}};
  p.sides[1] = {7, {}};
  p.sides[0].root.fill(1);
  p.sides[1].root.fill(2);
  auto back = Checkpoint::Parse(*p.Encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, p);

  Checkpoint c = p;
  c.role = CheckpointRole::kCountersign;
  c.proposal = EntryRef{11, {}};
  auto back2 = Checkpoint::Parse(*c.Encode());
  ASSERT_TRUE(back2);
  EXPECT_EQ(*back2, c);
}

TEST(CheckpointTest, RoleAndProposalMustAgree) {
  Checkpoint p;
  p.proposal = EntryRef{1, {}};
  EXPECT_FALSE(p.Encode());
  Checkpoint c;
  c.role = CheckpointRole::kCountersign;
  EXPECT_FALSE(c.Encode());
  Bytes b = *Checkpoint{}.Encode();
  b[0] = 3;
  EXPECT_FALSE(Checkpoint::Parse(b));
}

}  // namespace
}  // namespace openline::wire
