// Errors as values. Every fallible operation in the core returns Result<T> (a value
// or an Error) or Status (nothing or an Error); nothing in src/ below the CLI throws.
// Error carries a coarse code a caller can branch on and a message for a person,
// which names the offending values ("length 70000 exceeds limit 65535").
//
// Depends on: tl::expected only. Thread-safety: plain values.
#ifndef OPENLINE_COMMON_RESULT_H_
#define OPENLINE_COMMON_RESULT_H_

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace openline {

enum class ErrorCode {
  kInvalidArgument,  // the caller asked for something impossible
  kMalformed,        // bytes that do not parse: truncated, bad length, bad tag
  kTooLarge,         // a declared or actual size beyond a documented limit
  kUnsupported,      // a version, algorithm or pattern we do not speak
  kCrypto,           // authentication or signature failure, bad key
  kState,            // operation not valid in the current protocol state
  kVerification,     // a well-formed record that violates a transcript rule
  kIo,               // the operating system said no
  kNotFound,
};

std::string_view ToString(ErrorCode code);

struct [[nodiscard]] Error {
  ErrorCode code;
  std::string message;

  std::string ToString() const;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

inline Status Ok() { return {}; }

}  // namespace openline

// Propagates an error from a Result/Status expression, like Rust's `?`.
#define OPENLINE_TRY(expr)                                                        \
  do {                                                                            \
    if (auto openline_try_ = (expr); !openline_try_) {                            \
      return tl::unexpected<::openline::Error>(std::move(openline_try_).error()); \
    }                                                                             \
  } while (0)

#endif  // OPENLINE_COMMON_RESULT_H_
