// Link handshakes per second (Noise_IK_25519_ChaChaPoly_BLAKE2b, both parties,
// with openline's pinning and replay checks), beside the raw cost of the X25519
// operations an IK handshake must do: 2 key generations (scalar base mult) and 8
// Diffie-Hellman operations. Goal (issue 2): within 1.5x of the raw primitives.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include "session/link_handshake.h"

namespace openline {
namespace {

void BM_LinkHandshake(benchmark::State& state) {
  auto initiator_static = crypto::X25519KeyPair::Generate();
  auto responder_static = crypto::X25519KeyPair::Generate();
  const auto pinned = initiator_static.public_key;
  session::ReplayGuard guard;
  session::Responder responder(
      responder_static.Clone(),
      [&](const crypto::X25519Public& k) { return k == pinned; }, guard);
  auto now = session::Clock::now();
  for (auto _ : state) {
    now += std::chrono::microseconds(1);  // each initiation must be newer than the last
    session::Initiator initiator(initiator_static.Clone(), responder_static.public_key);
    auto init = initiator.CreateInitiation(now);
    auto accepted = responder.ReadInitiation(*init, now);
    if (!accepted) {
      state.SkipWithError("handshake refused");
      break;
    }
    auto session = initiator.ReadResponse(accepted->response);
    benchmark::DoNotOptimize(session);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinkHandshake);

void BM_RawX25519ForIK(benchmark::State& state) {
  unsigned char sk[32], pk[32], shared[32];
  randombytes_buf(sk, sizeof sk);
  crypto_scalarmult_base(pk, sk);
  for (auto _ : state) {
    for (int i = 0; i < 2; ++i) crypto_scalarmult_base(pk, sk);
    for (int i = 0; i < 8; ++i)
      benchmark::DoNotOptimize(crypto_scalarmult(shared, sk, pk));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawX25519ForIK);

}  // namespace
}  // namespace openline
