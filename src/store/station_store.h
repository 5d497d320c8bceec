// What a station keeps on stable storage, behind a narrow interface so the
// embedded SQLite store and a later PostgreSQL one are interchangeable, and so
// tests can use a fresh store in a temporary folder.
//
// Durability contract (SPEC guarantee 1): when a mutating call returns OK, its
// effect is on stable storage (SQLite: WAL with synchronous=FULL, so the commit
// is fsync'd) and survives power loss or SIGKILL; when it returns an error,
// nothing of it was applied (each call is one transaction). The station says
// "accepted" only after Accept returns OK, and sends a signed entry or a
// *received* receipt only after the Commit that holds it returns OK.
//
// Errors: kNotFound for an unknown link (or a removed one, for writes),
// kInvalidArgument for a bad argument or a name/key already taken, kState for a
// Commit that does not fit the stored chains, kTooLarge for an oversized body,
// kMalformed for a damaged database, kUnsupported for a database written by a
// newer schema, kIo for everything the operating system or SQLite refuses.
//
// Depends on: wire/, identity/ (types only). Thread-safety: a store is used from
// one thread (the station's store worker); implementations need not lock.
#ifndef OPENLINE_STORE_STATION_STORE_H_
#define OPENLINE_STORE_STATION_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "identity/public_identity.h"
#include "store/operator_records.h"
#include "wire/envelope.h"

namespace openline::store {

struct LinkConfig {
  std::string name;                // the local label for the peer station ([a-z0-9._-])
  identity::PublicIdentity peer;   // pinned out of band
  std::vector<std::string> paths;  // in preference order, e.g. "tcp://192.0.2.1:7000"
  uint64_t created_us = 0;
};

// A message accepted from an operator, waiting to be (or already) signed.
struct AcceptedMessage {
  uint64_t id = 0;  // assigned by Accept: unique, increasing across the station
  std::string link;
  std::string channel;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  wire::Kind kind = wire::Kind::kText;
  Bytes body;
  uint64_t accepted_us = 0;
  // Set once the message is signed into the transcript: our side's entry seq.
  std::optional<uint64_t> chained_seq;
  // The client's name for the request that made it (empty: none). Accepting a
  // message with a request id that already names one returns that one instead,
  // so a client that retries after a lost reply never sends twice.
  std::string request_id;
};

// Request ids are 1..kMaxRequestIdLen characters of [A-Za-z0-9._:-] (a UUID fits).
inline constexpr size_t kMaxRequestIdLen = 64;
Status ValidateRequestId(std::string_view id);

struct AcceptOutcome {
  uint64_t id = 0;
  uint64_t accepted_us = 0;  // the original's, for a replay
  // The request id named a message accepted before; `id` is that message's and
  // nothing new was stored.
  bool replayed = false;
};

// One transcript entry to store. `side` is 0 or 1 (transcript::LinkParties order).
struct EntryWrite {
  int side = 0;
  wire::SignedEnvelope envelope;
  // For our own entries that sign an accepted message: that message's id. The same
  // transaction marks it chained, so it is never signed twice.
  std::optional<uint64_t> chains_message;
};

struct LinkWrite {
  std::string link;
  std::vector<EntryWrite> entries;  // in the order they were admitted (causal)
};

struct StoredEntry {
  int side = 0;
  uint64_t seq = 0;
  Bytes envelope;
  uint64_t stored_us = 0;
};

class StationStore {
 public:
  virtual ~StationStore() = default;

  // ---- Links ----
  // Fails with kInvalidArgument if the name is not a valid station name, or if
  // the name or either peer key is already used by another link, removed links
  // included (a name or a key always means one transcript). Adding exactly a
  // removed link again (same name and keys) restores it with the new paths, and
  // its chains continue where they stopped.
  virtual Status AddLink(const LinkConfig& link) = 0;
  // Replaces the paths of an active link. kNotFound if there is none.
  virtual Status UpdatePaths(std::string_view link,
                             const std::vector<std::string>& paths) = 0;
  // Forgets the link's configuration so nothing dials it again; its transcript and
  // messages are kept (history is never deleted) and stay readable by name.
  // kNotFound if there is no such active link.
  virtual Status RemoveLink(std::string_view link) = 0;
  // The active links, by name.
  virtual Result<std::vector<LinkConfig>> Links() = 0;

  // ---- Accepted messages ----
  // Durably records a message and returns its id; `m.id` and `m.chained_seq` are
  // ignored. kNotFound unless `m.link` is active; kInvalidArgument for a bad
  // channel name or request id; kTooLarge for a body over wire::kMaxBodyLen.
  // A request id already stored returns its message's id if `m` is the same
  // message (link, channel, precedence, kind, body), and kState if it is not.
  virtual Result<uint64_t> Accept(const AcceptedMessage& m) = 0;
  // Accept for several messages in one transaction (one fsync, all or nothing):
  // group commit for sends under load. Outcomes are in the order given; a
  // request id repeated inside the batch names the first of them.
  virtual Result<std::vector<AcceptOutcome>> AcceptBatch(
      std::span<const AcceptedMessage> messages) = 0;

  // Messages of `link` not yet signed, in id order (a removed link's too).
  // kNotFound if the link was never added.
  virtual Result<std::vector<AcceptedMessage>> Unchained(std::string_view link) = 0;
  virtual Result<std::optional<AcceptedMessage>> Message(uint64_t id) = 0;
  // The message a request id names, if any.
  virtual Result<std::optional<AcceptedMessage>> MessageByRequest(
      std::string_view request_id) = 0;

  // ---- Transcript ----
  // Group commit: every write of every link in one transaction (one fsync).
  // Entries must extend their chains exactly (the envelope's seq = stored size +
  // 1 and its prev = the hash of the entry before); an entry naming
  // `chains_message` must carry that message (kind, precedence, channel, body)
  // of the same link, not yet chained. Anything else fails the whole commit with
  // kState (kNotFound for a link that is not active, kInvalidArgument for a side
  // other than 0 or 1) and changes nothing. Signatures and the rules between the
  // two chains are the transcript's to check before. `now_us` dates the entries.
  virtual Status Commit(std::span<const LinkWrite> writes, uint64_t now_us) = 0;
  // A side's chain in sequence order, from `from_seq` (1-based; 0 reads as 1), at
  // most `limit`. Works for removed links; kNotFound if the link was never added.
  virtual Result<std::vector<StoredEntry>> Entries(std::string_view link, int side,
                                                   uint64_t from_seq, size_t limit) = 0;
  virtual Result<uint64_t> ChainSize(std::string_view link, int side) = 0;

  // ---- Handshake replay protection (session::ReplayGuard survives restarts) ----
  // Replaces the peer's stored timestamp (12 bytes of TAI64N; kInvalidArgument
  // otherwise); deciding whether it is newer is the caller's.
  virtual Status SaveHandshakeTimestamp(const crypto::X25519Public& peer,
                                        ByteView tai64n) = 0;
  virtual Result<std::optional<Bytes>> HandshakeTimestamp(
      const crypto::X25519Public& peer) = 0;

  // ---- Operator accounts and the audit log (store/operator_records.h) ----
  // Each change to an account appends `audit` in the same transaction: both or
  // neither. kInvalidArgument for a login already taken (disabled accounts too:
  // a login always names one person), an unknown role or an empty field;
  // kNotFound for an unknown login.
  virtual Status AddOperator(const OperatorRecord& op, const AuditRecord& audit) = 0;
  // Every account, by login.
  virtual Result<std::vector<OperatorRecord>> Operators() = 0;
  virtual Result<std::optional<OperatorRecord>> FindOperator(std::string_view login) = 0;
  virtual Status SetOperatorDisabled(std::string_view login, bool disabled,
                                     uint64_t now_us, const AuditRecord& audit) = 0;
  virtual Status SetOperatorPassword(std::string_view login, std::string_view hash,
                                     uint64_t now_us, const AuditRecord& audit) = 0;
  virtual Status SetOperatorRole(std::string_view login, std::string_view role,
                                 uint64_t now_us, const AuditRecord& audit) = 0;
  // Appends one record (`id` is ignored) and returns its id.
  virtual Result<uint64_t> AppendAudit(const AuditRecord& record) = 0;
  // Records with id >= `from_id` in id order, at most `limit`. Nothing updates or
  // deletes them (the schema refuses it).
  virtual Result<std::vector<AuditRecord>> AuditLog(uint64_t from_id, size_t limit) = 0;
};

}  // namespace openline::store

#endif  // OPENLINE_STORE_STATION_STORE_H_
