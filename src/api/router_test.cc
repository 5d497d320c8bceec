#include "api/router.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "api/broadcaster.h"
#include "api/target.h"

namespace openline::api {
namespace {

Handler Named(std::string name) {
  return [name](const Request&) { return Response::Json({{"route", name}}); };
}

std::vector<std::string> Segments(std::string_view path) {
  auto target = ParseTarget(path);
  return target ? target->segments : std::vector<std::string>{};
}

std::string RouteName(const RouteMatch& match) {
  if (match.route == nullptr) return "";
  return match.route->handler(Request{}).body["route"].get<std::string>();
}

TEST(RouterTest, MatchesLiteralsAndParameters) {
  Router router;
  router.Get("/v1/health", Named("health"));
  router.Get("/v1/messages/{id}", Named("show"));
  auto match = router.Match(Method::kGet, Segments("/v1/messages/m-17"));
  EXPECT_EQ(RouteName(match), "show");
  EXPECT_EQ(match.params.at("id"), "m-17");
  EXPECT_EQ(RouteName(router.Match(Method::kGet, Segments("/v1/health"))), "health");
}

TEST(RouterTest, ParametersDoNotMatchEmptySegmentsOrExtraSegments) {
  Router router;
  router.Get("/v1/messages/{id}", Named("show"));
  EXPECT_EQ(router.Match(Method::kGet, Segments("/v1/messages/")).route, nullptr);
  EXPECT_EQ(router.Match(Method::kGet, Segments("/v1/messages/1/x")).route, nullptr);
  EXPECT_EQ(router.Match(Method::kGet, Segments("/v1/messages")).route, nullptr);
}

TEST(RouterTest, LiteralBeatsParameterWhateverTheOrder) {
  Router router;
  router.Get("/v1/items/{id}", Named("item"));
  router.Get("/v1/items/new", Named("new"));
  router.Get("/v1/{kind}/{id}", Named("generic"));
  EXPECT_EQ(RouteName(router.Match(Method::kGet, Segments("/v1/items/new"))), "new");
  EXPECT_EQ(RouteName(router.Match(Method::kGet, Segments("/v1/items/7"))), "item");
  EXPECT_EQ(RouteName(router.Match(Method::kGet, Segments("/v1/links/7"))), "generic");
}

TEST(RouterTest, WrongMethodListsAllowedMethodsInOrder) {
  Router router;
  router.Add(Method::kDelete, "/v1/items/{id}", Named("delete"));
  router.Get("/v1/items/{id}", Named("get"));
  auto match = router.Match(Method::kPost, Segments("/v1/items/3"));
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed, (std::vector<Method>{Method::kGet, Method::kDelete}));
  Response response = NoRouteResponse(match, "/v1/items/3");
  EXPECT_EQ(response.status, HttpStatus::kMethodNotAllowed);
  EXPECT_EQ(response.Header("allow"), "GET, DELETE");
  EXPECT_EQ(response.body["error"]["code"], "method_not_allowed");
}

TEST(RouterTest, UnknownPathIs404WithTheErrorShape) {
  Router router;
  router.Get("/v1/health", Named("health"));
  auto match = router.Match(Method::kGet, Segments("/v2/health"));
  Response response = NoRouteResponse(match, "/v2/health");
  EXPECT_EQ(response.status, HttpStatus::kNotFound);
  EXPECT_EQ(response.body["error"]["code"], "not_found");
  EXPECT_TRUE(response.body["error"]["message"].is_string());
  EXPECT_EQ(response.body.size(), 1u);
}

TEST(RouterTest, EventStreamIsAGetRouteWithABroadcaster) {
  Router router;
  auto events = std::make_shared<Broadcaster>();
  router.AddEventStream("/v1/events", events);
  auto match = router.Match(Method::kGet, Segments("/v1/events"));
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->events, events);
  EXPECT_EQ(match.route->options.access, Access::kAuthenticated);
}

TEST(RouterDeathTest, RefusesABrokenTable) {
  EXPECT_DEATH(Router().Get("v1/health", Named("x")), "must start with");
  EXPECT_DEATH(Router().Get("/v1/{Bad}", Named("x")), "parameter name");
  EXPECT_DEATH(Router().Get("/v1/{id}/{id}", Named("x")), "repeated parameter");
  EXPECT_DEATH(Router().Get("/v1/a b", Named("x")), "reserved");
  EXPECT_DEATH(
      {
        Router router;
        router.Get("/v1/items/{id}", Named("x"));
        router.Get("/v1/items/{other}", Named("y"));
      },
      "duplicate");
  EXPECT_DEATH(Router().Post("/v1/x", Named("x"), {.body_limit = kMaxBodyLimit + 1}),
               "body limit");
}

}  // namespace
}  // namespace openline::api
