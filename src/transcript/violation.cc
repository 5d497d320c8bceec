#include "transcript/violation.h"

namespace openline::transcript {

std::string_view ToString(ViolationKind kind) {
  switch (kind) {
    case ViolationKind::kFileFormat:
      return "file-format";
    case ViolationKind::kIdentityMismatch:
      return "identity-mismatch";
    case ViolationKind::kMalformedEntry:
      return "malformed-entry";
    case ViolationKind::kWrongLink:
      return "wrong-link";
    case ViolationKind::kForeignSender:
      return "foreign-sender";
    case ViolationKind::kBadSignature:
      return "bad-signature";
    case ViolationKind::kSequenceGap:
      return "sequence-gap";
    case ViolationKind::kOutOfOrder:
      return "out-of-order";
    case ViolationKind::kDuplicate:
      return "duplicate";
    case ViolationKind::kEquivocation:
      return "equivocation";
    case ViolationKind::kBrokenChain:
      return "broken-chain";
    case ViolationKind::kCausality:
      return "causality";
    case ViolationKind::kUnsupportedKind:
      return "unsupported-kind";
    case ViolationKind::kClockRegression:
      return "clock-regression";
    case ViolationKind::kCrossReference:
      return "cross-reference";
    case ViolationKind::kTruncated:
      return "truncated";
    case ViolationKind::kReceiptInvalid:
      return "receipt-invalid";
    case ViolationKind::kCheckpointInvalid:
      return "checkpoint-invalid";
    case ViolationKind::kNoticeInvalid:
      return "notice-invalid";
    case ViolationKind::kNoticeContradicted:
      return "notice-contradicted";
    case ViolationKind::kSealInvalid:
      return "seal-invalid";
  }
  return "unknown";
}

std::string Violation::ToString() const {
  std::string out(transcript::ToString(kind));
  if (side >= 0) {
    out += " at side " + std::to_string(side) + " entry #" + std::to_string(seq);
  }
  return out + ": " + detail;
}

}  // namespace openline::transcript
