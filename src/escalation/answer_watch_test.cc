#include "escalation/answer_watch.h"

#include <map>

#include <gtest/gtest.h>

namespace openline::escalation {
namespace {

using wire::Precedence;

constexpr uint64_t kT0 = 1'700'000'000 * kSecondUs;
constexpr uint64_t kFlashDeadline = 10 * kMinuteUs;

AnswerWatch MakeWatch(AnswerWatch::Config config = {}) {
  auto w = AnswerWatch::Make(std::move(config));
  EXPECT_TRUE(w.has_value()) << w.error().ToString();
  return std::move(*w);
}

void SendFlash(AnswerWatch& w, const std::string& id, uint64_t at = kT0) {
  auto actions = w.OnSent({id, Precedence::kFlash, "maritime", at});
  ASSERT_TRUE(actions.has_value()) << actions.error().ToString();
  EXPECT_TRUE(actions->empty());
}

TEST(AnswerWatchTest, NoReceivedReceiptIsTechnicalSilence) {
  AnswerWatch w = MakeWatch();
  SendFlash(w, "beijing:1");
  EXPECT_EQ(w.NextWakeUp(), kT0 + kFlashDeadline);
  EXPECT_TRUE(w.OnTimer(kT0 + kFlashDeadline - 1).empty());
  const auto actions = w.OnTimer(kT0 + kFlashDeadline);
  ASSERT_EQ(actions.size(), 1u);
  const auto& u = std::get<PeerUnanswered>(actions[0]);
  EXPECT_EQ(u, (PeerUnanswered{"beijing:1", kFlashDeadline, Silence::kTechnical}));
  EXPECT_EQ(u.after_seconds(), 600u);
  EXPECT_EQ(ToString(u.silence), "no_received_receipt");
  EXPECT_TRUE(w.OnTimer(kT0 + kDayUs).empty());  // once
  EXPECT_EQ(w.stats().unanswered_technical, 1u);
  EXPECT_EQ(w.tracked(), 0u);
}

TEST(AnswerWatchTest, ReceivedButNotAcknowledgedIsHumanSilence) {
  AnswerWatch w = MakeWatch();
  SendFlash(w, "beijing:1");
  w.OnReceivedReceipt({"beijing:1", kT0 + kSecondUs});
  const auto actions = w.OnTimer(kT0 + kFlashDeadline);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(std::get<PeerUnanswered>(actions[0]),
            (PeerUnanswered{"beijing:1", kFlashDeadline, Silence::kHuman}));
  EXPECT_EQ(w.stats().unanswered_human, 1u);
  EXPECT_EQ(w.stats().unanswered_technical, 0u);
}

TEST(AnswerWatchTest, AnAcknowledgementBeforeTheDeadlineEndsTheWatch) {
  AnswerWatch w = MakeWatch();
  SendFlash(w, "beijing:1");
  w.OnReceivedReceipt({"beijing:1", kT0 + kSecondUs});
  EXPECT_EQ(w.OnAcknowledgedReceipt({"beijing:1", kT0 + kFlashDeadline - kSecondUs}),
            kFlashDeadline - kSecondUs);
  EXPECT_EQ(w.NextWakeUp(), std::nullopt);
  EXPECT_TRUE(w.OnTimer(kT0 + kDayUs).empty());
  EXPECT_EQ(w.stats().answered, 1u);
  EXPECT_EQ(w.OnAcknowledgedReceipt({"beijing:1", kT0}), std::nullopt);  // once
}

TEST(AnswerWatchTest, ACumulativeReceiptCoversEarlierEntriesOfThatLinkOnly) {
  AnswerWatch w = MakeWatch();
  SendFlash(w, "beijing:1");
  SendFlash(w, "beijing:2");
  SendFlash(w, "beijing:3");
  SendFlash(w, "moscow:1");
  w.OnReceivedThrough("beijing", 2, kT0 + kSecondUs);
  std::map<std::string, Silence> silence;
  for (const auto& a : w.OnTimer(kT0 + kFlashDeadline)) {
    const auto& u = std::get<PeerUnanswered>(a);
    silence[u.id] = u.silence;
  }
  EXPECT_EQ(silence, (std::map<std::string, Silence>{{"beijing:1", Silence::kHuman},
                                                     {"beijing:2", Silence::kHuman},
                                                     {"beijing:3", Silence::kTechnical},
                                                     {"moscow:1", Silence::kTechnical}}));
}

TEST(AnswerWatchTest, DeadlinesFollowPrecedenceAndChannel) {
  AnswerWatch::Config config;
  config.channel_deadlines["consular"].routine_us = 24 * kHourUs;
  AnswerWatch w = MakeWatch(config);
  ASSERT_TRUE(w.OnSent({"b:1", Precedence::kImmediate, "air", kT0}));
  ASSERT_TRUE(w.OnSent({"b:2", Precedence::kRoutine, "consular", kT0}));
  EXPECT_EQ(w.NextWakeUp(), kT0 + 30 * kMinuteUs);
  w.OnTimer(kT0 + 30 * kMinuteUs);
  EXPECT_EQ(w.NextWakeUp(), kT0 + 24 * kHourUs);
  const auto actions = w.OnTimer(kT0 + 24 * kHourUs);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(std::get<PeerUnanswered>(actions[0]).after_seconds(), 86'400u);
}

TEST(AnswerWatchTest, WhenFullItSaysWhatItLetsGoAndNeverReportsEarly) {
  AnswerWatch::Config config;
  config.max_tracked = 2;
  AnswerWatch w = MakeWatch(config);
  ASSERT_TRUE(w.OnSent({"b:1", Precedence::kRoutine, "air", kT0}));
  SendFlash(w, "b:2");
  auto displaced = w.OnSent({"b:3", Precedence::kFlash, "air", kT0});
  ASSERT_TRUE(displaced.has_value());
  EXPECT_EQ(*displaced,
            (std::vector<WatchAction>{NotWatched{"b:1", Precedence::kRoutine}}));
  auto refused = w.OnSent({"b:4", Precedence::kFlash, "air", kT0});
  EXPECT_EQ(*refused, (std::vector<WatchAction>{NotWatched{"b:4", Precedence::kFlash}}));
  EXPECT_TRUE(w.OnTimer(kT0 + kFlashDeadline - 1).empty());
  EXPECT_EQ(w.OnTimer(kT0 + kFlashDeadline).size(), 2u);
  EXPECT_EQ(w.stats().not_watched, 2u);
}

TEST(AnswerWatchTest, RefusesMalformedInput) {
  AnswerWatch w = MakeWatch();
  EXPECT_EQ(w.OnSent({"beijing", Precedence::kFlash, "air", kT0}).error().code,
            ErrorCode::kMalformed);
  EXPECT_FALSE(w.OnSent({"b:1", Precedence::kFlash, "", kT0}).has_value());
  EXPECT_FALSE(w.OnSent({"b:1", static_cast<Precedence>(0), "air", kT0}).has_value());
  AnswerWatch::Config config;
  config.default_deadlines.flash_us = 0;
  EXPECT_FALSE(AnswerWatch::Make(config).has_value());
}

}  // namespace
}  // namespace openline::escalation
