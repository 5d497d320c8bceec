#include "session/transport_session.h"

#include <string>
#include <utility>

namespace openline::session {

TransportSession::TransportSession(noise::CipherState send, noise::CipherState receive,
                                   Params params)
    : send_(std::move(send)), receive_(std::move(receive)), params_(std::move(params)) {
  if (params_.rekey_after_messages == 0)
    params_.rekey_after_messages = kRekeyAfterMessages;
}

Result<Bytes> TransportSession::Encrypt(ByteView plaintext) {
  if (plaintext.size() > kMaxTransportPayloadLen) {
    return MakeError(ErrorCode::kTooLarge,
                     "transport payload of " + std::to_string(plaintext.size()) +
                         " bytes exceeds " + std::to_string(kMaxTransportPayloadLen));
  }
  if (sent_ >= kRejectAfterMessages) {
    return MakeError(ErrorCode::kState,
                     "session sent its message limit; handshake again");
  }
  auto ciphertext = send_.EncryptWithAd({}, plaintext);
  if (!ciphertext) return ciphertext;
  ++sent_;
  if (sent_ % params_.rekey_after_messages == 0) {
    OPENLINE_TRY(send_.Rekey());
    ++rekeys_;
  }
  return ciphertext;
}

Result<Bytes> TransportSession::Decrypt(ByteView ciphertext) {
  if (ciphertext.size() < noise::kTagLen || ciphertext.size() > kMaxTransportMessageLen) {
    ++rejected_;
    return MakeError(
        ErrorCode::kMalformed,
        "transport message of " + std::to_string(ciphertext.size()) + " bytes");
  }
  if (received_ >= kRejectAfterMessages) {
    return MakeError(ErrorCode::kState,
                     "session received its message limit; handshake again");
  }
  auto plaintext = receive_.DecryptWithAd({}, ciphertext);
  if (!plaintext) {
    ++rejected_;
    return plaintext;
  }
  ++received_;
  if (received_ % params_.rekey_after_messages == 0) {
    OPENLINE_TRY(receive_.Rekey());
    ++rekeys_;
  }
  return plaintext;
}

}  // namespace openline::session
