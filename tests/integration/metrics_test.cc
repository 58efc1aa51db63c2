// /metrics cannot be written by clients: series are labelled by route template and a fixed
// method set, so neither a crafted path nor a flood of new paths and methods adds a series,
// and every line stays in the Prometheus text format.
#include "api/metrics.h"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <sstream>
#include <string_view>

#include "testing/process.h"
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

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }
bool IsNameChar(char c) { return IsNameStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

// Consumes a metric or label name at `i`; false when none is there.
bool Name(const std::string& s, size_t& i, bool colon_allowed) {
  if (i >= s.size() || !IsNameStart(s[i]) || (!colon_allowed && s[i] == ':')) return false;
  for (++i; i < s.size() && IsNameChar(s[i]) && (colon_allowed || s[i] != ':'); ++i) {
  }
  return true;
}

// `name{label="value",...} number`, label values quoted with only \\, \" and \n escapes.
// (A hand-written check: GCC 12 warns inside <regex> at -O1 under the sanitizers.)
bool IsSample(const std::string& s) {
  size_t i = 0;
  if (!Name(s, i, true)) return false;
  if (i < s.size() && s[i] == '{') {
    ++i;
    while (i < s.size() && s[i] != '}') {
      if (!Name(s, i, false) || s.compare(i, 2, "=\"") != 0) return false;
      for (i += 2; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\n') return false;
        if (s[i] == '\\' && (++i >= s.size() || std::string_view("\\\"n").find(s[i]) == std::string_view::npos))
          return false;
      }
      if (i >= s.size()) return false;
      ++i;
      if (i < s.size() && s[i] == ',') ++i;
    }
    if (i >= s.size()) return false;
    ++i;
  }
  if (i >= s.size() || s[i] != ' ' || i + 1 == s.size()) return false;
  return s.find_first_not_of("0123456789.e+-", i + 1) == std::string::npos;
}

bool IsComment(const std::string& s) {
  if (s.rfind("# HELP ", 0) != 0 && s.rfind("# TYPE ", 0) != 0) return false;
  size_t i = 7;
  return Name(s, i, true) && i < s.size() && s[i] == ' ';
}

// Every line is a comment (# HELP / # TYPE) or a sample in the Prometheus text format.
void ExpectTextFormat(const std::string& text) {
  for (const auto& line : Lines(text)) EXPECT_TRUE(IsSample(line) || IsComment(line)) << line;
}

TEST(Metrics, TheFormatCheckRejectsWhatAnInjectionWouldWrite) {
  EXPECT_TRUE(IsSample(R"(http_requests_total{method="GET",route="/x",status="200"} 3)"));
  EXPECT_TRUE(IsSample("process_up 1"));
  EXPECT_TRUE(IsComment("# TYPE http_requests_total counter"));
  EXPECT_FALSE(IsSample(R"(x{route="a"} 1 fake_total 1)"));
  EXPECT_FALSE(IsSample(R"(x{route="a\q"} 1)"));
  EXPECT_FALSE(IsSample(R"(x{route="a} 1)"));
  EXPECT_FALSE(IsSample("x{route=\"a\nb\"} 1"));
  EXPECT_FALSE(IsSample("x 1 2"));
  EXPECT_FALSE(IsComment("# fake"));
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

// The value of the sample named exactly `name` (no labels); -1 when absent.
double Value(const std::string& text, const std::string& name) {
  for (const auto& line : Lines(text)) {
    if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

TEST(Metrics, PassesPromtoolAndShowsTheStoreWriter) {
  TestServer server;
  auto desk = server.ClientAs("desk");  // a login: a session and its audit record written
  auto anon = server.Anonymous();
  for (int i = 0; i < 3; ++i) {  // refused logins are audited too: more batches
    anon->PostJson("/api/v1/auth/login", boost::json::object{{"name", "desk"}, {"password", "wrong"}});
  }
  // The refusals are audited without waiting: read once the writer has taken every job.
  std::string m;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    const auto metrics = anon->Get("/metrics");
    ASSERT_EQ(metrics.status, 200);
    m = metrics.body;
  } while ((Value(m, "shaobing_store_queue_depth") != 0 || Value(m, "shaobing_store_jobs_total") < 4) &&
           std::chrono::steady_clock::now() < deadline);
  const double commits = Value(m, "shaobing_store_commits_total");
  EXPECT_GE(commits, 1) << m;
  EXPECT_GE(Value(m, "shaobing_store_jobs_total"), 4) << m;
  EXPECT_GE(Value(m, "shaobing_store_jobs_total"), commits);
  EXPECT_EQ(Value(m, "shaobing_store_batch_size_count"), commits);
  EXPECT_EQ(Value(m, "shaobing_store_commit_duration_seconds_count"), commits);
  EXPECT_GT(Value(m, "shaobing_store_commit_duration_seconds_sum"), 0);
  EXPECT_GT(Value(m, "shaobing_store_writer_busy_seconds_total"), 0);
  EXPECT_GE(Value(m, "shaobing_store_writer_busy_seconds_total"),
            Value(m, "shaobing_store_commit_duration_seconds_sum"));
  EXPECT_EQ(Value(m, "shaobing_store_queue_depth"), 0) << m;
  EXPECT_GE(Value(m, "shaobing_store_anchor_waiting"), 0);
  EXPECT_EQ(Value(m, "shaobing_live_streams_open"), 0);
  EXPECT_NE(m.find("shaobing_store_batch_size_bucket{le=\"1\"} "), std::string::npos);
  // Prometheus' own check of the text format and its naming rules (exit 0: no problem at all).
  const auto check = testing::RunProcess({"/usr/bin/promtool", "check", "metrics"}, m);
  EXPECT_EQ(check.status, 0) << check.out << check.err;
  const auto broken = testing::RunProcess({"/usr/bin/promtool", "check", "metrics"}, "# TYPE x counter\nx 1\n");
  EXPECT_NE(broken.status, 0) << "the check must be able to fail";
}

TEST(Metrics, LabelValuesAreEscaped) { EXPECT_EQ(api::EscapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd"); }

}  // namespace
}  // namespace shaobing
