// `openline verify FILE [--peer-key K] [--json]`: the auditor's command.
#include <iostream>

#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/report_format.h"
#include "transcript/verifier.h"

namespace openline::cli {

int RunVerify(const VerifyOptionsCli& options) {
  auto bytes = ReadWholeFile(options.file, transcript::kMaxExportFileBytes);
  if (!bytes) {
    std::cerr << "openline verify: " << bytes.error().message << "\n";
    return kExitUsage;
  }
  transcript::VerifyOptions verify;
  if (!options.peer_key.empty()) {
    auto id = identity::PublicIdentity::Parse(options.peer_key);
    if (!id) {
      std::cerr << "openline verify: --peer-key: " << id.error().message << "\n";
      return kExitUsage;
    }
    verify.expected_identity = *id;
  }
  auto report = transcript::VerifyExport(*bytes, verify);
  if (report) {
    if (options.json) {
      std::cout << ReportToJson(*report).dump(2) << "\n";
    } else {
      std::cout << ReportToText(*report);
    }
    return kExitOk;
  }
  if (options.json) {
    std::cout << ViolationToJson(report.error()).dump(2) << "\n";
  } else {
    std::array<std::string, 2> names;
    if (auto file = transcript::ExportFile::Parse(*bytes)) names = file->names;
    std::cout << ViolationToText(report.error(), names);
  }
  return kExitFailed;
}

}  // namespace openline::cli
