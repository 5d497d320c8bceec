#include "link/outbox_queue.h"

namespace openline::link {

void OutboxQueue::Push(OutboxItem item) {
  bytes_ += item.body.size();
  ++count_;
  queues_[Index(item.precedence)].push_back(std::move(item));
}

std::optional<OutboxItem> OutboxQueue::Pop() {
  for (size_t i = queues_.size(); i-- > 0;) {  // FLASH (4) first, ROUTINE (1) last
    auto& q = queues_[i];
    if (q.empty()) continue;
    OutboxItem item = std::move(q.front());
    q.pop_front();
    bytes_ -= item.body.size();
    --count_;
    return item;
  }
  return std::nullopt;
}

}  // namespace openline::link
