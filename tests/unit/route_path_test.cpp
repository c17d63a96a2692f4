// A route's path is written once; the router's pattern and the documented name come from it.
#include <gtest/gtest.h>

#include <stdexcept>

#include "http/api.h"

namespace lindungi::http {
namespace {

constexpr const char* kUuidRegex = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

TEST(RoutePathTest, AParameterIsAUuidUnlessTyped) {
  EXPECT_EQ(RouterPattern("/api/v1/cases/{id}/team/{user}"),
            std::string("/api/v1/cases/:id") + kUuidRegex + "/team/:user" + kUuidRegex);
  EXPECT_EQ(RouterPattern("/api/v1/sops/{unit:slug}/{name:slug}"),
            "/api/v1/sops/:unit([a-z0-9-]{1,64})/:name([a-z0-9-]{1,64})");
  EXPECT_EQ(RouterPattern("/api/v1/session/sessions/{session:hex16}"),
            "/api/v1/session/sessions/:session([0-9a-f]{16})");
  EXPECT_EQ(RouterPattern("/x/{start:offset}"), "/x/:start(\\d{1,12})");
  EXPECT_EQ(RouterPattern("/healthz"), "/healthz");
}

TEST(RoutePathTest, TheDocumentedPathDropsTheTypes) {
  EXPECT_EQ(DocumentedPath("/api/v1/sops/{unit:slug}/{name:slug}"), "/api/v1/sops/{unit}/{name}");
  EXPECT_EQ(DocumentedPath("/api/v1/cases/{id}"), "/api/v1/cases/{id}");
  EXPECT_EQ(DocumentedPath("/healthz"), "/healthz");
}

TEST(RoutePathTest, AMistypedPathFailsAtStartUp) {
  EXPECT_THROW(RouterPattern("/x/{id:number}"), std::logic_error);
  EXPECT_THROW(DocumentedPath("/x/{id:number}"), std::logic_error);
  EXPECT_THROW(RouterPattern("/x/{id"), std::logic_error);
  EXPECT_THROW(RouterPattern("/x/{}"), std::logic_error);
}

}  // namespace
}  // namespace lindungi::http
