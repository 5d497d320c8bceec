# One static library per module, so the compiler enforces who may include whom:
# a module only sees the include paths and libraries of the modules it names.
#
#   openline_module(NAME <name> SOURCES ... [DEPS ...])
#   openline_test(NAME <name> SOURCES ... [DEPS ...])   # a gtest executable + ctest entry
# Test names get this prefix (e.g. "asan." in the sanitizer build) so one ctest run
# over several build trees (scripts/test) names each test's build.
set(OPENLINE_TEST_PREFIX "" CACHE STRING "Prefix for ctest names")

function(openline_module)
  cmake_parse_arguments(M "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_library(${M_NAME} STATIC ${M_SOURCES})
  target_include_directories(${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${M_NAME} PUBLIC ${M_DEPS} PRIVATE openline_warnings)
endfunction()

function(openline_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;DEPS" ${ARGN})
  if(NOT OPENLINE_BUILD_TESTS)
    return()
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main
                                          openline_warnings)
  target_compile_definitions(${T_NAME} PRIVATE
    OPENLINE_VECTORS_DIR="${OPENLINE_VECTORS_DIR}"
    OPENLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${OPENLINE_TEST_PREFIX}${T_NAME} COMMAND ${T_NAME})
endfunction()
