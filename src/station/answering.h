// Answering: the station's driver of the two escalation cores
// (escalation/escalator.h for messages that reach us, escalation/answer_watch.h
// for the messages we send). It feeds them what the links report, keeps one
// timer for both on the link thread, and carries out their actions: console
// events, the site's notifier command, metrics, and, for a message of ours the
// peer left unanswered, the signed notice in the transcript (through `sign`).
//
// Technical silence (no *received* receipt) and human silence (received, not
// acknowledged) stay apart in every event it publishes.
//
// After a restart the station replays each link's transcript into it
// (ReplayLink): unacknowledged messages ring again with their original times.
//
// Depends on: escalation/, notify/, observe/, transcript/, station/message_views.h,
// Asio. Thread-safety: link thread only (the notifier reports from its own
// thread and is posted back).
#ifndef OPENLINE_STATION_ANSWERING_H_
#define OPENLINE_STATION_ANSWERING_H_

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "escalation/answer_watch.h"
#include "escalation/escalator.h"
#include "notify/notifier.h"
#include "observe/log.h"
#include "observe/station_metrics.h"
#include "station/station_dir.h"
#include "transcript/transcript.h"

namespace openline::station {

class Answering {
 public:
  struct Outputs {
    std::function<void(const nlohmann::json&)> publish;  // console event
    // Sign "unanswered after N s" for our entry `seq` of `link`.
    std::function<void(const std::string& link, const escalation::PeerUnanswered&,
                       uint64_t seq)>
        sign;
  };

  static Result<std::unique_ptr<Answering>> Make(
      boost::asio::io_context& io, std::string station, const AnsweringConfig& config,
      Outputs outputs, observe::StationMetrics* metrics, observe::Logger* log);
  ~Answering();

  // A message from the peer is durable here (it rings now).
  void OnPeerMessage(const std::string& link, uint64_t seq, const std::string& channel,
                     wire::Precedence precedence, uint64_t arrived_us);
  // Our operator's acknowledgement of peer entry `seq` is signed.
  void OnAcknowledgedHere(const std::string& link, uint64_t seq, uint64_t at_us);
  // Our message `seq` is signed (its deadline counts from its signed time).
  void OnSigned(const std::string& link, uint64_t seq, const std::string& channel,
                wire::Precedence precedence, uint64_t signed_us);
  // The peer's receipts about our entries.
  void OnPeerReceived(const std::string& link, uint64_t through_seq, uint64_t at_us);
  void OnPeerAcknowledged(const std::string& link, uint64_t seq,
                          wire::Precedence precedence, uint64_t at_us);
  // A restart: every unacknowledged message of the link, as the transcript shows.
  void ReplayLink(const std::string& link, const transcript::Transcript& t, int own_side);

 private:
  Answering(boost::asio::io_context& io, std::string station, Outputs outputs,
            escalation::Escalator escalator, escalation::AnswerWatch watch,
            observe::StationMetrics* metrics, observe::Logger* log);
  void Apply(const std::vector<escalation::Action>& actions);
  void Apply(const std::vector<escalation::WatchAction>& actions);
  void Notify(const nlohmann::json& event);
  // A full watch table raises its alarm at most once a minute, with a count, so
  // a flood of bulk traffic cannot turn into a flood of alarms.
  void Alarm(const std::string& reason, const std::string& id);
  // openline_messages_total{link,precedence,state} and openline_unanswered.
  void Count(const std::string& link, wire::Precedence precedence,
             std::string_view state);
  void Unanswered(const std::string& link, wire::Precedence precedence, int delta);
  void Arm();
  void OnTimer();

  boost::asio::io_context& io_;
  std::string station_;
  Outputs outputs_;
  escalation::Escalator escalator_;
  escalation::AnswerWatch watch_;
  observe::StationMetrics* metrics_;
  observe::Logger* log_;
  std::unique_ptr<notify::Notifier> notifier_;
  boost::asio::steady_timer timer_;
  std::map<std::string, escalation::MessageArrived, std::less<>> arrived_;  // by id
  bool replaying_ = false;
  // Our watched messages' precedence (PeerUnanswered carries only the id), and
  // those now past their deadline, for the unanswered gauge.
  std::map<std::string, wire::Precedence, std::less<>> own_precedence_;
  std::set<std::string, std::less<>> unanswered_;
  struct Throttle {
    uint64_t last_us = 0;
    uint64_t suppressed = 0;
  };
  std::map<std::string, Throttle, std::less<>> alarms_;  // by reason
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace openline::station

#endif  // OPENLINE_STATION_ANSWERING_H_
