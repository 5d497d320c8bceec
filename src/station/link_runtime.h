// One link at run time: its LinkMachine (the protocol), the connection that
// currently carries it, the dialer that (re)establishes one, the timer the machine
// asks for, and the bridge to the store worker (batches out, completions back).
// Everything here runs on the station's link thread (one io_context); the store
// worker posts its completions back onto it.
//
// Depends on: link/, net/, store/, api/broadcaster.h, station/store_worker.h.
// Thread-safety: link thread only.
#ifndef OPENLINE_STATION_LINK_RUNTIME_H_
#define OPENLINE_STATION_LINK_RUNTIME_H_

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "api/broadcaster.h"
#include "identity/station_keys.h"
#include "link/link_machine.h"
#include "net/connection.h"
#include "net/dialer.h"
#include "observe/log.h"
#include "station/store_worker.h"
#include "store/station_store.h"
#include "wire/receipt.h"

namespace openline::station {

class Answering;

class LinkRuntime : public std::enable_shared_from_this<LinkRuntime> {
 public:
  struct Context {
    boost::asio::io_context* io = nullptr;
    StoreWorker* store = nullptr;
    const identity::StationKeys* keys = nullptr;
    api::Broadcaster* events = nullptr;
    Answering* answering = nullptr;  // may be null (tests)
    const observe::Logger* log = nullptr;
  };

  // Loads the link's durable state (both chains, unsigned accepted messages) and
  // builds its machine. Blocks on the store: call at start-up or on reload.
  static Result<std::shared_ptr<LinkRuntime>> Load(Context context,
                                                   store::LinkConfig config);

  void Start();  // starts dialling
  void Stop();   // closes the connection and stops dialling

  // A message the store has durably accepted for this link.
  openline::Status Accept(link::OutboxItem item);
  bool CanAccept(size_t bytes) const { return machine_.CanAccept(bytes); }
  // A connection from the listener or the dialer, authenticated as this peer.
  void Attach(std::shared_ptr<net::Connection> connection);

  const store::LinkConfig& config() const { return config_; }
  const transcript::Transcript& transcript() const { return machine_.transcript(); }
  int own_side() const { return machine_.own_side(); }
  nlohmann::json StatusJson() const;

 private:
  LinkRuntime(Context context, store::LinkConfig config, link::LinkMachine machine);

  void Pump();
  void Persist(store::LinkWrite write, uint64_t token);
  void ArmTimer();
  void OnClosed(uint64_t generation);
  void Publish(const link::Event& event);
  void NoteReceipt(const wire::Receipt& rc, uint64_t time_us, bool ours);

  Context ctx_;
  store::LinkConfig config_;
  link::LinkMachine machine_;
  std::shared_ptr<net::Dialer> dialer_;
  std::shared_ptr<net::Connection> connection_;
  uint64_t generation_ = 0;  // which connection the handlers belong to
  boost::asio::steady_timer timer_;
  bool stopped_ = false;
  uint64_t connected_since_us_ = 0;
  uint64_t connections_ = 0;
  uint64_t persist_failures_ = 0;
};

uint64_t NowUs();

}  // namespace openline::station

#endif  // OPENLINE_STATION_LINK_RUNTIME_H_
