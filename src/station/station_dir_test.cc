#include "station/station_dir.h"

#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace openline::station {
namespace {

StationConfig Make(std::string name, std::string listen = std::string(kDefaultListen),
                   std::string api = std::string(kDefaultApi)) {
  StationConfig c;
  c.name = std::move(name);
  c.listen = std::move(listen);
  c.api = std::move(api);
  return c;
}

class StationDirTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("openline-stationdir-" + std::to_string(::getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path root_;
};

TEST_F(StationDirTest, InitWritesConfigKeysAndAPrivateToken) {
  StationConfig config = Make("washington", "127.0.0.1:7201", "127.0.0.1:7301");
  auto dir = StationDir::Init(root_, config);
  ASSERT_TRUE(dir) << dir.error().ToString();
  auto back = dir->Config();
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->name, "washington");
  EXPECT_EQ(back->listen, "127.0.0.1:7201");
  EXPECT_EQ(back->api, "127.0.0.1:7301");
  auto token = dir->ApiToken();
  ASSERT_TRUE(token);
  EXPECT_EQ(token->size(), 64u);
  struct stat st {};
  ASSERT_EQ(::stat(dir->token_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_TRUE(dir->Keys());
}

TEST_F(StationDirTest, RefusesBadFieldsWithoutLeavingAnything) {
  EXPECT_FALSE(
      StationDir::Init(root_, Make("Bad Name", "127.0.0.1:7001", "127.0.0.1:7101")));
  EXPECT_FALSE(StationDir::Init(root_, Make("ok", "127.0.0.1", "127.0.0.1:7101")));
  EXPECT_FALSE(StationDir::Init(root_, Make("ok", "127.0.0.1:70000", "127.0.0.1:7101")));
  EXPECT_FALSE(std::filesystem::exists(root_));
}

TEST_F(StationDirTest, NeverOverwritesAStation) {
  ASSERT_TRUE(StationDir::Init(root_, Make("washington")));
  EXPECT_FALSE(StationDir::Init(root_, Make("washington")));
}

TEST_F(StationDirTest, TokenReadableByOthersIsRefused) {
  auto dir = StationDir::Init(root_, Make("washington"));
  ASSERT_TRUE(dir);
  ::chmod(dir->token_path().c_str(), 0644);
  auto token = dir->ApiToken();
  ASSERT_FALSE(token);
  EXPECT_NE(token.error().message.find("chmod 600"), std::string::npos);
}

TEST(HostPortTest, Validation) {
  EXPECT_TRUE(ValidateHostPort("127.0.0.1:7001"));
  EXPECT_TRUE(ValidateHostPort("localhost:1"));
  EXPECT_FALSE(ValidateHostPort(":7001"));
  EXPECT_FALSE(ValidateHostPort("host:"));
  EXPECT_FALSE(ValidateHostPort("host:0"));
  EXPECT_FALSE(ValidateHostPort("host:65536"));
  EXPECT_FALSE(ValidateHostPort("host:12a"));
}

TEST_F(StationDirTest, AnsweringDefaultsAndOverrides) {
  auto dir = StationDir::Init(root_, Make("washington"));
  ASSERT_TRUE(dir);
  auto defaults = dir->Config().value().answering;
  EXPECT_EQ(defaults.flash_s, 600u);  // ACP 121
  EXPECT_EQ(defaults.routine_s, 21600u);
  EXPECT_TRUE(defaults.notifier.empty());
  const std::string base = [&] {
    std::ifstream in(dir->config_path());
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }();
  auto write = [&](const std::string& extra) {
    std::ofstream(dir->config_path(), std::ios::trunc) << base << "\n" << extra;
  };
  write("[answering]\nflash = 120\nnotifier = [\"/usr/local/bin/page\", \"--duty\"]\n");
  auto set = dir->Config();
  ASSERT_TRUE(set) << set.error().ToString();
  EXPECT_EQ(set->answering.flash_s, 120u);
  EXPECT_EQ(set->answering.notifier,
            (std::vector<std::string>{"/usr/local/bin/page", "--duty"}));
  for (const char* bad :
       {"[answering]\nflash = 0\n", "[answering]\nflash = \"soon\"\n",
        "[answering]\nnotifier = \"/bin/sh -c x\"\n", "[answering]\nnotifier = [1]\n"}) {
    write(bad);
    EXPECT_FALSE(dir->Config()) << bad;
  }
}

}  // namespace
}  // namespace openline::station
