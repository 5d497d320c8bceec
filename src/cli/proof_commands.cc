// `openline prove` and `openline verify-proof`: show one entry to a third party,
// provably as both stations recorded it, without handing over the transcript.
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/report_format.h"
#include "common/text.h"
#include "identity/fingerprint.h"
#include "transcript/entry_proof.h"
#include "transcript/verifier.h"

namespace openline::cli {
int RunProve(const ProveOptions& options) {
  auto bytes = ReadWholeFile(options.file, transcript::kMaxExportFileBytes);
  if (!bytes) {
    std::cerr << "openline prove: " << bytes.error().message << "\n";
    return kExitUsage;
  }
  auto file = transcript::ExportFile::Parse(*bytes);
  if (!file) {
    std::cerr << "openline prove: " << file.error().message << "\n";
    return kExitFailed;
  }
  auto t = transcript::LoadTranscript(*file);
  if (!t || !file->SealVerifies()) {
    std::cerr << "openline prove: the transcript does not verify; run `openline verify "
              << options.file << "`\n";
    return kExitFailed;
  }
  int side = -1;
  for (int s = 0; s < 2; ++s) {
    if (options.station == file->names[static_cast<size_t>(s)] ||
        options.station == std::to_string(s)) {
      side = s;
    }
  }
  if (side < 0) {
    std::cerr << "openline prove: --station must be " << file->names[0] << ", "
              << file->names[1] << ", 0 or 1\n";
    return kExitUsage;
  }
  auto proof = transcript::ProveEntry(*t, side, options.seq);
  if (!proof) {
    std::cerr << "openline prove: " << proof.error().message << "\n";
    return kExitFailed;
  }
  Bytes encoded = proof->Encode();
  if (!WriteWholeFile(options.out, encoded)) {
    std::cerr << "openline prove: cannot write " << options.out << "\n";
    return kExitFailed;
  }
  std::cout << "wrote " << options.out << ": " << options.station << " entry #"
            << options.seq << " with a co-signed checkpoint and a " << proof->path.size()
            << "-hash inclusion path (" << encoded.size() << " bytes)\n";
  return kExitOk;
}

int RunVerifyProof(const VerifyProofOptions& options) {
  auto bytes = ReadWholeFile(options.file, 4 * wire::kMaxEnvelopeLen);
  if (!bytes) {
    std::cerr << "openline verify-proof: " << bytes.error().message << "\n";
    return kExitUsage;
  }
  std::optional<identity::PublicIdentity> expected;
  if (!options.peer_key.empty()) {
    auto id = identity::PublicIdentity::Parse(options.peer_key);
    if (!id) {
      std::cerr << "openline verify-proof: --peer-key: " << id.error().message << "\n";
      return kExitUsage;
    }
    expected = *id;
  }
  auto proof = transcript::EntryProof::Parse(*bytes);
  if (!proof) {
    transcript::Violation v{transcript::ViolationKind::kFileFormat, -1, 0,
                            proof.error().message};
    std::cout << (options.json ? DumpJson(ViolationToJson(v)) + "\n"
                               : ViolationToText(v, {}));
    return kExitFailed;
  }
  auto proven = transcript::VerifyEntryProof(*proof, expected);
  if (!proven) {
    std::cout << (options.json ? DumpJson(ViolationToJson(proven.error())) + "\n"
                               : ViolationToText(proven.error(), {}));
    return kExitFailed;
  }
  const auto& f = proven->entry.fields();
  const auto& signer = proof->sides[static_cast<size_t>(proven->side)];
  const auto& other = proof->sides[static_cast<size_t>(1 - proven->side)];
  if (options.json) {
    nlohmann::json j = {
        {"ok", true},
        {"station", signer.Encode()},
        {"station_fingerprint", identity::ShortFingerprint(signer)},
        {"countersigned_by", other.Encode()},
        {"seq", f.seq},
        {"time", FormatTime(f.time_us)},
        {"kind", wire::ToString(f.kind)},
        {"precedence", wire::ToString(f.precedence)},
        {"channel", f.channel},
        {"body_hex", ToHex(f.body)},
        {"checkpoint_time", FormatTime(proven->countersignature.fields().time_us)}};
    std::cout << DumpJson(j) << "\n";
    return kExitOk;
  }
  std::cout << "entry proof verified: OK\n"
            << "  station " << identity::ShortFingerprint(signer) << " entry #" << f.seq
            << "  " << FormatTime(f.time_us) << "  " << wire::ToString(f.precedence)
            << "  " << f.channel << "  " << wire::ToString(f.kind) << "\n"
            << "  in the record co-signed by both stations at "
            << FormatTime(proven->countersignature.fields().time_us) << " (other station "
            << identity::ShortFingerprint(other) << ")\n";
  if (f.kind == wire::Kind::kText)
    std::cout << "  text: " << EscapeForTerminal(AsChars(f.body), /*allow_newlines=*/true)
              << "\n";
  return kExitOk;
}

}  // namespace openline::cli
