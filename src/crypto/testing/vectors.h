// Helpers for tests that run external test vectors from shared/vectors/ (see its
// README.md for where each file comes from and what libsodium 1.0.18 does with it).
// Every helper records a gtest failure that names the file or field instead of
// crashing, so a missing or malformed vector file fails the test with a clear
// message; tests then ASSERT on the returned optional and stop.
//
// Test-only (needs gtest and nlohmann_json). OPENLINE_VECTORS_DIR is set by
// openline_test() in cmake/modules.cmake.
#ifndef OPENLINE_CRYPTO_TESTING_VECTORS_H_
#define OPENLINE_CRYPTO_TESTING_VECTORS_H_

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/bytes.h"

#ifndef OPENLINE_VECTORS_DIR
#error "OPENLINE_VECTORS_DIR must be defined (openline_test() does it)"
#endif

namespace openline::vectors {

using Json = nlohmann::json;

inline std::string VectorPath(std::string_view relative_path) {
  return std::string(OPENLINE_VECTORS_DIR) + "/" + std::string(relative_path);
}

// The whole file, or nullopt (and a test failure) if it cannot be read.
inline std::optional<std::string> ReadVectorFile(std::string_view relative_path) {
  const std::string path = VectorPath(relative_path);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open test vector file " << path
                  << " (set -DOPENLINE_VECTORS_DIR to the shared/vectors checkout)";
    return std::nullopt;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    ADD_FAILURE() << "error reading test vector file " << path;
    return std::nullopt;
  }
  return contents.str();
}

// The file parsed as JSON, or nullopt (and a test failure).
inline std::optional<Json> ReadVectorJson(std::string_view relative_path) {
  auto text = ReadVectorFile(relative_path);
  if (!text) return std::nullopt;
  Json doc = Json::parse(*text, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    ADD_FAILURE() << "test vector file " << VectorPath(relative_path)
                  << " is not valid JSON";
    return std::nullopt;
  }
  return doc;
}

// Strict hex decoding; on bad input records a failure naming `what` and returns
// nullopt.
inline std::optional<Bytes> ParseHex(std::string_view hex,
                                     std::string_view what = "hex") {
  auto bytes = FromHex(hex);
  if (!bytes) {
    ADD_FAILURE() << what << ": " << bytes.error().ToString();
    return std::nullopt;
  }
  return std::move(*bytes);
}

// obj[name] as a string, or nullopt (and a failure) if absent or not a string.
inline std::optional<std::string> StringField(const Json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_string()) {
    ADD_FAILURE() << "vector field \"" << name << "\" missing or not a string in "
                  << obj.dump().substr(0, 200);
    return std::nullopt;
  }
  return it->get<std::string>();
}

// obj[name] decoded from hex, or nullopt (and a failure).
inline std::optional<Bytes> HexField(const Json& obj, const char* name) {
  auto s = StringField(obj, name);
  if (!s) return std::nullopt;
  return ParseHex(*s, name);
}

// obj[name] as an integer, or nullopt (and a failure).
inline std::optional<int64_t> IntField(const Json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_number_integer()) {
    ADD_FAILURE() << "vector field \"" << name << "\" missing or not an integer";
    return std::nullopt;
  }
  return it->get<int64_t>();
}

// Calls fn(group, test) for every test of a Wycheproof file ({testGroups: [{tests:
// [...]}]}). Returns the number of tests visited; 0 (and a failure) if the
// document does not have that shape.
template <class Fn>
int ForEachWycheproofTest(const Json& doc, Fn&& fn) {
  auto groups = doc.find("testGroups");
  if (groups == doc.end() || !groups->is_array()) {
    ADD_FAILURE() << "not a Wycheproof file: no testGroups array";
    return 0;
  }
  int visited = 0;
  for (const Json& group : *groups) {
    auto tests = group.find("tests");
    if (tests == group.end() || !tests->is_array()) {
      ADD_FAILURE() << "Wycheproof group without a tests array";
      continue;
    }
    for (const Json& test : *tests) {
      fn(group, test);
      ++visited;
    }
  }
  return visited;
}

// "tcId N" for failure messages.
inline std::string TestId(const Json& test) {
  auto it = test.find("tcId");
  return "tcId " + (it == test.end() ? std::string("?") : it->dump());
}

}  // namespace openline::vectors

#endif  // OPENLINE_CRYPTO_TESTING_VECTORS_H_
