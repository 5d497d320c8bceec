// The two stations of a link, in canonical order, and the link id derived from
// them. Side 0 is the station whose public identity sorts first, so both stations
// (and any verifier) number the sides the same way without agreeing on anything.
//
//   link id = SHA-256("openline/link/v1" || side0.sign || side0.dh || side1.sign ||
//   side1.dh)
//
// Depends on: identity/public_identity.h, wire/envelope.h. Thread-safety: a value.
#ifndef OPENLINE_TRANSCRIPT_LINK_PARTIES_H_
#define OPENLINE_TRANSCRIPT_LINK_PARTIES_H_

#include <array>
#include <optional>

#include "identity/public_identity.h"
#include "wire/envelope.h"

namespace openline::transcript {

class LinkParties {
 public:
  // Fails if both identities are the same station (a link needs two).
  static Result<LinkParties> Make(const identity::PublicIdentity& a,
                                  const identity::PublicIdentity& b);

  const identity::PublicIdentity& side(int i) const {
    return sides_[static_cast<size_t>(i)];
  }
  const wire::LinkId& id() const { return id_; }
  // Which side signs with this key, if either.
  std::optional<int> SideOf(const crypto::Ed25519Public& sign_key) const;

 private:
  std::array<identity::PublicIdentity, 2> sides_;
  wire::LinkId id_{};
};

}  // namespace openline::transcript

#endif  // OPENLINE_TRANSCRIPT_LINK_PARTIES_H_
