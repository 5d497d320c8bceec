// Turns a verification result into what `openline verify` prints: a readable
// summary for an auditor, or JSON for machines (--json). Kept apart from the
// command so tests can check the output without running a process.
//
// Depends on: transcript/verifier.h, nlohmann_json. Thread-safety: pure.
#ifndef OPENLINE_CLI_REPORT_FORMAT_H_
#define OPENLINE_CLI_REPORT_FORMAT_H_

#include <string>

#include <nlohmann/json.hpp>

#include "transcript/verifier.h"

namespace openline::cli {

std::string FormatTime(uint64_t time_us);  // "2026-11-18T07:46:40.000Z"

std::string ReportToText(const transcript::VerifyReport& report);
nlohmann::json ReportToJson(const transcript::VerifyReport& report);

// Text and JSON for `verify --against`: two copies that agree.
std::string ComparisonToText(const transcript::Comparison& c,
                             const transcript::VerifyReport& first, const std::string& a,
                             const std::string& b);
nlohmann::json ComparisonToJson(const transcript::Comparison& c,
                                const transcript::VerifyReport& first,
                                const std::string& a, const std::string& b);

// Serialises JSON for output; invalid UTF-8 in a string (which validated input
// should never hold) is replaced rather than thrown on.
std::string DumpJson(const nlohmann::json& j);

std::string ViolationToText(const transcript::Violation& v,
                            const std::array<std::string, 2>& side_names);
nlohmann::json ViolationToJson(const transcript::Violation& v);

}  // namespace openline::cli

#endif  // OPENLINE_CLI_REPORT_FORMAT_H_
