// The metric families a station exports on /metrics, registered in one place so
// the names, labels and buckets in docs/observability.md have one source. The
// station keeps the returned pointers and updates them where things happen;
// link health (owned by each link's I/O thread) is read at scrape time through a
// LinkHealthSource.
//
// Depends on: observe/registry.h. Thread-safety: as Registry; `links` runs on the
// scraping thread, several times per scrape (once per link family), so it should
// copy a snapshot under a short lock.
#ifndef OPENLINE_OBSERVE_STATION_METRICS_H_
#define OPENLINE_OBSERVE_STATION_METRICS_H_

#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "observe/registry.h"

namespace openline::observe {

struct PathHealth {
  std::string path{};  // "tcp://host:port"
  bool up = false;
  // Unknown values (NaN) are left out of the scrape rather than shown as NaN.
  double rtt_seconds = std::numeric_limits<double>::quiet_NaN();      // smoothed
  double rtt_p99_seconds = std::numeric_limits<double>::quiet_NaN();  // recent window
  double heartbeat_age_seconds = std::numeric_limits<double>::quiet_NaN();
};

struct LinkHealth {
  std::string link{};
  bool up = false;
  std::vector<PathHealth> paths{};
  std::vector<std::pair<std::string, double>> queue_depth{};  // precedence -> messages
};

using LinkHealthSource = std::function<std::vector<LinkHealth>()>;

// Bucket upper bounds, in seconds. Answer times reach from a FLASH answered at
// once to a ROUTINE answered near its 6 h deadline; a store commit is an fsync.
inline const std::vector<double> kAnswerSecondsBuckets = {
    5, 15, 30, 60, 120, 300, 600, 1800, 3600, 10800, 21600, 43200};
inline const std::vector<double> kStoreCommitSecondsBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

struct StationMetrics {
  Family<Counter>* messages = nullptr;          // {link,precedence,state}
  Family<Histogram>* answer_seconds = nullptr;  // {link,precedence}
  Family<Gauge>* unanswered = nullptr;          // {link,precedence}
  Family<Histogram>* store_commit_seconds = nullptr;
  Family<Counter>* bad_frames = nullptr;  // {reason}
};

Result<StationMetrics> RegisterStationMetrics(Registry& registry, LinkHealthSource links);

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_STATION_METRICS_H_
