// Accepted messages waiting to be signed into the transcript, in the order they
// must go: highest precedence first (ACP 121: FLASH interrupts lower traffic),
// and within one precedence in acceptance order, which keeps every channel's
// messages of one precedence in the order they were accepted.
//
// The queue holds what the store holds as "accepted, not yet chained"; it is an
// in-memory index over it, bounded by kMaxQueuedBytes (the caller refuses new
// messages beyond that).
//
// Depends on: wire/envelope.h. Thread-safety: none.
#ifndef OPENLINE_LINK_OUTBOX_QUEUE_H_
#define OPENLINE_LINK_OUTBOX_QUEUE_H_

#include <array>
#include <deque>
#include <optional>
#include <string>

#include "wire/envelope.h"

namespace openline::link {

struct OutboxItem {
  uint64_t id = 0;  // station-wide acceptance order; unique
  std::string channel;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  wire::Kind kind = wire::Kind::kText;
  Bytes body;
  uint64_t accepted_us = 0;
};

class OutboxQueue {
 public:
  // Precondition: ids are pushed in increasing order within a precedence.
  void Push(OutboxItem item);
  // The next item to sign, removed from the queue.
  std::optional<OutboxItem> Pop();
  bool empty() const { return count_ == 0; }
  size_t size() const { return count_; }
  size_t bytes() const { return bytes_; }
  size_t size(wire::Precedence p) const { return queues_[Index(p)].size(); }

 private:
  static size_t Index(wire::Precedence p) { return static_cast<size_t>(p) - 1; }

  std::array<std::deque<OutboxItem>, 4> queues_;
  size_t count_ = 0;
  size_t bytes_ = 0;
};

}  // namespace openline::link

#endif  // OPENLINE_LINK_OUTBOX_QUEUE_H_
