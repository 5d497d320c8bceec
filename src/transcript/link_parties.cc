#include "transcript/link_parties.h"

#include "crypto/hash.h"

namespace openline::transcript {
namespace {
constexpr std::string_view kLinkIdContext = "openline/link/v1";
}

Result<LinkParties> LinkParties::Make(const identity::PublicIdentity& a,
                                      const identity::PublicIdentity& b) {
  if (a.sign_key == b.sign_key || a.dh_key == b.dh_key) {
    return MakeError(ErrorCode::kInvalidArgument, "a link needs two different stations");
  }
  LinkParties p;
  p.sides_ = a < b ? std::array{a, b} : std::array{b, a};
  Bytes input;
  Append(input, AsBytes(kLinkIdContext));
  for (const auto& side : p.sides_) {
    Append(input, side.sign_key);
    Append(input, side.dh_key);
  }
  p.id_ = crypto::Sha256(input);
  return p;
}

std::optional<int> LinkParties::SideOf(const crypto::Ed25519Public& sign_key) const {
  for (int i = 0; i < 2; ++i) {
    if (sides_[static_cast<size_t>(i)].sign_key == sign_key) return i;
  }
  return std::nullopt;
}

}  // namespace openline::transcript
