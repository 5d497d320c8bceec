// Headers: the request's header fields as plain strings, so authenticators and
// handlers read them without Beast. Lookup is case-insensitive (RFC 9110 5.1).
// The server copies at most kHeaderLimit bytes of them per request.
//
// Depends on: nothing. Thread-safety: a value.
#ifndef OPENLINE_API_HEADERS_H_
#define OPENLINE_API_HEADERS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openline::api {

class Headers {
 public:
  void Add(std::string name, std::string value);
  // The first field with this name, if any.
  std::optional<std::string_view> Find(std::string_view name) const;
  // How many fields have this name (a repeated Authorization is ambiguous).
  size_t Count(std::string_view name) const;
  size_t size() const { return fields_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// ASCII case-insensitive equality, for header names and auth schemes.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace openline::api

#endif  // OPENLINE_API_HEADERS_H_
