// Developer tools behind `openline-dev` other than the Noise vector runner:
// writing a sample transcript (the README's first command uses it until stations
// can export real ones) and regenerating the fuzz seed corpora from real encoder
// output, so seeds stay valid when a format changes.
//
// Depends on: transcript/, identity/, wire/. Thread-safety: run once.
#ifndef OPENLINE_CLI_DEV_TOOLS_H_
#define OPENLINE_CLI_DEV_TOOLS_H_

#include <string>

namespace openline::cli {

struct SampleTranscriptOptions {
  std::string out;
  int rounds = 3;
  std::string exporter = "washington";  // or "beijing"
};
int RunSampleTranscript(const SampleTranscriptOptions& options);

// Writes seeds for envelope_fuzz, frame_fuzz, identity_fuzz and transcript_fuzz
// under `corpus_root`/<target>/.
int RunFuzzSeeds(const std::string& corpus_root);

}  // namespace openline::cli

#endif  // OPENLINE_CLI_DEV_TOOLS_H_
