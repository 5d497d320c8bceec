#include "store/testing/store_testing.h"

#include <cstdlib>

namespace openline::store::testing {
namespace {

// Any fixed value: the store does not derive link ids (the transcript does).
constexpr wire::LinkId kLinkId = {0x6c, 0x69, 0x6e, 0x6b};

}  // namespace

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "openline-store-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) std::abort();  // tests cannot go on
  dir_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;  // best effort: a leftover temp dir fails no test
  std::filesystem::remove_all(dir_, ignored);
}

Bytes ToBytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

LinkConfig MakeLink(const std::string& name, uint8_t peer_seed) {
  LinkConfig link;
  link.name = name;
  link.peer = identity::StationKeys::FromSeedForTesting(peer_seed).Public();
  link.paths = {"tcp://192.0.2." + std::to_string(peer_seed) + ":7000",
                "relay://relay.example:443/" + name};
  link.created_us = 1'700'000'000'000'000;
  return link;
}

AcceptedMessage MakeMessage(const std::string& link, const std::string& text,
                            wire::Precedence precedence) {
  AcceptedMessage m;
  m.link = link;
  m.channel = "maritime";
  m.precedence = precedence;
  m.kind = wire::Kind::kText;
  m.body = ToBytes(text);
  m.accepted_us = 1'700'000'000'000'001;
  return m;
}

ChainWriter::ChainWriter(uint8_t seed)
    : keys_(identity::StationKeys::FromSeedForTesting(seed)) {}

void ChainWriter::ResumeAfter(uint64_t seq, const wire::Hash& hash) {
  seq_ = seq;
  prev_ = hash;
}

wire::SignedEnvelope ChainWriter::Next(const std::string& channel, Bytes body,
                                       wire::Kind kind, wire::Precedence precedence) {
  wire::EnvelopeFields f;
  f.kind = kind;
  f.precedence = precedence;
  f.link = kLinkId;
  f.sender = keys_.signing.public_key();
  f.seq = seq_ + 1;
  f.prev = prev_;
  f.time_us = 1'700'000'000'000'000 + f.seq;
  f.channel = channel;
  f.body = std::move(body);
  auto env = wire::SignedEnvelope::Sign(std::move(f), keys_.signing);
  if (!env) std::abort();  // a test bug: the fields above are always valid
  seq_ = env->fields().seq;
  prev_ = env->hash();
  return *std::move(env);
}

wire::SignedEnvelope ChainWriter::NextFor(const AcceptedMessage& m) {
  return Next(m.channel, m.body, m.kind, m.precedence);
}

wire::SignedEnvelope ChainWriter::Make(uint64_t seq, const wire::Hash& prev,
                                       Bytes body) const {
  wire::EnvelopeFields f;
  f.link = kLinkId;
  f.sender = keys_.signing.public_key();
  f.seq = seq;
  f.prev = prev;
  f.time_us = 1'700'000'000'000'000 + seq;
  f.channel = "maritime";
  f.body = std::move(body);
  auto env = wire::SignedEnvelope::Sign(std::move(f), keys_.signing);
  if (!env) std::abort();
  return *std::move(env);
}

}  // namespace openline::store::testing
