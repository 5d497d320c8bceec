// Broadcaster: fans one event out to every subscriber of an event stream, in the
// style of Beast's chat-multi shared_state. It keeps a mutex-protected set of
// weak pointers to the sinks; Broadcast() serializes the event once, copies the
// live sinks under the lock and delivers outside it, so a sink's own locking can
// never deadlock against the broadcaster and a sink that is being destroyed is
// simply skipped. Each sink (a WebSocket session, api/ws_session.h) posts the
// bytes onto its own strand and keeps its own bounded queue: a slow client never
// slows the broadcaster or the other clients.
//
// Order: every sink receives events in the order of Broadcast() calls. Calls
// from different threads are serialized (order_mu_, which sinks never take), so
// all sinks see the same total order.
//
// Depends on: nlohmann_json. Thread-safety: every method may be called from any
// thread.
#ifndef OPENLINE_API_BROADCASTER_H_
#define OPENLINE_API_BROADCASTER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace openline::api {

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Queues one serialized event. Called from any thread; must not block.
  virtual void Deliver(std::shared_ptr<const std::string> event) = 0;
};

class Broadcaster {
 public:
  Broadcaster() = default;
  Broadcaster(const Broadcaster&) = delete;
  Broadcaster& operator=(const Broadcaster&) = delete;

  void Join(const std::shared_ptr<EventSink>& sink);
  // Called by a sink as it goes away; safe if it never joined.
  void Leave(const EventSink* sink);

  // Sends `event` (serialized once, compact) to every joined sink.
  void Broadcast(const nlohmann::json& event);

  // Joined sinks (including ones about to leave).
  size_t size() const;
  // Sinks disconnected because they fell too far behind.
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  void CountDropped() { dropped_.fetch_add(1, std::memory_order_relaxed); }

 private:
  mutable std::mutex mu_;
  std::unordered_map<const EventSink*, std::weak_ptr<EventSink>> sinks_;  // under mu_
  std::mutex order_mu_;  // held for a whole Broadcast()
  std::atomic<uint64_t> dropped_{0};
};

}  // namespace openline::api

#endif  // OPENLINE_API_BROADCASTER_H_
