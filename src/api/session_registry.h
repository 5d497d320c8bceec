// SessionRegistry: the server's count and list of open connections, for the
// max-sessions limit and for a graceful stop. A connection holds a Slot from
// accept to close; the Slot moves from the HTTP session to the WebSocket
// session when a connection upgrades, so one connection is one slot. Sessions
// register a weak pointer (Attach) so a stop can reach them without keeping
// them alive.
//
// Depends on: nothing but the standard library. Thread-safety: every method may
// be called from any thread; callbacks (Session::Shutdown, on_empty) are invoked
// without the registry's lock held.
#ifndef OPENLINE_API_SESSION_REGISTRY_H_
#define OPENLINE_API_SESSION_REGISTRY_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace openline::api {

class Session {
 public:
  virtual ~Session() = default;
  // Graceful (force == false): finish the request in progress, then close; an
  // idle connection closes now. Force: close now. Callable from any thread.
  virtual void Shutdown(bool force) = 0;
};

class SessionRegistry : public std::enable_shared_from_this<SessionRegistry> {
 public:
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();

    // Points the slot at its current owner. False if a stop has begun: the
    // caller should shut itself down (a stop may have missed it).
    bool Attach(std::weak_ptr<Session> session);
    explicit operator bool() const { return registry_ != nullptr; }

   private:
    friend class SessionRegistry;
    Slot(std::shared_ptr<SessionRegistry> registry, uint64_t id)
        : registry_(std::move(registry)), id_(id) {}
    void Release();
    std::shared_ptr<SessionRegistry> registry_;
    uint64_t id_ = 0;
  };

  explicit SessionRegistry(size_t max_sessions) : max_sessions_(max_sessions) {}

  // A slot, or nullopt when max_sessions are open or a stop has begun.
  std::optional<Slot> TryAcquire();

  // Stops handing out slots, asks every session to shut down gracefully, and
  // calls `on_empty` once no slot is held (at once if none is). Only the first
  // call's on_empty is kept.
  void BeginStop(std::function<void()> on_empty);
  // Asks every remaining session to close now (the grace period is over).
  void ForceAll();

  size_t size() const;
  uint64_t rejected() const;  // connections refused for max_sessions
  // True once BeginStop() has run: a response written from then on says
  // `Connection: close`, even if the session has not yet seen its Shutdown().
  bool stopping() const;

 private:
  void Release(uint64_t id);
  void ShutdownAll(bool force);

  const size_t max_sessions_;
  mutable std::mutex mu_;
  std::unordered_map<uint64_t, std::weak_ptr<Session>> sessions_;  // under mu_
  uint64_t next_id_ = 1;                                           // under mu_
  uint64_t rejected_ = 0;                                          // under mu_
  bool stopping_ = false;                                          // under mu_
  std::function<void()> on_empty_;                                 // under mu_
};

}  // namespace openline::api

#endif  // OPENLINE_API_SESSION_REGISTRY_H_
