// Test that header file is self-contained.
#include "noise/pattern.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace openline::noise {
namespace {

using T = Token;

TEST(PatternTest, TableHoldsAllFundamentalAndDeferredPatterns) {
  const std::vector<std::string_view> expected = {
      "N",    "K",   "X",   "NN",   "NK",   "NX",  "KN",  "KK",   "KX",  "XN",
      "XK",   "XX",  "IN",  "IK",   "IX",   "NK1", "NX1", "X1N",  "X1K", "XK1",
      "X1K1", "X1X", "XX1", "X1X1", "K1N",  "K1K", "KK1", "K1K1", "K1X", "KX1",
      "K1X1", "I1N", "I1K", "IK1",  "I1K1", "I1X", "IX1", "I1X1"};
  EXPECT_EQ(KnownPatternNames(), expected);
  for (std::string_view name : expected) {
    auto p = LookupPattern(name);
    ASSERT_TRUE(p) << name << ": " << p.error().ToString();
    EXPECT_EQ(p->IsOneWay(), name.size() == 1) << name;
    EXPECT_FALSE(p->IsPsk());
  }
}

TEST(PatternTest, TextFormRoundTrips) {
  for (std::string_view name : KnownPatternNames()) {
    auto p = LookupPattern(name);
    ASSERT_TRUE(p);
    auto again = ParsePattern(name, p->ToString());
    ASSERT_TRUE(again) << name;
    EXPECT_EQ(again->ToString(), p->ToString());
  }
}

TEST(PatternTest, ParsesXXAndIK) {
  auto xx = LookupPattern("XX");
  ASSERT_TRUE(xx);
  EXPECT_EQ(xx->ToString(), "-> e\n<- e, ee, s, es\n-> s, se");
  ASSERT_EQ(xx->messages.size(), 3u);
  EXPECT_EQ(xx->messages[1].tokens, (std::vector<Token>{T::kE, T::kEe, T::kS, T::kEs}));
  EXPECT_FALSE(xx->messages[1].from_initiator);

  auto ik = LookupPattern("IK");
  ASSERT_TRUE(ik);
  EXPECT_EQ(ik->responder_premessage, std::vector<Token>{T::kS});
  EXPECT_TRUE(ik->initiator_premessage.empty());
  EXPECT_EQ(ik->ToString(), "<- s\n...\n-> e, es, s, ss\n<- e, ee, se");
}

TEST(PatternTest, PskModifiersPlaceTokens) {
  auto nn0 = LookupPattern("NNpsk0");
  ASSERT_TRUE(nn0);
  EXPECT_EQ(nn0->messages[0].tokens, (std::vector<Token>{T::kPsk, T::kE}));
  EXPECT_EQ(nn0->name, "NNpsk0");

  auto xx3 = LookupPattern("XXpsk3");
  ASSERT_TRUE(xx3);
  EXPECT_EQ(xx3->messages[2].tokens, (std::vector<Token>{T::kS, T::kSe, T::kPsk}));

  auto kk = LookupPattern("KKpsk0+psk2");
  ASSERT_TRUE(kk);
  EXPECT_EQ(kk->PskCount(), 2u);
  EXPECT_EQ(kk->messages[0].tokens.front(), T::kPsk);
  EXPECT_EQ(kk->messages[1].tokens.back(), T::kPsk);
  EXPECT_TRUE(kk->IsPsk());
}

TEST(PatternTest, UnknownNamesAndModifiersAreUnsupported) {
  EXPECT_EQ(LookupPattern("ZZ").error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(LookupPattern("").error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(LookupPattern("XXfallback").error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(LookupPattern("NNhfs").error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(LookupPattern("XXpskx").error().code, ErrorCode::kUnsupported);
}

TEST(PatternTest, BadPskModifiersAreInvalid) {
  EXPECT_EQ(LookupPattern("NNpsk3").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(LookupPattern("NNpsk0+psk0").error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(LookupPattern("NNpsk0+"));
}

TEST(PatternTest, RejectsInvalidPatterns) {
  const std::vector<std::string_view> bad = {
      "<- e",                   // must start with ->
      "-> e\n-> e",             // must alternate
      "-> e, e",                // e sent twice
      "-> e\n<- e, ee\n-> ee",  // DH repeated
      "-> es",                  // keys not sent yet
      "-> e\n<- e, se",         // initiator has no s
      "-> e, x",                // unknown token
      "-> ee\n...\n-> e",       // DH in a pre-message
      "-> s\n-> s\n...\n-> e",  // two initiator pre-messages
      "...\n...\n-> e",         // two separators
      "e, s",                   // no arrow
      "",                       // no messages
  };
  for (std::string_view text : bad) {
    auto p = ParsePattern("bad", text);
    EXPECT_FALSE(p) << text;
    if (!p) {
      EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument) << text;
    }
  }
}

TEST(PatternTest, RejectsOversizedText) {
  const std::string huge(4096, ' ');
  EXPECT_EQ(ParsePattern("huge", huge).error().code, ErrorCode::kTooLarge);
  std::string many = "-> e";
  for (int i = 0; i < 10; ++i) many += i % 2 == 0 ? "\n<-" : "\n->";
  EXPECT_FALSE(ParsePattern("many", many));
}

}  // namespace
}  // namespace openline::noise
