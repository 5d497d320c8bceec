// `openline verify FILE [--peer-key K] [--json]`: the auditor's command.
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "cli/report_format.h"
#include "transcript/verifier.h"

namespace openline::cli {
namespace {

Result<Bytes> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, "cannot open " + path);
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) return MakeError(ErrorCode::kIo, "cannot read " + path);
  if (static_cast<uint64_t>(size) > transcript::kMaxExportFileBytes) {
    return MakeError(ErrorCode::kTooLarge,
                     path + " is larger than an export file may be");
  }
  in.seekg(0);
  Bytes data(static_cast<size_t>(size));
  in.read(reinterpret_cast<char*>(data.data()), size);
  if (!in) return MakeError(ErrorCode::kIo, "cannot read " + path);
  return data;
}

}  // namespace

int RunVerify(const VerifyOptionsCli& options) {
  auto bytes = ReadWholeFile(options.file);
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
