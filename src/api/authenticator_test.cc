#include "api/authenticator.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace openline::api {
namespace {

constexpr std::string_view kToken = "0123456789abcdef0123456789abcdef";

std::unique_ptr<BearerTokenAuthenticator> Make() {
  auto auth = BearerTokenAuthenticator::Create(kToken);
  EXPECT_TRUE(auth);
  return std::move(*auth);
}

Headers WithAuthorization(std::string value) {
  Headers headers;
  headers.Add("Authorization", std::move(value));
  return headers;
}

void ExpectChallenge(const AuthResult& result, bool invalid_token) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, HttpStatus::kUnauthorized);
  EXPECT_EQ(result.error().body["error"]["code"], "unauthorized");
  std::string_view challenge = result.error().Header("WWW-Authenticate");
  EXPECT_EQ(challenge.substr(0, 7), "Bearer ");
  EXPECT_EQ(challenge.find("invalid_token") != std::string_view::npos, invalid_token);
}

TEST(AuthenticatorTest, AcceptsTheToken) {
  auto result = Make()->Authenticate(Method::kGet,
                                     WithAuthorization("Bearer " + std::string(kToken)));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->kind, Principal::Kind::kToken);
  EXPECT_EQ(result->name, "api-token");
}

TEST(AuthenticatorTest, SchemeIsCaseInsensitive) {
  EXPECT_TRUE(Make()->Authenticate(Method::kGet,
                                   WithAuthorization("bearer " + std::string(kToken))));
  Headers lower;
  lower.Add("authorization", "BEARER " + std::string(kToken));
  EXPECT_TRUE(Make()->Authenticate(Method::kGet, lower));
}

TEST(AuthenticatorTest, MissingHeaderIsAChallengeWithoutError) {
  ExpectChallenge(Make()->Authenticate(Method::kGet, Headers()), false);
}

TEST(AuthenticatorTest, WrongTokenOfTheSameLengthFails) {
  std::string wrong(kToken);
  wrong.back() = 'x';
  ExpectChallenge(
      Make()->Authenticate(Method::kGet, WithAuthorization("Bearer " + wrong)), true);
}

// ConstantTimeEqual compares lengths first: a prefix or an extension of the
// token must not pass, whatever the bytes they share.
TEST(AuthenticatorTest, TokensOfOtherLengthsFail) {
  auto auth = Make();
  std::string token(kToken);
  for (std::string presented : {token.substr(0, token.size() - 1), token + "0",
                                token + token, std::string(), std::string("0")}) {
    ExpectChallenge(
        auth->Authenticate(Method::kGet, WithAuthorization("Bearer " + presented)), true);
  }
}

TEST(AuthenticatorTest, OtherSchemesFail) {
  ExpectChallenge(Make()->Authenticate(Method::kGet,
                                       WithAuthorization("Basic " + std::string(kToken))),
                  true);
  ExpectChallenge(
      Make()->Authenticate(Method::kGet, WithAuthorization(std::string(kToken))), true);
  ExpectChallenge(Make()->Authenticate(Method::kGet,
                                       WithAuthorization("Bearer" + std::string(kToken))),
                  true);
}

TEST(AuthenticatorTest, RepeatedAuthorizationIsRefused) {
  Headers headers = WithAuthorization("Bearer " + std::string(kToken));
  headers.Add("Authorization", "Bearer " + std::string(kToken));
  ExpectChallenge(Make()->Authenticate(Method::kGet, headers), true);
}

TEST(AuthenticatorTest, CreateRefusesWeakOrOddTokens) {
  EXPECT_FALSE(BearerTokenAuthenticator::Create(""));
  EXPECT_FALSE(BearerTokenAuthenticator::Create("short"));
  EXPECT_FALSE(BearerTokenAuthenticator::Create(std::string(kMaxTokenLength + 1, 'a')));
  EXPECT_FALSE(BearerTokenAuthenticator::Create("0123456789abcdef 0123"));
  EXPECT_FALSE(BearerTokenAuthenticator::Create("0123456789abcdef\n"));
  EXPECT_TRUE(BearerTokenAuthenticator::Create("abcDEF0123456789-._~+/=="));
}

TEST(AuthenticatorTest, Token68Syntax) {
  EXPECT_TRUE(IsToken68("abc=="));
  EXPECT_FALSE(IsToken68("=abc"));
  EXPECT_FALSE(IsToken68("ab=c"));
  EXPECT_FALSE(IsToken68(""));
}

class FixedAuthenticator final : public Authenticator {
 public:
  explicit FixedAuthenticator(std::string name) : name_(std::move(name)) {}
  AuthResult Authenticate(Method, const Headers& headers) const override {
    if (headers.Find("Cookie") != std::optional<std::string_view>("session=ok")) {
      return tl::unexpected(Response::Error(HttpStatus::kForbidden, "no session"));
    }
    return Principal{Principal::Kind::kOperator, name_, "operator"};
  }

 private:
  std::string name_;
};

TEST(AuthenticatorTest, ChainTakesTheFirstSuccessAndReportsTheFirstRefusal) {
  auto token = std::shared_ptr<const Authenticator>(Make());
  ChainAuthenticator chain({token, std::make_shared<FixedAuthenticator>("alice")});
  Headers cookie;
  cookie.Add("Cookie", "session=ok");
  auto as_operator = chain.Authenticate(Method::kGet, cookie);
  ASSERT_TRUE(as_operator);
  EXPECT_EQ(as_operator->kind, Principal::Kind::kOperator);
  EXPECT_EQ(as_operator->name, "alice");
  ExpectChallenge(chain.Authenticate(Method::kGet, Headers()), false);
}

}  // namespace
}  // namespace openline::api
