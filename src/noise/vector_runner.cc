#include "noise/vector_runner.h"

#include <fstream>
#include <iterator>
#include <optional>
#include <utility>

#include "noise/handshake_state.h"

namespace openline::noise {
namespace {

using nlohmann::json;

tl::unexpected<Error> Fail(std::string reason) {
  return MakeError(ErrorCode::kVerification, std::move(reason));
}

const std::string* GetString(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

// A hex field, or an empty Bytes if it is absent; a present but bad field fails.
Result<std::optional<Bytes>> GetHex(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return std::optional<Bytes>();
  if (!it->is_string()) return (Fail(std::string(key) + " is not a string"));
  auto bytes = FromHex(it->get_ref<const std::string&>());
  if (!bytes) return (Fail(std::string(key) + ": " + bytes.error().message));
  return std::optional<Bytes>(std::move(*bytes));
}

Result<crypto::X25519Public> ToPublic(const Bytes& bytes, const char* key) {
  if (bytes.size() != crypto::kX25519Len) {
    return (Fail(std::string(key) + " is not 32 bytes"));
  }
  crypto::X25519Public out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

// Builds one party's keys from the "init_" or "resp_" fields.
Result<HandshakeKeys> PartyKeys(const json& v, const std::string& prefix) {
  HandshakeKeys keys;
  const std::string s_key = prefix + "static";
  const std::string e_key = prefix + "ephemeral";
  const std::string rs_key = prefix + "remote_static";
  const std::string re_key = prefix + "remote_ephemeral";
  for (const std::string* key : {&s_key, &e_key}) {
    auto priv = GetHex(v, key->c_str());
    if (!priv) return tl::unexpected(std::move(priv).error());
    if (!*priv) continue;
    if ((*priv)->size() != crypto::kX25519Len) {
      return (Fail(*key + " is not 32 bytes"));
    }
    auto pair = crypto::X25519KeyPair::FromPrivate(**priv);
    crypto::Wipe((*priv)->data(), (*priv)->size());
    (key == &s_key ? keys.s : keys.e) = std::move(pair);
  }
  for (const std::string* key : {&rs_key, &re_key}) {
    auto pub = GetHex(v, key->c_str());
    if (!pub) return tl::unexpected(std::move(pub).error());
    if (!*pub) continue;
    auto value = ToPublic(**pub, key->c_str());
    if (!value) return tl::unexpected(std::move(value).error());
    (key == &rs_key ? keys.rs : keys.re) = *value;
  }
  // cacophony: "init_psks": [hex, ...]; noise-c: "init_psk": hex.
  std::vector<std::string> psk_hex;
  if (auto it = v.find(prefix + "psks"); it != v.end()) {
    if (!it->is_array()) return (Fail(prefix + "psks is not a list"));
    for (const auto& item : *it) {
      if (!item.is_string()) return (Fail(prefix + "psks holds a non-string"));
      psk_hex.push_back(item.get<std::string>());
    }
  } else if (const std::string* one = GetString(v, (prefix + "psk").c_str())) {
    psk_hex.push_back(*one);
  }
  for (const auto& hex : psk_hex) {
    auto psk = FromHexArray<kPskLen>(hex);
    if (!psk) return (Fail(prefix + "psk: " + psk.error().message));
    keys.psks.emplace_back(*psk);
    crypto::Wipe(psk->data(), psk->size());
  }
  return keys;
}

struct Message {
  Bytes payload;
  Bytes ciphertext;
};

Result<std::vector<Message>> Messages(const json& v) {
  auto it = v.find("messages");
  if (it == v.end() || !it->is_array()) return (Fail("no messages list"));
  std::vector<Message> out;
  for (const auto& m : *it) {
    if (!m.is_object()) return (Fail("message is not an object"));
    auto payload = GetHex(m, "payload");
    auto ciphertext = GetHex(m, "ciphertext");
    if (!payload) return tl::unexpected(std::move(payload).error());
    if (!ciphertext) return tl::unexpected(std::move(ciphertext).error());
    if (!*payload || !*ciphertext) return (Fail("message lacks a field"));
    out.push_back(Message{std::move(**payload), std::move(**ciphertext)});
  }
  return out;
}

std::string At(size_t i) { return "message " + std::to_string(i) + ": "; }

// One message from `sender` to `receiver`; `write`/`read` do the actual work so
// the same check serves handshake and transport messages.
template <class WriteFn, class ReadFn>
Status CheckMessage(size_t i, const Message& m, WriteFn write, ReadFn read) {
  auto ciphertext = write(m.payload);
  if (!ciphertext) return (Fail(At(i) + "write: " + ciphertext.error().message));
  if (*ciphertext != m.ciphertext) {
    return (Fail(At(i) + "ciphertext differs: got " + ToHex(*ciphertext)));
  }
  auto payload = read(m.ciphertext);
  if (!payload) return (Fail(At(i) + "read: " + payload.error().message));
  if (*payload != m.payload) return (Fail(At(i) + "payload differs"));
  return Ok();
}

}  // namespace

Status RunVector(const json& v) {
  if (!v.is_object()) return (Fail("vector is not an object"));
  const std::string* name = GetString(v, "protocol_name");
  if (name == nullptr) name = GetString(v, "name");
  if (name == nullptr) return (Fail("no protocol_name or name"));
  if (auto it = v.find("fallback");
      it != v.end() && it->is_boolean() && it->get<bool>()) {
    return MakeError(ErrorCode::kUnsupported, "fallback (Noise Pipes) vectors");
  }
  auto protocol = ParseProtocolName(*name);
  if (!protocol) return tl::unexpected(std::move(protocol).error());

  auto init_keys = PartyKeys(v, "init_");
  if (!init_keys) return tl::unexpected(std::move(init_keys).error());
  auto resp_keys = PartyKeys(v, "resp_");
  if (!resp_keys) return tl::unexpected(std::move(resp_keys).error());
  auto init_prologue = GetHex(v, "init_prologue");
  auto resp_prologue = GetHex(v, "resp_prologue");
  auto expected_hash = GetHex(v, "handshake_hash");
  if (!init_prologue || !resp_prologue || !expected_hash) {
    return (Fail("bad prologue or handshake_hash"));
  }
  auto messages = Messages(v);
  if (!messages) return tl::unexpected(std::move(messages).error());

  auto init = HandshakeState::Initialize(
      *protocol, true, init_prologue->value_or(Bytes{}), std::move(*init_keys));
  if (!init) return (Fail("initiator: " + init.error().message));
  auto resp = HandshakeState::Initialize(
      *protocol, false, resp_prologue->value_or(Bytes{}), std::move(*resp_keys));
  if (!resp) return (Fail("responder: " + resp.error().message));

  const auto& pattern = protocol->pattern;
  if (messages->size() < pattern.messages.size()) {
    return (Fail("fewer messages than the pattern has"));
  }
  size_t i = 0;
  for (; i < pattern.messages.size(); ++i) {
    HandshakeState& sender = pattern.messages[i].from_initiator ? *init : *resp;
    HandshakeState& receiver = pattern.messages[i].from_initiator ? *resp : *init;
    OPENLINE_TRY(CheckMessage(
        i, (*messages)[i], [&](ByteView p) { return sender.WriteMessage(p); },
        [&](ByteView c) { return receiver.ReadMessage(c); }));
  }
  if (!init->IsComplete() || !resp->IsComplete()) {
    return (Fail("handshake not complete after its messages"));
  }
  if (expected_hash->has_value()) {
    if (init->GetHandshakeHash() != **expected_hash) {
      return (Fail("initiator handshake hash differs"));
    }
    if (resp->GetHandshakeHash() != **expected_hash) {
      return (Fail("responder handshake hash differs"));
    }
  }

  // Transport: c1 carries initiator -> responder, c2 the other way.
  auto init_ciphers = init->Split();
  auto resp_ciphers = resp->Split();
  if (!init_ciphers || !resp_ciphers) return (Fail("Split failed"));
  for (; i < messages->size(); ++i) {
    const bool from_initiator = pattern.IsOneWay() || i % 2 == 0;
    CipherState& send = from_initiator ? init_ciphers->first : resp_ciphers->second;
    CipherState& recv = from_initiator ? resp_ciphers->first : init_ciphers->second;
    OPENLINE_TRY(CheckMessage(
        i, (*messages)[i], [&](ByteView p) { return send.EncryptWithAd({}, p); },
        [&](ByteView c) { return recv.DecryptWithAd({}, c); }));
  }
  return Ok();
}

Result<VectorReport> RunVectorsJson(std::string_view json_text) {
  const json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return MakeError(ErrorCode::kMalformed, "vector file is not JSON");
  auto it = doc.is_object() ? doc.find("vectors") : doc.end();
  if (!doc.is_object() || it == doc.end() || !it->is_array()) {
    return MakeError(ErrorCode::kMalformed, "vector file has no \"vectors\" list");
  }
  VectorReport report;
  for (size_t index = 0; index < it->size(); ++index) {
    const json& v = (*it)[index];
    Status status = RunVector(v);
    if (status) {
      ++report.passed;
    } else if (status.error().code == ErrorCode::kUnsupported) {
      ++report.skipped;
      ++report.skip_reasons[status.error().message];
    } else {
      ++report.failed;
      const std::string* name = v.is_object() ? GetString(v, "protocol_name") : nullptr;
      if (name == nullptr && v.is_object()) name = GetString(v, "name");
      report.failures.push_back(
          VectorFailure{index, name != nullptr ? *name : "?", status.error().message});
    }
  }
  return report;
}

Result<VectorReport> RunVectorFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return MakeError(ErrorCode::kIo, "cannot open " + path);
  const std::streamoff size = in.tellg();
  if (size < 0 || static_cast<uint64_t>(size) > kMaxVectorFileBytes) {
    return MakeError(
        ErrorCode::kTooLarge,
        path + " is larger than " + std::to_string(kMaxVectorFileBytes) + " bytes");
  }
  in.seekg(0);
  std::string text(static_cast<size_t>(size), '\0');
  if (!in.read(text.data(), size))
    return MakeError(ErrorCode::kIo, "cannot read " + path);
  return RunVectorsJson(text);
}

}  // namespace openline::noise
