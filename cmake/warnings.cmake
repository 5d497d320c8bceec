# Warnings for project code (not third-party headers). -Werror everywhere we compile.
add_library(openline_warnings INTERFACE)
target_compile_options(openline_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror
  $<$<CXX_COMPILER_ID:Clang>:-Wthread-safety>)
