// What a link's tests of one kind have shown so far: how many were answered and
// how fast, when one last went through, and how many were missed, with the
// technical misses (no received receipt: the line) kept apart from the human
// ones (received, not answered: nobody there). The console and /metrics show it.
//
// Automatic tests and operator checks are counted separately: one is answered by
// the peer's station in milliseconds, the other by a person in minutes, and a
// median over both would describe neither.
//
// Depends on: escalation/{constants,silence}.h. Thread-safety: none.
#ifndef OPENLINE_ESCALATION_LINK_TEST_STATS_H_
#define OPENLINE_ESCALATION_LINK_TEST_STATS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "escalation/constants.h"
#include "escalation/silence.h"

namespace openline::escalation {

enum class TestKind : uint8_t {
  kAutomatic = 1,      // answered by the peer station itself
  kOperatorCheck = 2,  // a person on duty must answer
};
constexpr std::string_view ToString(TestKind k) {
  return k == TestKind::kAutomatic ? "automatic" : "operator_check";
}

class TestStats {
 public:
  // A test sent at sent_us was answered at answered_us.
  void RecordAnswered(uint64_t sent_us, uint64_t answered_us);
  void RecordMissed(Silence silence);

  uint64_t answered() const { return answered_; }
  uint64_t missed() const { return missed_technical_ + missed_human_; }
  uint64_t missed_technical() const { return missed_technical_; }
  uint64_t missed_human() const { return missed_human_; }
  // Misses since the last answered test (the alarm's count).
  uint64_t consecutive_missed() const { return consecutive_missed_; }
  // answered / (answered + missed); none before the first test completes.
  std::optional<double> share_answered() const;
  // Median answer time over the last kAnswerTimeWindow answers (the lower middle
  // one for an even count, so it is always a time that was observed).
  std::optional<uint64_t> median_answer_us() const;
  // When the last answered test was answered.
  std::optional<uint64_t> last_success_us() const { return last_success_us_; }

 private:
  uint64_t answered_ = 0;
  uint64_t missed_technical_ = 0;
  uint64_t missed_human_ = 0;
  uint64_t consecutive_missed_ = 0;
  std::optional<uint64_t> last_success_us_;
  std::vector<uint64_t> recent_;  // ring of answer times, at most kAnswerTimeWindow
  size_t next_ = 0;
};

}  // namespace openline::escalation

#endif  // OPENLINE_ESCALATION_LINK_TEST_STATS_H_
