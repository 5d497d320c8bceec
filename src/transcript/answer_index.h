// What one station's receipts say about the other station's entries, indexed as
// the transcript grows, so the notice rule can ask "by its own peer entry P, had
// the sender of a notice recorded a receipt that received or acknowledged its
// message X?" in O(log n) instead of rescanning the peer's chain per notice (a
// hostile file full of notices must not make the verifier quadratic).
//
// Received receipts are cumulative (wire/receipt.h): one covers its subject and
// every earlier entry. A displayed or acknowledged receipt also shows that its one
// subject was received, and only an acknowledged one answers it.
//
// Depends on: wire/receipt.h. Thread-safety: none; owned by one Transcript.
#ifndef OPENLINE_TRANSCRIPT_ANSWER_INDEX_H_
#define OPENLINE_TRANSCRIPT_ANSWER_INDEX_H_

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "wire/receipt.h"

namespace openline::transcript {

class AnswerIndex {
 public:
  // Records that entry `receipt_seq` of side `receipt_side` is receipt `rc` (about
  // an entry of side 1 - receipt_side). Receipts of one side must be added in
  // sequence order, as Transcript::Append does.
  void Add(int receipt_side, uint64_t receipt_seq, const wire::Receipt& rc);

  // The earliest receipts, among the peer's entries 1..upto, that show entry
  // `subject_seq` of side `subject_side` received (any receipt type covering it)
  // and acknowledged. Empty when none did.
  struct Evidence {
    std::optional<uint64_t> received_by;
    std::optional<uint64_t> acknowledged_by;
  };
  Evidence Find(int subject_side, uint64_t subject_seq, uint64_t upto) const;

 private:
  // Per subject side: (receipt seq, highest entry covered by received receipts so
  // far), appended only when that highest entry grows, so both halves increase.
  std::vector<std::pair<uint64_t, uint64_t>> received_through_[2];
  // Per subject side: subject seq -> earliest displayed / acknowledged receipt.
  std::map<uint64_t, uint64_t> first_displayed_[2];
  std::map<uint64_t, uint64_t> first_acknowledged_[2];
};

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_ANSWER_INDEX_H_
