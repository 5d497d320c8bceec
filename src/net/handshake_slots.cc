#include "net/handshake_slots.h"

#include <algorithm>

namespace openline::net {

HandshakeSlots::HandshakeSlots(size_t max_total, size_t max_per_source)
    : max_total_(std::max<size_t>(max_total, 1)),
      max_per_source_(std::max<size_t>(max_per_source, 1)) {
  slots_.reserve(max_total_);
}

size_t HandshakeSlots::PendingFrom(const std::string& source) const {
  return static_cast<size_t>(std::count_if(
      slots_.begin(), slots_.end(), [&](const Slot& s) { return s.source == source; }));
}

HandshakeSlots::Admission HandshakeSlots::Admit(const std::string& source) {
  Admission admission;
  if (PendingFrom(source) >= max_per_source_) return admission;
  if (slots_.size() >= max_total_) {
    // The victim: the oldest slot of the source with the most slots. Scanning
    // oldest first and replacing only on a strictly greater count picks, among
    // equally heavy sources, the one whose oldest slot is oldest.
    size_t victim = 0;
    size_t victim_count = 0;
    for (size_t i = 0; i < slots_.size(); ++i) {
      const size_t count = PendingFrom(slots_[i].source);
      if (count > victim_count) {
        victim = i;
        victim_count = count;
      }
    }
    admission.evicted = slots_[victim].id;
    slots_.erase(slots_.begin() + static_cast<std::ptrdiff_t>(victim));
  }
  admission.admitted = true;
  admission.id = next_id_++;
  slots_.push_back(Slot{admission.id, source});
  return admission;
}

void HandshakeSlots::Release(Id id) {
  auto it = std::find_if(slots_.begin(), slots_.end(),
                         [&](const Slot& s) { return s.id == id; });
  if (it != slots_.end()) slots_.erase(it);
}

}  // namespace openline::net
