// The SqliteStore class behind OpenSqliteStore, shared by sqlite_store.cc (links,
// messages, handshake timestamps), sqlite_store_commit.cc (the transcript) and
// sqlite_store_operators.cc (operator accounts, the audit log).
// Internal to src/store: callers use sqlite_store.h.
//
// Depends on: store/db.h, store/station_store.h. Thread-safety: one thread.
#ifndef OPENLINE_STORE_SQLITE_STORE_IMPL_H_
#define OPENLINE_STORE_SQLITE_STORE_IMPL_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/station_store.h"

namespace openline::store {

// TAI64N: 8 bytes of TAI seconds and 4 of nanoseconds (session/tai64n.h).
inline constexpr size_t kTai64nLen = 12;

class SqliteStore final : public StationStore {
 public:
  explicit SqliteStore(Db db) : db_(std::move(db)) {}

  Status AddLink(const LinkConfig& link) override;
  Status UpdatePaths(std::string_view link,
                     const std::vector<std::string>& paths) override;
  Status RemoveLink(std::string_view link) override;
  Result<std::vector<LinkConfig>> Links() override;

  Result<uint64_t> Accept(const AcceptedMessage& m) override;
  Result<std::vector<AcceptOutcome>> AcceptBatch(
      std::span<const AcceptedMessage> messages) override;
  Result<std::vector<AcceptedMessage>> Unchained(std::string_view link) override;
  Result<std::optional<AcceptedMessage>> Message(uint64_t id) override;
  Result<std::optional<AcceptedMessage>> MessageByRequest(
      std::string_view request_id) override;

  Status Commit(std::span<const LinkWrite> writes, uint64_t now_us) override;
  Result<std::vector<StoredEntry>> Entries(std::string_view link, int side,
                                           uint64_t from_seq, size_t limit) override;
  Result<uint64_t> ChainSize(std::string_view link, int side) override;

  Status SaveHandshakeTimestamp(const crypto::X25519Public& peer,
                                ByteView tai64n) override;
  Result<std::optional<Bytes>> HandshakeTimestamp(
      const crypto::X25519Public& peer) override;

  Status AddOperator(const OperatorRecord& op, const AuditRecord& audit) override;
  Result<std::vector<OperatorRecord>> Operators() override;
  Result<std::optional<OperatorRecord>> FindOperator(std::string_view login) override;
  Status SetOperatorDisabled(std::string_view login, bool disabled, uint64_t now_us,
                             const AuditRecord& audit) override;
  Status SetOperatorPassword(std::string_view login, std::string_view hash,
                             uint64_t now_us, const AuditRecord& audit) override;
  Status SetOperatorRole(std::string_view login, std::string_view role, uint64_t now_us,
                         const AuditRecord& audit) override;
  Result<uint64_t> AppendAudit(const AuditRecord& record) override;
  Result<std::vector<AuditRecord>> AuditLog(uint64_t from_id, size_t limit) override;

 private:
  struct LinkRow {
    int64_t id = 0;
    bool removed = false;
  };
  struct Tip {  // the newest stored entry of one side's chain
    uint64_t size = 0;
    wire::Hash hash{};
  };

  Result<std::optional<LinkRow>> FindLink(std::string_view name);
  // The link's row id; kNotFound if unknown (or removed, unless `or_removed`).
  Result<int64_t> LinkId(std::string_view name, bool or_removed);
  Status CheckMessage(const AcceptedMessage& m);
  // The message a request id already names, if any, checked against `m`.
  Result<std::optional<AcceptOutcome>> FindRequest(const AcceptedMessage& m,
                                                   int64_t link_id);
  Result<std::optional<AcceptedMessage>> ReadMessageWhere(
      std::string_view where, const std::function<void(Statement&)>& bind);

  Status WritePaths(int64_t link_id, const std::vector<std::string>& paths);
  Result<std::vector<std::string>> ReadPaths(int64_t link_id);
  Result<Tip> ReadTip(int64_t link_id, int side);
  Status WriteEntry(int64_t link_id, const EntryWrite& e, uint64_t now_us);
  Status MarkChained(int64_t link_id, const EntryWrite& e);
  // sqlite_store_operators.cc: one column of an account, changed with its audit.
  Status UpdateOperator(std::string_view login, std::string_view column,
                        std::string_view value, uint64_t now_us,
                        const AuditRecord& audit);
  Result<uint64_t> InsertAudit(const AuditRecord& record);

  Db db_;
};

}  // namespace openline::store

#endif  // OPENLINE_STORE_SQLITE_STORE_IMPL_H_
