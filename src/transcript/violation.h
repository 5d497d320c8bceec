// What the transcript rules can find wrong, as values a test or an auditor's tool
// can branch on. Every rejected entry or file names exactly one violation: the
// first one found, with the side and sequence number of the entry and a sentence
// for a person.
//
// Depends on: nothing but the standard library. Thread-safety: plain values.
#ifndef OPENLINE_TRANSCRIPT_VIOLATION_H_
#define OPENLINE_TRANSCRIPT_VIOLATION_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace openline::transcript {

enum class ViolationKind {
  kFileFormat,        // the export file does not parse
  kIdentityMismatch,  // header keys do not produce the header's link id, or a pinned key
                      // is absent
  kMalformedEntry,    // an entry's bytes do not parse
  kWrongLink,         // an entry names another link
  kForeignSender,     // an entry is signed by a key that is not one of the two stations
  kBadSignature,      // the signature does not match the bytes
  kSequenceGap,       // an entry is missing before this one
  kOutOfOrder,        // entries are not in sequence order
  kDuplicate,         // the same entry twice
  kEquivocation,      // two different entries with one sequence number
  kBrokenChain,       // prev hash is not the hash of the sender's previous entry
  kClockRegression,   // time went backwards within one sender's chain
  kCausality,  // an entry is dated before the peer entry it references (beyond skew)
  kUnsupportedKind,  // a kind whose rules are not defined yet (key rotation)
  kCrossReference,   // a reference to the peer's chain does not match it
  kTruncated,        // a reference or checkpoint shows entries missing at the end
  kReceiptInvalid,   // a receipt body is malformed or names an entry that does not match
  kCheckpointInvalid,   // a checkpoint does not match the record it claims to fix
  kNoticeInvalid,       // a notice body is malformed, names no earlier message of its
                        // sender, or claims a deadline that had not yet passed
  kNoticeContradicted,  // a notice's silence is contradicted by a receipt its sender
                        // had recorded (the "line was down" that was not)
  kSealInvalid,         // the exporter's seal over the file does not verify
};

std::string_view ToString(ViolationKind kind);

struct Violation {
  ViolationKind kind;
  int side = -1;     // 0 or 1 when the violation is about one entry
  uint64_t seq = 0;  // that entry's sequence number
  std::string detail;

  std::string ToString() const;
};

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_VIOLATION_H_
