// Every number the answering machinery's behaviour depends on. Times are
// microseconds on the caller's clock: UTC microseconds since 1970-01-01 (the
// envelope's time base), since link test operator checks fall at UTC times of day.
//
// Depends on: nothing. Thread-safety: constants.
#ifndef OPENLINE_ESCALATION_CONSTANTS_H_
#define OPENLINE_ESCALATION_CONSTANTS_H_

#include <cstddef>
#include <cstdint>

namespace openline::escalation {

inline constexpr uint64_t kSecondUs = 1'000'000;
inline constexpr uint64_t kMinuteUs = 60 * kSecondUs;
inline constexpr uint64_t kHourUs = 60 * kMinuteUs;
inline constexpr uint64_t kDayUs = 24 * kHourUs;

// ---- Practice (ACP 121 handling times, the default answer deadlines) ----

inline constexpr uint64_t kFlashDeadlineUs = 10 * kMinuteUs;
inline constexpr uint64_t kImmediateDeadlineUs = 30 * kMinuteUs;
inline constexpr uint64_t kPriorityDeadlineUs = 3 * kHourUs;
inline constexpr uint64_t kRoutineDeadlineUs = 6 * kHourUs;

// ---- Limits a configuration must respect ----

// A deadline or escalation interval beyond a week is a typo (seconds taken for
// microseconds, an extra zero), not a policy: nobody waits that long to page.
inline constexpr uint64_t kMaxDeadlineUs = 7 * kDayUs;
// Message ids are "link:seq" made by our own station; anything longer is a bug
// upstream, refused rather than stored.
inline constexpr size_t kMaxIdLen = 160;

// ---- Implementation constants (bounded memory) ----

// Incoming messages watched for an answer per station. Far beyond what duty
// officers can work through; reaching it means a flood, handled by precedence
// (escalator.h) and reported, never silently.
inline constexpr size_t kDefaultMaxTrackedIncoming = 10'000;
// Own sent messages awaiting an answer per station.
inline constexpr size_t kDefaultMaxTrackedOutgoing = 65'536;

// ---- Link tests ----

// Automatic test every hour, as on the Moscow-Washington line.
inline constexpr uint64_t kDefaultTestIntervalUs = kHourUs;
// The peer station answers an automatic test itself; this long without the
// answer is a missed test.
inline constexpr uint64_t kDefaultAutomaticAnswerWindowUs = 5 * kMinuteUs;
// A person on duty must answer an operator check within this window.
inline constexpr uint64_t kDefaultOperatorCheckWindowUs = 15 * kMinuteUs;
// The shortest automatic test interval accepted (tests are traffic too).
inline constexpr uint64_t kMinTestIntervalUs = kMinuteUs;
// Answer times kept per link and kind for the median.
inline constexpr size_t kAnswerTimeWindow = 256;
// Operator check times per day.
inline constexpr size_t kMaxOperatorChecksPerDay = 24;

}  // namespace openline::escalation

#endif  // OPENLINE_ESCALATION_CONSTANTS_H_
