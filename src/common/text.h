// Untrusted text on its way to a person. Peer- and file-supplied strings (station
// names, operator names, message bodies) reach terminals and logs; these helpers
// make sure such a string can only ever appear as the characters it contains:
// never as a cursor movement, a colour change, a bidi override that reorders what
// follows, or invalid UTF-8 that breaks a JSON encoder.
//
// Depends on: nothing but the standard library. Thread-safety: pure.
#ifndef OPENLINE_COMMON_TEXT_H_
#define OPENLINE_COMMON_TEXT_H_

#include <string>
#include <string_view>

namespace openline {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsValidUtf8(std::string_view s);

// `s` with every C0/C1 control character (except '\n' and '\t' when
// `allow_newlines`), DEL, bidirectional override/isolate, and every byte of
// invalid UTF-8 replaced by a visible escape such as "\x1b" or "\u202e".
// The result is valid UTF-8.
std::string EscapeForTerminal(std::string_view s, bool allow_newlines = false);

}  // namespace openline

#endif  // OPENLINE_COMMON_TEXT_H_
