// The transcript half of SqliteStore: group commit of entries and the reads of
// the chains.
//
// Commit checks chain *structure* only: each entry is the next of its side
// (seq = size + 1, prev = hash of the entry before), and an entry that signs an
// accepted message carries that message (same kind, precedence, channel and
// body) and is the first to sign it. Signatures and the rules binding the two
// chains are the transcript module's, checked before anything reaches Commit.
#include <limits>
#include <map>
#include <utility>

#include "store/sqlite_store_impl.h"

namespace openline::store {
namespace {

std::string Where(std::string_view link, int side, uint64_t seq) {
  return "link \"" + std::string(link) + "\" side " + std::to_string(side) + " entry " +
         std::to_string(seq);
}

Status CheckSide(int side) {
  if (side == 0 || side == 1) return Ok();
  return MakeError(ErrorCode::kInvalidArgument,
                   "side must be 0 or 1, not " + std::to_string(side));
}

}  // namespace

Result<SqliteStore::Tip> SqliteStore::ReadTip(int64_t link_id, int side) {
  auto s = db_.Prepare(
      "SELECT seq, hash FROM entries WHERE link_id = ? AND side = ?"
      " ORDER BY seq DESC LIMIT 1");
  if (!s) return tl::unexpected(std::move(s).error());
  auto row = s->Bind(1, link_id).Bind(2, side).Step();
  if (!row) return tl::unexpected(std::move(row).error());
  Tip tip;
  if (!*row) return tip;
  tip.size = s->ColumnUint64(0);
  const Bytes hash = s->ColumnBlob(1);
  if (hash.size() != tip.hash.size()) {
    return MakeError(ErrorCode::kMalformed, "stored entry hash has the wrong length");
  }
  std::copy(hash.begin(), hash.end(), tip.hash.begin());
  return tip;
}

Status SqliteStore::WriteEntry(int64_t link_id, const EntryWrite& e, uint64_t now_us) {
  const wire::EnvelopeFields& f = e.envelope.fields();
  auto s = db_.Prepare(
      "INSERT INTO entries (link_id, side, seq, envelope, hash, kind, precedence,"
      " channel, time_us, stored_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!s) return tl::unexpected(std::move(s).error());
  return s->Bind(1, link_id)
      .Bind(2, e.side)
      .Bind(3, f.seq)
      .Bind(4, ByteView(e.envelope.bytes()))  // the exact signed bytes
      .Bind(5, ByteView(e.envelope.hash()))
      .Bind(6, static_cast<int>(f.kind))
      .Bind(7, static_cast<int>(f.precedence))
      .Bind(8, f.channel)
      .Bind(9, f.time_us)
      .Bind(10, now_us)
      .Run();
}

Status SqliteStore::MarkChained(int64_t link_id, const EntryWrite& e) {
  const uint64_t id = *e.chains_message;
  const wire::EnvelopeFields& f = e.envelope.fields();
  const std::string what = "message " + std::to_string(id);
  auto s = db_.Prepare(
      "SELECT link_id, chained_seq, kind = ? AND precedence = ? AND channel = ?"
      " AND body = ? FROM messages WHERE id = ?");
  if (!s) return tl::unexpected(std::move(s).error());
  auto row = s->Bind(1, static_cast<int>(f.kind))
                 .Bind(2, static_cast<int>(f.precedence))
                 .Bind(3, f.channel)
                 .Bind(4, ByteView(f.body))
                 .Bind(5, id)
                 .Step();
  if (!row) return tl::unexpected(std::move(row).error());
  if (!*row) return MakeError(ErrorCode::kState, what + " is unknown");
  if (s->ColumnInt64(0) != link_id) {
    return MakeError(ErrorCode::kState, what + " belongs to another link");
  }
  if (!s->ColumnIsNull(1)) {
    return MakeError(ErrorCode::kState, what + " is already chained as entry " +
                                            std::to_string(s->ColumnUint64(1)));
  }
  if (s->ColumnInt64(2) == 0) {
    return MakeError(ErrorCode::kState,
                     "entry " + std::to_string(f.seq) + " does not carry " + what +
                         " (kind, precedence, channel or body differ)");
  }
  auto mark = db_.Prepare("UPDATE messages SET chained_seq = ? WHERE id = ?");
  if (!mark) return tl::unexpected(std::move(mark).error());
  return mark->Bind(1, f.seq).Bind(2, id).Run();
}

Status SqliteStore::Commit(std::span<const LinkWrite> writes, uint64_t now_us) {
  auto txn = db_.Begin();
  if (!txn) return tl::unexpected(std::move(txn).error());
  // Chain tips as this transaction leaves them, read once per (link, side).
  std::map<std::pair<int64_t, int>, Tip> tips;
  for (const LinkWrite& w : writes) {
    auto link_id = LinkId(w.link, /*or_removed=*/false);
    if (!link_id) return tl::unexpected(std::move(link_id).error());
    for (const EntryWrite& e : w.entries) {
      OPENLINE_TRY(CheckSide(e.side));
      auto it = tips.find({*link_id, e.side});
      if (it == tips.end()) {
        auto tip = ReadTip(*link_id, e.side);
        if (!tip) return tl::unexpected(std::move(tip).error());
        it = tips.emplace(std::make_pair(*link_id, e.side), *tip).first;
      }
      Tip& tip = it->second;
      const wire::EnvelopeFields& f = e.envelope.fields();
      if (f.seq != tip.size + 1) {
        return MakeError(ErrorCode::kState, Where(w.link, e.side, f.seq) +
                                                " does not extend a chain of " +
                                                std::to_string(tip.size) + " entries");
      }
      if (f.prev != tip.hash) {  // the zero hash for seq 1
        return MakeError(
            ErrorCode::kState,
            Where(w.link, e.side, f.seq) + " does not name the previous entry's hash");
      }
      OPENLINE_TRY(WriteEntry(*link_id, e, now_us));
      if (e.chains_message) OPENLINE_TRY(MarkChained(*link_id, e));
      tip = {f.seq, e.envelope.hash()};
    }
  }
  // Returning early above destroys `txn`, which rolls every write back.
  return txn->Commit();
}

Result<std::vector<StoredEntry>> SqliteStore::Entries(std::string_view link, int side,
                                                      uint64_t from_seq, size_t limit) {
  OPENLINE_TRY(CheckSide(side));
  auto link_id = LinkId(link, /*or_removed=*/true);
  if (!link_id) return tl::unexpected(std::move(link_id).error());
  constexpr auto kMaxSql = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  std::vector<StoredEntry> out;
  // Seqs are stored as int64: anything past its range is past every chain.
  if (limit == 0 || from_seq > kMaxSql) return out;
  auto s = db_.Prepare(
      "SELECT seq, envelope, stored_us FROM entries WHERE link_id = ? AND side = ?"
      " AND seq >= ? ORDER BY seq LIMIT ?");
  if (!s) return tl::unexpected(std::move(s).error());
  s->Bind(1, *link_id)
      .Bind(2, side)
      .Bind(3, std::max<uint64_t>(from_seq, 1))
      .Bind(4, std::min<uint64_t>(limit, kMaxSql));
  for (;;) {
    auto row = s->Step();
    if (!row) return tl::unexpected(std::move(row).error());
    if (!*row) return out;
    out.push_back({side, s->ColumnUint64(0), s->ColumnBlob(1), s->ColumnUint64(2)});
  }
}

Result<uint64_t> SqliteStore::ChainSize(std::string_view link, int side) {
  OPENLINE_TRY(CheckSide(side));
  auto link_id = LinkId(link, /*or_removed=*/true);
  if (!link_id) return tl::unexpected(std::move(link_id).error());
  auto tip = ReadTip(*link_id, side);
  if (!tip) return tl::unexpected(std::move(tip).error());
  return tip->size;
}

}  // namespace openline::store
