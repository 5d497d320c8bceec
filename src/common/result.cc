#include "common/result.h"

namespace openline {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid argument";
    case ErrorCode::kMalformed:
      return "malformed";
    case ErrorCode::kTooLarge:
      return "too large";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kCrypto:
      return "cryptographic failure";
    case ErrorCode::kState:
      return "wrong state";
    case ErrorCode::kVerification:
      return "verification failed";
    case ErrorCode::kIo:
      return "i/o error";
    case ErrorCode::kNotFound:
      return "not found";
  }
  return "unknown";
}

std::string Error::ToString() const {
  return std::string(openline::ToString(code)) + ": " + message;
}

}  // namespace openline
