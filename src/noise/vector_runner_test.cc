// Runs the external Noise vectors (shared/vectors, see its README) and the runner's
// own edge cases. Counts are pinned so that a pattern silently turning into a
// "skip" shows up as a failure here.
#include "noise/vector_runner.h"

#include <cstdio>
#include <string>

#include <gtest/gtest.h>

namespace openline::noise {
namespace {

const std::string kVectors = OPENLINE_VECTORS_DIR;

void ExpectFile(const std::string& relative, size_t expected_passed) {
  auto report = RunVectorFile(kVectors + "/" + relative);
  ASSERT_TRUE(report) << report.error().ToString();
  for (const auto& f : report->failures) {
    ADD_FAILURE() << relative << " #" << f.index << " " << f.name << ": " << f.reason;
  }
  std::printf("%s: %zu passed, %zu failed, %zu skipped\n", relative.c_str(),
              report->passed, report->failed, report->skipped);
  ::testing::Test::RecordProperty(relative + " passed", std::to_string(report->passed));
  ::testing::Test::RecordProperty(relative + " skipped", std::to_string(report->skipped));
  EXPECT_EQ(report->failed, 0u);
  EXPECT_GE(report->passed, expected_passed);
}

// 944 vectors; the 236 25519+ChaChaPoly ones minus the 59 BLAKE2s ones.
TEST(NoiseVectorsTest, Cacophony) { ExpectFile("noise-cacophony/cacophony.txt", 177); }

// 480 vectors; 60 Noise_*_25519_ChaChaPoly_* minus 15 BLAKE2s (NoisePSK_ skipped).
TEST(NoiseVectorsTest, NoiseCBasic) { ExpectFile("noise-c/noise-c-basic.txt", 45); }

TEST(NoiseVectorsTest, FallbackVectorsAreSkipped) {
  auto report = RunVectorFile(kVectors + "/noise-c/noise-c-fallback.txt");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->failed, 0u);
  EXPECT_EQ(report->skipped, 32u);
}

// A known-good vector (cacophony Noise_NN_25519_ChaChaPoly_SHA256, first two
// messages) and variations of it.
constexpr const char* kGood = R"({"vectors": [{
  "protocol_name": "Noise_NN_25519_ChaChaPoly_SHA256",
  "init_prologue": "4a6f686e2047616c74", "resp_prologue": "4a6f686e2047616c74",
  "init_ephemeral": "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a",
  "resp_ephemeral": "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b",
  "messages": [%s]}]})";

std::string WithMessages(const std::string& messages) {
  std::string out(kGood);
  out.replace(out.find("%s"), 2, messages);
  return out;
}

TEST(NoiseVectorsTest, MismatchedCiphertextIsAFailureWithAReason) {
  auto report = RunVectorsJson(WithMessages(
      R"({"payload": "00", "ciphertext": "00"}, {"payload": "00", "ciphertext": "00"})"));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->failed, 1u);
  ASSERT_EQ(report->failures.size(), 1u);
  EXPECT_NE(report->failures[0].reason.find("message 0"), std::string::npos);
  EXPECT_EQ(report->failures[0].name, "Noise_NN_25519_ChaChaPoly_SHA256");
}

TEST(NoiseVectorsTest, TooFewMessagesIsAFailure) {
  auto report = RunVectorsJson(WithMessages(""));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->failed, 1u);
}

TEST(NoiseVectorsTest, MalformedDocumentsAreErrors) {
  EXPECT_EQ(RunVectorsJson("not json").error().code, ErrorCode::kMalformed);
  EXPECT_EQ(RunVectorsJson("[]").error().code, ErrorCode::kMalformed);
  EXPECT_EQ(RunVectorsJson(R"({"vectors": 3})").error().code, ErrorCode::kMalformed);
  EXPECT_EQ(RunVectorFile("/nonexistent/vectors.txt").error().code, ErrorCode::kIo);
}

TEST(NoiseVectorsTest, BadFieldsFailInsteadOfThrowing) {
  auto report = RunVectorsJson(R"({"vectors": [
    {"protocol_name": 5},
    {"protocol_name": "Noise_NN_25519_ChaChaPoly_SHA256", "init_ephemeral": "zz", "messages": []},
    {"protocol_name": "Noise_NN_25519_ChaChaPoly_SHA256", "init_psks": "ab", "messages": []},
    {"protocol_name": "Noise_NN_25519_ChaChaPoly_SHA256", "messages": [1, 2]},
    {"name": "Noise_NN_25519_ChaChaPoly_BLAKE2s"},
    7]})");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->failed, 5u);
  EXPECT_EQ(report->skipped, 1u);
}

}  // namespace
}  // namespace openline::noise
