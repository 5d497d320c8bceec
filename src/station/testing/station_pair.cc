#include "station/testing/station_pair.h"

#include <fstream>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include "station/station_dir.h"

extern char** environ;

namespace openline::station::testing {

uint16_t FreePort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

StationProcess::StationProcess(std::string binary, std::filesystem::path dir,
                               uint16_t api_port)
    : binary_(std::move(binary)), dir_(std::move(dir)), api_port_(api_port) {}

StationProcess::~StationProcess() { Kill(SIGKILL); }

Status StationProcess::Start() {
  const std::string log = (dir_ / "station.log").string();
  std::vector<std::string> args = {
      "/bin/sh", "-c",
      "exec " + binary_ + " station --dir " + dir_.string() + " >>" + log + " 2>&1"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (int rc = ::posix_spawn(&pid_, "/bin/sh", nullptr, nullptr, argv.data(), environ);
      rc != 0) {
    pid_ = -1;
    return MakeError(ErrorCode::kIo, "posix_spawn failed: " + std::to_string(rc));
  }
  return Ok();
}

bool StationProcess::WaitReady(std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    auto r = Client().Get("/v1/health");
    if (r && r->ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

int StationProcess::Kill(int sig) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, sig);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

api::ClientOptions StationProcess::Options() const {
  api::ClientOptions o;
  o.host = "127.0.0.1";
  o.port = api_port_;
  auto token = StationDir{dir_}.ApiToken();
  if (token) o.token = *token;
  o.timeout = std::chrono::seconds(5);
  return o;
}

test_util::CommandResult StationPair::Cli(const std::string& args) const {
  return test_util::RunCommand(binary_ + " " + args);
}

Result<std::unique_ptr<StationPair>> StationPair::Create(
    std::string binary, std::filesystem::path root, const std::string& extra_config) {
  std::unique_ptr<StationPair> p(new StationPair(std::move(binary), std::move(root)));
  std::filesystem::remove_all(p->root_);
  std::filesystem::create_directories(p->root_);
  auto run = [&](const std::string& args) -> Result<std::string> {
    auto r = p->Cli(args);
    if (r.code != 0) return MakeError(ErrorCode::kIo, "openline " + args + ": " + r.out);
    return r.out;
  };
  auto identity = [&](const std::string& dir) -> Result<std::string> {
    auto out = run("identity --json --dir " + dir);
    if (!out) return out;
    return nlohmann::json::parse(*out)["identity"].get<std::string>();
  };
  const uint16_t wp = FreePort(), bp = FreePort(), wa = FreePort(), ba = FreePort();
  const auto port = [](uint16_t n) { return "127.0.0.1:" + std::to_string(n); };
  OPENLINE_TRY(run("init --dir " + p->W() + " --name washington --listen " + port(wp) +
                   " --api " + port(wa)));
  OPENLINE_TRY(run("init --dir " + p->B() + " --name beijing --listen " + port(bp) +
                   " --api " + port(ba)));
  auto wid = identity(p->W());
  if (!wid) return tl::unexpected(wid.error());
  auto bid = identity(p->B());
  if (!bid) return tl::unexpected(bid.error());
  OPENLINE_TRY(run("link add --dir " + p->W() + " --name beijing --key " + *bid +
                   " --path tcp://" + port(bp)));
  OPENLINE_TRY(run("link add --dir " + p->B() + " --name washington --key " + *wid +
                   " --path tcp://" + port(wp)));
  for (const std::string& dir : {p->W(), p->B()}) {
    std::ofstream(std::filesystem::path(dir) / "station.toml", std::ios::app)
        << "\n"
        << extra_config << "\n";
  }
  p->w_ = std::make_unique<StationProcess>(p->binary_, p->root_ / "w", wa);

  p->b_ = std::make_unique<StationProcess>(p->binary_, p->root_ / "b", ba);
  for (StationProcess* s : {p->w_.get(), p->b_.get()}) {
    OPENLINE_TRY(s->Start());
    if (!s->WaitReady()) {
      return MakeError(ErrorCode::kIo, "station in " + s->dir().string() + " not ready");
    }
  }
  return p;
}

}  // namespace openline::station::testing
