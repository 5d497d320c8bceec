// The `openline operator` subcommands on a CLI11 app (operator_cli.h).
#include "cli/operator_cli.h"

namespace openline::cli {

OperatorCli::OperatorCli(CLI::App& app) {
  auto* group = app.add_subcommand(
      "operator", "Operator accounts and the audit log (works while the station runs)");
  group->require_subcommand(1);
  auto with_dir = [this](CLI::App* cmd) {
    cmd->add_option("--dir", options_.dir, "Station folder")->required();
    return cmd;
  };
  auto with_login = [this](CLI::App* cmd) {
    cmd->add_option("--login", options_.login, "The account's login name")->required();
    return cmd;
  };
  add_ = with_login(with_dir(group->add_subcommand("add", "Create an account")));
  add_->add_option("--name", options_.name, "Display name, e.g. \"Li Wei\"")->required();
  add_->add_option("--role", options_.role, "operator|supervisor|auditor|admin")
      ->required()
      ->check(CLI::IsMember({"operator", "supervisor", "auditor", "admin"}));
  add_->add_flag("--password-stdin", options_.password_stdin,
                 "Read the password once from stdin (no prompt)");
  list_ = with_dir(group->add_subcommand("list", "List accounts"));
  list_->add_flag("--json", options_.json, "Machine-readable output");
  disable_ = with_login(with_dir(group->add_subcommand(
      "disable", "Disable an account; its sessions end within a second")));
  enable_ =
      with_login(with_dir(group->add_subcommand("enable", "Enable an account again")));
  passwd_ = with_login(with_dir(
      group->add_subcommand("passwd", "Set a new password; the account's sessions end")));
  passwd_->add_flag("--password-stdin", options_.password_stdin,
                    "Read the password once from stdin (no prompt)");
  audit_ = with_dir(group->add_subcommand("audit", "Print the audit log"));
  audit_->add_flag("--json", options_.json, "One JSON array");
}

int OperatorCli::RunIfParsed() const {
  if (add_->parsed()) return RunOperatorAdd(options_);
  if (list_->parsed()) return RunOperatorList(options_);
  if (disable_->parsed()) return RunOperatorSetDisabled(options_, true);
  if (enable_->parsed()) return RunOperatorSetDisabled(options_, false);
  if (passwd_->parsed()) return RunOperatorPasswd(options_);
  if (audit_->parsed()) return RunOperatorAudit(options_);
  return -1;
}

}  // namespace openline::cli
