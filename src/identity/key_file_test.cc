#include "identity/key_file.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace openline::identity {
namespace {

class KeyFileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("openline-keyfile-" + std::to_string(::getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(KeyFileTest, WritesMode0600AndReadsBackTheSameKeys) {
  auto keys = StationKeys::Generate();
  auto path = dir_ / "station.key";
  ASSERT_TRUE(WriteKeyFile(path, keys));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto loaded = ReadKeyFile(path);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(loaded->Public(), keys.Public());
  EXPECT_EQ(loaded->signing.Sign(AsBytes("x")), keys.signing.Sign(AsBytes("x")));
}

TEST_F(KeyFileTest, NeverOverwritesAnExistingKey) {
  auto path = dir_ / "station.key";
  ASSERT_TRUE(WriteKeyFile(path, StationKeys::Generate()));
  auto first = ReadKeyFile(path)->Public();
  EXPECT_FALSE(WriteKeyFile(path, StationKeys::Generate()));
  EXPECT_EQ(ReadKeyFile(path)->Public(), first);
}

TEST_F(KeyFileTest, RefusesAFileReadableByOthers) {
  auto path = dir_ / "station.key";
  ASSERT_TRUE(WriteKeyFile(path, StationKeys::Generate()));
  ::chmod(path.c_str(), 0644);
  auto loaded = ReadKeyFile(path);
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("chmod 600"), std::string::npos);
}

TEST(KeyFileParseTest, RejectsMalformedText) {
  EXPECT_FALSE(ParseKeyFile(""));
  EXPECT_FALSE(ParseKeyFile("openline-station-key v1\nsign 00\ndh 00\n"));
  EXPECT_FALSE(ParseKeyFile("something else\nsign " + std::string(64, '0') + "\ndh " +
                            std::string(64, '0') + "\n"));
  EXPECT_FALSE(ParseKeyFile(std::string(5000, 'a')));
  EXPECT_TRUE(ParseKeyFile("openline-station-key v1\nsign " + std::string(64, '1') +
                           "\ndh " + std::string(64, '2') + "\n"));
}

}  // namespace
}  // namespace openline::identity
