#include "access/role.h"

#include <string>

#include "common/text.h"

namespace openline::access {
namespace {

// The permission table: docs/operators.md prints the same matrix.
// Columns: view send acknowledge call manage_roster manage_operators read_audit export
constexpr bool kTable[4][8] = {
    /* operator   */ {true, true, true, true, false, false, false, false},
    /* supervisor */ {true, true, true, true, true, false, true, true},
    /* auditor    */ {true, false, false, false, false, false, true, true},
    /* admin      */ {true, false, false, false, false, true, true, false},
};

}  // namespace

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kOperator:
      return "operator";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAuditor:
      return "auditor";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

std::string_view ToString(Action action) {
  switch (action) {
    case Action::kView:
      return "view";
    case Action::kSend:
      return "send";
    case Action::kAcknowledge:
      return "acknowledge";
    case Action::kCall:
      return "call";
    case Action::kManageRoster:
      return "manage_roster";
    case Action::kManageOperators:
      return "manage_operators";
    case Action::kReadAudit:
      return "read_audit";
    case Action::kExport:
      return "export";
  }
  return "unknown";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (ToString(r) == name) return r;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown role \"" + EscapeForTerminal(name.substr(0, 64)) +
                       "\" (operator, supervisor, auditor, admin)");
}

Result<Action> ParseAction(std::string_view name) {
  for (Action a : kAllActions) {
    if (ToString(a) == name) return a;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown action \"" + EscapeForTerminal(name.substr(0, 64)) + "\"");
}

bool Allows(Role role, Action action) {
  const auto r = static_cast<size_t>(role);
  const auto a = static_cast<size_t>(action);
  if (r >= 4 || a >= 8) return false;  // a value cast from outside the enum: deny
  return kTable[r][a];
}

}  // namespace openline::access
