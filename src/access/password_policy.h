// What a new operator password must satisfy before it is hashed. Deliberately
// short (NIST SP 800-63B): a minimum length, the SecretBytes maximum, and not the
// login name; no composition rules, which push people to predictable patterns.
//
// Depends on: common/result.h, crypto/secret.h. Thread-safety: pure.
#ifndef OPENLINE_ACCESS_PASSWORD_POLICY_H_
#define OPENLINE_ACCESS_PASSWORD_POLICY_H_

#include <cstddef>
#include <string_view>

#include "common/result.h"
#include "crypto/secret.h"

namespace openline::access {

inline constexpr size_t kMinPasswordBytes = 10;

Status CheckNewPassword(const crypto::SecretBytes& password, std::string_view login_name);

}  // namespace openline::access

#endif  // OPENLINE_ACCESS_PASSWORD_POLICY_H_
