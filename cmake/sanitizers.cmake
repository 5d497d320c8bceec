# OPENLINE_SANITIZE=asan-ubsan builds everything with AddressSanitizer (with leak
# checking) and UndefinedBehaviorSanitizer; UB is fatal so a test cannot pass over it.
set(OPENLINE_SANITIZE "" CACHE STRING "Sanitizers: empty or asan-ubsan")
if(OPENLINE_SANITIZE STREQUAL "asan-ubsan")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
elseif(NOT OPENLINE_SANITIZE STREQUAL "")
  message(FATAL_ERROR "unknown OPENLINE_SANITIZE=${OPENLINE_SANITIZE}")
endif()
