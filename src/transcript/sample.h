// A realistic two-station transcript built entirely in memory, through the same
// Author and Transcript code a station uses: messages both ways at several
// precedences, received/displayed/acknowledged receipts, one message left
// unanswered, and co-signed checkpoints. Keys come from fixed seeds, so the output
// is reproducible. Used by the README's first command (before the station exists),
// by tests, benchmarks and the fuzz corpus.
//
// Depends on: transcript/. Thread-safety: pure.
#ifndef OPENLINE_TRANSCRIPT_SAMPLE_H_
#define OPENLINE_TRANSCRIPT_SAMPLE_H_

#include <functional>

#include "transcript/author.h"
#include "transcript/export_file.h"

namespace openline::transcript {

struct SampleOptions {
  // Rounds of conversation; each round is a message each way with receipts.
  int rounds = 3;
  // A checkpoint proposal + countersignature after every this many rounds (0: none).
  int checkpoint_every = 2;
  uint64_t start_time_us = 1'795'000'000'000'000;  // 2026-11-18T11:06:40Z
  uint8_t seed_a = 1;
  uint8_t seed_b = 2;
  std::string name_a = "washington";
  std::string name_b = "beijing";
  // Which station writes and seals the export: 0 = station A, 1 = station B.
  int exporter = 0;
};

struct SampleLink {
  identity::StationKeys a;
  identity::StationKeys b;
  Transcript transcript;
};

Result<SampleLink> MakeSampleLink(const SampleOptions& options);
// The transcript as an export file. `edit`, if given, may change the parsed form
// before it is encoded and sealed (tests use it to tamper before sealing).
Result<Bytes> MakeSampleExport(const SampleOptions& options,
                               const std::function<void(ExportFile&)>& edit = {});
// Encodes and seals an ExportFile for `link`'s transcript, exported by `exporter`.
Result<ExportFile> ExportOf(const SampleLink& link, const SampleOptions& options);

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_SAMPLE_H_
