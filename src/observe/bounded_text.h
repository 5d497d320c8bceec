// Untrusted text (operator names, link names, peer-supplied strings) on its way
// into a metric label or a log line. Both formats need valid UTF-8 (promtool
// rejects a scrape with one bad byte; a JSON encoder fails on it), both must stay
// small whatever the input, and neither should carry a byte that steers the
// terminal of the person who reads them with curl or tail.
//
// Depends on: common/text.h. Thread-safety: pure.
#ifndef OPENLINE_OBSERVE_BOUNDED_TEXT_H_
#define OPENLINE_OBSERVE_BOUNDED_TEXT_H_

#include <string>
#include <string_view>

namespace openline::observe {

// `s` as valid UTF-8 of at most `max_bytes` bytes, cut at a code point boundary.
// Every invalid byte, C0 control other than '\n' and '\t', DEL, C1 control and
// bidirectional override or isolate becomes U+FFFD. '\n' stays: both output
// formats escape it themselves.
std::string BoundUntrustedText(std::string_view s, size_t max_bytes);

}  // namespace openline::observe

#endif  // OPENLINE_OBSERVE_BOUNDED_TEXT_H_
