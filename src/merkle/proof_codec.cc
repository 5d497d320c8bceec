#include "merkle/proof_codec.h"

#include <string>

#include "common/byte_reader.h"
#include "common/byte_writer.h"
#include "merkle/constants.h"

namespace openline::merkle {

Result<Bytes> EncodeProof(std::span<const Hash> proof) {
  if (proof.size() > kMaxProofHashes) {
    return MakeError(ErrorCode::kTooLarge, "proof has " + std::to_string(proof.size()) +
                                               " hashes, limit " +
                                               std::to_string(kMaxProofHashes));
  }
  Bytes out;
  out.reserve(1 + proof.size() * kHashLen);
  ByteWriter writer(out);
  writer.PutU8(static_cast<uint8_t>(proof.size()));
  for (const Hash& h : proof) writer.PutBytes(h);
  return out;
}

Result<std::vector<Hash>> DecodeProof(ByteView bytes) {
  ByteReader reader(bytes);
  const Result<uint8_t> count = reader.ReadU8("proof hash count");
  if (!count) return tl::unexpected(count.error());
  if (*count > kMaxProofHashes) {
    return MakeError(ErrorCode::kTooLarge, "proof has " + std::to_string(*count) +
                                               " hashes, limit " +
                                               std::to_string(kMaxProofHashes));
  }
  std::vector<Hash> proof;
  proof.reserve(*count);
  for (size_t i = 0; i < *count; ++i) {
    Result<Hash> h = reader.ReadArray<kHashLen>("proof hash");
    if (!h) return tl::unexpected(h.error());
    proof.push_back(*h);
  }
  OPENLINE_TRY(reader.ExpectEnd("proof"));
  return proof;
}

}  // namespace openline::merkle
