// The operator accounts and audit records a StationStore keeps (migration
// 0003_operators.sql). Plain values: the store checks only what its schema needs
// (a known role name, non-empty fields); login and display name rules and
// password hashing belong to access/ and crypto/, which callers apply first.
//
// Depends on: nothing. Thread-safety: values.
#ifndef OPENLINE_STORE_OPERATOR_RECORDS_H_
#define OPENLINE_STORE_OPERATOR_RECORDS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace openline::store {

struct OperatorRecord {
  std::string login;          // access::ValidateLoginName
  std::string display_name;   // access::ValidateDisplayName
  std::string role;           // "operator", "supervisor", "auditor" or "admin"
  std::string password_hash;  // Argon2id PHC string (crypto/password.h)
  bool disabled = false;
  uint64_t created_us = 0;
  uint64_t updated_us = 0;
};

// One line of the append-only audit log. Every change to an account is stored in
// the same transaction as its record, so there is no change without its trace.
struct AuditRecord {
  uint64_t id = 0;  // assigned by the store, increasing, never reused
  uint64_t time_us = 0;
  std::string actor;          // a login name, or kCliActor
  std::string action;         // e.g. "operator_add", "login", "login_failed"
  std::string target;         // the account or object acted on; may be empty
  std::string detail = "{}";  // a JSON object
};

// The actor for changes made through `openline` on the station folder itself.
inline constexpr std::string_view kCliActor = "cli";

// Role names as the schema's CHECK constraint lists them (access::Role's names).
bool IsStoredRoleName(std::string_view role);

}  // namespace openline::store

#endif  // OPENLINE_STORE_OPERATOR_RECORDS_H_
