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
#include <vector>

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

struct StationOptions {
  std::string dir;
};
int RunStation(const StationOptions& options);

struct LinkAddOptions {
  std::string dir;
  std::string name;
  std::string key;
  std::vector<std::string> paths;  // in preference order
};
int RunLinkAdd(const LinkAddOptions& options);
struct LinkListOptions {
  std::string dir;
  bool json = false;
};
int RunLinkList(const LinkListOptions& options);
struct LinkRemoveOptions {
  std::string dir;
  std::string name;
};
int RunLinkRemove(const LinkRemoveOptions& options);

struct ExportOptions {
  std::string dir;
  std::string link;
  std::string out;
};
int RunExport(const ExportOptions& options);

struct SendOptions {
  std::string dir;
  std::string link;
  std::string channel = "general";
  std::string precedence = "routine";
  std::string text;
  std::string request_id;  // empty: a random one
  int retry_for_s = 30;
  bool json = false;
};
int RunSend(const SendOptions& options);

struct DirJsonOptions {
  std::string dir;
  bool json = false;
};
int RunInbox(const DirJsonOptions& options);
int RunStatus(const DirJsonOptions& options);
int RunWatch(const DirJsonOptions& options);

struct AckOptions {
  std::string dir;
  std::string id;  // LINK:SEQ
  std::string note;
  std::string operator_name;
  bool json = false;
};
int RunAck(const AckOptions& options);

struct ShowOptions {
  std::string dir;
  std::string id;
  bool json = false;
};
int RunShow(const ShowOptions& options);

struct LogOptions {
  std::string dir;
  std::string link;
  bool json = false;
};
int RunLog(const LogOptions& options);

struct VerifyProofOptions {
  std::string file;
  std::string peer_key;
  bool json = false;
};
int RunVerifyProof(const VerifyProofOptions& options);

// `openline operator ...` (operator_commands.cc): accounts and the audit log, on
// the station folder directly; each change is audited with the actor "cli".
struct OperatorOptions {
  std::string dir;
  std::string login;
  std::string name;             // display name (add)
  std::string role;             // add
  bool password_stdin = false;  // read the password once from stdin, no prompt
  bool json = false;            // list, audit
};
int RunOperatorAdd(const OperatorOptions& options);
int RunOperatorList(const OperatorOptions& options);
int RunOperatorSetDisabled(const OperatorOptions& options, bool disabled);
int RunOperatorPasswd(const OperatorOptions& options);
int RunOperatorAudit(const OperatorOptions& options);

}  // namespace openline::cli

#endif  // OPENLINE_CLI_COMMANDS_H_
