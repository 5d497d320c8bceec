// The fingerprint of a *pair* of stations, for two duty officers to read to each
// other over a voice line before they pin each other's keys (Signal's safety
// number idea). Both sides compute the same 60 digits because the two identities
// are sorted before hashing; any change to either key changes it.
//
//   digest = SHA-512^5200("openline/pair-fingerprint/v1" || low || high)
//   digits = 12 groups of 5, each group = big-endian 40 bits of digest mod 100000
//
// The 5200 iterations (as Signal) make it costly to grind a key whose fingerprint
// collides in the digits a tired reader might skim.
//
// Depends on: identity/public_identity.h, crypto/. Thread-safety: pure.
#ifndef OPENLINE_IDENTITY_FINGERPRINT_H_
#define OPENLINE_IDENTITY_FINGERPRINT_H_

#include <string>

#include "identity/public_identity.h"

namespace openline::identity {

inline constexpr int kFingerprintIterations = 5200;
inline constexpr int kFingerprintGroups = 12;

// "12345 67890 ..." (12 groups of five digits separated by spaces).
std::string PairFingerprint(const PublicIdentity& a, const PublicIdentity& b);

// A short fingerprint of one identity ("ab12-cd34-ef56-7890"), to recognise a key
// in lists and logs; not a substitute for the pair fingerprint.
std::string ShortFingerprint(const PublicIdentity& id);

}  // namespace openline::identity

#endif  // OPENLINE_IDENTITY_FINGERPRINT_H_
