// Links, accepted messages and handshake timestamps; the transcript half of
// SqliteStore is in sqlite_store_commit.cc.
#include "store/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "identity/station_name.h"
#include "store/migrations.h"
#include "store/sqlite_store_impl.h"

namespace openline::store {
namespace {

uint64_t WallClockUs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

template <size_t N>
Result<ByteArray<N>> ToArray(const Bytes& b, std::string_view what) {
  ByteArray<N> out{};
  if (b.size() != N)
    return MakeError(ErrorCode::kMalformed,
                     "stored " + std::string(what) + " has the wrong length");
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

// Columns: id, channel, precedence, kind, body, accepted_us, chained_seq.
AcceptedMessage ReadMessage(const Statement& s, std::string link) {
  AcceptedMessage m;
  m.id = s.ColumnUint64(0);
  m.link = std::move(link);
  m.channel = s.ColumnText(1);
  m.precedence = static_cast<wire::Precedence>(s.ColumnInt64(2));
  m.kind = static_cast<wire::Kind>(s.ColumnInt64(3));
  m.body = s.ColumnBlob(4);
  m.accepted_us = s.ColumnUint64(5);
  if (!s.ColumnIsNull(6)) m.chained_seq = s.ColumnUint64(6);
  return m;
}

}  // namespace

Result<std::unique_ptr<StationStore>> OpenSqliteStore(const std::string& path) {
  auto db = Db::Open(path);
  if (!db) return tl::unexpected(std::move(db).error());
  auto version = Migrate(*db, KnownMigrations(), WallClockUs());
  if (!version) {
    return MakeError(version.error().code, path + ": " + version.error().message);
  }
  return std::make_unique<SqliteStore>(std::move(*db));
}

// ---- Links ----

Result<std::optional<SqliteStore::LinkRow>> SqliteStore::FindLink(std::string_view name) {
  auto s = db_.Prepare("SELECT id, removed_us IS NOT NULL FROM links WHERE name = ?");
  if (!s) return tl::unexpected(std::move(s).error());
  auto row = s->Bind(1, name).Step();
  if (!row) return tl::unexpected(std::move(row).error());
  if (!*row) return std::optional<LinkRow>();
  return LinkRow{s->ColumnInt64(0), s->ColumnInt64(1) != 0};
}

Result<int64_t> SqliteStore::LinkId(std::string_view name, bool or_removed) {
  auto row = FindLink(name);
  if (!row) return tl::unexpected(std::move(row).error());
  if (!*row || ((*row)->removed && !or_removed)) {
    return MakeError(ErrorCode::kNotFound, "no link named \"" + std::string(name) + "\"");
  }
  return (*row)->id;
}

Status SqliteStore::WritePaths(int64_t link_id, const std::vector<std::string>& paths) {
  auto clear = db_.Prepare("DELETE FROM link_paths WHERE link_id = ?");
  if (!clear) return tl::unexpected(std::move(clear).error());
  OPENLINE_TRY(clear->Bind(1, link_id).Run());
  for (size_t i = 0; i < paths.size(); ++i) {
    auto add =
        db_.Prepare("INSERT INTO link_paths (link_id, position, path) VALUES (?, ?, ?)");
    if (!add) return tl::unexpected(std::move(add).error());
    OPENLINE_TRY(add->Bind(1, link_id).Bind(2, uint64_t{i}).Bind(3, paths[i]).Run());
  }
  return Ok();
}

Result<std::vector<std::string>> SqliteStore::ReadPaths(int64_t link_id) {
  auto s = db_.Prepare("SELECT path FROM link_paths WHERE link_id = ? ORDER BY position");
  if (!s) return tl::unexpected(std::move(s).error());
  s->Bind(1, link_id);
  std::vector<std::string> paths;
  for (;;) {
    auto row = s->Step();
    if (!row) return tl::unexpected(std::move(row).error());
    if (!*row) return paths;
    paths.push_back(s->ColumnText(0));
  }
}

Status SqliteStore::AddLink(const LinkConfig& link) {
  if (auto valid = identity::ValidateStationName(link.name); !valid) {
    return MakeError(ErrorCode::kInvalidArgument, "link name: " + valid.error().message);
  }
  auto txn = db_.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  // Names and keys stay taken by removed links: their transcripts are kept, and
  // a name or a key must always mean one transcript. Re-adding exactly a removed
  // link (same name and keys) restores it, so its chains continue where they
  // stopped instead of restarting at seq 1 under the same link id.
  auto who = db_.Prepare(
      "SELECT id, name = ?1 AND peer_sign_key = ?2 AND peer_dh_key = ?3, name,"
      " removed_us IS NOT NULL FROM links"
      " WHERE name = ?1 OR peer_sign_key = ?2 OR peer_dh_key = ?3");
  if (!who) return tl::unexpected(std::move(who).error());
  who->Bind(1, link.name)
      .Bind(2, ByteView(link.peer.sign_key))
      .Bind(3, ByteView(link.peer.dh_key));
  std::optional<int64_t> revive;
  for (;;) {
    auto row = who->Step();
    if (!row) return tl::unexpected(std::move(row).error());
    if (!*row) break;
    const bool same = who->ColumnInt64(1) != 0;
    const bool removed = who->ColumnInt64(3) != 0;
    if (same && removed && !revive) {
      revive = who->ColumnInt64(0);
      continue;
    }
    const std::string other = who->ColumnText(2);
    const std::string state = removed ? " (removed; its transcript is kept)" : "";
    if (other == link.name) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "link name \"" + other + "\" is already used" + state);
    }
    return MakeError(ErrorCode::kInvalidArgument,
                     "peer key is already pinned for link \"" + other + "\"" + state);
  }
  int64_t id = 0;
  if (revive) {
    id = *revive;
    auto s = db_.Prepare("UPDATE links SET removed_us = NULL WHERE id = ?");
    if (!s) return tl::unexpected(std::move(s).error());
    OPENLINE_TRY(s->Bind(1, id).Run());
  } else {
    auto s = db_.Prepare(
        "INSERT INTO links (name, peer_sign_key, peer_dh_key, created_us)"
        " VALUES (?, ?, ?, ?) RETURNING id");
    if (!s) return tl::unexpected(std::move(s).error());
    auto row = s->Bind(1, link.name)
                   .Bind(2, ByteView(link.peer.sign_key))
                   .Bind(3, ByteView(link.peer.dh_key))
                   .Bind(4, link.created_us)
                   .Step();
    if (!row) return tl::unexpected(std::move(row).error());
    id = s->ColumnInt64(0);
  }
  OPENLINE_TRY(WritePaths(id, link.paths));
  return txn->Commit();
}

Status SqliteStore::UpdatePaths(std::string_view link,
                                const std::vector<std::string>& paths) {
  auto txn = db_.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  auto id = LinkId(link, /*or_removed=*/false);
  if (!id) return tl::unexpected(std::move(id).error());
  OPENLINE_TRY(WritePaths(*id, paths));
  return txn->Commit();
}

Status SqliteStore::RemoveLink(std::string_view link) {
  auto txn = db_.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  auto id = LinkId(link, /*or_removed=*/false);
  if (!id) return tl::unexpected(std::move(id).error());
  auto s = db_.Prepare("UPDATE links SET removed_us = ? WHERE id = ?");
  if (!s) return tl::unexpected(std::move(s).error());
  OPENLINE_TRY(s->Bind(1, WallClockUs()).Bind(2, *id).Run());
  OPENLINE_TRY(WritePaths(*id, {}));
  return txn->Commit();
}

Result<std::vector<LinkConfig>> SqliteStore::Links() {
  auto s = db_.Prepare(
      "SELECT id, name, peer_sign_key, peer_dh_key, created_us FROM links"
      " WHERE removed_us IS NULL ORDER BY name");
  if (!s) return tl::unexpected(std::move(s).error());
  std::vector<LinkConfig> links;
  for (;;) {
    auto row = s->Step();
    if (!row) return tl::unexpected(std::move(row).error());
    if (!*row) return links;
    LinkConfig c;
    c.name = s->ColumnText(1);
    auto sign = ToArray<crypto::kEd25519PublicLen>(s->ColumnBlob(2), "peer signing key");
    if (!sign) return tl::unexpected(std::move(sign).error());
    auto dh = ToArray<crypto::kX25519Len>(s->ColumnBlob(3), "peer DH key");
    if (!dh) return tl::unexpected(std::move(dh).error());
    c.peer = {*sign, *dh};
    c.created_us = s->ColumnUint64(4);
    auto paths = ReadPaths(s->ColumnInt64(0));
    if (!paths) return tl::unexpected(std::move(paths).error());
    c.paths = std::move(*paths);
    links.push_back(std::move(c));
  }
}

// ---- Accepted messages ----

Status SqliteStore::CheckMessage(const AcceptedMessage& m) {
  if (auto valid = wire::ValidateChannel(m.channel); !valid) {
    return MakeError(ErrorCode::kInvalidArgument, valid.error().message);
  }
  if (m.body.size() > wire::kMaxBodyLen) {
    return MakeError(ErrorCode::kTooLarge, "body of " + std::to_string(m.body.size()) +
                                               " bytes exceeds " +
                                               std::to_string(wire::kMaxBodyLen));
  }
  if (!m.request_id.empty()) OPENLINE_TRY(ValidateRequestId(m.request_id));
  return Ok();
}

Result<std::optional<AcceptOutcome>> SqliteStore::FindRequest(const AcceptedMessage& m,
                                                              int64_t link_id) {
  auto s = db_.Prepare(
      "SELECT id, link_id, channel, precedence, kind, body, accepted_us FROM messages"
      " WHERE request_id = ?");
  if (!s) return tl::unexpected(std::move(s).error());
  auto row = s->Bind(1, std::string_view(m.request_id)).Step();
  if (!row) return tl::unexpected(std::move(row).error());
  if (!*row) return std::optional<AcceptOutcome>();
  const Bytes body = s->ColumnBlob(5);
  const bool same = s->ColumnInt64(1) == link_id && s->ColumnText(2) == m.channel &&
                    s->ColumnInt64(3) == static_cast<int>(m.precedence) &&
                    s->ColumnInt64(4) == static_cast<int>(m.kind) && body == m.body;
  if (!same) {
    return MakeError(ErrorCode::kState, "request id '" + m.request_id +
                                            "' already names a different message");
  }
  return std::optional<AcceptOutcome>(
      AcceptOutcome{s->ColumnUint64(0), s->ColumnUint64(6), /*replayed=*/true});
}

Result<uint64_t> SqliteStore::Accept(const AcceptedMessage& m) {
  auto outcomes = AcceptBatch({&m, 1});
  if (!outcomes) return tl::unexpected(std::move(outcomes).error());
  return outcomes->front().id;
}

Result<std::vector<AcceptOutcome>> SqliteStore::AcceptBatch(
    std::span<const AcceptedMessage> messages) {
  std::vector<AcceptOutcome> ids;
  if (messages.empty()) return ids;
  for (const AcceptedMessage& m : messages) OPENLINE_TRY(CheckMessage(m));
  auto txn = db_.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  std::map<std::string_view, int64_t> links;  // a burst is mostly for one link
  for (const AcceptedMessage& m : messages) {
    auto it = links.find(m.link);
    if (it == links.end()) {
      auto link = LinkId(m.link, /*or_removed=*/false);
      if (!link) return tl::unexpected(std::move(link).error());
      it = links.emplace(m.link, *link).first;
    }
    if (!m.request_id.empty()) {
      // Inside the transaction, so a repeat earlier in this batch is seen too.
      auto earlier = FindRequest(m, it->second);
      if (!earlier) return tl::unexpected(std::move(earlier).error());
      if (*earlier) {
        ids.push_back(**earlier);
        continue;
      }
    }
    auto s = db_.Prepare(
        "INSERT INTO messages"
        " (link_id, channel, precedence, kind, body, accepted_us, request_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!s) return tl::unexpected(std::move(s).error());
    s->Bind(1, it->second)
        .Bind(2, m.channel)
        .Bind(3, static_cast<int>(m.precedence))
        .Bind(4, static_cast<int>(m.kind))
        .Bind(5, ByteView(m.body))
        .Bind(6, m.accepted_us);
    if (m.request_id.empty()) {
      s->BindNull(7);
    } else {
      s->Bind(7, std::string_view(m.request_id));
    }
    auto row = s->Step();
    if (!row) return tl::unexpected(std::move(row).error());
    ids.push_back({s->ColumnUint64(0), m.accepted_us, /*replayed=*/false});

    OPENLINE_TRY(s->Run());  // finish the statement before the next use or COMMIT
  }
  OPENLINE_TRY(txn->Commit());
  return ids;
}

Result<std::vector<AcceptedMessage>> SqliteStore::Unchained(std::string_view link) {
  auto id = LinkId(link, /*or_removed=*/true);
  if (!id) return tl::unexpected(std::move(id).error());
  auto s = db_.Prepare(
      "SELECT id, channel, precedence, kind, body, accepted_us, chained_seq"
      " FROM messages WHERE link_id = ? AND chained_seq IS NULL ORDER BY id");
  if (!s) return tl::unexpected(std::move(s).error());
  s->Bind(1, *id);
  std::vector<AcceptedMessage> out;
  for (;;) {
    auto row = s->Step();
    if (!row) return tl::unexpected(std::move(row).error());
    if (!*row) return out;
    out.push_back(ReadMessage(*s, std::string(link)));
  }
}

Result<std::optional<AcceptedMessage>> SqliteStore::ReadMessageWhere(
    std::string_view where, const std::function<void(Statement&)>& bind) {
  auto s = db_.Prepare(
      "SELECT m.id, m.channel, m.precedence, m.kind, m.body, m.accepted_us,"
      " m.chained_seq, l.name, m.request_id FROM messages m"
      " JOIN links l ON l.id = m.link_id WHERE " +
      std::string(where));
  if (!s) return tl::unexpected(std::move(s).error());
  bind(*s);
  auto row = s->Step();
  if (!row) return tl::unexpected(std::move(row).error());
  if (!*row) return std::optional<AcceptedMessage>();
  AcceptedMessage m = ReadMessage(*s, s->ColumnText(7));
  if (!s->ColumnIsNull(8)) m.request_id = s->ColumnText(8);
  return m;
}

Result<std::optional<AcceptedMessage>> SqliteStore::Message(uint64_t id) {
  return ReadMessageWhere("m.id = ?", [id](Statement& s) { s.Bind(1, id); });
}

Result<std::optional<AcceptedMessage>> SqliteStore::MessageByRequest(
    std::string_view request_id) {
  return ReadMessageWhere("m.request_id = ?",
                          [request_id](Statement& s) { s.Bind(1, request_id); });
}

// ---- Handshake timestamps ----

Status SqliteStore::SaveHandshakeTimestamp(const crypto::X25519Public& peer,
                                           ByteView tai64n) {
  if (tai64n.size() != kTai64nLen) {
    return MakeError(ErrorCode::kInvalidArgument, "a TAI64N timestamp is 12 bytes, not " +
                                                      std::to_string(tai64n.size()));
  }
  auto s = db_.Prepare(
      "INSERT INTO handshake_timestamps (peer_dh_key, tai64n) VALUES (?, ?)"
      " ON CONFLICT (peer_dh_key) DO UPDATE SET tai64n = excluded.tai64n");
  if (!s) return tl::unexpected(std::move(s).error());
  return s->Bind(1, ByteView(peer)).Bind(2, tai64n).Run();  // one statement: atomic
}

Result<std::optional<Bytes>> SqliteStore::HandshakeTimestamp(
    const crypto::X25519Public& peer) {
  auto s = db_.Prepare("SELECT tai64n FROM handshake_timestamps WHERE peer_dh_key = ?");
  if (!s) return tl::unexpected(std::move(s).error());
  auto row = s->Bind(1, ByteView(peer)).Step();
  if (!row) return tl::unexpected(std::move(row).error());
  if (!*row) return std::optional<Bytes>();
  return std::optional<Bytes>(s->ColumnBlob(0));
}

}  // namespace openline::store
