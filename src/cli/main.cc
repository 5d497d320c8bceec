// `openline`: one binary, one subcommand per task. This file only wires CLI11 to
// the commands in commands.h; CLI11's parse errors are the one place exceptions
// are caught (as CLI11 requires), and every command returns its exit code.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

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
  return 2;
}
