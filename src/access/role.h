// Who may do what at a station. Every operator account has exactly one Role; every
// operator action the API or CLI performs is an Action, and Allows(role, action)
// is the single table that decides. The roles separate duties: those who answer
// traffic (operator, supervisor) are not those who manage accounts (admin) or
// review the record (auditor), so no single account can both act and erase the
// trace of acting (the audit log itself is append-only in the store).
//
// Depends on: common/result.h. Thread-safety: pure.
#ifndef OPENLINE_ACCESS_ROLE_H_
#define OPENLINE_ACCESS_ROLE_H_

#include <array>
#include <string_view>

#include "common/result.h"

namespace openline::access {

enum class Role { kOperator, kSupervisor, kAuditor, kAdmin };

inline constexpr std::array<Role, 4> kAllRoles = {Role::kOperator, Role::kSupervisor,
                                                  Role::kAuditor, Role::kAdmin};

enum class Action {
  kView,             // inbox, timelines, status, presence
  kSend,             // send a message on a channel
  kAcknowledge,      // acknowledge a received message (signed, names the operator)
  kCall,             // request, accept, decline or counter-propose a call
  kManageRoster,     // duty roster, shift handover, escalation policy
  kManageOperators,  // add, disable, reset passwords, change roles
  kReadAudit,        // read the operator audit log
  kExport,           // export transcripts and proofs
};

inline constexpr std::array<Action, 8> kAllActions = {
    Action::kView,      Action::kSend,         Action::kAcknowledge,
    Action::kCall,      Action::kManageRoster, Action::kManageOperators,
    Action::kReadAudit, Action::kExport};

// Lowercase names as they appear in configuration, the CLI and the audit log:
// "operator", "supervisor", "auditor", "admin"; "view", "send", "acknowledge",
// "call", "manage_roster", "manage_operators", "read_audit", "export".
std::string_view ToString(Role role);
std::string_view ToString(Action action);
// Exact, case-sensitive match of the names above; kInvalidArgument otherwise.
Result<Role> ParseRole(std::string_view name);
Result<Action> ParseAction(std::string_view name);

bool Allows(Role role, Action action);

}  // namespace openline::access

#endif  // OPENLINE_ACCESS_ROLE_H_
