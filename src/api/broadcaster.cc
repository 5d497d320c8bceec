#include "api/broadcaster.h"

#include <vector>

#include "api/json_body.h"

namespace openline::api {

void Broadcaster::Join(const std::shared_ptr<EventSink>& sink) {
  std::lock_guard lock(mu_);
  sinks_[sink.get()] = sink;
}

void Broadcaster::Leave(const EventSink* sink) {
  std::lock_guard lock(mu_);
  sinks_.erase(sink);
}

void Broadcaster::Broadcast(const nlohmann::json& event) {
  auto bytes = std::make_shared<const std::string>(DumpJson(event));
  std::lock_guard order(order_mu_);
  std::vector<std::weak_ptr<EventSink>> targets;
  {
    std::lock_guard lock(mu_);
    targets.reserve(sinks_.size());
    for (const auto& [_, weak] : sinks_) targets.push_back(weak);
  }
  for (const auto& weak : targets) {
    if (auto sink = weak.lock()) sink->Deliver(bytes);
  }
}

size_t Broadcaster::size() const {
  std::lock_guard lock(mu_);
  return sinks_.size();
}

}  // namespace openline::api
