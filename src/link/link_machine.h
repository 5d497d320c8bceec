// The link protocol between two stations, as a sans-IO state machine: events,
// bytes and the caller's clock in; link messages to send, durable writes to make,
// events for the station and the next deadline out. One LinkMachine per link.
//
// What it guarantees, with any number of reconnects, crashes (restart from the
// durable state), lost, duplicated or reordered messages:
//   * an accepted message is signed into the sender's chain exactly once (the
//     write that records the entry also removes it from the outbox), and never
//     sent before that write is durable, so a crash cannot produce two different
//     entries for one sequence number;
//   * a peer entry is admitted only if every transcript rule holds, exactly once,
//     in chain order; it is acknowledged (ACK `have`) and announced (Delivered)
//     only after it is durable, and a *received* receipt (cumulative, signed) is
//     issued only after that;
//   * after a reconnect both sides say how much of the other's chain they hold
//     durably (HELLO) and sending resumes right after it;
//   * signing follows precedence: FLASH first, then IMMEDIATE, PRIORITY, ROUTINE,
//     each in acceptance order, and at most `window` signed entries can be ahead
//     of a newly accepted FLASH;
//   * memory is bounded: `window` entries in flight and in the reassembly buffer,
//     kMaxQueuedBytes of accepted messages (CanAccept).
//
// Durable writes are batched (group commit): while one batch is being written,
// new entries collect into the next, so a lone message waits for nothing and a
// burst shares one fsync.
//
// Depends on: transcript/, wire/, identity/, link/. Thread-safety: none; one owner.
#ifndef OPENLINE_LINK_LINK_MACHINE_H_
#define OPENLINE_LINK_LINK_MACHINE_H_

#include <map>
#include <optional>
#include <set>
#include <variant>
#include <vector>

#include "identity/station_keys.h"
#include "link/constants.h"
#include "link/outbox_queue.h"
#include "link/rtt_estimator.h"
#include "transcript/transcript.h"
#include "wire/link_message.h"

namespace openline::link {

// One entry to make durable; an own entry that signs an accepted message names
// it, and the same transaction must mark that message chained (so it is never
// signed twice).
struct BatchEntry {
  wire::SignedEnvelope envelope;
  std::optional<uint64_t> outbox_id;
};

// Entries to make durable in one transaction, in the order they were admitted to
// the transcript (which is causal).
struct PersistBatch {
  uint64_t token = 0;
  std::vector<BatchEntry> entries;
};

// An accepted message is now durable entry `ref` of our chain.
struct Chained {
  uint64_t outbox_id = 0;
  wire::EntryRef ref;
};
// Our entry `seq` went out on a connection for the first time.
struct Transmitted {
  uint64_t seq = 0;
};
// The peer holds our entries 1..have durably (its transport acknowledgement; the
// signed receipt follows as a Delivered peer entry).
struct PeerStored {
  uint64_t have = 0;
};
// A peer entry is now durable here: show it, act on it.
struct Delivered {
  wire::EntryRef ref;
  wire::Kind kind = wire::Kind::kText;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  std::string channel;
};
// The peer sent something the transcript refuses; it was dropped. An
// equivocation is evidence worth keeping.
struct PeerRefused {
  transcript::Violation violation;
};
struct RttSample {
  uint64_t rtt_us = 0;
};
// Nothing heard for kPeerSilenceUs: drop the connection and redial.
struct PeerSilent {};

using Event = std::variant<Chained, Transmitted, PeerStored, Delivered, PeerRefused,
                           RttSample, PeerSilent>;

struct LinkStats {
  uint64_t entries_sent = 0;
  uint64_t entries_resent = 0;
  uint64_t entries_received = 0;
  uint64_t duplicates = 0;
  uint64_t buffered_out_of_order = 0;
  uint64_t dropped_beyond_window = 0;
  uint64_t refused = 0;
  uint64_t malformed = 0;
  uint64_t retransmit_timeouts = 0;
  uint64_t batches = 0;
};

class LinkMachine {
 public:
  struct Config {
    uint64_t window = kDefaultWindow;
    size_t max_queued_bytes = kMaxQueuedBytes;
  };

  // `transcript` is the link's durable state as stored; `keys` (which must
  // outlive the machine) must be one of its two stations.
  static Result<LinkMachine> Make(const identity::StationKeys& keys,
                                  transcript::Transcript transcript, Config config);
  static Result<LinkMachine> Make(const identity::StationKeys& keys,
                                  transcript::Transcript transcript) {
    return Make(keys, std::move(transcript), Config{});
  }

  // Whether a message of this size may be accepted now (back-pressure).
  bool CanAccept(size_t body_bytes) const;
  // A message the store has durably accepted into its outbox. kTooLarge if
  // CanAccept would have said no.
  Status Accept(OutboxItem item, uint64_t now_us);

  void OnConnected(uint64_t now_us);
  void OnDisconnected(uint64_t now_us);
  void OnMessage(ByteView message, uint64_t now_us);
  // The batch with this token is on stable storage.
  void OnPersisted(uint64_t token, uint64_t now_us);
  void OnTimer(uint64_t now_us);

  // The next batch to write, if any and if none is being written.
  std::optional<PersistBatch> TakePersist();
  std::vector<Bytes> TakeSends();
  std::vector<Event> TakeEvents();
  std::optional<uint64_t> NextDeadline() const;

  const transcript::Transcript& transcript() const { return transcript_; }
  int own_side() const { return own_; }
  bool connected() const { return connected_; }
  uint64_t durable_own() const { return durable_[own_]; }
  uint64_t durable_peer() const { return durable_[peer_]; }
  uint64_t peer_have() const { return peer_have_; }
  const OutboxQueue& outbox() const { return outbox_; }
  const RttEstimator& rtt() const { return rtt_; }
  const LinkStats& stats() const { return stats_; }
  // One line of internal state for logs and failing tests.
  std::string DebugString() const;

 private:
  struct InFlightBatch {
    uint64_t token = 0;
    uint64_t own_end = 0;
    uint64_t peer_end = 0;
    std::vector<std::pair<uint64_t, wire::EntryRef>> chained;  // outbox id -> entry
    std::vector<Delivered> delivered;
  };

  LinkMachine(const identity::StationKeys& keys, transcript::Transcript transcript,
              Config config, int own);

  void Pump(uint64_t now_us);
  void ChainWhileRoom(uint64_t now_us);
  bool MaybeReceipt(uint64_t now_us);
  void AdmitOwn(wire::SignedEnvelope env, std::optional<uint64_t> outbox_id);
  void HandleEntry(ByteView envelope, uint64_t now_us);
  bool AdmitPeer(wire::SignedEnvelope env);
  void SendEntries(uint64_t now_us);
  void SendAck();
  void Send(const wire::LinkMessage& m);
  void Refuse(transcript::Violation v);

  const identity::StationKeys* keys_;
  transcript::Transcript transcript_;
  Config config_;
  int own_;
  int peer_;

  // Entries of each side known durable (the transcript may hold more, pending).
  uint64_t durable_[2] = {0, 0};
  std::vector<BatchEntry> pending_;
  std::vector<std::pair<uint64_t, wire::EntryRef>> pending_chained_;
  std::vector<Delivered> pending_delivered_;
  std::optional<InFlightBatch> in_flight_;
  std::optional<PersistBatch> ready_;
  uint64_t next_token_ = 1;

  OutboxQueue outbox_;
  // Receipts: the newest peer entry our received receipts cover, and the highest
  // precedence among durable peer messages not yet covered.
  uint64_t receipted_ = 0;
  std::optional<wire::Precedence> unreceipted_;

  bool connected_ = false;
  bool hello_received_ = false;
  uint64_t peer_have_ = 0;
  uint64_t next_send_ = 1;
  uint64_t max_transmitted_ = 0;
  std::set<uint64_t> peer_sacked_;
  std::map<uint64_t, wire::SignedEnvelope> reorder_;

  uint64_t last_heard_us_ = 0;
  uint64_t next_ping_us_ = 0;
  uint64_t ping_nonce_ = 0;
  bool silence_reported_ = false;
  std::optional<uint64_t> rto_deadline_us_;
  uint64_t rto_backoff_ = 1;
  RttEstimator rtt_;

  std::vector<Bytes> sends_;
  std::vector<Event> events_;
  LinkStats stats_;
};

}  // namespace openline::link

#endif  // OPENLINE_LINK_LINK_MACHINE_H_
