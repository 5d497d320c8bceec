#include "access/password_policy.h"

#include <string>

#include "crypto/password.h"

namespace openline::access {

Status CheckNewPassword(const crypto::SecretBytes& password,
                        std::string_view login_name) {
  if (password.size() < kMinPasswordBytes) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "password must have at least " + std::to_string(kMinPasswordBytes) + " bytes");
  }
  if (password.size() > crypto::kMaxPasswordBytes) {
    return MakeError(ErrorCode::kTooLarge, "password must have at most " +
                                               std::to_string(crypto::kMaxPasswordBytes) +
                                               " bytes");
  }
  // Equality is enough here; the message never says how close it was.
  if (crypto::ConstantTimeEqual(password.view(), AsBytes(login_name))) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "password must differ from the login name");
  }
  return Ok();
}

}  // namespace openline::access
