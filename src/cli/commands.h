// The `openline` subcommands. Each takes its parsed options, prints to stdout
// (data) and stderr (errors), and returns the process exit code:
//   0 success, 1 the operation failed (e.g. a transcript is invalid), 2 bad usage
//   or input that could not be read.
//
// Depends on: identity/, transcript/, cli/ helpers. Thread-safety: run once.
#ifndef OPENLINE_CLI_COMMANDS_H_
#define OPENLINE_CLI_COMMANDS_H_

#include <cstdint>
#include <string>

namespace openline::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct InitOptions {
  std::string dir;
  std::string name;
  std::string listen;  // empty: the default
  std::string api;     // empty: the default
};
int RunInit(const InitOptions& options);

struct IdentityOptions {
  std::string dir;
  std::string peer;
  bool no_qr = false;
  bool json = false;
};
int RunIdentity(const IdentityOptions& options);

struct VerifyOptionsCli {
  std::string file;
  std::string against;  // a second export of the same link to compare with
  std::string peer_key;
  bool json = false;
};
int RunVerify(const VerifyOptionsCli& options);

struct ProveOptions {
  std::string file;
  std::string station;  // a name from the file, or 0 / 1
  uint64_t seq = 0;
  std::string out;
};
int RunProve(const ProveOptions& options);

struct VerifyProofOptions {
  std::string file;
  std::string peer_key;
  bool json = false;
};
int RunVerifyProof(const VerifyProofOptions& options);

}  // namespace openline::cli

#endif  // OPENLINE_CLI_COMMANDS_H_
