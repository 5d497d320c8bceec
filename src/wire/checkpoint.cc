#include "wire/checkpoint.h"

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace openline::wire {

Result<Bytes> Checkpoint::Encode() const {
  if ((role == CheckpointRole::kCountersign) != proposal.has_value()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a countersignature, and only it, names a proposal");
  }
  Bytes out;
  ByteWriter w(out);
  w.PutU8(static_cast<uint8_t>(role));
  for (const ChainHead& side : sides) {
    w.PutU64(side.size);
    w.PutBytes(side.root);
  }
  if (proposal) {
    w.PutU64(proposal->seq);
    w.PutBytes(proposal->hash);
  }
  return out;
}

Result<Checkpoint> Checkpoint::Parse(ByteView body) {
  ByteReader r(body);
  Checkpoint cp;
  auto role = r.ReadU8("checkpoint role");
  if (!role) return tl::unexpected(role.error());
  if (*role != 1 && *role != 2) {
    return MakeError(ErrorCode::kMalformed,
                     "unknown checkpoint role " + std::to_string(*role));
  }
  cp.role = static_cast<CheckpointRole>(*role);
  for (ChainHead& side : cp.sides) {
    auto size = r.ReadU64("checkpoint size");
    if (!size) return tl::unexpected(size.error());
    auto root = r.ReadArray<kHashLen>("checkpoint root");
    if (!root) return tl::unexpected(root.error());
    side = {*size, *root};
  }
  if (cp.role == CheckpointRole::kCountersign) {
    auto seq = r.ReadU64("proposal seq");
    if (!seq) return tl::unexpected(seq.error());
    auto hash = r.ReadArray<kHashLen>("proposal hash");
    if (!hash) return tl::unexpected(hash.error());
    if (*seq == 0)
      return MakeError(ErrorCode::kMalformed, "countersignature names entry 0");
    cp.proposal = EntryRef{*seq, *hash};
  }
  OPENLINE_TRY(r.ExpectEnd("checkpoint"));
  return cp;
}

}  // namespace openline::wire
