#include "api/session_registry.h"

#include <utility>
#include <vector>

namespace openline::api {

SessionRegistry::Slot::Slot(Slot&& other) noexcept
    : registry_(std::move(other.registry_)), id_(other.id_) {
  other.registry_.reset();
}

SessionRegistry::Slot& SessionRegistry::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    Release();
    registry_ = std::move(other.registry_);
    id_ = other.id_;
    other.registry_.reset();
  }
  return *this;
}

SessionRegistry::Slot::~Slot() { Release(); }

void SessionRegistry::Slot::Release() {
  if (registry_) registry_->Release(id_);
  registry_.reset();
}

bool SessionRegistry::Slot::Attach(std::weak_ptr<Session> session) {
  if (!registry_) return false;
  std::lock_guard lock(registry_->mu_);
  registry_->sessions_[id_] = std::move(session);
  return !registry_->stopping_;
}

std::optional<SessionRegistry::Slot> SessionRegistry::TryAcquire() {
  std::lock_guard lock(mu_);
  if (stopping_ || sessions_.size() >= max_sessions_) {
    ++rejected_;
    return std::nullopt;
  }
  uint64_t id = next_id_++;
  sessions_.emplace(id, std::weak_ptr<Session>());
  return Slot(shared_from_this(), id);
}

void SessionRegistry::Release(uint64_t id) {
  std::function<void()> on_empty;
  {
    std::lock_guard lock(mu_);
    sessions_.erase(id);
    if (stopping_ && sessions_.empty()) on_empty = std::exchange(on_empty_, nullptr);
  }
  if (on_empty) on_empty();
}

void SessionRegistry::ShutdownAll(bool force) {
  std::vector<std::weak_ptr<Session>> targets;
  {
    std::lock_guard lock(mu_);
    for (const auto& [_, weak] : sessions_) targets.push_back(weak);
  }
  for (const auto& weak : targets) {
    if (auto session = weak.lock()) session->Shutdown(force);
  }
}

void SessionRegistry::BeginStop(std::function<void()> on_empty) {
  std::function<void()> now;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    if (sessions_.empty()) {
      now = std::move(on_empty);
    } else {
      on_empty_ = std::move(on_empty);
    }
  }
  if (now) {
    now();
    return;
  }
  ShutdownAll(false);
}

void SessionRegistry::ForceAll() { ShutdownAll(true); }

size_t SessionRegistry::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

bool SessionRegistry::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

uint64_t SessionRegistry::rejected() const {
  std::lock_guard lock(mu_);
  return rejected_;
}

}  // namespace openline::api
