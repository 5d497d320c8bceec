// The two names of an operator account. The login name is what a person types and
// what the audit log keys on: short lowercase ASCII, so "Admin", "admin" and a
// Cyrillic "аdmin" can never be three accounts that look like one. The display
// name ("Li Wei") is what the peer reads in a signed acknowledgement: any script,
// but bounded, valid UTF-8, and free of anything that could disguise it on a
// terminal (control characters, bidi overrides, invisible characters, padding).
//
// Both are validated when an account is created or renamed; a name that passed
// is still escaped (common/text.h) wherever it is displayed.
//
// Depends on: common/result.h, common/text.h. Thread-safety: pure.
#ifndef OPENLINE_ACCESS_OPERATOR_NAME_H_
#define OPENLINE_ACCESS_OPERATOR_NAME_H_

#include <cstddef>
#include <string_view>

#include "common/result.h"

namespace openline::access {

inline constexpr size_t kMaxLoginNameBytes = 32;
// 128 bytes: 32 CJK characters or about 64 Cyrillic ones; it has to fit in a
// signed receipt and on one console line.
inline constexpr size_t kMaxDisplayNameBytes = 128;

// [a-z][a-z0-9._-]{0,31}. kInvalidArgument (kTooLarge for length) otherwise.
Status ValidateLoginName(std::string_view name);

// 1..kMaxDisplayNameBytes of valid UTF-8 without C0/C1 controls, DEL, bidi
// controls, zero-width or line/paragraph separators, and without leading or
// trailing spaces.
Status ValidateDisplayName(std::string_view name);

}  // namespace openline::access

#endif  // OPENLINE_ACCESS_OPERATOR_NAME_H_
