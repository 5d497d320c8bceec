#include "transcript/export_file.h"

#include "common/byte_reader.h"
#include "common/byte_writer.h"
#include "crypto/hash.h"
#include "identity/station_name.h"

namespace openline::transcript {
namespace {

// The smallest possible entry record: a length and a minimal envelope.
constexpr size_t kMinEntryRecord = 4 + wire::kEnvelopeFixedHeaderLen + 1 + 1 + 4 + 64;

Bytes SealMessage(const crypto::Sha256Digest& digest) {
  Bytes msg;
  Append(msg, AsBytes(kExportSealContext));
  Append(msg, digest);
  return msg;
}

}  // namespace

Result<Bytes> ExportFile::EncodeAndSeal(const crypto::SigningKey& exporter_key) {
  if (exporter_side > 1 || sides[exporter_side].sign_key != exporter_key.public_key()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the exporter must be one of the two sides");
  }
  Bytes out;
  ByteWriter w(out);
  w.PutBytes(AsBytes(kExportMagic));
  w.PutU8(kExportVersion);
  w.PutU8(exporter_side);
  for (const auto& side : sides) {
    w.PutBytes(side.sign_key);
    w.PutBytes(side.dh_key);
  }
  w.PutBytes(link_id);
  for (const auto& name : names) {
    OPENLINE_TRY(identity::ValidateStationName(name));
    w.PutPrefixed8(AsBytes(name));
  }
  w.PutU64(exported_at_us);
  for (const auto& side_entries : entries) {
    if (side_entries.size() > kMaxExportEntriesPerSide) {
      return MakeError(ErrorCode::kTooLarge, "too many entries for one export file");
    }
    w.PutU32(static_cast<uint32_t>(side_entries.size()));
  }
  for (const auto& side_entries : entries) {
    for (const Bytes& e : side_entries) w.PutPrefixed32(e);
  }
  sealed_digest = crypto::Sha256(out);
  seal = exporter_key.Sign(SealMessage(sealed_digest));
  w.PutBytes(seal);
  return out;
}

Result<ExportFile> ExportFile::Parse(ByteView bytes) {
  if (bytes.size() > kMaxExportFileBytes) {
    return MakeError(ErrorCode::kTooLarge, "export file larger than 1 GiB");
  }
  ByteReader r(bytes);
  ExportFile f;
  auto magic = r.ReadBytes(kExportMagic.size(), "magic");
  if (!magic || AsChars(*magic) != kExportMagic) {
    return MakeError(ErrorCode::kMalformed,
                     "not an openline transcript export (bad magic)");
  }
  auto version = r.ReadU8("version");
  if (!version) return tl::unexpected(version.error());
  if (*version != kExportVersion) {
    return MakeError(
        ErrorCode::kUnsupported,
        "export format version " + std::to_string(*version) + " (we read 1)");
  }
  auto exporter = r.ReadU8("exporter side");
  if (!exporter) return tl::unexpected(exporter.error());
  if (*exporter > 1)
    return MakeError(ErrorCode::kMalformed, "exporter side must be 0 or 1");
  f.exporter_side = *exporter;
  for (auto& side : f.sides) {
    auto sign = r.ReadArray<32>("side signing key");
    if (!sign) return tl::unexpected(sign.error());
    auto dh = r.ReadArray<32>("side static key");
    if (!dh) return tl::unexpected(dh.error());
    side = {*sign, *dh};
  }
  auto link = r.ReadArray<wire::kLinkIdLen>("link id");
  if (!link) return tl::unexpected(link.error());
  f.link_id = *link;
  for (auto& name : f.names) {
    auto n = r.ReadPrefixed8(identity::kMaxStationNameLen, "station name");
    if (!n) return tl::unexpected(n.error());
    name.assign(AsChars(*n));
    if (auto ok = identity::ValidateStationName(name); !ok) {
      return MakeError(ErrorCode::kMalformed,
                       "station name in file: " + ok.error().message);
    }
  }
  auto time = r.ReadU64("export time");
  if (!time) return tl::unexpected(time.error());
  f.exported_at_us = *time;
  uint64_t total = 0;
  uint32_t counts[2] = {0, 0};
  for (auto& count : counts) {
    auto c = r.ReadU32("entry count");
    if (!c) return tl::unexpected(c.error());
    if (*c > kMaxExportEntriesPerSide) {
      return MakeError(ErrorCode::kTooLarge,
                       "entry count " + std::to_string(*c) + " exceeds limit");
    }
    count = *c;
    total += *c;
  }
  // Never trust a count: it must fit in the bytes that are actually present.
  if (total * kMinEntryRecord > r.remaining()) {
    return MakeError(ErrorCode::kMalformed, "file holds fewer bytes than its " +
                                                std::to_string(total) + " entries need");
  }
  for (size_t s = 0; s < 2; ++s) {
    f.entries[s].reserve(counts[s]);
    for (uint32_t i = 0; i < counts[s]; ++i) {
      auto e = r.ReadPrefixed32(wire::kMaxEnvelopeLen, "entry");
      if (!e) return tl::unexpected(e.error());
      f.entries[s].emplace_back(e->begin(), e->end());
    }
  }
  f.sealed_digest = crypto::Sha256(bytes.first(r.offset()));
  auto seal = r.ReadArray<64>("seal");
  if (!seal) return tl::unexpected(seal.error());
  f.seal = *seal;
  OPENLINE_TRY(r.ExpectEnd("export file"));
  return f;
}

bool ExportFile::SealVerifies() const {
  return crypto::Ed25519Verify(sides[exporter_side].sign_key, SealMessage(sealed_digest),
                               seal);
}

}  // namespace openline::transcript
