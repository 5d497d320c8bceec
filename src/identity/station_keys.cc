#include "identity/station_keys.h"

namespace openline::identity {

StationKeys StationKeys::Generate() {
  return {crypto::SigningKey::Generate(), crypto::X25519KeyPair::Generate()};
}

StationKeys StationKeys::FromSeedForTesting(uint8_t seed) {
  crypto::Secret<32> sign_seed;
  crypto::Secret<32> dh_seed;
  for (size_t i = 0; i < 32; ++i) {
    sign_seed.data()[i] = static_cast<uint8_t>(seed + i);
    dh_seed.data()[i] = static_cast<uint8_t>(seed ^ (0xa5 + i));
  }
  return {*crypto::SigningKey::FromSeed(sign_seed.view()),
          crypto::X25519KeyPair::FromPrivate(dh_seed.view())};
}

}  // namespace openline::identity
