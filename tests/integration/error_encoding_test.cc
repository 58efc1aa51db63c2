// Over real HTTP: a refusal that quotes what the client sent (the path, an id, a query value)
// is still a JSON body when those bytes are not UTF-8 (found by fuzz/http_request).
#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace shaobing {
namespace {

std::string MessageOf(const testing::HttpResult& r) {
  const auto body = r.Json();
  if (!body.is_object() || !body.as_object().contains("error")) return "(not a JSON error body: " + r.body + ")";
  return std::string(body.at("error").at("message").as_string());
}

TEST(ErrorEncoding, RefusalsQuotingRawBytesAreJson) {
  testing::TestServer server;
  auto desk = server.ClientAs("desk");

  auto r = desk->Get("/api/v1/nothing%FF");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(MessageOf(r).find("/api/v1/nothing\uFFFD"), std::string::npos) << MessageOf(r);

  r = desk->Get("/api/v1/events/%ED%A0%80");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(MessageOf(r).find("\uFFFD"), std::string::npos) << MessageOf(r);

  r = desk->Get("/api/v1/events?limit=%C0%AF");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.Json().is_object()) << r.body;
}

}  // namespace
}  // namespace shaobing
