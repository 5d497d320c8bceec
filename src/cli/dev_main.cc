// openline-dev: developer tools that are not part of the station binary.
//
//   openline-dev noise-vectors FILE...   run cacophony-format Noise vectors
//   openline-dev sample-transcript --out FILE [--rounds N] [--exporter NAME]
//   openline-dev fuzz-seeds DIR          regenerate seed corpora under DIR
//
// noise-vectors prints each failure, then how many were skipped (and why), and
// ends with exactly "N passed, M failed". It exits 1 if any vector failed, if
// none passed, or if a file could not be read.
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/dev_tools.h"
#include "noise/vector_runner.h"

namespace {

int RunNoiseVectors(const std::vector<std::string>& files) {
  size_t passed = 0;
  size_t failed = 0;
  size_t skipped = 0;
  bool io_error = false;
  for (const auto& file : files) {
    auto report = openline::noise::RunVectorFile(file);
    if (!report) {
      std::printf("%s: %s\n", file.c_str(), report.error().ToString().c_str());
      io_error = true;
      continue;
    }
    for (const auto& failure : report->failures) {
      std::printf("FAIL %s #%zu %s: %s\n", file.c_str(), failure.index,
                  failure.name.c_str(), failure.reason.c_str());
    }
    for (const auto& [reason, count] : report->skip_reasons) {
      std::printf("%s: skipped %zu (%s)\n", file.c_str(), count, reason.c_str());
    }
    std::printf("%s: %zu passed, %zu failed, %zu skipped\n", file.c_str(), report->passed,
                report->failed, report->skipped);
    passed += report->passed;
    failed += report->failed;
    skipped += report->skipped;
  }
  std::printf("%zu skipped\n", skipped);
  std::printf("%zu passed, %zu failed\n", passed, failed);
  return (failed > 0 || passed == 0 || io_error) ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"openline developer tools"};
  app.require_subcommand(1);

  std::vector<std::string> vector_files;
  CLI::App* noise_vectors = app.add_subcommand(
      "noise-vectors", "run Noise test vectors (cacophony JSON format)");
  noise_vectors->add_option("files", vector_files, "vector files")->required();

  openline::cli::SampleTranscriptOptions sample;
  CLI::App* sample_cmd = app.add_subcommand(
      "sample-transcript", "write a sample washington-beijing transcript export");
  sample_cmd->add_option("--out", sample.out, "output file")->required();
  sample_cmd->add_option("--rounds", sample.rounds, "rounds of conversation")
      ->check(CLI::Range(1, 100000));
  sample_cmd->add_option("--exporter", sample.exporter, "washington or beijing");

  std::string seeds_dir;
  CLI::App* seeds_cmd =
      app.add_subcommand("fuzz-seeds",
                         "regenerate the envelope, frame, identity and "
                         "transcript fuzz seeds from real encoder output");
  seeds_cmd->add_option("dir", seeds_dir, "corpus root, e.g. fuzz/corpus")->required();

  CLI11_PARSE(app, argc, argv);
  if (noise_vectors->parsed()) return RunNoiseVectors(vector_files);
  if (sample_cmd->parsed()) return openline::cli::RunSampleTranscript(sample);
  if (seeds_cmd->parsed()) return openline::cli::RunFuzzSeeds(seeds_dir);
  return 1;
}
