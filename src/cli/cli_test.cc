// Runs the real `openline` binary as a user would and checks exit codes and output
// for each command's success and error paths.
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <sys/wait.h>

#include "common/testing/run_command.h"
#include "transcript/sample.h"

namespace openline::cli {
namespace {

using Run = openline::test_util::CommandResult;

Run Openline(const std::string& args) {
  return openline::test_util::RunCommand(std::string(OPENLINE_BIN) + " " + args);
}

class CliTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("openline-cli-" + std::to_string(::getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string WriteSample(const transcript::SampleOptions& opts = {}) {
    auto bytes = transcript::MakeSampleExport(opts);
    auto path = (dir_ / "sample.oltx").string();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes->data()),
               static_cast<std::streamsize>(bytes->size()));
    return path;
  }

  // " < FILE" holding `input`: the test shell is sh, so no here-strings.
  std::string Stdin(const std::string& input) {
    const auto path = dir_ / ("stdin-" + std::to_string(++stdin_files_));
    std::ofstream(path) << input;
    return " < " + path.string();
  }

  std::filesystem::path dir_;
  int stdin_files_ = 0;
};

TEST_F(CliTest, HelpListsTheSubcommands) {
  auto r = Openline("--help");
  EXPECT_EQ(r.code, 0);
  for (const char* cmd : {"init", "identity", "verify"}) {
    EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
  }
}

TEST_F(CliTest, NoSubcommandIsAUsageError) { EXPECT_NE(Openline("").code, 0); }

TEST_F(CliTest, InitCreatesAPrivateKeyAndRefusesToOverwrite) {
  auto station = (dir_ / "washington").string();
  auto r = Openline("init --dir " + station + " --name washington");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("olid1"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat((station + "/station.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = Openline("init --dir " + station + " --name washington");
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.out.find("refusing"), std::string::npos);
}

TEST_F(CliTest, InitRejectsABadName) {
  auto r = Openline("init --dir " + (dir_ / "x").string() + " --name 'Bad Name'");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("station name"), std::string::npos);
}

TEST_F(CliTest, IdentityPrintsKeyQrAndTheSamePairFingerprintOnBothSides) {
  auto a = (dir_ / "a").string();
  auto b = (dir_ / "b").string();
  ASSERT_EQ(Openline("init --dir " + a + " --name washington").code, 0);
  ASSERT_EQ(Openline("init --dir " + b + " --name beijing").code, 0);
  auto ja = nlohmann::json::parse(Openline("identity --json --dir " + a).out);
  auto jb = nlohmann::json::parse(Openline("identity --json --dir " + b).out);
  std::string ida = ja["identity"];
  std::string idb = jb["identity"];
  auto pa = nlohmann::json::parse(
      Openline("identity --json --dir " + a + " --peer " + idb).out);
  auto pb = nlohmann::json::parse(
      Openline("identity --json --dir " + b + " --peer " + ida).out);
  EXPECT_EQ(pa["pair_fingerprint"], pb["pair_fingerprint"]);
  auto text = Openline("identity --dir " + a);
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("\u2588"), std::string::npos) << "no QR code drawn";
}

TEST_F(CliTest, IdentityRefusesAMistypedPeer) {
  auto a = (dir_ / "a").string();
  ASSERT_EQ(Openline("init --dir " + a + " --name washington").code, 0);
  std::string id =
      nlohmann::json::parse(Openline("identity --json --dir " + a).out)["identity"];
  id[20] = id[20] == 'a' ? 'b' : 'a';
  auto r = Openline("identity --dir " + a + " --peer " + id);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("checksum"), std::string::npos);
  EXPECT_EQ(Openline("identity --dir " + (dir_ / "none").string()).code, 2);
}

TEST_F(CliTest, VerifyAcceptsAValidTranscript) {
  auto r = Openline("verify " + WriteSample());
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("verified: OK"), std::string::npos);
  EXPECT_NE(r.out.find("washington"), std::string::npos);
  EXPECT_NE(r.out.find("received, never acknowledged"), std::string::npos);
}

TEST_F(CliTest, VerifyJsonIsMachineReadable) {
  auto r = Openline("verify --json " + WriteSample());
  ASSERT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_EQ(j["sides"].size(), 2u);
  EXPECT_EQ(j["not_received"].size(), 1u);
}

TEST_F(CliTest, VerifyNamesTheFirstViolationAndExitsNonZero) {
  auto path = WriteSample();
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(-1, std::ios::end);
  f.put('\x00');  // inside the seal
  f.close();
  auto r = Openline("verify " + path);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("FAILED"), std::string::npos);
  auto j = nlohmann::json::parse(Openline("verify --json " + path).out);
  EXPECT_FALSE(j["ok"].get<bool>());
  EXPECT_EQ(j["violation"], "seal-invalid");
}

TEST_F(CliTest, VerifyWithPeerKey) {
  auto path = WriteSample();
  auto stranger = identity::StationKeys::FromSeedForTesting(200).Public().Encode();
  EXPECT_EQ(Openline("verify " + path + " --peer-key " + stranger).code, 1);
  auto real = identity::StationKeys::FromSeedForTesting(2).Public().Encode();
  EXPECT_EQ(Openline("verify " + path + " --peer-key " + real).code, 0);
  EXPECT_EQ(Openline("verify " + path + " --peer-key olid1nonsense").code, 2);
}

TEST_F(CliTest, VerifyMissingOrGarbageFile) {
  EXPECT_EQ(Openline("verify " + (dir_ / "missing").string()).code, 2);
  auto junk = (dir_ / "junk").string();
  std::ofstream(junk) << "not a transcript";
  auto r = Openline("verify " + junk);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("file-format"), std::string::npos);
}

TEST_F(CliTest, VerifyAgainstTheOtherStationsCopy) {
  transcript::SampleOptions by_a;
  auto a_copy = WriteSample(by_a);
  auto b_copy = (dir_ / "b.oltx").string();
  std::filesystem::rename(a_copy, b_copy);  // keep it; write A's copy again
  transcript::SampleOptions by_b;
  by_b.exporter = 1;
  auto bytes = transcript::MakeSampleExport(by_b);
  std::ofstream(b_copy, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(bytes->data()),
             static_cast<std::streamsize>(bytes->size()));
  a_copy = WriteSample(by_a);
  auto r = Openline("verify " + a_copy + " --against " + b_copy);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("they agree"), std::string::npos) << r.out;

  // A copy of a different history signed with the same keys (the one-round sample
  // ends with a FLASH where the three-round one goes on talking): each verifies
  // alone, and together they are signed evidence of equivocation.
  transcript::SampleOptions older;
  older.rounds = 1;
  older.exporter = 1;
  auto old_bytes = transcript::MakeSampleExport(older);
  auto old_copy = (dir_ / "old.oltx").string();
  std::ofstream(old_copy, std::ios::binary)
      .write(reinterpret_cast<const char*>(old_bytes->data()),
             static_cast<std::streamsize>(old_bytes->size()));
  auto r2 = Openline("verify " + a_copy + " --against " + old_copy);
  EXPECT_EQ(r2.code, 1) << r2.out;
  EXPECT_NE(r2.out.find("equivocation"), std::string::npos) << r2.out;
}

TEST_F(CliTest, ProveAndVerifyProofShowOneEntry) {
  transcript::SampleOptions opts;
  opts.rounds = 2;
  auto sample = WriteSample(opts);
  auto proof = (dir_ / "entry.olproof").string();
  auto r = Openline("prove " + sample + " --station washington --seq 1 --out " + proof);
  ASSERT_EQ(r.code, 0) << r.out;
  auto v = Openline("verify-proof " + proof);
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("co-signed"), std::string::npos);
  EXPECT_NE(v.out.find("closing at 2 nm"), std::string::npos) << v.out;
  auto j = nlohmann::json::parse(Openline("verify-proof --json " + proof).out);
  EXPECT_EQ(j["seq"], 1);
  EXPECT_EQ(j["precedence"], "flash");
}

TEST_F(CliTest, ProveRefusesAnUncoveredEntryAndABadStation) {
  transcript::SampleOptions opts;
  opts.rounds = 2;
  auto sample = WriteSample(opts);
  auto out = (dir_ / "p").string();
  // beijing's final FLASH comes after the last checkpoint.
  auto r = Openline("prove " + sample + " --station beijing --seq 12 --out " + out);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("no co-signed checkpoint"), std::string::npos) << r.out;
  EXPECT_EQ(Openline("prove " + sample + " --station moscow --seq 1 --out " + out).code,
            2);
}

TEST_F(CliTest, VerifyProofRefusesATamperedProof) {
  transcript::SampleOptions opts;
  opts.rounds = 2;
  auto sample = WriteSample(opts);
  auto proof = (dir_ / "entry.olproof").string();
  ASSERT_EQ(
      Openline("prove " + sample + " --station washington --seq 1 --out " + proof).code,
      0);
  std::fstream f(proof, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(-5, std::ios::end);  // inside the last path hash
  f.put('\x42');
  f.close();
  auto r = Openline("verify-proof " + proof);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("checkpoint-invalid"), std::string::npos) << r.out;
}

TEST_F(CliTest, LinkAddListRemoveAndTheirRefusals) {
  const auto a = (dir_ / "a").string();
  const auto b = (dir_ / "b").string();
  ASSERT_EQ(Openline("init --dir " + a + " --name washington").code, 0);
  ASSERT_EQ(Openline("init --dir " + b + " --name beijing").code, 0);
  const std::string peer =
      nlohmann::json::parse(Openline("identity --json --dir " + b).out)["identity"];
  const std::string add = "link add --dir " + a + " --name beijing --key " + peer;
  auto added = Openline(add + " --path tcp://127.0.0.1:7002 --path tcp://127.0.0.2:7002");
  ASSERT_EQ(added.code, 0) << added.out;
  auto list = Openline("link list --json --dir " + a);
  ASSERT_EQ(list.code, 0) << list.out;
  auto links = nlohmann::json::parse(list.out);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0]["name"], "beijing");
  EXPECT_EQ(links[0]["paths"],
            (nlohmann::json{"tcp://127.0.0.1:7002", "tcp://127.0.0.2:7002"}));
  // The same name again, a mistyped key, a bad path, no path: each refused.
  EXPECT_NE(Openline(add + " --path tcp://127.0.0.1:7003").code, 0);
  std::string typo = peer;
  typo[10] = typo[10] == 'a' ? 'b' : 'a';
  auto mistyped = Openline("link add --dir " + a +
                           " --name seoul --path tcp://127.0.0.1:1 --key " + typo);
  EXPECT_NE(mistyped.code, 0);
  EXPECT_NE(mistyped.out.find("--key"), std::string::npos) << mistyped.out;
  EXPECT_NE(
      Openline("link add --dir " + a + " --name seoul --path ftp://x --key " + peer).code,
      0);
  EXPECT_NE(Openline("link add --dir " + a + " --name seoul --key " + peer).code, 0);
  EXPECT_NE(Openline("link remove --dir " + a + " --name nowhere").code, 0);
  EXPECT_EQ(Openline("link remove --dir " + a + " --name beijing").code, 0);
  EXPECT_TRUE(nlohmann::json::parse(Openline("link list --json --dir " + a).out).empty());
  EXPECT_NE(Openline("link list --dir " + (dir_ / "none").string()).code, 0);
}

TEST_F(CliTest, ApiCommandsSayWhenTheStationIsNotRunning) {
  const auto a = (dir_ / "a").string();
  // Port 1 on loopback: nothing listens there, so every connection is refused.
  ASSERT_EQ(Openline("init --dir " + a + " --name washington --api 127.0.0.1:1").code, 0);
  for (const std::string cmd :
       {"inbox", "status", "show 1", "log --link beijing", "ack beijing:1",
        "send --retry-for 0 --link b --text x"}) {
    auto r = Openline(cmd + " --dir " + a);
    EXPECT_NE(r.code, 0) << cmd;
    const std::string name = cmd.substr(0, cmd.find(' '));
    EXPECT_NE(r.out.find("openline " + name + ": "), std::string::npos) << r.out;
  }
  // send keeps trying for --retry-for seconds, then says it gave up and that the
  // message is not known to be accepted.
  const auto started = std::chrono::steady_clock::now();
  auto r = Openline("send --retry-for 1 --link b --text x --request-id r1 --dir " + a);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(700));
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("retrying"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("gave up"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("r1"), std::string::npos) << r.out;
  // A folder that is not a station.
  EXPECT_NE(Openline("inbox --dir " + (dir_ / "none").string()).code, 0);
  auto bad_id = Openline("send --link b --text x --request-id 'bad id' --dir " + a);
  EXPECT_EQ(bad_id.code, 2);  // a usage error, found before any connection
  EXPECT_NE(bad_id.out.find("--request-id"), std::string::npos) << bad_id.out;
}

TEST_F(CliTest, OperatorAddListDisableEnablePasswdAndTheAuditOfEach) {
  const auto a = (dir_ / "a").string();
  ASSERT_EQ(Openline("init --dir " + a + " --name washington").code, 0);
  const std::string dir = " --dir " + a;
  auto added =
      Openline("operator add" + dir +
               " --login liwei --name 'Li Wei' --role operator --password-stdin" +
               Stdin("correct horse battery\n"));
  ASSERT_EQ(added.code, 0) << added.out;
  auto list = Openline("operator list --json" + dir);
  ASSERT_EQ(list.code, 0) << list.out;
  auto ops = nlohmann::json::parse(list.out);
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(ops[0]["login"], "liwei");
  EXPECT_EQ(ops[0]["name"], "Li Wei");
  EXPECT_EQ(ops[0]["role"], "operator");
  EXPECT_FALSE(ops[0]["disabled"].get<bool>());
  EXPECT_FALSE(ops[0].contains("password_hash"));
  ASSERT_EQ(Openline("operator disable --login liwei" + dir).code, 0);
  EXPECT_NE(Openline("operator list" + dir).out.find("(disabled)"), std::string::npos);
  ASSERT_EQ(Openline("operator enable --login liwei" + dir).code, 0);
  auto passwd = Openline("operator passwd --login liwei --password-stdin" + dir +
                         Stdin("another long password\n"));
  ASSERT_EQ(passwd.code, 0) << passwd.out;
  auto audit = Openline("operator audit --json" + dir);
  ASSERT_EQ(audit.code, 0) << audit.out;
  auto log = nlohmann::json::parse(audit.out);
  ASSERT_EQ(log.size(), 4u);
  std::vector<std::string> actions;
  for (const auto& r : log) {
    EXPECT_EQ(r["actor"], "cli");
    EXPECT_EQ(r["target"], "liwei");
    actions.push_back(r["action"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"operator_add", "operator_disable",
                                               "operator_enable", "operator_passwd"}));
  EXPECT_EQ(log[0]["detail"]["role"], "operator");
  EXPECT_NE(Openline("operator audit" + dir).out.find("operator_passwd"),
            std::string::npos);
}

TEST_F(CliTest, OperatorCommandsRefuseBadInputWithClearErrors) {
  const auto a = (dir_ / "a").string();
  ASSERT_EQ(Openline("init --dir " + a + " --name washington").code, 0);
  const std::string dir = " --dir " + a;
  const std::string pw = " --password-stdin" + Stdin("correct horse battery\n");
  auto bad_login =
      Openline("operator add" + dir + " --login Admin --name A --role admin" + pw);
  EXPECT_EQ(bad_login.code, 2);
  EXPECT_NE(bad_login.out.find("--login"), std::string::npos) << bad_login.out;
  EXPECT_NE(Openline("operator add" + dir + " --login x --name A --role king" + pw).code,
            0);
  auto bidi = Openline("operator add" + dir +
                       " --login eve --name 'Li\u202eWei' --role operator" + pw);
  EXPECT_EQ(bidi.code, 2);
  EXPECT_NE(bidi.out.find("--name"), std::string::npos) << bidi.out;
  auto short_pw = Openline("operator add" + dir +
                           " --login bob --name Bob --role operator --password-stdin" +
                           Stdin("short\n"));
  EXPECT_EQ(short_pw.code, 2);
  EXPECT_NE(short_pw.out.find("password"), std::string::npos) << short_pw.out;
  // Typed twice (no --password-stdin): the two must match.
  auto differ =
      Openline("operator add" + dir + " --login bob --name Bob --role operator" +
               Stdin("correct horse battery\nsomething else\n"));
  EXPECT_EQ(differ.code, 2);
  EXPECT_NE(differ.out.find("differ"), std::string::npos) << differ.out;
  ASSERT_EQ(Openline("operator add" + dir + " --login bob --name Bob --role operator" +
                     Stdin("correct horse battery\ncorrect horse battery\n"))
                .code,
            0);
  auto twice =
      Openline("operator add" + dir + " --login bob --name Bob --role admin" + pw);
  EXPECT_EQ(twice.code, 1);
  EXPECT_NE(twice.out.find("already used"), std::string::npos) << twice.out;
  auto nobody = Openline("operator disable --login nobody" + dir);
  EXPECT_EQ(nobody.code, 1);
  EXPECT_NE(nobody.out.find("openline operator disable: "), std::string::npos);
  EXPECT_NE(Openline("operator passwd --login nobody" + dir + pw).code, 0);
  EXPECT_NE(Openline("operator list --dir " + (dir_ / "none").string()).code, 0);
  // Only the one successful add was audited.
  EXPECT_EQ(nlohmann::json::parse(Openline("operator audit --json" + dir).out).size(),
            1u);
}

}  // namespace
}  // namespace openline::cli
