#include "transcript/entry_proof.h"

#include <gtest/gtest.h>

#include "transcript/sample.h"

namespace openline::transcript {
namespace {

class EntryProofTest : public testing::Test {
 protected:
  EntryProofTest() {
    SampleOptions opts;
    opts.rounds = 4;
    link_ = std::make_unique<SampleLink>(*MakeSampleLink(opts));
  }
  const Transcript& t() const { return link_->transcript; }
  std::unique_ptr<SampleLink> link_;
};

TEST_F(EntryProofTest, EveryCoveredEntryOfBothSidesProves) {
  int proven = 0;
  for (int side = 0; side < 2; ++side) {
    for (uint64_t seq = 1; seq <= t().chain(side).size(); ++seq) {
      auto proof = ProveEntry(t(), side, seq);
      if (!proof) {
        EXPECT_EQ(proof.error().code, ErrorCode::kNotFound);
        continue;
      }
      auto parsed = EntryProof::Parse(proof->Encode());
      ASSERT_TRUE(parsed) << parsed.error().ToString();
      auto ok = VerifyEntryProof(*parsed);
      ASSERT_TRUE(ok) << ok.error().ToString();
      EXPECT_EQ(ok->side, side);
      EXPECT_EQ(ok->entry.fields().seq, seq);
      ++proven;
    }
  }
  EXPECT_GT(proven, 20);
}

TEST_F(EntryProofTest, NewestEntryIsNotCoveredYet) {
  // The sample ends with an entry after the last checkpoint.
  int last_side = t().chain(0).at(t().chain(0).size()).fields().time_us >
                          t().chain(1).at(t().chain(1).size()).fields().time_us
                      ? 0
                      : 1;
  auto proof = ProveEntry(t(), last_side, t().chain(last_side).size());
  ASSERT_FALSE(proof);
  EXPECT_EQ(proof.error().code, ErrorCode::kNotFound);
}

TEST_F(EntryProofTest, AlteredEntryOrPathIsRefused) {
  auto proof = *ProveEntry(t(), 0, 2);
  auto other = *ProveEntry(t(), 0, 3);
  EntryProof swapped = proof;
  swapped.entry = other.entry;  // a real, signed entry, but not at this path
  EXPECT_EQ(VerifyEntryProof(swapped).error().kind, ViolationKind::kCheckpointInvalid);
  EntryProof bad_path = proof;
  bad_path.path[0][0] ^= 1;
  EXPECT_EQ(VerifyEntryProof(bad_path).error().kind, ViolationKind::kCheckpointInvalid);
  EntryProof flipped = proof;
  flipped.entry[flipped.entry.size() - 70] ^= 1;
  EXPECT_EQ(VerifyEntryProof(flipped).error().kind, ViolationKind::kBadSignature);
}

TEST_F(EntryProofTest, CheckpointMustBeCountersignedByTheOtherStation) {
  auto proof = *ProveEntry(t(), 0, 2);
  EntryProof self = proof;
  self.countersignature = self.proposal;
  EXPECT_EQ(VerifyEntryProof(self).error().kind, ViolationKind::kCheckpointInvalid);
}

TEST_F(EntryProofTest, CountersignatureBySameStationIsRefused) {
  // The proposer signs a role-2 checkpoint naming its own proposal: a real
  // signature, a real reference, but not the other station's word.
  auto proof = *ProveEntry(t(), 0, 2);
  auto proposal = *wire::SignedEnvelope::Parse(proof.proposal);
  const auto& proposer =
      proposal.fields().sender == link_->a.signing.public_key() ? link_->a : link_->b;
  auto f = proposal.fields();
  auto cp = *wire::Checkpoint::Parse(f.body);
  cp.role = wire::CheckpointRole::kCountersign;
  cp.proposal = proposal.ref();
  f.body = *cp.Encode();
  f.seq += 1;
  f.prev = proposal.hash();
  EntryProof self = proof;
  self.countersignature = wire::SignedEnvelope::Sign(f, proposer.signing)->bytes();
  auto verdict = VerifyEntryProof(self);
  ASSERT_FALSE(verdict);
  EXPECT_EQ(verdict.error().kind, ViolationKind::kCheckpointInvalid);
}

TEST_F(EntryProofTest, ExpectedIdentityAndTruncatedBytes) {
  auto proof = *ProveEntry(t(), 1, 1);
  EXPECT_TRUE(VerifyEntryProof(proof, link_->a.Public()));
  auto stranger = identity::StationKeys::FromSeedForTesting(99).Public();
  EXPECT_EQ(VerifyEntryProof(proof, stranger).error().kind,
            ViolationKind::kIdentityMismatch);
  Bytes bytes = proof.Encode();
  for (size_t n : {size_t{0}, size_t{8}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(EntryProof::Parse(ByteView(bytes).first(n))) << n;
  }
}

}  // namespace
}  // namespace openline::transcript
