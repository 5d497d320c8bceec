// `openline operator add|list|disable|enable|passwd|audit`: operator accounts
// and the audit log, on the station folder directly (SQLite in WAL mode, so they
// work whether or not the station runs; a running station sees account changes
// within its account refresh interval). Whoever can open the folder is the
// station's administrator, so changes here are audited with the actor "cli" and
// the Unix uid in the detail.
#include <chrono>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>
#include <termios.h>
#include <unistd.h>

#include "access/operator_name.h"
#include "access/password_policy.h"
#include "access/role.h"
#include "cli/commands.h"
#include "cli/report_format.h"
#include "common/text.h"
#include "crypto/password.h"
#include "station/station_dir.h"
#include "store/sqlite_store.h"

namespace openline::cli {
namespace {

uint64_t WallUs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

int Fail(std::string_view cmd, std::string_view message, int code) {
  std::cerr << "openline operator " << cmd << ": " << message << "\n";
  return code;
}

Result<std::unique_ptr<store::StationStore>> OpenStore(const std::string& dir_path) {
  auto dir = station::StationDir::Open(dir_path);
  if (!dir) return tl::unexpected(dir.error());
  return store::OpenSqliteStore(dir->db_path().string());
}

store::AuditRecord CliAudit(std::string action, std::string target,
                            nlohmann::json detail = nlohmann::json::object()) {
  detail["uid"] = ::getuid();
  return store::AuditRecord{0,
                            WallUs(),
                            std::string(store::kCliActor),
                            std::move(action),
                            std::move(target),
                            detail.dump()};
}

// One line from stdin without its line ending. With a prompt on a terminal, the
// typing is not echoed (termios), so the password never shows on the screen.
Result<std::string> ReadSecretLine(const char* prompt) {
  const bool tty = ::isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (tty && prompt != nullptr) {
    std::cerr << prompt << std::flush;
    if (::tcgetattr(STDIN_FILENO, &saved) == 0) {
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty && prompt != nullptr) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << "\n";
  }
  if (!got) return MakeError(ErrorCode::kIo, "no password on stdin");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The new password: once from stdin with --password-stdin, else typed twice.
Result<crypto::SecretBytes> ReadNewPassword(const OperatorOptions& o) {
  auto first = ReadSecretLine(o.password_stdin ? nullptr : "New password: ");
  if (!first) return tl::unexpected(first.error());
  auto password = crypto::PasswordFromText(*first);
  crypto::Wipe(first->data(), first->size());
  if (!password) return password;
  if (!o.password_stdin) {
    auto again = ReadSecretLine("Again: ");
    if (!again) return tl::unexpected(again.error());
    const bool same =
        *again == std::string_view(reinterpret_cast<const char*>(password->data()),
                                   password->size());
    crypto::Wipe(again->data(), again->size());
    if (!same) return MakeError(ErrorCode::kInvalidArgument, "the passwords differ");
  }
  OPENLINE_TRY(access::CheckNewPassword(*password, o.login));
  return password;
}

nlohmann::json OperatorJson(const store::OperatorRecord& op) {
  return {{"login", op.login},
          {"name", op.display_name},
          {"role", op.role},
          {"disabled", op.disabled},
          {"created_us", op.created_us},
          {"updated_us", op.updated_us}};
}

}  // namespace

int RunOperatorAdd(const OperatorOptions& o) {
  if (auto ok = access::ValidateLoginName(o.login); !ok) {
    return Fail("add", "--login: " + ok.error().message, kExitUsage);
  }
  if (auto ok = access::ValidateDisplayName(o.name); !ok) {
    return Fail("add", "--name: " + ok.error().message, kExitUsage);
  }
  auto role = access::ParseRole(o.role);
  if (!role) return Fail("add", "--role: " + role.error().message, kExitUsage);
  auto store = OpenStore(o.dir);
  if (!store) return Fail("add", store.error().message, kExitUsage);
  if (auto existing = (*store)->FindOperator(o.login); existing && *existing) {
    return Fail("add", "login \"" + o.login + "\" is already used", kExitFailed);
  }
  auto password = ReadNewPassword(o);
  if (!password) return Fail("add", password.error().message, kExitUsage);
  auto hash = crypto::HashPassword(*password);
  if (!hash) return Fail("add", hash.error().message, kExitFailed);
  const uint64_t now = WallUs();
  store::OperatorRecord op{o.login, o.name, o.role, *hash, false, now, now};
  auto added = (*store)->AddOperator(
      op, CliAudit("operator_add", o.login, {{"role", o.role}, {"name", o.name}}));
  if (!added) return Fail("add", added.error().message, kExitFailed);
  std::cout << "added " << o.login << " (" << EscapeForTerminal(o.name) << "), " << o.role
            << "\n";
  return kExitOk;
}

int RunOperatorList(const OperatorOptions& o) {
  auto store = OpenStore(o.dir);
  if (!store) return Fail("list", store.error().message, kExitUsage);
  auto ops = (*store)->Operators();
  if (!ops) return Fail("list", ops.error().message, kExitFailed);
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& op : *ops) out.push_back(OperatorJson(op));
    std::cout << DumpJson(out) << "\n";
    return kExitOk;
  }
  if (ops->empty()) std::cout << "no operators (add one with `openline operator add`)\n";
  for (const auto& op : *ops) {
    std::cout << op.login << "  " << op.role << "  " << EscapeForTerminal(op.display_name)
              << (op.disabled ? "  (disabled)" : "") << "\n";
  }
  return kExitOk;
}

int RunOperatorSetDisabled(const OperatorOptions& o, bool disabled) {
  const char* cmd = disabled ? "disable" : "enable";
  auto store = OpenStore(o.dir);
  if (!store) return Fail(cmd, store.error().message, kExitUsage);
  auto ok = (*store)->SetOperatorDisabled(
      o.login, disabled, WallUs(),
      CliAudit(disabled ? "operator_disable" : "operator_enable", o.login));
  if (!ok) return Fail(cmd, ok.error().message, kExitFailed);
  std::cout << (disabled ? "disabled " : "enabled ") << o.login << "\n";
  return kExitOk;
}

int RunOperatorPasswd(const OperatorOptions& o) {
  auto store = OpenStore(o.dir);
  if (!store) return Fail("passwd", store.error().message, kExitUsage);
  auto existing = (*store)->FindOperator(o.login);
  if (!existing) return Fail("passwd", existing.error().message, kExitFailed);
  if (!*existing) {
    return Fail("passwd", "no operator with login \"" + o.login + "\"", kExitFailed);
  }
  auto password = ReadNewPassword(o);
  if (!password) return Fail("passwd", password.error().message, kExitUsage);
  auto hash = crypto::HashPassword(*password);
  if (!hash) return Fail("passwd", hash.error().message, kExitFailed);
  auto ok = (*store)->SetOperatorPassword(o.login, *hash, WallUs(),
                                          CliAudit("operator_passwd", o.login));
  if (!ok) return Fail("passwd", ok.error().message, kExitFailed);
  std::cout << "password changed for " << o.login << "; its sessions have ended\n";
  return kExitOk;
}

int RunOperatorAudit(const OperatorOptions& o) {
  auto store = OpenStore(o.dir);
  if (!store) return Fail("audit", store.error().message, kExitUsage);
  nlohmann::json out = nlohmann::json::array();
  uint64_t from = 1;
  for (;;) {  // in pages, so a long log is never one huge query result
    auto page = (*store)->AuditLog(from, 1000);
    if (!page) return Fail("audit", page.error().message, kExitFailed);
    for (const auto& r : *page) {
      if (o.json) {
        auto detail =
            nlohmann::json::parse(r.detail, nullptr, /*allow_exceptions=*/false);
        out.push_back(
            {{"id", r.id},
             {"time_us", r.time_us},
             {"actor", r.actor},
             {"action", r.action},
             {"target", r.target},
             {"detail", detail.is_discarded() ? nlohmann::json(r.detail) : detail}});
      } else {
        std::cout << r.id << "  " << FormatTime(r.time_us) << "  "
                  << EscapeForTerminal(r.actor) << "  " << r.action << "  "
                  << EscapeForTerminal(r.target) << "  " << EscapeForTerminal(r.detail)
                  << "\n";
      }
    }
    if (page->size() < 1000) break;
    from = page->back().id + 1;
  }
  if (o.json) std::cout << DumpJson(out) << "\n";
  return kExitOk;
}

}  // namespace openline::cli
