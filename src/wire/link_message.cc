#include "wire/link_message.h"

#include "common/byte_reader.h"
#include "common/byte_writer.h"
#include "wire/constants.h"

namespace openline::wire {
namespace {

enum Type : uint8_t { kHello = 1, kEntry = 2, kAck = 3, kPing = 4, kPong = 5 };

}  // namespace

Bytes EncodeLinkMessage(const LinkMessage& message) {
  Bytes out;
  // Reserving up front also keeps GCC 12's -Warray-bounds from misfiring on the
  // inlined vector growth at -O2 (a known false positive).
  const auto* entry = std::get_if<Entry>(&message);
  out.reserve(1 + 8 + 1 + kMaxSackRanges * 16 + (entry ? entry->envelope.size() : 0));
  ByteWriter w(out);
  if (const auto* m = std::get_if<Hello>(&message)) {
    w.PutU8(kHello);
    w.PutU8(kLinkProtocolVersion);
    w.PutU64(m->have);
    w.PutU64(m->size);
  } else if (const auto* e = std::get_if<Entry>(&message)) {
    w.PutU8(kEntry);
    w.PutBytes(e->envelope);
  } else if (const auto* a = std::get_if<Ack>(&message)) {
    w.PutU8(kAck);
    w.PutU64(a->have);
    const size_t n = std::min(a->sack.size(), kMaxSackRanges);
    w.PutU8(static_cast<uint8_t>(n));
    for (size_t i = 0; i < n; ++i) {
      w.PutU64(a->sack[i].first);
      w.PutU64(a->sack[i].last);
    }
  } else if (const auto* p = std::get_if<Ping>(&message)) {
    w.PutU8(kPing);
    w.PutU64(p->nonce);
    w.PutU64(p->sent_us);
  } else if (const auto* q = std::get_if<Pong>(&message)) {
    w.PutU8(kPong);
    w.PutU64(q->nonce);
    w.PutU64(q->sent_us);
  }
  return out;
}

Result<LinkMessage> ParseLinkMessage(ByteView bytes) {
  ByteReader r(bytes);
  auto type = r.ReadU8("link message type");
  if (!type) return tl::unexpected(type.error());
  switch (*type) {
    case kHello: {
      auto version = r.ReadU8("version");
      if (!version) return tl::unexpected(version.error());
      if (*version != kLinkProtocolVersion) {
        return MakeError(ErrorCode::kUnsupported,
                         "link protocol version " + std::to_string(*version));
      }
      auto have = r.ReadU64("have");
      if (!have) return tl::unexpected(have.error());
      auto size = r.ReadU64("size");
      if (!size) return tl::unexpected(size.error());
      OPENLINE_TRY(r.ExpectEnd("hello"));
      return Hello{*have, *size};
    }
    case kEntry: {
      if (r.remaining() == 0 || r.remaining() > kMaxEnvelopeLen) {
        return MakeError(ErrorCode::kMalformed,
                         "entry message without a valid envelope size");
      }
      auto body = r.ReadBytes(r.remaining(), "envelope");
      return Entry{Bytes(body->begin(), body->end())};
    }
    case kAck: {
      auto have = r.ReadU64("have");
      if (!have) return tl::unexpected(have.error());
      auto n = r.ReadU8("sack count");
      if (!n) return tl::unexpected(n.error());
      if (*n > kMaxSackRanges) {
        return MakeError(ErrorCode::kTooLarge, "too many sack ranges");
      }
      Ack ack{*have, {}};
      for (uint8_t i = 0; i < *n; ++i) {
        auto first = r.ReadU64("sack first");
        if (!first) return tl::unexpected(first.error());
        auto last = r.ReadU64("sack last");
        if (!last) return tl::unexpected(last.error());
        if (*first > *last || *first <= ack.have) {
          return MakeError(ErrorCode::kMalformed, "sack range out of order");
        }
        ack.sack.push_back({*first, *last});
      }
      OPENLINE_TRY(r.ExpectEnd("ack"));
      return ack;
    }
    case kPing:
    case kPong: {
      auto nonce = r.ReadU64("nonce");
      if (!nonce) return tl::unexpected(nonce.error());
      auto sent = r.ReadU64("sent time");
      if (!sent) return tl::unexpected(sent.error());
      OPENLINE_TRY(r.ExpectEnd("heartbeat"));
      if (*type == kPing) return Ping{*nonce, *sent};
      return Pong{*nonce, *sent};
    }
    default:
      return MakeError(ErrorCode::kMalformed,
                       "unknown link message type " + std::to_string(*type));
  }
}

}  // namespace openline::wire
