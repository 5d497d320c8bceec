// What operators see of a link, computed from its transcript: the inbox (peer
// messages nobody here has acknowledged, most urgent first), the timeline of one
// of our messages (signed, received, displayed, acknowledged by whom, with the
// times each station put on its statements), and the log (every entry in order).
// Pure functions over a Transcript, so the CLI, the API and the console all show
// the same thing, and tests need no station.
//
// Two kinds of silence stay apart everywhere (SPEC, "Two kinds of silence"): no
// *received* receipt is a technical problem; received without *acknowledged* is
// a human one.
//
// Depends on: transcript/, wire/. Thread-safety: pure.
#ifndef OPENLINE_STATION_MESSAGE_VIEWS_H_
#define OPENLINE_STATION_MESSAGE_VIEWS_H_

#include <optional>
#include <string>
#include <vector>

#include "transcript/transcript.h"
#include "wire/receipt.h"

namespace openline::station {

// A message-kind entry (text, catalogue, attachment, call, test) and what the
// other station has said about it so far.
struct MessageView {
  int side = 0;  // the sender
  uint64_t seq = 0;
  uint64_t time_us = 0;
  wire::Kind kind = wire::Kind::kText;
  wire::Precedence precedence = wire::Precedence::kRoutine;
  std::string channel;
  Bytes body;
  // The other station's statements about it (times are the other station's).
  std::optional<uint64_t> received_us;
  std::optional<uint64_t> displayed_us;
  std::optional<uint64_t> acknowledged_us;
  std::string acknowledged_by;    // operator display name
  std::string acknowledged_role;  // operator role
  std::string acknowledged_note;
};

// "pending" (not yet received), "received", "displayed", "acknowledged".
std::string_view StateOf(const MessageView& m);

// The message at (side, seq), if that entry is a message.
std::optional<MessageView> ViewMessage(const transcript::Transcript& t, int side,
                                       uint64_t seq);

// Peer messages (sent by 1 - own_side) without an acknowledgement from us: FLASH
// first, then IMMEDIATE, PRIORITY, ROUTINE; oldest first within a precedence.
std::vector<MessageView> Inbox(const transcript::Transcript& t, int own_side);

// Every message of both sides in chain order per side, merged by time.
std::vector<MessageView> Messages(const transcript::Transcript& t);

}  // namespace openline::station

#endif  // OPENLINE_STATION_MESSAGE_VIEWS_H_
