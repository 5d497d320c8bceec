// The offline verifier: takes an export file's bytes (and optionally the key the
// auditor expects one side to hold) and either proves the file a consistent
// record of the link, with a summary, or names the first violation found.
//
// Order of checks, chosen so the reason given is the most specific one:
//   1. the byte format (kFileFormat);
//   2. the identities: the link id must follow from the two keys, the sides must be
//      in canonical order, a pinned key must be one of them (kIdentityMismatch);
//   3. each side's entries parse and are listed in strict sequence order
//      (kMalformedEntry, kDuplicate, kEquivocation, kOutOfOrder);
//   4. the two chains are merged in causal order into a Transcript, which checks
//      signatures, chains, cross-references, receipts and checkpoints;
//   5. last, the exporter's seal: it catches changes that leave a consistent record
//      (such as dropping the newest entries of both sides) made after export.
//
// What one file cannot show: an exporter that cuts both chains back to an earlier
// consistent point before sealing produces a valid, shorter record (even one from
// before its newest co-signed checkpoint). Only a second copy shows it:
// CompareTranscripts checks two exports of the link (typically one from each
// station) against each other.
//
// Depends on: transcript/. Thread-safety: pure functions.
#ifndef OPENLINE_TRANSCRIPT_VERIFIER_H_
#define OPENLINE_TRANSCRIPT_VERIFIER_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "transcript/export_file.h"
#include "transcript/transcript.h"
#include "wire/notice.h"
#include "wire/receipt.h"

namespace openline::transcript {

struct VerifyOptions {
  // The auditor's own copy of one station's identity (`--peer-key`): the file must
  // contain it, so a file that swapped both keys is refused.
  std::optional<identity::PublicIdentity> expected_identity;
};

struct SideSummary {
  std::string name;
  identity::PublicIdentity identity;
  uint64_t entries = 0;
  std::map<wire::Kind, uint64_t> by_kind;
  uint64_t first_time_us = 0;
  uint64_t last_time_us = 0;
};

// A message (text, catalogue, attachment or call) and what the other side said of it.
struct MessageStatus {
  int side = 0;  // the sender
  uint64_t seq = 0;
  uint64_t time_us = 0;
  wire::Kind kind = wire::Kind::kText;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  std::string channel;
  bool received = false;
  bool displayed = false;
  bool acknowledged = false;
  std::string acknowledged_by;  // "name (role)"
};

// A notice ("unanswered after N s") one station signed about its own message. The
// transcript rule has checked it against the receipts its sender had recorded.
struct NoticeStatus {
  int side = 0;  // the sender, who is also the subject's sender
  uint64_t seq = 0;
  uint64_t time_us = 0;
  wire::Notice notice;
};

struct CheckpointSummary {
  uint64_t proposals = 0;
  uint64_t cosigned = 0;
  // The newest co-signed state: sizes of side 0 and side 1 it covers.
  std::optional<std::array<uint64_t, 2>> last_cosigned_sizes;
  uint64_t last_cosigned_time_us = 0;
};

struct VerifyReport {
  uint8_t exporter_side = 0;
  uint64_t exported_at_us = 0;
  wire::LinkId link_id{};
  std::array<SideSummary, 2> sides;
  CheckpointSummary checkpoints;
  uint64_t messages = 0;
  // Messages with no *received* receipt (a technical silence) and those received
  // but never *acknowledged* (a human silence), kept apart as the hotline requires.
  std::vector<MessageStatus> not_received;
  std::vector<MessageStatus> not_acknowledged;
  // Every notice, in side then sequence order: what the senders themselves
  // recorded as unanswered, and which silence they saw.
  std::vector<NoticeStatus> notices;
};

tl::expected<VerifyReport, Violation> VerifyExport(ByteView file,
                                                   const VerifyOptions& options = {});

struct VerifiedExport {
  VerifyReport report;
  Transcript transcript;
};
// VerifyExport, keeping the transcript for further checks (comparison, proofs).
tl::expected<VerifiedExport, Violation> VerifyExportKeeping(
    ByteView file, const VerifyOptions& options = {});

// Two verified copies of one link's transcript, side by side.
struct Comparison {
  // Entries per side in each copy: sizes[copy][side].
  std::array<std::array<uint64_t, 2>, 2> sizes{};
  bool identical = false;
};
// Each chain of one copy must be a prefix of the same chain in the other (a copy
// may simply be older). Two different signed entries for one sequence number are
// an equivocation by the station that signed both: signed evidence, reported with
// that station's side and the sequence number. Fails with kIdentityMismatch if
// the copies are of different links.
tl::expected<Comparison, Violation> CompareTranscripts(const Transcript& a,
                                                       const Transcript& b);

// Builds the Transcript from a parsed export (steps 2-4 above), for callers that
// need the entries themselves, e.g. to cut an inclusion proof.
tl::expected<Transcript, Violation> LoadTranscript(const ExportFile& file,
                                                   const VerifyOptions& options = {});

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_VERIFIER_H_
