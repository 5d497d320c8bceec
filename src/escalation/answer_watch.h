// The sending side of "answered or escalated": for each message we sent, was it
// answered before its deadline, and if not, which silence was it? A sans-IO
// state machine, one per station: events and the caller's clock in, actions out,
// NextWakeUp for the next OnTimer.
//
// A message is watched from acceptance (Sent) until the peer's acknowledged
// receipt or its deadline (precedence, channel; the same Deadlines type as the
// receiving side, configured at this station). At the deadline it yields one
// PeerUnanswered carrying exactly what the station signs into the transcript as
// "unanswered after N s": the id, the deadline it missed and which silence —
// no received receipt (technical) or received but not acknowledged (human). Then
// it is forgotten. Events are taken in the order given: a receipt handed in
// before OnTimer is called for a passed deadline counts.
//
// Received receipts are cumulative on the wire (wire/receipt.h); OnReceivedThrough
// applies one to every watched message of that link up to its seq, touching each
// message once.
//
// Memory is bounded by Config::max_tracked; when full, a new message displaces
// the least urgent watched one (lowest precedence, latest acceptance) if strictly
// more urgent, else is not watched; either way NotWatched names it so the driver
// raises an alarm. It never writes a false fact to make room: no PeerUnanswered
// before a deadline.
//
// Depends on: escalation/{escalation_policy,message_id,silence}.h, wire/envelope.h,
// common/. Thread-safety: none; one owner.
#ifndef OPENLINE_ESCALATION_ANSWER_WATCH_H_
#define OPENLINE_ESCALATION_ANSWER_WATCH_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "common/result.h"
#include "escalation/escalation_policy.h"
#include "escalation/silence.h"
#include "wire/envelope.h"

namespace openline::escalation {

// ---- Events in ----

struct Sent {
  std::string id;  // "link:seq", our own entry
  wire::Precedence precedence = wire::Precedence::kRoutine;
  std::string channel;
  uint64_t accepted_us = 0;
};
struct ReceivedReceipt {
  std::string id;
  uint64_t at_us = 0;
};
struct AcknowledgedReceipt {
  std::string id;
  uint64_t at_us = 0;
};

// ---- Actions out ----

struct PeerUnanswered {
  std::string id;
  uint64_t after_us = 0;  // the deadline it missed, counted from acceptance
  Silence silence = Silence::kTechnical;
  // The N of "unanswered after N s" (whole seconds, rounded down).
  uint64_t after_seconds() const { return after_us / kSecondUs; }
  bool operator==(const PeerUnanswered&) const = default;
};
// The table was full: message `id` is not watched; no PeerUnanswered will come.
struct NotWatched {
  std::string id;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  bool operator==(const NotWatched&) const = default;
};

using WatchAction = std::variant<PeerUnanswered, NotWatched>;

struct AnswerWatchStats {
  uint64_t sent = 0;
  uint64_t answered = 0;  // acknowledged before the deadline
  uint64_t unanswered_technical = 0;
  uint64_t unanswered_human = 0;
  uint64_t not_watched = 0;
};

class AnswerWatch {
 public:
  struct Config {
    Deadlines default_deadlines;
    std::map<std::string, Deadlines, std::less<>> channel_deadlines;
    size_t max_tracked = kDefaultMaxTrackedOutgoing;
  };

  static Result<AnswerWatch> Make(Config config);

  // kMalformed for an id that is not "link:seq"; kInvalidArgument for an empty
  // or over-long channel or a precedence out of range. A message already watched
  // is ignored.
  Result<std::vector<WatchAction>> OnSent(const Sent& s);
  void OnReceivedReceipt(const ReceivedReceipt& r);
  // A cumulative received receipt: our entries 1..through_seq of `link`.
  void OnReceivedThrough(std::string_view link, uint64_t through_seq, uint64_t at_us);
  // Returns the answer time (acknowledgement minus acceptance) if it was watched.
  std::optional<uint64_t> OnAcknowledgedReceipt(const AcknowledgedReceipt& a);
  std::vector<WatchAction> OnTimer(uint64_t now_us);
  std::optional<uint64_t> NextWakeUp() const;

  size_t tracked() const { return watched_.size(); }
  bool IsTracked(std::string_view id) const { return watched_.contains(id); }
  const AnswerWatchStats& stats() const { return stats_; }

 private:
  struct Watched {
    std::string link;
    uint64_t seq = 0;
    wire::Precedence precedence = wire::Precedence::kRoutine;
    uint64_t accepted_us = 0;
    uint64_t due_us = 0;
    uint64_t deadline_us = 0;
    uint64_t order = 0;
    bool received = false;
  };
  using UrgencyKey = std::tuple<uint8_t, uint64_t, std::string>;
  using Map = std::map<std::string, Watched, std::less<>>;

  explicit AnswerWatch(Config config) : config_(std::move(config)) {}
  const Deadlines& DeadlinesFor(std::string_view channel) const;
  static UrgencyKey KeyOf(const std::string& id, const Watched& w);
  void MarkReceived(Map::iterator it);
  void Forget(Map::iterator it);

  Config config_;
  Map watched_;
  std::set<std::pair<uint64_t, std::string>> timers_;  // (due, id)
  std::set<UrgencyKey> by_urgency_;
  // Watched messages without a received receipt yet, by (link, seq) -> id.
  std::map<std::pair<std::string, uint64_t>, std::string> unreceived_;
  uint64_t next_order_ = 0;
  AnswerWatchStats stats_;
};

}  // namespace openline::escalation

#endif  // OPENLINE_ESCALATION_ANSWER_WATCH_H_
