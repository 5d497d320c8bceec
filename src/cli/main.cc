// `openline`: one binary, one subcommand per task. This file only wires CLI11 to
// the commands in commands.h; CLI11's parse errors are the one place exceptions
// are caught (as CLI11 requires), and every command returns its exit code.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/operator_cli.h"

int main(int argc, char** argv) {
  using namespace openline::cli;
  CLI::App app{
      "openline: a secure crisis hotline between two stations.\n"
      "Each side runs its own station; messages and receipts are signed and chained into "
      "a\n"
      "transcript both sides hold and anyone can verify offline."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "openline 0.1.0");

  InitOptions init;
  auto* init_cmd =
      app.add_subcommand("init", "Create a station: keys (0600) and configuration");
  init_cmd->add_option("--dir", init.dir, "Station folder to create")->required();
  init_cmd->add_option("--name", init.name, "Station name, e.g. washington")->required();
  init_cmd->add_option(
      "--listen", init.listen,
      "HOST:PORT where the other station connects (default 127.0.0.1:7001)");
  init_cmd->add_option("--api", init.api,
                       "HOST:PORT of the local API (default 127.0.0.1:7101; keep it on "
                       "loopback)");

  IdentityOptions ident;
  auto* ident_cmd = app.add_subcommand(
      "identity", "Print this station's public identity, fingerprint and QR code");
  ident_cmd->add_option("--dir", ident.dir, "Station folder")->required();
  ident_cmd->add_option(
      "--peer", ident.peer,
      "The other station's identity: also print the pair fingerprint to read "
      "aloud");
  ident_cmd->add_flag("--no-qr", ident.no_qr, "Do not draw the QR code");
  ident_cmd->add_flag("--json", ident.json, "Machine-readable output");

  VerifyOptionsCli verify;
  auto* verify_cmd = app.add_subcommand(
      "verify", "Verify an exported transcript offline; exit 0 if it is consistent");
  verify_cmd->add_option("file", verify.file, "Transcript export file")->required();
  verify_cmd->add_option(
      "--peer-key", verify.peer_key,
      "An identity (olid1...) the file must contain: your own copy of a "
      "station's key");
  verify_cmd->add_option(
      "--against", verify.against,
      "A second export of the same link (e.g. the other station's): both "
      "must verify and agree");
  verify_cmd->add_flag("--json", verify.json, "Machine-readable output");

  ProveOptions prove;
  auto* prove_cmd = app.add_subcommand(
      "prove",
      "Cut a proof that one entry is in the co-signed record, revealing nothing else");
  prove_cmd->add_option("file", prove.file, "Transcript export file")->required();
  prove_cmd->add_option("--station", prove.station, "Whose entry: a station name or 0/1")
      ->required();
  prove_cmd->add_option("--seq", prove.seq, "The entry's sequence number")->required();
  prove_cmd->add_option("--out", prove.out, "Proof file to write")->required();

  VerifyProofOptions verify_proof;
  auto* verify_proof_cmd = app.add_subcommand(
      "verify-proof", "Verify an entry proof offline and show the entry");
  verify_proof_cmd->add_option("file", verify_proof.file, "Proof file")->required();
  verify_proof_cmd->add_option("--peer-key", verify_proof.peer_key,
                               "An identity the proof must contain");
  verify_proof_cmd->add_flag("--json", verify_proof.json, "Machine-readable output");

  StationOptions station;
  auto* station_cmd =
      app.add_subcommand("station", "Run the station daemon (SIGTERM stops it)");
  station_cmd->add_option("--dir", station.dir, "Station folder")->required();

  auto* link_cmd = app.add_subcommand("link", "Manage links to other stations");
  link_cmd->require_subcommand(1);
  LinkAddOptions link_add;
  auto* link_add_cmd = link_cmd->add_subcommand(
      "add", "Pin another station's key; nothing connects until both sides have done so");
  link_add_cmd->add_option("--dir", link_add.dir, "Station folder")->required();
  link_add_cmd->add_option("--name", link_add.name, "A name for the other station")
      ->required();
  link_add_cmd->add_option("--key", link_add.key, "Its identity (olid1...)")->required();
  link_add_cmd
      ->add_option("--path", link_add.paths, "tcp://HOST:PORT, in preference order")
      ->required();
  LinkListOptions link_list;
  auto* link_list_cmd = link_cmd->add_subcommand("list", "List links");
  link_list_cmd->add_option("--dir", link_list.dir, "Station folder")->required();
  link_list_cmd->add_flag("--json", link_list.json, "Machine-readable output");
  LinkRemoveOptions link_remove;
  auto* link_remove_cmd =
      link_cmd->add_subcommand("remove", "Stop using a link (its transcript is kept)");
  link_remove_cmd->add_option("--dir", link_remove.dir, "Station folder")->required();
  link_remove_cmd->add_option("--name", link_remove.name, "The link")->required();

  ExportOptions export_opts;
  auto* export_cmd = app.add_subcommand(
      "export", "Write a link's transcript to a file, sealed by this station");
  export_cmd->add_option("--dir", export_opts.dir, "Station folder")->required();
  export_cmd->add_option("--link", export_opts.link, "The link")->required();
  export_cmd->add_option("--out", export_opts.out, "Output file")->required();

  SendOptions send;
  auto* send_cmd =
      app.add_subcommand("send", "Send a message; prints its id once accepted");
  send_cmd->add_option("--dir", send.dir, "Station folder")->required();
  send_cmd->add_option("--link", send.link, "The link")->required();
  send_cmd->add_option("--channel", send.channel, "Channel (default general)");
  send_cmd
      ->add_option("--precedence", send.precedence, "flash|immediate|priority|routine")
      ->check(CLI::IsMember({"flash", "immediate", "priority", "routine"}));
  send_cmd->add_option("--text", send.text, "The message")->required();
  send_cmd->add_option("--request-id", send.request_id,
                       "Names this send so a repeat cannot send twice (default: random)");
  send_cmd
      ->add_option("--retry-for", send.retry_for_s,
                   "Seconds to keep retrying while the station is unreachable (30)")
      ->check(CLI::Range(0, 3600));
  send_cmd->add_flag("--json", send.json, "Machine-readable output");

  DirJsonOptions inbox;
  auto* inbox_cmd =
      app.add_subcommand("inbox", "Unacknowledged messages, most urgent first");
  inbox_cmd->add_option("--dir", inbox.dir, "Station folder")->required();
  inbox_cmd->add_flag("--json", inbox.json, "Machine-readable output");

  AckOptions ack;
  auto* ack_cmd = app.add_subcommand("ack", "Acknowledge a message (a signed receipt)");
  ack_cmd->add_option("id", ack.id, "The message, LINK:SEQ as inbox shows it")
      ->required();
  ack_cmd->add_option("--dir", ack.dir, "Station folder")->required();
  ack_cmd->add_option("--note", ack.note, "A short note");
  ack_cmd->add_option("--operator", ack.operator_name, "Who is answering (display name)");
  ack_cmd->add_flag("--json", ack.json, "Machine-readable output");

  ShowOptions show;
  auto* show_cmd = app.add_subcommand("show", "A message's timeline");
  show_cmd->add_option("id", show.id, "Our message id, or LINK:SEQ for the peer's")
      ->required();
  show_cmd->add_option("--dir", show.dir, "Station folder")->required();
  show_cmd->add_flag("--json", show.json, "Machine-readable output");

  LogOptions log;
  auto* log_cmd = app.add_subcommand("log", "Every message on a link, both ways");
  log_cmd->add_option("--dir", log.dir, "Station folder")->required();
  log_cmd->add_option("--link", log.link, "The link")->required();
  log_cmd->add_flag("--json", log.json, "Machine-readable output");

  DirJsonOptions status;
  auto* status_cmd = app.add_subcommand("status", "Links, connection state, RTT, queues");
  status_cmd->add_option("--dir", status.dir, "Station folder")->required();
  status_cmd->add_flag("--json", status.json, "Machine-readable output");

  DirJsonOptions watch;
  auto* watch_cmd = app.add_subcommand("watch", "Follow the station's events live");
  watch_cmd->add_option("--dir", watch.dir, "Station folder")->required();
  watch_cmd->add_flag("--json", watch.json, "One JSON object per line");

  const OperatorCli operators(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (init_cmd->parsed()) return RunInit(init);
  if (ident_cmd->parsed()) return RunIdentity(ident);
  if (verify_cmd->parsed()) return RunVerify(verify);
  if (prove_cmd->parsed()) return RunProve(prove);
  if (verify_proof_cmd->parsed()) return RunVerifyProof(verify_proof);
  if (station_cmd->parsed()) return RunStation(station);
  if (link_add_cmd->parsed()) return RunLinkAdd(link_add);
  if (link_list_cmd->parsed()) return RunLinkList(link_list);
  if (link_remove_cmd->parsed()) return RunLinkRemove(link_remove);
  if (export_cmd->parsed()) return RunExport(export_opts);
  if (send_cmd->parsed()) return RunSend(send);
  if (inbox_cmd->parsed()) return RunInbox(inbox);
  if (ack_cmd->parsed()) return RunAck(ack);
  if (show_cmd->parsed()) return RunShow(show);
  if (log_cmd->parsed()) return RunLog(log);
  if (status_cmd->parsed()) return RunStatus(status);
  if (watch_cmd->parsed()) return RunWatch(watch);
  if (int code = operators.RunIfParsed(); code >= 0) return code;
  return 2;
}
