// Envelope sign + verify per second, beside raw Ed25519 sign + verify of the same
// bytes. Goal (issue 2): within 1.5x of the raw primitives.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include "identity/station_keys.h"
#include "wire/envelope.h"

namespace openline {
namespace {

wire::EnvelopeFields Fields(const identity::StationKeys& keys, size_t body) {
  wire::EnvelopeFields f;
  f.kind = wire::Kind::kText;
  f.precedence = wire::Precedence::kFlash;
  f.sender = keys.signing.public_key();
  f.seq = 42;
  f.prev.fill(7);
  f.time_us = 1'795'000'000'000'000;
  f.channel = "maritime";
  f.body.assign(body, 'x');
  return f;
}

void BM_EnvelopeSignVerify(benchmark::State& state) {
  auto keys = identity::StationKeys::FromSeedForTesting(1);
  auto fields = Fields(keys, static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    auto env = wire::SignedEnvelope::Sign(fields, keys.signing);
    auto parsed = wire::SignedEnvelope::Parse(env->bytes());
    benchmark::DoNotOptimize(parsed->VerifySignature());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EnvelopeSignVerify)->Arg(200)->Arg(4096);

// The floor: Ed25519 over the same number of bytes, no encoding, parsing or hashing.
void BM_RawEd25519SignVerify(benchmark::State& state) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  const size_t len =
      wire::kEnvelopeFixedHeaderLen + 1 + 8 + 4 + static_cast<size_t>(state.range(0));
  Bytes msg(len, 'x');
  unsigned char sig[crypto_sign_BYTES];
  for (auto _ : state) {
    crypto_sign_detached(sig, nullptr, msg.data(), msg.size(), sk);
    benchmark::DoNotOptimize(
        crypto_sign_verify_detached(sig, msg.data(), msg.size(), pk));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawEd25519SignVerify)->Arg(200)->Arg(4096);

}  // namespace
}  // namespace openline
