#include "wire/envelope.h"

#include <algorithm>

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace openline::wire {
namespace {

bool KnownKind(uint8_t v) { return v >= 1 && v <= kLastKind; }
bool KnownPrecedence(uint8_t v) { return v >= 1 && v <= 4; }
bool IsZero(ByteView b) {
  return std::all_of(b.begin(), b.end(), [](uint8_t v) { return v == 0; });
}

Bytes SignedMessage(ByteView signed_part) {
  Bytes msg;
  msg.reserve(kEnvelopeSignContext.size() + signed_part.size());
  Append(msg, AsBytes(kEnvelopeSignContext));
  Append(msg, signed_part);
  return msg;
}

// Rules shared by Sign and Parse, on decoded fields.
Status ValidateFields(const EnvelopeFields& f) {
  if (f.seq == 0)
    return MakeError(ErrorCode::kMalformed, "sequence number 0 is reserved");
  if (f.seq == 1 && !IsZero(f.prev)) {
    return MakeError(ErrorCode::kMalformed, "first entry must have a zero previous hash");
  }
  if (f.peer.seq == 0 && !IsZero(f.peer.hash)) {
    return MakeError(ErrorCode::kMalformed, "peer reference without a sequence number");
  }
  OPENLINE_TRY(ValidateChannel(f.channel));
  if (f.body.size() > kMaxBodyLen) {
    return MakeError(ErrorCode::kTooLarge, "body of " + std::to_string(f.body.size()) +
                                               " bytes exceeds limit " +
                                               std::to_string(kMaxBodyLen));
  }
  return Ok();
}

}  // namespace

std::string_view ToString(Kind kind) {
  switch (kind) {
    case Kind::kText:
      return "text";
    case Kind::kCatalogue:
      return "catalogue";
    case Kind::kAttachment:
      return "attachment";
    case Kind::kCall:
      return "call";
    case Kind::kTest:
      return "test";
    case Kind::kReceipt:
      return "receipt";
    case Kind::kCheckpoint:
      return "checkpoint";
    case Kind::kKeyRotation:
      return "key-rotation";
    case Kind::kNotice:
      return "notice";
  }
  return "unknown";
}

std::string_view ToString(Precedence precedence) {
  switch (precedence) {
    case Precedence::kRoutine:
      return "routine";
    case Precedence::kPriority:
      return "priority";
    case Precedence::kImmediate:
      return "immediate";
    case Precedence::kFlash:
      return "flash";
  }
  return "unknown";
}

std::optional<Kind> KindFromString(std::string_view s) {
  for (uint8_t v = 1; v <= kLastKind; ++v) {
    if (ToString(static_cast<Kind>(v)) == s) return static_cast<Kind>(v);
  }
  return std::nullopt;
}

std::optional<Precedence> PrecedenceFromString(std::string_view s) {
  for (uint8_t v = 1; v <= 4; ++v) {
    if (ToString(static_cast<Precedence>(v)) == s) return static_cast<Precedence>(v);
  }
  return std::nullopt;
}

Status ValidateChannel(std::string_view channel) {
  if (channel.empty() || channel.size() > kMaxChannelLen) {
    return MakeError(
        ErrorCode::kMalformed,
        "channel name must be 1.." + std::to_string(kMaxChannelLen) + " bytes");
  }
  for (char c : channel) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-';
    if (!ok) {
      return MakeError(ErrorCode::kMalformed,
                       "channel name may only hold a-z, 0-9, '.', '_' and '-'");
    }
  }
  return Ok();
}

ByteView SignedEnvelope::signature() const {
  return ByteView(bytes_).subspan(bytes_.size() - kSignatureLen);
}

bool SignedEnvelope::VerifySignature() const {
  ByteView signed_part = ByteView(bytes_).first(bytes_.size() - kSignatureLen);
  return crypto::Ed25519Verify(fields_.sender, SignedMessage(signed_part), signature());
}

Result<SignedEnvelope> SignedEnvelope::Sign(EnvelopeFields fields,
                                            const crypto::SigningKey& key) {
  OPENLINE_TRY(ValidateFields(fields));
  if (fields.sender != key.public_key()) {
    return MakeError(ErrorCode::kInvalidArgument, "signing key is not the sender's key");
  }
  SignedEnvelope env;
  Bytes& out = env.bytes_;
  out.reserve(kEnvelopeFixedHeaderLen + 5 + fields.channel.size() + fields.body.size() +
              kSignatureLen);
  ByteWriter w(out);
  w.PutU8(kEnvelopeVersion);
  w.PutU8(static_cast<uint8_t>(fields.kind));
  w.PutU8(static_cast<uint8_t>(fields.precedence));
  w.PutU8(0);  // flags
  w.PutBytes(fields.link);
  w.PutBytes(fields.sender);
  w.PutU64(fields.seq);
  w.PutBytes(fields.prev);
  w.PutU64(fields.peer.seq);
  w.PutBytes(fields.peer.hash);
  w.PutU64(fields.time_us);
  w.PutPrefixed8(AsBytes(fields.channel));
  w.PutPrefixed32(fields.body);
  auto sig = key.Sign(SignedMessage(out));
  w.PutBytes(sig);
  env.hash_ = crypto::Sha256(out);
  env.fields_ = std::move(fields);
  return env;
}

Result<SignedEnvelope> SignedEnvelope::Parse(ByteView bytes) {
  if (bytes.size() > kMaxEnvelopeLen) {
    return MakeError(ErrorCode::kTooLarge, "envelope of " + std::to_string(bytes.size()) +
                                               " bytes exceeds limit " +
                                               std::to_string(kMaxEnvelopeLen));
  }
  ByteReader r(bytes);
  SignedEnvelope env;
  EnvelopeFields& f = env.fields_;

  auto version = r.ReadU8("version");
  if (!version) return tl::unexpected(version.error());
  if (*version != kEnvelopeVersion) {
    return MakeError(ErrorCode::kUnsupported,
                     "envelope version " + std::to_string(*version) + " (we speak 1)");
  }
  auto kind = r.ReadU8("kind");
  if (!kind) return tl::unexpected(kind.error());
  if (!KnownKind(*kind)) {
    return MakeError(ErrorCode::kMalformed, "unknown kind " + std::to_string(*kind));
  }
  f.kind = static_cast<Kind>(*kind);
  auto precedence = r.ReadU8("precedence");
  if (!precedence) return tl::unexpected(precedence.error());
  if (!KnownPrecedence(*precedence)) {
    return MakeError(ErrorCode::kMalformed,
                     "unknown precedence " + std::to_string(*precedence));
  }
  f.precedence = static_cast<Precedence>(*precedence);
  auto flags = r.ReadU8("flags");
  if (!flags) return tl::unexpected(flags.error());
  if (*flags != 0) return MakeError(ErrorCode::kMalformed, "reserved flags are not zero");

  auto link = r.ReadArray<kLinkIdLen>("link id");
  if (!link) return tl::unexpected(link.error());
  f.link = *link;
  auto sender = r.ReadArray<32>("sender");
  if (!sender) return tl::unexpected(sender.error());
  f.sender = *sender;
  auto seq = r.ReadU64("seq");
  if (!seq) return tl::unexpected(seq.error());
  f.seq = *seq;
  auto prev = r.ReadArray<kHashLen>("prev hash");
  if (!prev) return tl::unexpected(prev.error());
  f.prev = *prev;
  auto peer_seq = r.ReadU64("peer seq");
  if (!peer_seq) return tl::unexpected(peer_seq.error());
  f.peer.seq = *peer_seq;
  auto peer_hash = r.ReadArray<kHashLen>("peer hash");
  if (!peer_hash) return tl::unexpected(peer_hash.error());
  f.peer.hash = *peer_hash;
  auto time = r.ReadU64("time");
  if (!time) return tl::unexpected(time.error());
  f.time_us = *time;
  auto channel = r.ReadPrefixed8(kMaxChannelLen, "channel");
  if (!channel) return tl::unexpected(channel.error());
  f.channel.assign(AsChars(*channel));
  auto body = r.ReadPrefixed32(kMaxBodyLen, "body");
  if (!body) return tl::unexpected(body.error());
  f.body.assign(body->begin(), body->end());
  auto sig = r.ReadBytes(kSignatureLen, "signature");
  if (!sig) return tl::unexpected(sig.error());
  OPENLINE_TRY(r.ExpectEnd("envelope"));
  OPENLINE_TRY(ValidateFields(f));

  env.bytes_.assign(bytes.begin(), bytes.end());
  env.hash_ = crypto::Sha256(bytes);
  return env;
}

}  // namespace openline::wire
