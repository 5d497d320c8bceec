# Turns src/store/migrations/NNNN_name.sql into a C++ header of string literals, so
# the binary carries its schema and never reads SQL files at run time.
#   cmake -DSQL_DIR=<dir> -DOUT=<file.inc> -P embed_migrations.cmake
# Fails the build if the files are not numbered 0001, 0002, ... without gaps, or
# if a file contains the raw-string delimiter.
file(GLOB files RELATIVE "${SQL_DIR}" "${SQL_DIR}/*.sql")
list(SORT files)
set(delimiter "openline_sql")
set(body "")
set(expected 1)
foreach(name IN LISTS files)
  if(NOT name MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "migration ${name}: name must be NNNN_lower_case.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")  # drops the leading zeros
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "migration ${name}: expected number ${expected} (no gaps)")
  endif()
  file(READ "${SQL_DIR}/${name}" sql)
  string(FIND "${sql}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "migration ${name} contains the delimiter )${delimiter}\"")
  endif()
  string(REGEX REPLACE "\\.sql$" "" stem "${name}")
  string(APPEND body "    {${version}, \"${stem}\", R\"${delimiter}(${sql})${delimiter}\"},\n")
  math(EXPR expected "${expected} + 1")
endforeach()
if(expected EQUAL 1)
  message(FATAL_ERROR "no migrations in ${SQL_DIR}")
endif()

set(text "// Generated from src/store/migrations/*.sql by embed_migrations.cmake. Do not edit.
inline constexpr Migration kEmbeddedMigrations[] = {
${body}};
")
# Rewrite only on change, so an unrelated re-run does not rebuild the store.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE "${OUT}" "${text}")
endif()
