#include "transcript/sample.h"

namespace openline::transcript {
namespace {

constexpr uint64_t kSecond = 1'000'000;

struct Conversation {
  SampleLink& link;
  uint64_t now;

  const identity::StationKeys& Keys(int who) const { return who == 0 ? link.a : link.b; }

  Result<wire::EntryRef> Add(int who, Draft draft) {
    auto author = Author::Make(Keys(who), link.transcript);
    if (!author) return tl::unexpected(author.error());
    auto env = author->Next(std::move(draft), now);
    if (!env) return tl::unexpected(env.error());
    return Record(std::move(*env));
  }

  Result<wire::EntryRef> Record(wire::SignedEnvelope env) {
    wire::EntryRef ref = env.ref();
    if (auto ok = link.transcript.Append(std::move(env)); !ok) {
      return MakeError(ErrorCode::kState, ok.error().ToString());
    }
    now += 2 * kSecond;
    return ref;
  }

  Status Receipt(int who, wire::EntryRef subject, wire::ReceiptType type,
                 const std::string& channel, std::string name = "",
                 std::string role = "") {
    auto author = Author::Make(Keys(who), link.transcript);
    if (!author) return tl::unexpected(author.error());
    wire::Receipt rc{type, subject, std::move(name), std::move(role), ""};
    auto env = author->Receipt(rc, wire::Precedence::kRoutine, channel, now);
    if (!env) return tl::unexpected(env.error());
    auto ref = Record(std::move(*env));
    if (!ref) return tl::unexpected(ref.error());
    return Ok();
  }

  Status Checkpoint(int proposer) {
    auto author = Author::Make(Keys(proposer), link.transcript);
    auto proposal = author->ProposeCheckpoint(now);
    if (!proposal) return tl::unexpected(proposal.error());
    auto ref = Record(std::move(*proposal));
    if (!ref) return tl::unexpected(ref.error());
    auto peer = Author::Make(Keys(1 - proposer), link.transcript);
    auto counter = peer->Countersign(*ref, now);
    if (!counter) return tl::unexpected(counter.error());
    auto ref2 = Record(std::move(*counter));
    if (!ref2) return tl::unexpected(ref2.error());
    return Ok();
  }
};

Bytes Text(std::string_view s) { return Bytes(s.begin(), s.end()); }

}  // namespace

Result<SampleLink> MakeSampleLink(const SampleOptions& options) {
  auto a = identity::StationKeys::FromSeedForTesting(options.seed_a);
  auto b = identity::StationKeys::FromSeedForTesting(options.seed_b);
  auto parties = LinkParties::Make(a.Public(), b.Public());
  if (!parties) return tl::unexpected(parties.error());
  SampleLink link{std::move(a), std::move(b), Transcript(std::move(*parties))};
  Conversation c{link, options.start_time_us};
  using wire::Precedence;
  using wire::ReceiptType;

  for (int round = 0; round < options.rounds; ++round) {
    auto flash =
        c.Add(0, {wire::Kind::kText, Precedence::kFlash, "maritime",
                  Text("Round " + std::to_string(round + 1) +
                       ": our destroyer reports your frigate closing at 2 nm, bearing "
                       "270. Request you confirm intentions.")});
    if (!flash) return tl::unexpected(flash.error());
    OPENLINE_TRY(c.Receipt(1, *flash, ReceiptType::kReceived, "maritime"));
    OPENLINE_TRY(c.Receipt(1, *flash, ReceiptType::kDisplayed, "maritime"));
    OPENLINE_TRY(c.Receipt(1, *flash, ReceiptType::kAcknowledged, "maritime", "Li Wei",
                           "operator"));
    auto reply =
        c.Add(1, {wire::Kind::kText, Precedence::kImmediate, "maritime",
                  Text("Received. Our vessel is altering course to 090. No hostile "
                       "intent.")});
    if (!reply) return tl::unexpected(reply.error());
    OPENLINE_TRY(c.Receipt(0, *reply, ReceiptType::kReceived, "maritime"));
    OPENLINE_TRY(c.Receipt(0, *reply, ReceiptType::kAcknowledged, "maritime", "J. Smith",
                           "supervisor"));
    auto routine =
        c.Add(0, {wire::Kind::kText, Precedence::kRoutine, "consular",
                  Text("Routine: consular visit schedule for next week attached.")});
    if (!routine) return tl::unexpected(routine.error());
    // Stored by the other side but nobody answered: a human silence.
    OPENLINE_TRY(c.Receipt(1, *routine, ReceiptType::kReceived, "consular"));
    if (options.checkpoint_every > 0 && (round + 1) % options.checkpoint_every == 0) {
      OPENLINE_TRY(c.Checkpoint(round % 2));
    }
  }
  // A last FLASH that never got a receipt: a technical silence at export time.
  auto last =
      c.Add(1, {wire::Kind::kText, Precedence::kFlash, "air",
                Text("Aircraft approaching your ADIZ is civilian, flight CA981.")});
  if (!last) return tl::unexpected(last.error());
  return link;
}

Result<ExportFile> ExportOf(const SampleLink& link, const SampleOptions& options) {
  const auto& parties = link.transcript.parties();
  ExportFile file;
  const identity::StationKeys& exporter = options.exporter == 0 ? link.a : link.b;
  file.exporter_side =
      static_cast<uint8_t>(*parties.SideOf(exporter.signing.public_key()));
  file.sides = {parties.side(0), parties.side(1)};
  file.link_id = parties.id();
  const bool a_is_side0 = parties.side(0) == link.a.Public();
  file.names = a_is_side0 ? std::array{options.name_a, options.name_b}
                          : std::array{options.name_b, options.name_a};
  for (int s = 0; s < 2; ++s) {
    const Chain& chain = link.transcript.chain(s);
    file.exported_at_us = std::max(
        file.exported_at_us, chain.empty() ? 0 : chain.at(chain.size()).fields().time_us);
    for (const auto& env : chain.entries())
      file.entries[static_cast<size_t>(s)].push_back(env.bytes());
  }
  file.exported_at_us += 1'000'000;
  return file;
}

Result<Bytes> MakeSampleExport(const SampleOptions& options,
                               const std::function<void(ExportFile&)>& edit) {
  auto link = MakeSampleLink(options);
  if (!link) return tl::unexpected(link.error());
  auto file = ExportOf(*link, options);
  if (!file) return tl::unexpected(file.error());
  if (edit) edit(*file);
  const identity::StationKeys& exporter = options.exporter == 0 ? link->a : link->b;
  return file->EncodeAndSeal(exporter.signing);
}

}  // namespace openline::transcript
