// Wires `openline operator add|list|disable|enable|passwd|audit` into the CLI11
// app, so main.cc registers the whole group in two lines.
//
// Depends on: CLI11, cli/commands.h. Thread-safety: run once from main.
#ifndef OPENLINE_CLI_OPERATOR_CLI_H_
#define OPENLINE_CLI_OPERATOR_CLI_H_

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace openline::cli {

class OperatorCli {
 public:
  explicit OperatorCli(CLI::App& app);
  // -1 when no operator subcommand was given; otherwise its exit code.
  int RunIfParsed() const;

 private:
  OperatorOptions options_;
  CLI::App* add_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* disable_ = nullptr;
  CLI::App* enable_ = nullptr;
  CLI::App* passwd_ = nullptr;
  CLI::App* audit_ = nullptr;
};

}  // namespace openline::cli

#endif  // OPENLINE_CLI_OPERATOR_CLI_H_
