// The transcript export file (docs/transcript.md): both stations' entries, both
// public identities, and the exporting station's seal, in one self-contained file
// an auditor can verify offline with nothing else.
//
//   magic      8  "OLTRSCPT"
//   version    1  = 1
//   exporter   1  side (0 or 1) of the station that wrote and sealed the file
//   sides   2x64  side 0 then side 1: Ed25519 key (32) || X25519 key (32)
//   link id   32  must equal LinkParties(side0, side1).id()
//   names   2x(1+n) a label per side, as the exporter calls it: a station name
//                 (identity/station_name.h: 1..64 bytes of [a-z0-9._-])
//   time       8  export time, microseconds since the epoch (UTC)
//   counts   2x4  number of entries of side 0, then of side 1
//   entries       for each: u32 length (<= kMaxEnvelopeLen) then the envelope;
//                 all of side 0 in sequence order, then all of side 1
//   seal      64  the exporter's Ed25519 signature over
//                 "openline/export/v1" || SHA-256(every byte above)
//
// Parsing is bounded: counts are checked against the bytes present before any
// allocation, each length against kMaxEnvelopeLen, and trailing bytes are refused.
// Parsing does not verify anything beyond the byte format; verifier.h does.
//
// Depends on: wire/, identity/, crypto/. Thread-safety: plain values.
#ifndef OPENLINE_TRANSCRIPT_EXPORT_FILE_H_
#define OPENLINE_TRANSCRIPT_EXPORT_FILE_H_

#include <array>
#include <string>
#include <vector>

#include "crypto/ed25519.h"
#include "identity/public_identity.h"
#include "wire/envelope.h"

namespace openline::transcript {

inline constexpr std::string_view kExportMagic = "OLTRSCPT";
inline constexpr uint8_t kExportVersion = 1;
inline constexpr std::string_view kExportSealContext = "openline/export/v1";
// A hard cap so a forged count cannot make us reserve memory; a link that reaches
// it exports in parts (by checkpoint) in a later version.
inline constexpr uint32_t kMaxExportEntriesPerSide = 50'000'000;
// Verifying holds the file and each entry about three times in memory; 1 GiB is
// decades of hotline traffic and keeps an auditor's machine safe.
inline constexpr size_t kMaxExportFileBytes = size_t{1} << 30;

struct ExportFile {
  uint8_t exporter_side = 0;
  std::array<identity::PublicIdentity, 2> sides;
  wire::LinkId link_id{};
  std::array<std::string, 2> names;
  uint64_t exported_at_us = 0;
  // Raw envelope bytes per side, as stored: parsed and checked by the verifier.
  std::array<std::vector<Bytes>, 2> entries;
  crypto::Ed25519Signature seal{};
  // SHA-256 of every byte before the seal, as read (set by Parse and Encode).
  crypto::Sha256Digest sealed_digest{};

  // Encodes and seals with the exporter's key (which must be sides[exporter_side]).
  Result<Bytes> EncodeAndSeal(const crypto::SigningKey& exporter_key);
  static Result<ExportFile> Parse(ByteView bytes);

  bool SealVerifies() const;
};

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_EXPORT_FILE_H_
