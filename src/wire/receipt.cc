#include "wire/receipt.h"

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace openline::wire {

std::string_view ToString(ReceiptType type) {
  switch (type) {
    case ReceiptType::kReceived:
      return "received";
    case ReceiptType::kDisplayed:
      return "displayed";
    case ReceiptType::kAcknowledged:
      return "acknowledged";
  }
  return "unknown";
}

Result<Bytes> Receipt::Encode() const {
  if (subject.seq == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "a receipt must name an entry");
  }
  if (operator_name.size() > kMaxOperatorNameLen ||
      operator_role.size() > kMaxOperatorRoleLen || note.size() > kMaxReceiptNoteLen) {
    return MakeError(ErrorCode::kTooLarge,
                     "receipt operator name, role or note too long");
  }
  Bytes out;
  ByteWriter w(out);
  w.PutU8(static_cast<uint8_t>(type));
  w.PutU64(subject.seq);
  w.PutBytes(subject.hash);
  w.PutPrefixed8(AsBytes(operator_name));
  w.PutPrefixed8(AsBytes(operator_role));
  w.PutPrefixed16(AsBytes(note));
  return out;
}

Result<Receipt> Receipt::Parse(ByteView body) {
  ByteReader r(body);
  Receipt rc;
  auto type = r.ReadU8("receipt type");
  if (!type) return tl::unexpected(type.error());
  if (*type < 1 || *type > 3) {
    return MakeError(ErrorCode::kMalformed,
                     "unknown receipt type " + std::to_string(*type));
  }
  rc.type = static_cast<ReceiptType>(*type);
  auto seq = r.ReadU64("receipt subject seq");
  if (!seq) return tl::unexpected(seq.error());
  if (*seq == 0) return MakeError(ErrorCode::kMalformed, "receipt names entry 0");
  rc.subject.seq = *seq;
  auto hash = r.ReadArray<kHashLen>("receipt subject hash");
  if (!hash) return tl::unexpected(hash.error());
  rc.subject.hash = *hash;
  auto name = r.ReadPrefixed8(kMaxOperatorNameLen, "operator name");
  if (!name) return tl::unexpected(name.error());
  rc.operator_name.assign(AsChars(*name));
  auto role = r.ReadPrefixed8(kMaxOperatorRoleLen, "operator role");
  if (!role) return tl::unexpected(role.error());
  rc.operator_role.assign(AsChars(*role));
  auto note = r.ReadPrefixed16(kMaxReceiptNoteLen, "receipt note");
  if (!note) return tl::unexpected(note.error());
  rc.note.assign(AsChars(*note));
  OPENLINE_TRY(r.ExpectEnd("receipt"));
  return rc;
}

}  // namespace openline::wire
