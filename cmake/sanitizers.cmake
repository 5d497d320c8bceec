# OPENLINE_SANITIZE=asan-ubsan builds everything with AddressSanitizer (with leak
# checking) and UndefinedBehaviorSanitizer; UB is fatal so a test cannot pass over it.
set(OPENLINE_SANITIZE "" CACHE STRING "Sanitizers: empty or asan-ubsan")
if(OPENLINE_SANITIZE STREQUAL "asan-ubsan")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 17)
    # clang < 17 cannot compile C++20 coroutines with -fsanitize=function ("Cannot
    # represent a difference across sections", llvm/llvm-project#49689); every other
    # check stays on.
    add_compile_options(-fno-sanitize=function)
  endif()
elseif(NOT OPENLINE_SANITIZE STREQUAL "")
  message(FATAL_ERROR "unknown OPENLINE_SANITIZE=${OPENLINE_SANITIZE}")
endif()
