// The body of a receipt envelope (kind = receipt): a signed statement by one
// station about an entry of the *other* station's chain.
//
//   u8   type: 1 received (stored durably), 2 displayed (rendered on a console),
//             3 acknowledged (a named operator answered)
//
// A *received* receipt is cumulative: it says the sender has durably stored the
// subject and every earlier entry of the peer's chain (the subject's hash commits
// to them all), so one receipt answers a whole batch. Displayed and acknowledged
// receipts are about the one entry they name.
//   u64  subject seq    \ the peer entry this receipt is about
//   32   subject hash   /
//   u8   n, n bytes     operator display name (UTF-8; empty for received/displayed)
//   u8   n, n bytes     operator role (e.g. "operator", "supervisor")
//   u16  n, n bytes     note (UTF-8, optional)
//
// Depends on: wire/envelope.h (EntryRef), common/. Thread-safety: plain values.
#ifndef OPENLINE_WIRE_RECEIPT_H_
#define OPENLINE_WIRE_RECEIPT_H_

#include <string>

#include "wire/envelope.h"

namespace openline::wire {

enum class ReceiptType : uint8_t { kReceived = 1, kDisplayed = 2, kAcknowledged = 3 };
std::string_view ToString(ReceiptType type);

struct Receipt {
  ReceiptType type = ReceiptType::kReceived;
  EntryRef subject;
  std::string operator_name;
  std::string operator_role;
  std::string note;

  Result<Bytes> Encode() const;
  static Result<Receipt> Parse(ByteView body);
  bool operator==(const Receipt&) const = default;
};

}  // namespace openline::wire

#endif  // OPENLINE_WIRE_RECEIPT_H_
