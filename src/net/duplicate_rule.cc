#include "net/duplicate_rule.h"

#include <algorithm>

namespace openline::net {

Preferred PreferConnection(const crypto::X25519Public& local_static,
                           const crypto::X25519Public& peer_static,
                           const ConnectionFacts& a, const ConnectionFacts& b) {
  // Rule 1: different initiators; the lower key's initiation wins. (With equal
  // keys, a station talking to itself, fall through to the rules below.)
  if (a.initiated_locally != b.initiated_locally && local_static != peer_static) {
    const bool local_is_lower = local_static < peer_static;
    return a.initiated_locally == local_is_lower ? Preferred::kFirst : Preferred::kSecond;
  }
  // Rule 2: same initiator; the later initiation wins.
  if (a.initiation_timestamp != b.initiation_timestamp) {
    return a.initiation_timestamp > b.initiation_timestamp ? Preferred::kFirst
                                                           : Preferred::kSecond;
  }
  // Rule 3: the lower session id.
  const bool a_lower = std::lexicographical_compare(
      a.session_id.begin(), a.session_id.end(), b.session_id.begin(), b.session_id.end());
  const bool b_lower = std::lexicographical_compare(
      b.session_id.begin(), b.session_id.end(), a.session_id.begin(), a.session_id.end());
  if (b_lower && !a_lower) return Preferred::kSecond;
  return Preferred::kFirst;
}

}  // namespace openline::net
