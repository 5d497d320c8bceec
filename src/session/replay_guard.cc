#include "session/replay_guard.h"

namespace openline::session {

bool ReplayGuard::WouldAccept(const crypto::X25519Public& peer,
                              const Tai64n& timestamp) const {
  auto it = latest_.find(peer);
  return it == latest_.end() || timestamp > it->second;
}

bool ReplayGuard::CheckAndRecord(const crypto::X25519Public& peer,
                                 const Tai64n& timestamp) {
  if (!WouldAccept(peer, timestamp)) return false;
  latest_[peer] = timestamp;
  return true;
}

std::optional<Tai64n> ReplayGuard::Latest(const crypto::X25519Public& peer) const {
  auto it = latest_.find(peer);
  if (it == latest_.end()) return std::nullopt;
  return it->second;
}

void ReplayGuard::Restore(const crypto::X25519Public& peer, const Tai64n& timestamp) {
  (void)CheckAndRecord(peer, timestamp);
}

}  // namespace openline::session
