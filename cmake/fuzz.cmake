# Every parser has a libFuzzer target in fuzz/. Two ways to build one:
#  - OPENLINE_FUZZ=ON (clang, the `fuzz` preset): a libFuzzer binary <name>, and a
#    ctest entry fuzz.<name> that fuzzes it for OPENLINE_FUZZ_SECONDS from its
#    committed corpus (new inputs go to a scratch folder in the build tree, never
#    into the repository);
#  - otherwise: <name>_replay, a ctest entry that feeds every corpus file through the
#    same LLVMFuzzerTestOneInput, so the gcc build keeps the corpus honest.
#
#   openline_fuzz(NAME <name> SOURCES ... DEPS ...)   corpus: fuzz/corpus/<name>/
option(OPENLINE_FUZZ "Build libFuzzer targets (clang only)" OFF)
set(OPENLINE_FUZZ_SECONDS 15 CACHE STRING "How long each fuzz.<name> ctest entry fuzzes")

function(openline_fuzz)
  cmake_parse_arguments(F "" "NAME" "SOURCES;DEPS" ${ARGN})
  set(corpus ${PROJECT_SOURCE_DIR}/fuzz/corpus/${F_NAME})
  if(OPENLINE_FUZZ)
    add_executable(${F_NAME} ${F_SOURCES})
    target_compile_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    target_link_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${F_NAME} PRIVATE ${F_DEPS} openline_warnings)
    set_target_properties(${F_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
    set(scratch ${CMAKE_BINARY_DIR}/fuzz-scratch/${F_NAME})
    file(MAKE_DIRECTORY ${scratch})
    add_test(NAME fuzz.${F_NAME}
             COMMAND ${F_NAME} -max_total_time=${OPENLINE_FUZZ_SECONDS} -timeout=10
                     -rss_limit_mb=2048 -print_final_stats=1 ${scratch} ${corpus})
  elseif(OPENLINE_BUILD_TESTS)
    add_executable(${F_NAME}_replay ${F_SOURCES} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cc)
    target_link_libraries(${F_NAME}_replay PRIVATE ${F_DEPS} openline_warnings)
    add_test(NAME ${OPENLINE_TEST_PREFIX}${F_NAME}_replay COMMAND ${F_NAME}_replay ${corpus})
  endif()
endfunction()
