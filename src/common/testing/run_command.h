// Test-only: runs a shell command and returns its exit code and combined output,
// for tests that drive the real `openline` binary as a user would.
#ifndef OPENLINE_COMMON_TESTING_RUN_COMMAND_H_
#define OPENLINE_COMMON_TESTING_RUN_COMMAND_H_

#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace openline::test_util {

struct CommandResult {
  int code;
  std::string out;
};

inline CommandResult RunCommand(const std::string& command) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  std::string out;
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace openline::test_util

#endif  // OPENLINE_COMMON_TESTING_RUN_COMMAND_H_
