#include "api/dispatcher.h"

#include <memory>
#include <string>

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <gtest/gtest.h>

#include "api/broadcaster.h"
#include "api/test_backend.h"

namespace openline::api {
namespace {

namespace http = boost::beast::http;
using testing::kTestToken;

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest()
      : dispatcher_(std::make_shared<const Router>(
                        testing::MakeTestRouter(std::make_shared<Broadcaster>())),
                    std::shared_ptr<const Authenticator>(
                        std::move(*BearerTokenAuthenticator::Create(kTestToken))),
                    {"localhost", "127.0.0.1"}) {}

  static HttpRequest Make(http::verb verb, std::string target, std::string body = "",
                          bool token = true) {
    HttpRequest req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1:7100");
    if (token) req.set(http::field::authorization, "Bearer " + std::string(kTestToken));
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = std::move(body);
    }
    req.prepare_payload();
    return req;
  }

  // The whole path a server takes for a complete request.
  Response Serve(const HttpRequest& req) {
    auto admission = dispatcher_.Admit(req, req.body().size(), false);
    if (!admission) return admission.error();
    return dispatcher_.Handle(*std::move(admission), req);
  }

  Dispatcher dispatcher_;
};

void ExpectError(const Response& response, HttpStatus status, std::string_view code) {
  EXPECT_EQ(response.status, status);
  ASSERT_TRUE(response.body.is_object());
  EXPECT_EQ(response.body.size(), 1u);
  EXPECT_EQ(response.body["error"]["code"], code);
  EXPECT_TRUE(response.body["error"]["message"].is_string());
}

TEST_F(DispatcherTest, ServesARoute) {
  Response response = Serve(Make(http::verb::get, "/v1/items/7?q=x"));
  EXPECT_EQ(response.status, HttpStatus::kOk);
  EXPECT_EQ(response.body["id"], "7");
  EXPECT_EQ(response.body["principal"], "api-token");
  EXPECT_EQ(response.body["q"], "x");
}

TEST_F(DispatcherTest, RendersATextBodyWithItsOwnContentType) {
  auto res = Dispatcher::Render(Response::Text("text/plain; version=0.0.4", "up 1\n"), 11,
                                false);
  EXPECT_EQ(res[http::field::content_type], "text/plain; version=0.0.4");
  EXPECT_EQ(res.body(), "up 1\n");
  auto json = Dispatcher::Render(Response::Json({{"ok", true}}), 11, false);
  EXPECT_EQ(json.body(), "{\"ok\":true}");
}

TEST_F(DispatcherTest, ChecksTheTokenBeforeTheRouteRuns) {
  ExpectError(Serve(Make(http::verb::get, "/v1/items/7", "", false)),
              HttpStatus::kUnauthorized, "unauthorized");
  EXPECT_EQ(Serve(Make(http::verb::get, "/v1/health", "", false)).status,
            HttpStatus::kOk);
}

TEST_F(DispatcherTest, MalformedJsonIs400BeforeTheHandler) {
  ExpectError(Serve(Make(http::verb::post, "/v1/echo", "{\"a\":")),
              HttpStatus::kBadRequest, "bad_json");
}

TEST_F(DispatcherTest, AWrongFieldTypeInTheHandlerIs400) {
  ExpectError(Serve(Make(http::verb::post, "/v1/typed", R"({"count":"three"})")),
              HttpStatus::kBadRequest, "bad_request");
  ExpectError(Serve(Make(http::verb::post, "/v1/typed", R"({})")),
              HttpStatus::kBadRequest, "bad_request");
  EXPECT_EQ(Serve(Make(http::verb::post, "/v1/typed", R"({"count":3})")).body["twice"],
            6);
}

TEST_F(DispatcherTest, BodiesMustBeJson) {
  HttpRequest req = Make(http::verb::post, "/v1/echo", "{}");
  req.set(http::field::content_type, "text/plain");
  ExpectError(Serve(req), HttpStatus::kUnsupportedMediaType, "unsupported_media_type");
  req.set(http::field::content_type, "Application/JSON; charset=utf-8");
  EXPECT_EQ(Serve(req).status, HttpStatus::kOk);
}

TEST_F(DispatcherTest, DeclaredLengthOverTheRouteLimitIs413) {
  HttpRequest req = Make(http::verb::post, "/v1/small", "{}");
  ExpectError(dispatcher_.Admit(req, 65, false).error(), HttpStatus::kPayloadTooLarge,
              "payload_too_large");
  EXPECT_TRUE(dispatcher_.Admit(req, 64, false));
}

TEST_F(DispatcherTest, HostMustBeOneOfOurs) {
  HttpRequest req = Make(http::verb::get, "/v1/health");
  req.set(http::field::host, "attacker.example:7100");
  ExpectError(Serve(req), HttpStatus::kMisdirectedRequest, "misdirected_request");
  req.set(http::field::host, "LOCALHOST");
  EXPECT_EQ(Serve(req).status, HttpStatus::kOk);
  req.erase(http::field::host);
  ExpectError(Serve(req), HttpStatus::kBadRequest, "bad_request");
}

TEST_F(DispatcherTest, EventStreamWithoutUpgradeIs426) {
  Response response = Serve(Make(http::verb::get, "/v1/events"));
  ExpectError(response, HttpStatus::kUpgradeRequired, "upgrade_required");
  EXPECT_EQ(response.Header("Upgrade"), "websocket");
}

TEST_F(DispatcherTest, EventStreamAuthenticatesBeforeUpgrade) {
  HttpRequest req = Make(http::verb::get, "/v1/events", "", false);
  req.set(http::field::upgrade, "websocket");
  req.set(http::field::connection, "upgrade");
  ExpectError(Serve(req), HttpStatus::kUnauthorized, "unauthorized");
}

TEST_F(DispatcherTest, RenderSetsTheServerFieldsAndDropsInjectedOnes) {
  Response response = Response::Json({{"ok", true}})
                          .WithHeader("Location", "/v1/items/1")
                          .WithHeader("X-Bad", "a\r\nSet-Cookie: x=1")
                          .WithHeader("Content-Length", "0")
                          .WithHeader("Connection", "upgrade");
  HttpResponse res = Dispatcher::Render(response, 11, true);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res[http::field::content_type], "application/json");
  EXPECT_EQ(res[http::field::location], "/v1/items/1");
  EXPECT_EQ(res.count("X-Bad"), 0u);
  EXPECT_EQ(res[http::field::content_length], "11");
  EXPECT_EQ(res[http::field::cache_control], "no-store");
  EXPECT_TRUE(res.keep_alive());
  EXPECT_EQ(res.body(), "{\"ok\":true}");
}

TEST_F(DispatcherTest, RenderOmitsTheBodyOf204AndClampsBadStatuses) {
  HttpResponse empty =
      Dispatcher::Render(Response{HttpStatus::kNoContent, {}, {}, {}}, 11, false);
  EXPECT_TRUE(empty.body().empty());
  EXPECT_FALSE(empty.keep_alive());
  HttpResponse bad =
      Dispatcher::Render(Response{static_cast<HttpStatus>(1000), {}, {}, {}}, 11, true);
  EXPECT_EQ(bad.result_int(), 500u);
}

TEST(ReadErrorResponseTest, MapsParserErrors) {
  EXPECT_EQ(ReadErrorResponse(http::error::header_limit)->status,
            HttpStatus::kHeaderFieldsTooLarge);
  EXPECT_EQ(ReadErrorResponse(http::error::body_limit)->status,
            HttpStatus::kPayloadTooLarge);
  EXPECT_EQ(ReadErrorResponse(http::error::bad_method)->status, HttpStatus::kBadRequest);
  EXPECT_FALSE(ReadErrorResponse(http::error::end_of_stream));
  EXPECT_FALSE(ReadErrorResponse(boost::asio::error::connection_reset));
}

TEST(HostPartTest, StripsThePort) {
  EXPECT_EQ(HostPart("127.0.0.1:7100"), "127.0.0.1");
  EXPECT_EQ(HostPart("[::1]:7100"), "[::1]");
  EXPECT_EQ(HostPart("localhost"), "localhost");
}

}  // namespace
}  // namespace openline::api
