// Two real `openline station` processes on loopback, linked to each other with
// the CLI as an operator would: for the integration tests and the station
// benchmarks, which must measure and break the real thing.
//
// Depends on: api/client.h, common/testing/run_command.h, station/station_dir.h.
// Thread-safety: a StationProcess is used from one thread at a time.
#ifndef OPENLINE_STATION_TESTING_STATION_PAIR_H_
#define OPENLINE_STATION_TESTING_STATION_PAIR_H_

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <sys/types.h>

#include "api/client.h"
#include "common/result.h"
#include "common/testing/run_command.h"

namespace openline::station::testing {

// A port on 127.0.0.1 that was free a moment ago.
uint16_t FreePort();

class StationProcess {
 public:
  StationProcess(std::string binary, std::filesystem::path dir, uint16_t api_port);
  ~StationProcess();  // SIGKILL if still running
  StationProcess(const StationProcess&) = delete;
  StationProcess& operator=(const StationProcess&) = delete;

  // Starts `openline station`, its output appended to DIR/station.log.
  Status Start();
  // Until the API answers /v1/health, or the timeout.
  bool WaitReady(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Sends `sig` and reaps the process; returns its wait status (-1 if not running).
  int Kill(int sig);
  pid_t pid() const { return pid_; }
  api::Client Client() const { return api::Client(Options()); }
  // Loopback, this station's API port, its token file's token.
  api::ClientOptions Options() const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::string binary_;
  std::filesystem::path dir_;
  uint16_t api_port_;
  pid_t pid_ = -1;
};

// washington (W) and beijing (B), in ROOT/w and ROOT/b, each having pinned the
// other; started and ready.
class StationPair {
 public:
  // `extra_config` is appended to both stations' station.toml before they start
  // (e.g. an [answering] table).
  static Result<std::unique_ptr<StationPair>> Create(
      std::string binary, std::filesystem::path root,
      const std::string& extra_config = "");

  test_util::CommandResult Cli(const std::string& args) const;
  StationProcess& w() { return *w_; }
  StationProcess& b() { return *b_; }
  std::string W() const { return (root_ / "w").string(); }
  std::string B() const { return (root_ / "b").string(); }

 private:
  StationPair(std::string binary, std::filesystem::path root)
      : binary_(std::move(binary)), root_(std::move(root)) {}

  std::string binary_;
  std::filesystem::path root_;
  std::unique_ptr<StationProcess> w_, b_;
};

}  // namespace openline::station::testing

#endif  // OPENLINE_STATION_TESTING_STATION_PAIR_H_
