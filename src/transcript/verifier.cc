#include "transcript/verifier.h"

#include <set>

#include "transcript/merge.h"
#include "wire/checkpoint.h"

namespace openline::transcript {
namespace {

using Load = tl::expected<Transcript, Violation>;

Violation Fail(ViolationKind kind, int side, uint64_t seq, std::string detail) {
  return Violation{kind, side, seq, std::move(detail)};
}

bool IsMessage(wire::Kind kind) {
  return kind == wire::Kind::kText || kind == wire::Kind::kCatalogue ||
         kind == wire::Kind::kAttachment || kind == wire::Kind::kCall;
}

// Parses one side's list and checks it is in strict sequence order, so that a
// swapped, repeated or doubled entry is named as such rather than as a gap.
tl::expected<std::vector<wire::SignedEnvelope>, Violation> ParseSide(
    const ExportFile& file, int side) {
  const auto& records = file.entries[static_cast<size_t>(side)];
  std::vector<wire::SignedEnvelope> out;
  out.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    auto env = wire::SignedEnvelope::Parse(records[i]);
    if (!env) {
      return tl::unexpected(
          Fail(ViolationKind::kMalformedEntry, side, i + 1,
               "record " + std::to_string(i + 1) + ": " + env.error().message));
    }
    const uint64_t seq = env->fields().seq;
    if (env->fields().sender != file.sides[static_cast<size_t>(side)].sign_key) {
      return tl::unexpected(Fail(ViolationKind::kForeignSender, side, seq,
                                 "listed under this side but not sent by its key"));
    }
    if (!out.empty()) {
      const auto& prev = out.back();
      if (seq == prev.fields().seq) {
        return tl::unexpected(
            prev.hash() == env->hash()
                ? Fail(ViolationKind::kDuplicate, side, seq, "entry listed twice")
                : Fail(ViolationKind::kEquivocation, side, seq,
                       "two different signed entries with the same sequence number"));
      }
      if (seq < prev.fields().seq) {
        return tl::unexpected(
            Fail(ViolationKind::kOutOfOrder, side, seq,
                 "listed after entry #" + std::to_string(prev.fields().seq)));
      }
    }
    out.push_back(std::move(*env));
  }
  return out;
}

void Summarise(const Transcript& t, const ExportFile& file, VerifyReport& report) {
  // Index messages by (side, seq) in order, then apply every receipt to its subject.
  std::map<std::pair<int, uint64_t>, MessageStatus> messages;
  for (int s = 0; s < 2; ++s) {
    SideSummary& sum = report.sides[static_cast<size_t>(s)];
    sum.name = file.names[static_cast<size_t>(s)];
    sum.identity = file.sides[static_cast<size_t>(s)];
    const Chain& chain = t.chain(s);
    sum.entries = chain.size();
    if (!chain.empty()) {
      sum.first_time_us = chain.at(1).fields().time_us;
      sum.last_time_us = chain.at(chain.size()).fields().time_us;
    }
    for (const auto& env : chain.entries()) {
      const auto& f = env.fields();
      ++sum.by_kind[f.kind];
      if (f.kind == wire::Kind::kNotice) {
        // Valid: the transcript checked it.
        report.notices.push_back({s, f.seq, f.time_us, *wire::Notice::Parse(f.body)});
      }
      if (IsMessage(f.kind)) {
        MessageStatus m;
        m.side = s;
        m.seq = f.seq;
        m.time_us = f.time_us;
        m.kind = f.kind;
        m.precedence = f.precedence;
        m.channel = f.channel;
        messages[{s, f.seq}] = std::move(m);
      }
    }
  }
  std::set<std::pair<int, uint64_t>> countersigned;  // (proposer side, proposal seq)
  uint64_t received_up_to[2] = {0,
                                0};  // per sender: the newest entry received by the peer
  for (int s = 0; s < 2; ++s) {
    for (const auto& env : t.chain(s).entries()) {
      const auto& f = env.fields();
      if (f.kind == wire::Kind::kReceipt) {
        auto rc = wire::Receipt::Parse(f.body);  // valid: the transcript checked it
        if (rc->type == wire::ReceiptType::kReceived) {
          // Cumulative: the subject's hash commits to every entry before it.
          received_up_to[1 - s] = std::max(received_up_to[1 - s], rc->subject.seq);
        }
        auto it = messages.find({1 - s, rc->subject.seq});
        if (it == messages.end()) continue;
        MessageStatus& m = it->second;
        m.received = true;  // any later receipt implies the message was stored
        if (rc->type != wire::ReceiptType::kReceived) m.displayed = true;
        if (rc->type == wire::ReceiptType::kAcknowledged) {
          m.acknowledged = true;
          m.acknowledged_by = rc->operator_name + " (" + rc->operator_role + ")";
        }
      } else if (f.kind == wire::Kind::kCheckpoint) {
        auto cp = wire::Checkpoint::Parse(f.body);
        if (cp->role == wire::CheckpointRole::kProposal) {
          ++report.checkpoints.proposals;
        } else if (countersigned.insert({1 - s, cp->proposal->seq}).second) {
          // One co-signed checkpoint per proposal, however often it is countersigned.
          ++report.checkpoints.cosigned;
          const auto& proposal = t.chain(1 - s).at(cp->proposal->seq);
          auto p = wire::Checkpoint::Parse(proposal.fields().body);
          // The newest is the one covering the most entries: sizes are facts both
          // sides signed, times are each signer's own claim.
          const uint64_t covered = p->sides[0].size + p->sides[1].size;
          const auto& last = report.checkpoints.last_cosigned_sizes;
          if (!last || covered > (*last)[0] + (*last)[1]) {
            report.checkpoints.last_cosigned_sizes =
                std::array<uint64_t, 2>{p->sides[0].size, p->sides[1].size};
            report.checkpoints.last_cosigned_time_us = f.time_us;
          }
        }
      }
    }
  }
  for (auto& [key, m] : messages) {
    if (m.seq <= received_up_to[m.side]) m.received = true;
    ++report.messages;
    if (!m.received) {
      report.not_received.push_back(m);
    } else if (!m.acknowledged) {
      report.not_acknowledged.push_back(m);
    }
  }
}

}  // namespace

Load LoadTranscript(const ExportFile& file, const VerifyOptions& options) {
  auto parties = LinkParties::Make(file.sides[0], file.sides[1]);
  if (!parties || parties->id() != file.link_id || !(parties->side(0) == file.sides[0])) {
    return tl::unexpected(Fail(ViolationKind::kIdentityMismatch, -1, 0,
                               "the link id does not follow from the two station keys"));
  }
  if (options.expected_identity && !(file.sides[0] == *options.expected_identity) &&
      !(file.sides[1] == *options.expected_identity)) {
    return tl::unexpected(
        Fail(ViolationKind::kIdentityMismatch, -1, 0,
             "the expected station key is not one of the file's two stations"));
  }
  std::vector<wire::SignedEnvelope> sides[2];
  for (int s = 0; s < 2; ++s) {
    auto parsed = ParseSide(file, s);
    if (!parsed) return tl::unexpected(parsed.error());
    sides[s] = std::move(*parsed);
  }

  return MergeChains(std::move(*parties), std::move(sides[0]), std::move(sides[1]));
}

tl::expected<VerifiedExport, Violation> VerifyExportKeeping(
    ByteView bytes, const VerifyOptions& options) {
  auto file = ExportFile::Parse(bytes);
  if (!file) {
    return tl::unexpected(Fail(ViolationKind::kFileFormat, -1, 0, file.error().message));
  }
  auto t = LoadTranscript(*file, options);
  if (!t) return tl::unexpected(t.error());
  if (!file->SealVerifies()) {
    return tl::unexpected(
        Fail(ViolationKind::kSealInvalid, -1, 0,
             "the exporter's seal does not match the file: it was altered "
             "after export"));
  }
  VerifyReport report;
  report.exporter_side = file->exporter_side;
  report.exported_at_us = file->exported_at_us;
  report.link_id = file->link_id;
  Summarise(*t, *file, report);
  return VerifiedExport{std::move(report), std::move(*t)};
}

tl::expected<VerifyReport, Violation> VerifyExport(ByteView bytes,
                                                   const VerifyOptions& options) {
  auto verified = VerifyExportKeeping(bytes, options);
  if (!verified) return tl::unexpected(verified.error());
  return std::move(verified->report);
}

tl::expected<Comparison, Violation> CompareTranscripts(const Transcript& a,
                                                       const Transcript& b) {
  if (a.parties().id() != b.parties().id()) {
    return tl::unexpected(Fail(ViolationKind::kIdentityMismatch, -1, 0,
                               "the two exports are of different links"));
  }
  Comparison c;
  c.identical = true;
  for (int s = 0; s < 2; ++s) {
    const Chain& ca = a.chain(s);
    const Chain& cb = b.chain(s);
    c.sizes[0][static_cast<size_t>(s)] = ca.size();
    c.sizes[1][static_cast<size_t>(s)] = cb.size();
    if (ca.size() != cb.size()) c.identical = false;
    // Both chains are hash-linked, so the first differing entry is the only one
    // that needs finding: a binary search over equal-hash prefixes.
    uint64_t lo = 0;
    uint64_t hi = std::min(ca.size(), cb.size());
    while (lo < hi) {
      const uint64_t mid = lo + (hi - lo + 1) / 2;
      if (ca.at(mid).hash() == cb.at(mid).hash()) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (lo < std::min(ca.size(), cb.size())) {
      return tl::unexpected(Fail(ViolationKind::kEquivocation, s, lo + 1,
                                 "the two exports hold different entries signed by this "
                                 "station for the same sequence number"));
    }
  }
  return c;
}

}  // namespace openline::transcript
