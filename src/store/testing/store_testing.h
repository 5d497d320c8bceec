// Helpers shared by the store's tests: a temporary directory that cleans up
// after itself, links and messages with plausible values, and ChainWriter, which
// makes real signed entries for one side of a link (the store keeps and checks
// exact envelope bytes, so tests use the real format).
//
// Depends on: store/station_store.h, identity/station_keys.h, wire/.
// Thread-safety: none.
#ifndef OPENLINE_STORE_TESTING_STORE_TESTING_H_
#define OPENLINE_STORE_TESTING_STORE_TESTING_H_

#include <filesystem>
#include <string>

#include "identity/station_keys.h"
#include "store/station_store.h"

namespace openline::store::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
};

// Our station is seed 1; peers are other seeds.
inline constexpr uint8_t kOwnSeed = 1;

LinkConfig MakeLink(const std::string& name, uint8_t peer_seed);
AcceptedMessage MakeMessage(const std::string& link, const std::string& text,
                            wire::Precedence precedence = wire::Precedence::kRoutine);

class ChainWriter {
 public:
  explicit ChainWriter(uint8_t seed);

  // Continues after entry `seq` with hash `hash` (seq 0: an empty chain).
  void ResumeAfter(uint64_t seq, const wire::Hash& hash);
  // The next entry, and the writer moves past it.
  wire::SignedEnvelope Next(const std::string& channel, Bytes body,
                            wire::Kind kind = wire::Kind::kText,
                            wire::Precedence precedence = wire::Precedence::kRoutine);
  // The next entry signing `m` exactly as accepted.
  wire::SignedEnvelope NextFor(const AcceptedMessage& m);
  // An entry with any seq and prev, for tests of what the store refuses; the
  // writer does not move.
  wire::SignedEnvelope Make(uint64_t seq, const wire::Hash& prev, Bytes body) const;

  uint64_t seq() const { return seq_; }

 private:
  identity::StationKeys keys_;
  uint64_t seq_ = 0;
  wire::Hash prev_{};
};

Bytes ToBytes(const std::string& s);

}  // namespace openline::store::testing

#endif  // OPENLINE_STORE_TESTING_STORE_TESTING_H_
