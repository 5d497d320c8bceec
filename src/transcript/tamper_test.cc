// The tamper matrix: every way of altering an exported transcript that the issue
// names, each of which must be refused with its own reason. Two kinds of attacker:
// someone who edits the file after export (cannot re-seal), and the exporting
// station itself (re-signs whatever its own key can sign, then seals).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "transcript/sample.h"
#include "transcript/verifier.h"

namespace openline::transcript {
namespace {

const Bytes& SampleBytes() {
  static const Bytes bytes = *MakeSampleExport({});
  return bytes;
}

ViolationKind Reject(const Bytes& file, const VerifyOptions& opts = {}) {
  auto report = VerifyExport(file, opts);
  EXPECT_FALSE(report) << "tampered file was accepted";
  return report ? ViolationKind::kFileFormat : report.error().kind;
}

// Re-seals an edited parsed file with the exporter's own key (the exporter lying).
Bytes ExporterEdit(const std::function<void(ExportFile&, const SampleLink&)>& edit) {
  SampleOptions opts;
  auto link = MakeSampleLink(opts);
  auto file = ExportOf(*link, opts);
  edit(*file, *link);
  return *file->EncodeAndSeal(link->a.signing);
}

int SideOfA(const SampleLink& link) {
  return *link.transcript.parties().SideOf(link.a.signing.public_key());
}

// Re-signs entry `index` (0-based) of A's list with `change` applied, keeping the
// sequence number: what a station can do to its own history.
Bytes Resigned(const SampleLink& link, const Bytes& original,
               const std::function<void(wire::EnvelopeFields&)>& change) {
  auto env = wire::SignedEnvelope::Parse(original);
  auto f = env->fields();
  change(f);
  return wire::SignedEnvelope::Sign(f, link.a.signing)->bytes();
}

TEST(TamperTest, UntouchedFileVerifies) { EXPECT_TRUE(VerifyExport(SampleBytes())); }

TEST(TamperTest, FlippedByteInAnEntryBody) {
  auto file = *ExportFile::Parse(SampleBytes());
  // Find the first entry's body in the raw file and flip its last byte before the
  // signature: the record still parses, so the signature must catch it.
  Bytes b = SampleBytes();
  const Bytes& first = file.entries[0][0];
  auto at = std::search(b.begin(), b.end(), first.begin(), first.end()) - b.begin();
  b[static_cast<size_t>(at) + first.size() - 65] ^= 0x01;
  EXPECT_EQ(Reject(b), ViolationKind::kBadSignature);
}

TEST(TamperTest, DroppedEntry) {
  auto b = ExporterEdit([](ExportFile& f, const SampleLink&) {
    f.entries[0].erase(f.entries[0].begin() + 2);
  });
  EXPECT_EQ(Reject(b), ViolationKind::kSequenceGap);
}

TEST(TamperTest, InsertedEntryFromAnOutsider) {
  auto b = ExporterEdit([](ExportFile& f, const SampleLink&) {
    auto outsider = identity::StationKeys::FromSeedForTesting(77);
    auto env = wire::SignedEnvelope::Parse(f.entries[0][3]);
    auto fields = env->fields();
    fields.sender = outsider.signing.public_key();
    f.entries[0].insert(f.entries[0].begin() + 4,
                        wire::SignedEnvelope::Sign(fields, outsider.signing)->bytes());
  });
  EXPECT_EQ(Reject(b), ViolationKind::kForeignSender);
}

TEST(TamperTest, SwappedEntries) {
  auto b = ExporterEdit([](ExportFile& f, const SampleLink&) {
    std::swap(f.entries[1][1], f.entries[1][2]);
  });
  EXPECT_EQ(Reject(b), ViolationKind::kOutOfOrder);
}

TEST(TamperTest, DuplicatedEntry) {
  auto b = ExporterEdit([](ExportFile& f, const SampleLink&) {
    f.entries[0].insert(f.entries[0].begin() + 1, f.entries[0][1]);
  });
  EXPECT_EQ(Reject(b), ViolationKind::kDuplicate);
}

TEST(TamperTest, Equivocation) {
  auto b = ExporterEdit([](ExportFile& f, const SampleLink& link) {
    int a = SideOfA(link);
    auto& list = f.entries[static_cast<size_t>(a)];
    list.insert(list.begin() + 1, Resigned(link, list[0], [](wire::EnvelopeFields& e) {
                  e.body = Bytes{'n', 'o', 't', ' ', 's', 'e', 'n', 't'};
                }));
  });
  EXPECT_EQ(Reject(b), ViolationKind::kEquivocation);
}

TEST(TamperTest, RewrittenHistoryIsCaughtByThePeersReferences) {
  // The exporter rewrites its first message and re-signs its whole chain so its
  // own hashes line up; the peer's entries still reference the original.
  auto b = ExporterEdit([](ExportFile& f, const SampleLink& link) {
    int a = SideOfA(link);
    auto& list = f.entries[static_cast<size_t>(a)];
    wire::Hash prev{};
    for (size_t i = 0; i < list.size(); ++i) {
      list[i] = Resigned(link, list[i], [&](wire::EnvelopeFields& e) {
        if (i == 0)
          e.body = Bytes{'w', 'e', ' ', 'n', 'e', 'v', 'e', 'r', ' ', 's', 'a', 'i', 'd'};
        e.prev = prev;
      });
      prev = wire::SignedEnvelope::Parse(list[i])->hash();
    }
  });
  EXPECT_EQ(Reject(b), ViolationKind::kCrossReference);
}

TEST(TamperTest, TruncatedChainReferencedByThePeer) {
  auto b = ExporterEdit([](ExportFile& f, const SampleLink& link) {
    int a = SideOfA(link);
    auto& list = f.entries[static_cast<size_t>(a)];
    list.resize(list.size() / 2);
  });
  EXPECT_EQ(Reject(b), ViolationKind::kTruncated);
}

TEST(TamperTest, TruncatedFileBytes) {
  Bytes b = SampleBytes();
  b.resize(b.size() - 100);
  EXPECT_EQ(Reject(b), ViolationKind::kFileFormat);
}

TEST(TamperTest, ConsistentTruncationAfterExportBreaksTheSeal) {
  // Dropping the newest entries of both sides leaves a consistent record; only
  // the exporter's seal shows the file is not what was exported.
  auto file = *ExportFile::Parse(SampleBytes());
  auto link = MakeSampleLink({});
  Bytes b;
  {
    ExportFile cut = file;
    // B's final FLASH is unreferenced; drop it.
    int b_side = 1 - SideOfA(*link);
    cut.entries[static_cast<size_t>(b_side)].pop_back();
    Bytes resealed = *cut.EncodeAndSeal(link->a.signing);
    // Put the original seal back: an outsider cannot sign.
    std::copy(file.seal.begin(), file.seal.end(), resealed.end() - 64);
    b = resealed;
  }
  EXPECT_EQ(Reject(b), ViolationKind::kSealInvalid);
}

TEST(TamperTest, SwappedKey) {
  Bytes b = SampleBytes();
  // Replace side 1's signing key in the header (offset 8 magic + 2 + 64).
  auto other = identity::StationKeys::FromSeedForTesting(99).Public();
  std::copy(other.sign_key.begin(), other.sign_key.end(), b.begin() + 8 + 2 + 64);
  EXPECT_EQ(Reject(b), ViolationKind::kIdentityMismatch);
}

TEST(TamperTest, ResignedWithAnotherKey) {
  // An impostor re-signs one side's whole chain with its own key and rewrites the
  // header (keys, link id) to match; the other side's entries name the real link.
  SampleOptions opts;
  auto link = MakeSampleLink(opts);
  auto file = *ExportOf(*link, opts);
  auto impostor = identity::StationKeys::FromSeedForTesting(55);
  int a = SideOfA(*link);
  auto parties = LinkParties::Make(impostor.Public(), link->b.Public());
  int new_a = *parties->SideOf(impostor.signing.public_key());
  std::vector<Bytes> resigned;
  for (const Bytes& e : file.entries[static_cast<size_t>(a)]) {
    auto f = wire::SignedEnvelope::Parse(e)->fields();
    f.sender = impostor.signing.public_key();
    f.link = parties->id();
    resigned.push_back(wire::SignedEnvelope::Sign(f, impostor.signing)->bytes());
  }
  std::vector<Bytes> other = file.entries[static_cast<size_t>(1 - a)];
  file.sides = {parties->side(0), parties->side(1)};
  file.link_id = parties->id();
  file.entries[static_cast<size_t>(new_a)] = resigned;
  file.entries[static_cast<size_t>(1 - new_a)] = other;
  file.exporter_side = static_cast<uint8_t>(new_a);
  auto b = *file.EncodeAndSeal(impostor.signing);
  EXPECT_EQ(Reject(b), ViolationKind::kWrongLink);
  // And an auditor who pinned the real key refuses it at once.
  VerifyOptions pinned;
  pinned.expected_identity = link->a.Public();
  EXPECT_EQ(Reject(b, pinned), ViolationKind::kIdentityMismatch);
}

TEST(TamperTest, ForgedCheckpointRoot) {
  // The exporter alters the root in its own checkpoint proposal and re-signs it.
  auto b = ExporterEdit([](ExportFile& f, const SampleLink& link) {
    int a = SideOfA(link);
    auto& list = f.entries[static_cast<size_t>(a)];
    for (auto& e : list) {
      auto env = wire::SignedEnvelope::Parse(e);
      if (env->fields().kind != wire::Kind::kCheckpoint) continue;
      e = Resigned(link, e, [](wire::EnvelopeFields& fields) {
        auto cp = *wire::Checkpoint::Parse(fields.body);
        cp.sides[0].root[5] ^= 0x40;
        fields.body = *cp.Encode();
      });
      // Keep the chain after it intact is impossible without re-signing; stop
      // here: the checkpoint itself is the first violation.
      break;
    }
  });
  EXPECT_EQ(Reject(b), ViolationKind::kCheckpointInvalid);
}

RC_GTEST_PROP(TamperProperty, AnySingleByteChangeIsRejected, ()) {
  Bytes b = SampleBytes();
  auto at = *rc::gen::inRange<size_t>(0, b.size());
  auto x = *rc::gen::inRange<int>(1, 256);
  b[at] = static_cast<uint8_t>(b[at] ^ x);
  RC_ASSERT(!VerifyExport(b).has_value());
}

}  // namespace
}  // namespace openline::transcript
