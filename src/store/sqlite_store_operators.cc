// Operator accounts and the audit log of SqliteStore (migration 0003). Each
// account change and its audit record are one transaction, so the log cannot
// miss a change that happened nor show one that did not.
#include <limits>

#include "store/sqlite_store_impl.h"

namespace openline::store {
namespace {

Status CheckOperator(const OperatorRecord& op) {
  if (op.login.empty() || op.display_name.empty() || op.password_hash.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "an operator needs a login, a display name and a password hash");
  }
  if (!IsStoredRoleName(op.role)) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown role \"" + op.role + "\"");
  }
  return Ok();
}

Status CheckAudit(const AuditRecord& r) {
  if (r.actor.empty() || r.action.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "an audit record needs an actor and an action");
  }
  return Ok();
}

// Columns: login, display_name, role, password_hash, disabled, created_us, updated_us.
constexpr std::string_view kOperatorColumns =
    "login, display_name, role, password_hash, disabled, created_us, updated_us";

OperatorRecord ReadOperator(const Statement& s) {
  OperatorRecord op;
  op.login = s.ColumnText(0);
  op.display_name = s.ColumnText(1);
  op.role = s.ColumnText(2);
  op.password_hash = s.ColumnText(3);
  op.disabled = s.ColumnInt64(4) != 0;
  op.created_us = s.ColumnUint64(5);
  op.updated_us = s.ColumnUint64(6);
  return op;
}

}  // namespace

Result<uint64_t> SqliteStore::InsertAudit(const AuditRecord& r) {
  OPENLINE_TRY(CheckAudit(r));
  auto s = db_.Prepare(
      "INSERT INTO audit_log (time_us, actor, action, target, detail)"
      " VALUES (?, ?, ?, ?, ?) RETURNING id");
  if (!s) return tl::unexpected(std::move(s).error());
  auto row = s->Bind(1, r.time_us)
                 .Bind(2, r.actor)
                 .Bind(3, r.action)
                 .Bind(4, r.target)
                 .Bind(5, r.detail.empty() ? std::string_view("{}") : r.detail)
                 .Step();
  if (!row) return tl::unexpected(std::move(row).error());
  return s->ColumnUint64(0);
}

Status SqliteStore::AddOperator(const OperatorRecord& op, const AuditRecord& audit) {
  OPENLINE_TRY(CheckOperator(op));
  auto txn = db_.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  auto existing = FindOperator(op.login);
  if (!existing) return tl::unexpected(std::move(existing).error());
  if (*existing) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "login \"" + op.login + "\" is already used" +
                         ((*existing)->disabled ? " (by a disabled account)" : ""));
  }
  auto s = db_.Prepare("INSERT INTO operators (" + std::string(kOperatorColumns) +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!s) return tl::unexpected(std::move(s).error());
  OPENLINE_TRY(s->Bind(1, op.login)
                   .Bind(2, op.display_name)
                   .Bind(3, op.role)
                   .Bind(4, op.password_hash)
                   .Bind(5, int64_t{op.disabled ? 1 : 0})
                   .Bind(6, op.created_us)
                   .Bind(7, op.updated_us)
                   .Run());
  auto id = InsertAudit(audit);
  if (!id) return tl::unexpected(std::move(id).error());
  return txn->Commit();
}

Result<std::vector<OperatorRecord>> SqliteStore::Operators() {
  auto s = db_.Prepare("SELECT " + std::string(kOperatorColumns) +
                       " FROM operators ORDER BY login");
  if (!s) return tl::unexpected(std::move(s).error());
  std::vector<OperatorRecord> out;
  for (;;) {
    auto row = s->Step();
    if (!row) return tl::unexpected(std::move(row).error());
    if (!*row) return out;
    out.push_back(ReadOperator(*s));
  }
}

Result<std::optional<OperatorRecord>> SqliteStore::FindOperator(std::string_view login) {
  auto s = db_.Prepare("SELECT " + std::string(kOperatorColumns) +
                       " FROM operators WHERE login = ?");
  if (!s) return tl::unexpected(std::move(s).error());
  auto row = s->Bind(1, login).Step();
  if (!row) return tl::unexpected(std::move(row).error());
  if (!*row) return std::optional<OperatorRecord>();
  return std::optional<OperatorRecord>(ReadOperator(*s));
}

Status SqliteStore::UpdateOperator(std::string_view login, std::string_view column,
                                   std::string_view value, uint64_t now_us,
                                   const AuditRecord& audit) {
  auto txn = db_.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  // `column` is one of this file's literals, never caller input.
  auto s = db_.Prepare("UPDATE operators SET " + std::string(column) +
                       " = ?, updated_us = ? WHERE login = ? RETURNING id");
  if (!s) return tl::unexpected(std::move(s).error());
  auto row = s->Bind(1, value).Bind(2, now_us).Bind(3, login).Step();
  if (!row) return tl::unexpected(std::move(row).error());
  if (!*row) {
    return MakeError(ErrorCode::kNotFound,
                     "no operator with login \"" + std::string(login) + "\"");
  }
  while (true) {  // finish the statement before the next one runs
    auto more = s->Step();
    if (!more) return tl::unexpected(std::move(more).error());
    if (!*more) break;
  }
  auto id = InsertAudit(audit);
  if (!id) return tl::unexpected(std::move(id).error());
  return txn->Commit();
}

Status SqliteStore::SetOperatorDisabled(std::string_view login, bool disabled,
                                        uint64_t now_us, const AuditRecord& audit) {
  return UpdateOperator(login, "disabled", disabled ? "1" : "0", now_us, audit);
}

Status SqliteStore::SetOperatorPassword(std::string_view login, std::string_view hash,
                                        uint64_t now_us, const AuditRecord& audit) {
  if (hash.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "empty password hash");
  }
  return UpdateOperator(login, "password_hash", hash, now_us, audit);
}

Status SqliteStore::SetOperatorRole(std::string_view login, std::string_view role,
                                    uint64_t now_us, const AuditRecord& audit) {
  if (!IsStoredRoleName(role)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown role \"" + std::string(role) + "\"");
  }
  return UpdateOperator(login, "role", role, now_us, audit);
}

Result<uint64_t> SqliteStore::AppendAudit(const AuditRecord& record) {
  auto txn = db_.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  auto id = InsertAudit(record);
  if (!id) return tl::unexpected(std::move(id).error());
  OPENLINE_TRY(txn->Commit());
  return *id;
}

Result<std::vector<AuditRecord>> SqliteStore::AuditLog(uint64_t from_id, size_t limit) {
  auto s = db_.Prepare(
      "SELECT id, time_us, actor, action, target, detail FROM audit_log"
      " WHERE id >= ? ORDER BY id LIMIT ?");
  if (!s) return tl::unexpected(std::move(s).error());
  const auto capped = static_cast<int64_t>(
      std::min<uint64_t>(limit, std::numeric_limits<int64_t>::max()));
  s->Bind(1, static_cast<int64_t>(
                 std::min<uint64_t>(from_id, std::numeric_limits<int64_t>::max())))
      .Bind(2, capped);
  std::vector<AuditRecord> out;
  for (;;) {
    auto row = s->Step();
    if (!row) return tl::unexpected(std::move(row).error());
    if (!*row) return out;
    AuditRecord r;
    r.id = s->ColumnUint64(0);
    r.time_us = s->ColumnUint64(1);
    r.actor = s->ColumnText(2);
    r.action = s->ColumnText(3);
    r.target = s->ColumnText(4);
    r.detail = s->ColumnText(5);
    out.push_back(std::move(r));
  }
}

}  // namespace openline::store
