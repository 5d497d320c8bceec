#include "station/station_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace openline::station {
namespace {

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
  StationConfig config{"washington", "127.0.0.1:7201", "127.0.0.1:7301"};
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
  EXPECT_FALSE(StationDir::Init(root_, {"Bad Name", "127.0.0.1:7001", "127.0.0.1:7101"}));
  EXPECT_FALSE(StationDir::Init(root_, {"ok", "127.0.0.1", "127.0.0.1:7101"}));
  EXPECT_FALSE(StationDir::Init(root_, {"ok", "127.0.0.1:70000", "127.0.0.1:7101"}));
  EXPECT_FALSE(std::filesystem::exists(root_));
}

TEST_F(StationDirTest, NeverOverwritesAStation) {
  ASSERT_TRUE(StationDir::Init(root_, {"washington"}));
  EXPECT_FALSE(StationDir::Init(root_, {"washington"}));
}

TEST_F(StationDirTest, TokenReadableByOthersIsRefused) {
  auto dir = StationDir::Init(root_, {"washington"});
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

}  // namespace
}  // namespace openline::station
