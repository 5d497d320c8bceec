#include "station/message_views.h"

#include <gtest/gtest.h>

#include "transcript/sample.h"

namespace openline::station {
namespace {

class MessageViewsTest : public testing::Test {
 protected:
  MessageViewsTest() : link_(*transcript::MakeSampleLink({})) {
    a_ = *link_.transcript.parties().SideOf(link_.a.signing.public_key());
  }
  transcript::SampleLink link_;
  int a_ = 0;  // washington's side
};

TEST_F(MessageViewsTest, TimelineOfAnAcknowledgedFlash) {
  // Washington's first entry is a FLASH that Beijing received, displayed and
  // acknowledged (Li Wei, operator).
  auto m = ViewMessage(link_.transcript, a_, 1);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->precedence, wire::Precedence::kFlash);
  EXPECT_EQ(StateOf(*m), "acknowledged");
  EXPECT_EQ(m->acknowledged_by, "Li Wei");
  EXPECT_EQ(m->acknowledged_role, "operator");
  ASSERT_TRUE(m->received_us && m->displayed_us && m->acknowledged_us);
  EXPECT_LE(*m->received_us, *m->displayed_us);
  EXPECT_LE(*m->displayed_us, *m->acknowledged_us);
}

TEST_F(MessageViewsTest, ReceivedButUnansweredIsNotAcknowledged) {
  // The consular ROUTINE messages were stored by Beijing but nobody answered.
  int unanswered = 0;
  for (const auto& m : Messages(link_.transcript)) {
    if (m.channel == "consular") {
      EXPECT_EQ(StateOf(m), "received");
      ++unanswered;
    }
  }
  EXPECT_EQ(unanswered, 3);
}

TEST_F(MessageViewsTest, InboxIsUnacknowledgedPeerMessagesMostUrgentFirst) {
  // From Beijing's point of view: Washington's consular messages (ROUTINE) are
  // unacknowledged; from Washington's: Beijing's last FLASH is.
  auto beijing_inbox = Inbox(link_.transcript, 1 - a_);
  ASSERT_EQ(beijing_inbox.size(), 3u);
  for (const auto& m : beijing_inbox) EXPECT_EQ(m.side, a_);
  auto washington_inbox = Inbox(link_.transcript, a_);
  ASSERT_FALSE(washington_inbox.empty());
  EXPECT_EQ(washington_inbox.front().precedence, wire::Precedence::kFlash);
  EXPECT_EQ(StateOf(washington_inbox.front()), "pending");
}

TEST_F(MessageViewsTest, NonMessagesHaveNoView) {
  // Beijing's first entry is a receipt.
  EXPECT_FALSE(ViewMessage(link_.transcript, 1 - a_, 1));
  EXPECT_FALSE(ViewMessage(link_.transcript, a_, 9999));
}

}  // namespace
}  // namespace openline::station
