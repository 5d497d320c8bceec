// Fuzzes the Merkle proof decoder and verifiers (src/merkle/) with untrusted
// bytes, and checks invariants that must hold for every input:
//   byte 0 % 3 == 0  inclusion:   u64 index, u64 size, leaf[32], root[32], proof
//   byte 0 % 3 == 1  consistency: u64 size1, u64 size2, root1[32], root2[32], proof
//   byte 0 % 3 == 2  generation:  u16 n, u16 a, u16 b: build a tree of n % 257
//                    leaves, prove leaf a and the step from size b, which must
//                    verify and survive an encode/decode round trip.
// `proof` is the rest of the input in the EncodeProof wire form. Integers are
// big-endian. A broken invariant aborts, which libFuzzer and the gcc replay
// report as a crash.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "common/byte_reader.h"
#include "merkle/constants.h"
#include "merkle/proof_codec.h"
#include "merkle/tree.h"
#include "merkle/verify.h"

namespace openline::merkle {
namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

// A decoded proof re-encodes to exactly the bytes it came from.
void CheckCanonical(ByteView encoded, const std::vector<Hash>& proof) {
  Check(proof.size() <= kMaxProofHashes);
  auto again = EncodeProof(proof);
  Check(again.has_value() && Bytes(encoded.begin(), encoded.end()) == *again);
}

void FuzzInclusion(ByteReader& in, ByteView data) {
  auto index = in.ReadU64("index");
  auto size = in.ReadU64("size");
  auto leaf = in.ReadArray<kHashLen>("leaf");
  auto root = in.ReadArray<kHashLen>("root");
  if (!index || !size || !leaf || !root) return;
  const ByteView rest = data.subspan(in.offset());
  auto proof = DecodeProof(rest);
  if (!proof) return;
  CheckCanonical(rest, *proof);
  const Status verified = VerifyInclusion(*index, *size, *leaf, *proof, *root);
  const Result<Hash> calculated = RootFromInclusionProof(*index, *size, *leaf, *proof);
  // Verification is exactly "the implied root equals the given root".
  Check(verified.has_value() == (calculated.has_value() && *calculated == *root));
}

void FuzzConsistency(ByteReader& in, ByteView data) {
  auto size1 = in.ReadU64("size1");
  auto size2 = in.ReadU64("size2");
  auto root1 = in.ReadArray<kHashLen>("root1");
  auto root2 = in.ReadArray<kHashLen>("root2");
  if (!size1 || !size2 || !root1 || !root2) return;
  const ByteView rest = data.subspan(in.offset());
  auto proof = DecodeProof(rest);
  if (!proof) return;
  CheckCanonical(rest, *proof);
  const Status verified = VerifyConsistency(*size1, *size2, *proof, *root1, *root2);
  if (verified) {
    // Only well-formed requests can succeed, with a proof of the predicted length.
    Check(*size1 != 0 && *size1 <= *size2);
    Check(proof->size() == *ConsistencyProofLength(*size1, *size2));
  }
}

void FuzzGeneration(ByteReader& in) {
  auto n16 = in.ReadU16("n");
  auto a16 = in.ReadU16("a");
  auto b16 = in.ReadU16("b");
  if (!n16 || !a16 || !b16) return;
  const uint64_t n = *n16 % 257;
  Tree tree;
  for (uint64_t i = 0; i < n; ++i) {
    const uint8_t entry[2] = {static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
    tree.AppendData(entry);
  }
  if (n == 0) {
    Check(tree.Root() == EmptyRoot() && !tree.InclusionProof(0, 0));
    return;
  }
  const uint64_t index = *a16 % n;
  const uint64_t old_size = *b16 % n + 1;
  const Hash root = tree.Root();

  auto inclusion = tree.InclusionProof(index, n);
  Check(inclusion.has_value());
  Check(VerifyInclusion(index, n, *tree.LeafAt(index), *inclusion, root).has_value());
  auto inclusion_bytes = EncodeProof(*inclusion);
  Check(inclusion_bytes.has_value() && *DecodeProof(*inclusion_bytes) == *inclusion);

  auto consistency = tree.ConsistencyProof(old_size, n);
  Check(consistency.has_value());
  Check(VerifyConsistency(old_size, n, *consistency, *tree.RootAt(old_size), root)
            .has_value());
  auto consistency_bytes = EncodeProof(*consistency);
  Check(consistency_bytes.has_value() &&
        *DecodeProof(*consistency_bytes) == *consistency);
}

}  // namespace
}  // namespace openline::merkle

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openline;
  const ByteView input(data, size);
  ByteReader in(input);
  auto mode = in.ReadU8("mode");
  if (!mode) return 0;
  switch (*mode % 3) {
    case 0:
      merkle::FuzzInclusion(in, input);
      break;
    case 1:
      merkle::FuzzConsistency(in, input);
      break;
    default:
      merkle::FuzzGeneration(in);
      break;
  }
  return 0;
}
