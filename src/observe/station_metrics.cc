#include "observe/station_metrics.h"

#include <cmath>
#include <memory>

namespace openline::observe {
namespace {

using PathValue = double (*)(const PathHealth&);

Status AddPathGauge(Registry& r, std::string name, std::string help,
                    std::shared_ptr<LinkHealthSource> links, PathValue value) {
  auto family = r.AddCallback(
      {.name = std::move(name), .help = std::move(help), .labels = {"link", "path"}},
      MetricType::kGauge, [links, value](ScrapeSink& sink) {
        for (const LinkHealth& l : (*links)()) {
          for (const PathHealth& p : l.paths) {
            const double v = value(p);
            if (!std::isnan(v)) (void)sink.Set({l.link, p.path}, v);
          }
        }
      });
  if (!family) return tl::unexpected(std::move(family).error());
  return Ok();
}

}  // namespace

Result<StationMetrics> RegisterStationMetrics(Registry& r, LinkHealthSource source) {
  StationMetrics m;
  auto messages = r.AddCounter(
      {.name = "openline_messages_total",
       .help =
           "Messages that entered a state, by link and precedence. Outgoing: accepted, "
           "sent, receipted, answered, unanswered. Incoming: received, displayed, "
           "acknowledged.",
       .labels = {"link", "precedence", "state"}});
  if (!messages) return tl::unexpected(std::move(messages).error());
  m.messages = *messages;

  auto answer = r.AddHistogram(
      {.name = "openline_answer_seconds",
       .help = "Time from a message's acceptance to the peer's signed acknowledgement.",
       .labels = {"link", "precedence"}},
      kAnswerSecondsBuckets);
  if (!answer) return tl::unexpected(std::move(answer).error());
  m.answer_seconds = *answer;

  auto unanswered = r.AddGauge(
      {.name = "openline_unanswered",
       .help =
           "Outgoing messages now past their answer deadline without acknowledgement.",
       .labels = {"link", "precedence"}});
  if (!unanswered) return tl::unexpected(std::move(unanswered).error());
  m.unanswered = *unanswered;

  auto commit =
      r.AddHistogram({.name = "openline_store_commit_seconds",
                      .help = "Duration of one durable store commit (write and fsync)."},
                     kStoreCommitSecondsBuckets);
  if (!commit) return tl::unexpected(std::move(commit).error());
  m.store_commit_seconds = *commit;

  auto bad =
      r.AddCounter({.name = "openline_bad_frames_total",
                    .help = "Frames dropped as malformed or unauthenticated, by reason.",
                    .labels = {"reason"}});
  if (!bad) return tl::unexpected(std::move(bad).error());
  m.bad_frames = *bad;

  auto links = std::make_shared<LinkHealthSource>(std::move(source));
  auto link_up = r.AddCallback(
      {.name = "openline_link_up",
       .help = "1 when the link to the peer station is up (any path), else 0.",
       .labels = {"link"}},
      MetricType::kGauge, [links](ScrapeSink& sink) {
        for (const LinkHealth& l : (*links)()) (void)sink.Set({l.link}, l.up ? 1 : 0);
      });
  if (!link_up) return tl::unexpected(std::move(link_up).error());

  auto queue = r.AddCallback(
      {.name = "openline_queue_depth",
       .help = "Outgoing messages waiting in the durable outbox, by precedence.",
       .labels = {"link", "precedence"}},
      MetricType::kGauge, [links](ScrapeSink& sink) {
        for (const LinkHealth& l : (*links)()) {
          for (const auto& [precedence, depth] : l.queue_depth) {
            (void)sink.Set({l.link, precedence}, depth);
          }
        }
      });
  if (!queue) return tl::unexpected(std::move(queue).error());

  OPENLINE_TRY(AddPathGauge(r, "openline_path_up", "1 when this path to the peer is up.",
                            links, [](const PathHealth& p) { return p.up ? 1.0 : 0.0; }));
  OPENLINE_TRY(
      AddPathGauge(r, "openline_rtt_seconds",
                   "Smoothed round-trip time of heartbeats on this path (RFC 6298).",
                   links, [](const PathHealth& p) { return p.rtt_seconds; }));
  OPENLINE_TRY(AddPathGauge(r, "openline_rtt_p99_seconds",
                            "99th percentile of recent heartbeat round-trip times.",
                            links,
                            [](const PathHealth& p) { return p.rtt_p99_seconds; }));
  OPENLINE_TRY(
      AddPathGauge(r, "openline_heartbeat_age_seconds",
                   "Seconds since the last heartbeat from the peer on this path.", links,
                   [](const PathHealth& p) { return p.heartbeat_age_seconds; }));
  return m;
}

}  // namespace openline::observe
