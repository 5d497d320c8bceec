// `openline verify FILE [--peer-key K] [--json]`: the auditor's command.
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/report_format.h"
#include "transcript/verifier.h"

namespace openline::cli {

namespace {

struct Loaded {
  Bytes bytes;
  std::array<std::string, 2> names;  // for naming sides in a violation
};

// Reads FILE; prints why not and returns nullopt if it cannot be read.
std::optional<Loaded> Load(const std::string& path) {
  auto bytes = ReadWholeFile(path, transcript::kMaxExportFileBytes);
  if (!bytes) {
    std::cerr << "openline verify: " << bytes.error().message << "\n";
    return std::nullopt;
  }
  Loaded loaded{std::move(*bytes), {}};
  if (auto file = transcript::ExportFile::Parse(loaded.bytes)) loaded.names = file->names;
  return loaded;
}

int Fail(const transcript::Violation& v, const std::array<std::string, 2>& names,
         const std::string& which, bool json) {
  if (json) {
    auto j = ViolationToJson(v);
    if (!which.empty()) j["file"] = which;
    std::cout << DumpJson(j) << "\n";
  } else {
    if (!which.empty()) std::cout << which << ": ";
    std::cout << ViolationToText(v, names);
  }
  return kExitFailed;
}

}  // namespace

int RunVerify(const VerifyOptionsCli& options) {
  transcript::VerifyOptions verify;
  if (!options.peer_key.empty()) {
    auto id = identity::PublicIdentity::Parse(options.peer_key);
    if (!id) {
      std::cerr << "openline verify: --peer-key: " << id.error().message << "\n";
      return kExitUsage;
    }
    verify.expected_identity = *id;
  }
  auto first = Load(options.file);
  if (!first) return kExitUsage;
  auto verified = transcript::VerifyExportKeeping(first->bytes, verify);
  if (!verified) {
    return Fail(verified.error(), first->names,
                options.against.empty() ? "" : options.file, options.json);
  }
  if (options.against.empty()) {
    std::cout << (options.json ? DumpJson(ReportToJson(verified->report)) + "\n"
                               : ReportToText(verified->report));
    return kExitOk;
  }

  // --against: the second copy must verify on its own, then agree with the first.
  auto second = Load(options.against);
  if (!second) return kExitUsage;
  auto other = transcript::VerifyExportKeeping(second->bytes, verify);
  if (!other) return Fail(other.error(), second->names, options.against, options.json);
  auto comparison =
      transcript::CompareTranscripts(verified->transcript, other->transcript);
  if (!comparison) {
    return Fail(comparison.error(), first->names, "the two exports disagree",
                options.json);
  }
  if (options.json) {
    auto j =
        ComparisonToJson(*comparison, verified->report, options.file, options.against);
    std::cout << DumpJson(j) << "\n";
  } else {
    std::cout << ComparisonToText(*comparison, verified->report, options.file,
                                  options.against);
  }
  return kExitOk;
}

}  // namespace openline::cli
