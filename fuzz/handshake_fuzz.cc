// libFuzzer target for every handshake message reader, with fixed keys so that
// the committed seeds (real messages) reach the deep paths. Input layout:
//   byte 0 % 3 == 0: the rest is a link initiation for Responder::ReadInitiation
//   byte 0 % 3 == 1: the rest is a response for Initiator::ReadResponse (the
//                    initiator's message 1 is deterministic: fixed keys and time)
//   byte 0 % 3 == 2: Noise_XX responder: bytes 1-2 big-endian length L, then
//                    message 1 (L bytes), then message 3 (the remainder)
// Nothing may crash, leak, or trip a sanitizer, whatever the bytes.
//
// Built with -DOPENLINE_HANDSHAKE_FUZZ_SEEDS it also gets a main() that writes
// the seed corpus: handshake_fuzz_seeds fuzz/corpus/handshake_fuzz
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "noise/handshake_state.h"
#include "session/link_handshake.h"

namespace {

using openline::Bytes;
using openline::ByteView;
using openline::crypto::X25519KeyPair;
using openline::session::Clock;

constexpr const char* kXXProtocol = "Noise_XX_25519_ChaChaPoly_BLAKE2b";

X25519KeyPair Fixed(uint8_t fill) { return X25519KeyPair::FromPrivate(Bytes(32, fill)); }
X25519KeyPair InitiatorStatic() { return Fixed(0x11); }
X25519KeyPair ResponderStatic() { return Fixed(0x22); }
X25519KeyPair InitiatorEphemeral() { return Fixed(0x33); }
X25519KeyPair XXResponderEphemeral() { return Fixed(0x44); }
Clock::time_point FixedNow() {
  return Clock::time_point(std::chrono::seconds(1'800'000'000));
}

void FuzzReadInitiation(ByteView data) {
  const auto pinned = InitiatorStatic().public_key;
  openline::session::ReplayGuard guard;
  openline::session::Responder responder(
      ResponderStatic(),
      [&](const openline::crypto::X25519Public& k) { return k == pinned; }, guard);
  auto accepted = responder.ReadInitiation(data, FixedNow());
  if (accepted) {
    auto sealed = accepted->session.Encrypt(data);  // exercise the fresh session
    (void)sealed;
  }
}

openline::session::Initiator FixedInitiator() {
  openline::session::Initiator initiator(InitiatorStatic(), ResponderStatic().public_key);
  initiator.SetEphemeralForTesting(InitiatorEphemeral());
  return initiator;
}

void FuzzReadResponse(ByteView data) {
  auto initiator = FixedInitiator();
  if (!initiator.CreateInitiation(FixedNow())) __builtin_trap();  // fixed input must work
  auto session = initiator.ReadResponse(data);
  if (session) (void)session->Decrypt(data);
}

openline::Result<openline::noise::HandshakeState> XXResponder() {
  openline::noise::HandshakeKeys keys;
  keys.s = ResponderStatic();
  keys.e = XXResponderEphemeral();
  return openline::noise::HandshakeState::Initialize(kXXProtocol, false, {},
                                                     std::move(keys));
}

void FuzzXX(ByteView data) {
  if (data.size() < 2) return;
  const size_t len = std::min<size_t>((size_t{data[0]} << 8) | data[1], data.size() - 2);
  auto responder = XXResponder();
  if (!responder) __builtin_trap();
  if (!responder->ReadMessage(data.subspan(2, len))) return;
  if (!responder->WriteMessage({})) return;
  if (!responder->ReadMessage(data.subspan(2 + len))) return;
  (void)responder->Split();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const ByteView rest(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      FuzzReadInitiation(rest);
      break;
    case 1:
      FuzzReadResponse(rest);
      break;
    default:
      FuzzXX(rest);
      break;
  }
  return 0;
}

#ifdef OPENLINE_HANDSHAKE_FUZZ_SEEDS

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

int failures = 0;

// Writes selector || body as one seed file, and runs it through the target once.
void Write(const std::string& dir, const std::string& name, uint8_t selector,
           ByteView body) {
  Bytes seed = {selector};
  openline::Append(seed, body);
  std::ofstream out(dir + "/" + name, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(seed.data()),
            static_cast<std::streamsize>(seed.size()));
  if (!out) ++failures;
  LLVMFuzzerTestOneInput(seed.data(), seed.size());
}

Bytes Must(openline::Result<Bytes> r) {
  if (!r) {
    std::fprintf(stderr, "seed generation failed: %s\n", r.error().ToString().c_str());
    std::exit(1);
  }
  return std::move(*r);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];

  // A valid initiation from the pinned initiator, and one from a stranger.
  auto initiator = FixedInitiator();
  const Bytes initiation = Must(initiator.CreateInitiation(FixedNow()));
  Write(dir, "initiation_valid", 0, initiation);
  openline::session::Initiator stranger(Fixed(0x55), ResponderStatic().public_key);
  stranger.SetEphemeralForTesting(Fixed(0x66));
  Write(dir, "initiation_unpinned", 0, Must(stranger.CreateInitiation(FixedNow())));
  Write(dir, "initiation_short", 0, ByteView(initiation).first(60));

  // The real response to the fixed initiation.
  openline::session::ReplayGuard guard;
  openline::session::Responder responder(
      ResponderStatic(), [](const auto&) { return true; }, guard);
  auto accepted = responder.ReadInitiation(initiation, FixedNow());
  if (!accepted) return 1;
  Write(dir, "response_valid", 1, accepted->response);

  // A full XX exchange against the fixed XX responder.
  openline::noise::HandshakeKeys keys;
  keys.s = InitiatorStatic();
  keys.e = InitiatorEphemeral();
  auto xx =
      openline::noise::HandshakeState::Initialize(kXXProtocol, true, {}, std::move(keys));
  auto xx_responder = XXResponder();
  if (!xx || !xx_responder) return 1;
  const Bytes m1 = Must(xx->WriteMessage(openline::AsBytes("hello")));
  (void)Must(xx_responder->ReadMessage(m1));
  (void)Must(xx->ReadMessage(Must(xx_responder->WriteMessage({}))));
  const Bytes m3 = Must(xx->WriteMessage(openline::AsBytes("done")));
  Bytes body = {static_cast<uint8_t>(m1.size() >> 8), static_cast<uint8_t>(m1.size())};
  openline::Append(body, m1);
  openline::Append(body, m3);
  Write(dir, "xx_valid", 2, body);

  // The valid seeds must reach the end of their paths from fresh fixed parties,
  // exactly as the fuzz target builds them.
  auto replay_initiator = FixedInitiator();
  openline::session::ReplayGuard fresh_guard;
  openline::session::Responder fresh_responder(
      ResponderStatic(), [](const auto&) { return true; }, fresh_guard);
  auto fresh_xx = XXResponder();
  if (!replay_initiator.CreateInitiation(FixedNow()) ||
      !replay_initiator.ReadResponse(accepted->response) ||
      !fresh_responder.ReadInitiation(initiation, FixedNow()) || !fresh_xx ||
      !fresh_xx->ReadMessage(m1) || !fresh_xx->WriteMessage({}) ||
      !fresh_xx->ReadMessage(m3)) {
    std::fprintf(stderr, "a valid seed does not replay\n");
    return 1;
  }
  std::printf("wrote 5 seeds to %s\n", dir.c_str());
  return failures == 0 ? 0 : 1;
}

#endif  // OPENLINE_HANDSHAKE_FUZZ_SEEDS
