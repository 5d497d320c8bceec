#include "cli/report_format.h"

#include <ctime>
#include <sstream>

#include "common/text.h"
#include "identity/fingerprint.h"

namespace openline::cli {
namespace {

constexpr size_t kMaxListed = 20;

std::string SideLabel(const transcript::VerifyReport& r, int side) {
  const auto& name = r.sides[static_cast<size_t>(side)].name;
  // Names are validated when the file is parsed; escaping is the second fence.
  return name.empty() ? "side " + std::to_string(side) : EscapeForTerminal(name);
}

std::string MessageLine(const transcript::VerifyReport& r,
                        const transcript::MessageStatus& m) {
  std::ostringstream out;
  out << "    " << SideLabel(r, m.side) << " #" << m.seq << "  " << FormatTime(m.time_us)
      << "  " << wire::ToString(m.precedence) << "  " << m.channel << "  "
      << wire::ToString(m.kind);
  return out.str();
}

// "washington #12: NOTICE unanswered after 600 s (received, not acknowledged) for
// washington #9": the sender's own signed statement, in the words the two
// silences have everywhere else in the report.
std::string NoticeLine(const transcript::VerifyReport& r,
                       const transcript::NoticeStatus& n) {
  std::ostringstream out;
  out << "    " << SideLabel(r, n.side) << " #" << n.seq << ": NOTICE "
      << wire::ToString(n.notice.type) << " after " << n.notice.deadline_s << " s ("
      << wire::Describe(n.notice.silence) << ") for " << SideLabel(r, n.side) << " #"
      << n.notice.subject.seq << "  " << FormatTime(n.time_us);
  return out.str();
}

nlohmann::json NoticeJson(const transcript::NoticeStatus& n) {
  return {{"side", n.side},
          {"seq", n.seq},
          {"time", FormatTime(n.time_us)},
          {"type", wire::ToString(n.notice.type)},
          {"subject_seq", n.notice.subject.seq},
          {"after_seconds", n.notice.deadline_s},
          {"silence", wire::ToString(n.notice.silence)}};
}

nlohmann::json MessageJson(const transcript::MessageStatus& m) {
  return {{"side", m.side},
          {"seq", m.seq},
          {"time", FormatTime(m.time_us)},
          {"kind", wire::ToString(m.kind)},
          {"precedence", wire::ToString(m.precedence)},
          {"channel", m.channel},
          {"received", m.received},
          {"displayed", m.displayed},
          {"acknowledged", m.acknowledged}};
}

}  // namespace

std::string FormatTime(uint64_t time_us) {
  const std::time_t secs = static_cast<std::time_t>(time_us / 1'000'000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03uZ", buf,
                static_cast<unsigned>((time_us / 1000) % 1000));
  return out;
}

std::string ReportToText(const transcript::VerifyReport& r) {
  std::ostringstream out;
  out << "transcript verified: OK\n";
  out << "  link      " << ToHex(r.link_id).substr(0, 16) << "…\n";
  out << "  exported  " << FormatTime(r.exported_at_us) << " by "
      << SideLabel(r, r.exporter_side) << " (seal verified)\n";
  for (int s = 0; s < 2; ++s) {
    const auto& side = r.sides[static_cast<size_t>(s)];
    out << "  " << SideLabel(r, s) << "  key "
        << identity::ShortFingerprint(side.identity) << "  " << side.entries
        << " entries";
    if (side.entries > 0) {
      out << ", " << FormatTime(side.first_time_us) << " .. "
          << FormatTime(side.last_time_us);
    }
    out << "\n";
    if (!side.by_kind.empty()) {
      out << "      ";
      bool first = true;
      for (const auto& [kind, n] : side.by_kind) {
        out << (first ? "" : ", ") << n << " " << wire::ToString(kind);
        first = false;
      }
      out << "\n";
    }
  }
  out << "  pair fingerprint  "
      << identity::PairFingerprint(r.sides[0].identity, r.sides[1].identity) << "\n";
  out << "  checkpoints  " << r.checkpoints.proposals << " proposed, "
      << r.checkpoints.cosigned << " co-signed";
  if (r.checkpoints.last_cosigned_sizes) {
    const auto& sizes = *r.checkpoints.last_cosigned_sizes;
    out << "; the newest, " << FormatTime(r.checkpoints.last_cosigned_time_us)
        << ", covers " << SideLabel(r, 0) << " #1.." << sizes[0] << " and "
        << SideLabel(r, 1) << " #1.." << sizes[1];
  }
  out << "\n";
  out << "  messages  " << r.messages
      << "; never received (no receipt, technical): " << r.not_received.size()
      << "; received but never acknowledged (human): " << r.not_acknowledged.size()
      << "\n";
  if (!r.not_received.empty()) {
    out << "  never received:\n";
    for (size_t i = 0; i < r.not_received.size() && i < kMaxListed; ++i) {
      out << MessageLine(r, r.not_received[i]) << "\n";
    }
  }
  if (!r.not_acknowledged.empty()) {
    out << "  received, never acknowledged:\n";
    for (size_t i = 0; i < r.not_acknowledged.size() && i < kMaxListed; ++i) {
      out << MessageLine(r, r.not_acknowledged[i]) << "\n";
    }
    if (r.not_acknowledged.size() > kMaxListed) {
      out << "    … and " << r.not_acknowledged.size() - kMaxListed
          << " more (--json lists all)\n";
    }
  }
  if (!r.notices.empty()) {
    out << "  notices  " << r.notices.size()
        << " (signed by the sender of the message)\n";
    for (size_t i = 0; i < r.notices.size() && i < kMaxListed; ++i) {
      out << NoticeLine(r, r.notices[i]) << "\n";
    }
    if (r.notices.size() > kMaxListed) {
      out << "    … and " << r.notices.size() - kMaxListed
          << " more (--json lists all)\n";
    }
  }
  return out.str();
}

nlohmann::json ReportToJson(const transcript::VerifyReport& r) {
  nlohmann::json sides = nlohmann::json::array();
  for (const auto& side : r.sides) {
    nlohmann::json kinds = nlohmann::json::object();
    for (const auto& [kind, n] : side.by_kind)
      kinds[std::string(wire::ToString(kind))] = n;
    sides.push_back({{"name", side.name},
                     {"identity", side.identity.Encode()},
                     {"fingerprint", identity::ShortFingerprint(side.identity)},
                     {"entries", side.entries},
                     {"by_kind", kinds},
                     {"first_time", side.entries ? FormatTime(side.first_time_us) : ""},
                     {"last_time", side.entries ? FormatTime(side.last_time_us) : ""}});
  }
  nlohmann::json not_received = nlohmann::json::array();
  for (const auto& m : r.not_received) not_received.push_back(MessageJson(m));
  nlohmann::json not_acked = nlohmann::json::array();
  for (const auto& m : r.not_acknowledged) not_acked.push_back(MessageJson(m));
  nlohmann::json notices = nlohmann::json::array();
  for (const auto& n : r.notices) notices.push_back(NoticeJson(n));
  nlohmann::json checkpoints = {{"proposed", r.checkpoints.proposals},
                                {"cosigned", r.checkpoints.cosigned}};
  if (r.checkpoints.last_cosigned_sizes) {
    checkpoints["last_cosigned"] = {
        {"sizes", *r.checkpoints.last_cosigned_sizes},
        {"time", FormatTime(r.checkpoints.last_cosigned_time_us)}};
  }
  return {{"ok", true},
          {"link_id", ToHex(r.link_id)},
          {"exported_at", FormatTime(r.exported_at_us)},
          {"exporter_side", r.exporter_side},
          {"pair_fingerprint",
           identity::PairFingerprint(r.sides[0].identity, r.sides[1].identity)},
          {"sides", sides},
          {"checkpoints", checkpoints},
          {"messages", r.messages},
          {"not_received", not_received},
          {"not_acknowledged", not_acked},
          {"notices", notices}};
}

std::string ComparisonToText(const transcript::Comparison& c,
                             const transcript::VerifyReport& first, const std::string& a,
                             const std::string& b) {
  std::ostringstream out;
  out << "both transcripts verified, and they agree: no entry differs\n";
  for (int s = 0; s < 2; ++s) {
    const uint64_t na = c.sizes[0][static_cast<size_t>(s)];
    const uint64_t nb = c.sizes[1][static_cast<size_t>(s)];
    out << "  " << SideLabel(first, s) << ": " << na << " entries in "
        << EscapeForTerminal(a) << ", " << nb << " in " << EscapeForTerminal(b);
    if (na != nb) {
      out << " (" << EscapeForTerminal(na > nb ? b : a) << " lacks the newest "
          << (na > nb ? na - nb : nb - na) << ")";
    }
    out << "\n";
  }
  return out.str();
}

nlohmann::json ComparisonToJson(const transcript::Comparison& c,
                                const transcript::VerifyReport& first,
                                const std::string& a, const std::string& b) {
  nlohmann::json sides = nlohmann::json::array();
  for (int s = 0; s < 2; ++s) {
    sides.push_back({{"name", first.sides[static_cast<size_t>(s)].name},
                     {"entries",
                      {{a, c.sizes[0][static_cast<size_t>(s)]},
                       {b, c.sizes[1][static_cast<size_t>(s)]}}}});
  }
  return {{"ok", true}, {"agree", true}, {"identical", c.identical}, {"sides", sides}};
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ViolationToText(const transcript::Violation& v,
                            const std::array<std::string, 2>& side_names) {
  std::string where;
  if (v.side >= 0) {
    const auto& name = side_names[static_cast<size_t>(v.side)];
    where = " at " +
            (name.empty() ? "side " + std::to_string(v.side) : EscapeForTerminal(name)) +
            " entry #" + std::to_string(v.seq);
  }
  return "transcript verification FAILED: " + std::string(transcript::ToString(v.kind)) +
         where + ": " + v.detail + "\n";
}

nlohmann::json ViolationToJson(const transcript::Violation& v) {
  nlohmann::json j = {{"ok", false},
                      {"violation", std::string(transcript::ToString(v.kind))},
                      {"detail", v.detail}};
  if (v.side >= 0) {
    j["side"] = v.side;
    j["seq"] = v.seq;
  }
  return j;
}

}  // namespace openline::cli
