#include "cli/dev_tools.h"

#include <filesystem>
#include <iostream>

#include "cli/file_io.h"
#include "transcript/entry_proof.h"
#include "transcript/sample.h"
#include "wire/frame.h"

namespace openline::cli {

int RunSampleTranscript(const SampleTranscriptOptions& options) {
  transcript::SampleOptions sample;
  sample.rounds = options.rounds;
  if (options.exporter == "beijing") {
    sample.exporter = 1;
  } else if (options.exporter != "washington") {
    std::cerr
        << "openline-dev sample-transcript: --exporter must be washington or beijing\n";
    return 2;
  }
  auto bytes = transcript::MakeSampleExport(sample);
  if (!bytes) {
    std::cerr << "openline-dev sample-transcript: " << bytes.error().ToString() << "\n";
    return 1;
  }
  if (!WriteWholeFile(options.out, *bytes)) {
    std::cerr << "openline-dev sample-transcript: cannot write " << options.out << "\n";
    return 1;
  }
  std::cout << "wrote " << options.out << " (" << bytes->size() << " bytes, "
            << options.rounds
            << " rounds of a washington-beijing conversation, exported by "
            << options.exporter << ")\n";
  return 0;
}

int RunFuzzSeeds(const std::string& corpus_root) {
  namespace fs = std::filesystem;
  const fs::path root(corpus_root);
  for (const char* t : {"envelope_fuzz", "frame_fuzz", "identity_fuzz", "transcript_fuzz",
                        "entry_proof_fuzz"}) {
    fs::create_directories(root / t);
  }
  transcript::SampleOptions small;
  small.rounds = 2;
  auto link = transcript::MakeSampleLink(small);
  auto file = transcript::MakeSampleExport(small);
  if (!link || !file) {
    std::cerr << "openline-dev fuzz-seeds: cannot build the sample transcript\n";
    return 1;
  }
  bool ok = WriteWholeFile(root / "transcript_fuzz" / "sample-2-rounds", *file);
  auto parsed = transcript::ExportFile::Parse(*file);
  // One seed per entry kind that occurs (message, receipt, checkpoint) and per side.
  int n = 0;
  for (const auto& side : parsed->entries) {
    for (size_t i = 0; i < side.size() && i < 8; ++i) {
      ok &= WriteWholeFile(root / "envelope_fuzz" / ("entry-" + std::to_string(n++)),
                           side[i]);
    }
  }
  Bytes stream;
  for (size_t i = 0; i < 3; ++i)
    Append(stream, *wire::EncodeFrame(parsed->entries[0][i]));
  Bytes chunked = {7};  // first byte: chunk size for the frame fuzzer
  Append(chunked, stream);
  ok &= WriteWholeFile(root / "frame_fuzz" / "three-frames", chunked);
  ok &= WriteWholeFile(root / "identity_fuzz" / "identity-a",
                       AsBytes(link->a.Public().Encode()));
  ok &= WriteWholeFile(root / "identity_fuzz" / "identity-b",
                       AsBytes(link->b.Public().Encode()));
  std::string key_text = "openline-station-key v1\nsign " + std::string(64, '1') +
                         "\ndh " + std::string(64, '2') + "\n";
  ok &= WriteWholeFile(root / "identity_fuzz" / "key-file", AsBytes(key_text));
  for (uint64_t seq : {uint64_t{1}, uint64_t{4}}) {
    auto proof = transcript::ProveEntry(link->transcript, 0, seq);
    if (proof) {
      ok &= WriteWholeFile(root / "entry_proof_fuzz" / ("proof-" + std::to_string(seq)),
                           proof->Encode());
    }
  }
  if (!ok) {
    std::cerr << "openline-dev fuzz-seeds: cannot write under " << corpus_root << "\n";
    return 1;
  }
  std::cout << "wrote seeds under " << corpus_root << "\n";
  return 0;
}

}  // namespace openline::cli
