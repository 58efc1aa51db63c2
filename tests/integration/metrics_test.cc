// /metrics cannot be written by clients: series are labelled by route template and a fixed
// method set, so neither a crafted path nor a flood of new paths and methods adds a series,
// and every line stays in the Prometheus text format.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "api/metrics.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
using testing::TestServer;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

size_t SeriesCount(const std::string& text) {
  size_t n = 0;
  for (const auto& line : Lines(text)) n += !line.empty() && line[0] != '#';
  return n;
}

// Every line is a comment (# HELP / # TYPE) or `name{labels} value` with quoted label values.
void ExpectTextFormat(const std::string& text) {
  static const std::regex kSample(
      R"re(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? -?[0-9.e+-]+$)re");
  static const std::regex kComment(R"re(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*$)re");
  for (const auto& line : Lines(text)) {
    EXPECT_TRUE(std::regex_match(line, kSample) || std::regex_match(line, kComment)) << line;
  }
}

TEST(Metrics, ACraftedPathCannotInjectASeries) {
  TestServer server;
  auto anon = server.Anonymous();
  // The probe of the outside review: refused before routing (a newline in a path names nothing).
  const std::string crafted = "/api/v1/events/x%22%7D%201%0Afake_total%201%0A%23";
  EXPECT_EQ(anon->Request("DELETE", crafted).status, 400);
  EXPECT_EQ(anon->Request("GET", "/api/v1/x%22%7D%201%0Afake_total%201%0A%23").status, 400);
  // Without the newline it reaches the router: labelled by the route's template.
  EXPECT_EQ(anon->Request("DELETE", "/api/v1/events/x%22%7D%201%20fake_total%201").status, 405);
  EXPECT_EQ(anon->Request("GET", "/api/v1/x%22%7D%201%20fake_total%201").status, 404);
  auto metrics = anon->Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.body.find("fake_total"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find(R"(method="DELETE",route="/api/v1/events/{id}",status="405")"), std::string::npos)
      << metrics.body;
  ExpectTextFormat(metrics.body);
}

TEST(Metrics, NewPathsAndMethodsDoNotGrowTheSeries) {
  TestServer server;
  auto anon = server.Anonymous();
  auto wave = [&](int from) {
    for (int i = from; i < from + 200; ++i) {
      anon->Get("/api/v1/nothing-" + std::to_string(i));
      anon->Request("DELETE", "/api/v1/events/" + std::to_string(i));
      anon->Request("PATCH", "/no/such/path/" + std::to_string(i));
      anon->Request("PROPFIND", "/api/v1/events/" + std::to_string(i));
    }
  };
  wave(0);
  anon->Get("/metrics");  // its own series exists from now on
  const size_t after_first = SeriesCount(anon->Get("/metrics").body);
  wave(1000);
  const auto second = anon->Get("/metrics").body;
  EXPECT_EQ(SeriesCount(second), after_first);
  EXPECT_EQ(second.find("nothing-"), std::string::npos);
  EXPECT_EQ(second.find("PROPFIND"), std::string::npos);
  EXPECT_NE(second.find(R"(method="other")"), std::string::npos);
  ExpectTextFormat(second);
}

TEST(Metrics, LabelValuesAreEscaped) {
  EXPECT_EQ(api::EscapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace shaobing
