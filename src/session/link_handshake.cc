// Noise_IK_25519_ChaChaPoly_BLAKE2b, as openline uses it:
//   <- s
//   ...
//   -> e, es, s, ss   {timestamp}
//   <- e, ee, se      {}
// The token steps themselves are in noise/handshake_state.cc; this file adds
// the pinned-key check (after "s"), the timestamp rule and the exact lengths.
#include "session/link_handshake.h"

#include <string>
#include <utility>

namespace openline::session {
namespace {

Result<noise::HandshakeState> StartHandshake(bool initiator, noise::HandshakeKeys keys) {
  return noise::HandshakeState::Initialize(kLinkProtocolName, initiator,
                                           AsBytes(kLinkPrologue), std::move(keys));
}

}  // namespace

Initiator::Initiator(crypto::X25519KeyPair local_static,
                     crypto::X25519Public responder_static)
    : local_static_(std::move(local_static)), responder_static_(responder_static) {}

void Initiator::SetEphemeralForTesting(crypto::X25519KeyPair ephemeral) {
  test_ephemeral_ = std::move(ephemeral);
}

Result<Bytes> Initiator::CreateInitiation(Clock::time_point now) {
  handshake_.reset();
  noise::HandshakeKeys keys;
  keys.s = local_static_.Clone();
  keys.rs = responder_static_;  // <- s (pre-message)
  if (test_ephemeral_) keys.e = test_ephemeral_->Clone();
  auto handshake = StartHandshake(/*initiator=*/true, std::move(keys));
  if (!handshake) return tl::unexpected(std::move(handshake).error());
  // -> e, es, s, ss, {timestamp}
  const auto timestamp = Tai64n::FromTimePoint(now).Encode();
  auto message = handshake->WriteMessage(timestamp);
  if (!message) return message;
  handshake_ = std::move(*handshake);
  started_at_ = now;
  return message;
}

Result<TransportSession> Initiator::ReadResponse(ByteView response) {
  if (!handshake_) return MakeError(ErrorCode::kState, "no initiation is pending");
  // Whatever happens, this handshake is over: a response is read at most once.
  noise::HandshakeState handshake = std::move(*handshake_);
  handshake_.reset();
  if (response.size() != kResponseLen) {
    return MakeError(ErrorCode::kMalformed,
                     "handshake response must be " + std::to_string(kResponseLen) +
                         " bytes, got " + std::to_string(response.size()));
  }
  // <- e, ee, se, {}
  auto payload = handshake.ReadMessage(response);
  if (!payload) return tl::unexpected(std::move(payload).error());
  auto ciphers = handshake.Split();
  if (!ciphers) return tl::unexpected(std::move(ciphers).error());
  TransportSession::Params params;
  params.initiator = true;
  params.peer_static = responder_static_;
  params.handshake_hash = handshake.GetHandshakeHash();
  params.established_at = started_at_;
  // The initiator sends with c1 and receives with c2.
  return TransportSession(std::move(ciphers->first), std::move(ciphers->second),
                          std::move(params));
}

Responder::Responder(crypto::X25519KeyPair local_static, PinnedPeers pinned,
                     ReplayGuard& replay_guard)
    : local_static_(std::move(local_static)),
      pinned_(std::move(pinned)),
      replay_guard_(replay_guard) {}

Result<Accepted> Responder::ReadInitiation(ByteView initiation, Clock::time_point now) {
  if (initiation.size() != kInitiationLen) {
    ++counters_.malformed;
    return MakeError(ErrorCode::kMalformed,
                     "handshake initiation must be " + std::to_string(kInitiationLen) +
                         " bytes, got " + std::to_string(initiation.size()));
  }
  noise::HandshakeKeys keys;
  keys.s = local_static_.Clone();
  auto handshake = StartHandshake(/*initiator=*/false, std::move(keys));
  if (!handshake) return tl::unexpected(std::move(handshake).error());

  // -> e, es, s, [pinned?], ss, {timestamp}
  bool unpinned = false;
  auto payload = handshake->ReadMessage(
      initiation, [&](const crypto::X25519Public& initiator_static) -> Status {
        if (pinned_ && pinned_(initiator_static)) return Ok();
        unpinned = true;
        return MakeError(ErrorCode::kNotFound, "initiator static key is not pinned");
      });
  if (!payload) {
    ++(unpinned ? counters_.unpinned : counters_.crypto);
    return tl::unexpected(std::move(payload).error());
  }
  const crypto::X25519Public peer = *handshake->RemoteStatic();
  auto timestamp = Tai64n::Decode(*payload);
  if (!timestamp) {
    ++counters_.malformed;
    return tl::unexpected(std::move(timestamp).error());
  }
  if (!replay_guard_.WouldAccept(peer, *timestamp)) {
    ++counters_.replayed;
    return MakeError(ErrorCode::kVerification,
                     "initiation timestamp " + timestamp->ToString() +
                         " is not after the last accepted one from this peer");
  }

  // <- e, ee, se, {}
  auto response = handshake->WriteMessage({});
  if (!response) return tl::unexpected(std::move(response).error());
  auto ciphers = handshake->Split();
  if (!ciphers) return tl::unexpected(std::move(ciphers).error());
  // Recorded only now that the handshake succeeded: a refused or failed
  // initiation never moves the guard.
  (void)replay_guard_.CheckAndRecord(peer, *timestamp);
  ++counters_.accepted;

  TransportSession::Params params;
  params.initiator = false;
  params.peer_static = peer;
  params.handshake_hash = handshake->GetHandshakeHash();
  params.established_at = now;
  // The responder receives with c1 and sends with c2.
  return Accepted{peer, *timestamp, std::move(*response),
                  TransportSession(std::move(ciphers->second), std::move(ciphers->first),
                                   std::move(params))};
}

}  // namespace openline::session
