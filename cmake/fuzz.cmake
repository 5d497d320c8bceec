# Every parser has a libFuzzer target in fuzz/. Two ways to build one:
#  - OPENLINE_FUZZ=ON (clang, the `fuzz` preset): a libFuzzer binary <name>, run by
#    scripts/fuzz for a short time from its committed corpus;
#  - otherwise: <name>_replay, a ctest entry that feeds every corpus file through the
#    same LLVMFuzzerTestOneInput, so the gcc build keeps the corpus honest.
#
#   openline_fuzz(NAME <name> SOURCES ... DEPS ...)   corpus: fuzz/corpus/<name>/
option(OPENLINE_FUZZ "Build libFuzzer targets (clang only)" OFF)

function(openline_fuzz)
  cmake_parse_arguments(F "" "NAME" "SOURCES;DEPS" ${ARGN})
  set(corpus ${PROJECT_SOURCE_DIR}/fuzz/corpus/${F_NAME})
  if(OPENLINE_FUZZ)
    add_executable(${F_NAME} ${F_SOURCES})
    target_compile_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    target_link_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${F_NAME} PRIVATE ${F_DEPS} openline_warnings)
  elseif(OPENLINE_BUILD_TESTS)
    add_executable(${F_NAME}_replay ${F_SOURCES} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cc)
    target_link_libraries(${F_NAME}_replay PRIVATE ${F_DEPS} openline_warnings)
    add_test(NAME ${F_NAME}_replay COMMAND ${F_NAME}_replay ${corpus})
  endif()
endfunction()
