#include "log/json_log.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/time.h"

namespace shaobing::log {
namespace {

constexpr std::string_view kTs = "2026-12-03T08:00:00+08:00";

TEST(JsonLogTest, JsonLineIsOneObjectWithTsTypeAndFieldsInOrder) {
  const std::string line = Render(Format::kJson, kTs, "access", {{"request_id", "ab-1"}, {"status", 200}});
  EXPECT_EQ(line, R"({"ts":"2026-12-03T08:00:00+08:00","type":"access","request_id":"ab-1","status":200})");
  EXPECT_TRUE(boost::json::parse(line).is_object());
}

TEST(JsonLogTest, DecimalsArePlainAndTheLinesOwnKeysCannotBeReplaced) {
  const std::string line =
      Render(Format::kJson, kTs, "access", {{"ms", 0.33}, {"ts", "forged"}, {"type", "error"}, {"big", 1e21}});
  EXPECT_EQ(line, R"({"ts":"2026-12-03T08:00:00+08:00","type":"access","ms":0.33,"big":1e+21})");
  EXPECT_EQ(boost::json::parse(line).at("big").as_double(), 1e21);
  // JSON has no NaN: null, and the line still parses.
  const std::string odd = Render(Format::kJson, kTs, "access", {{"ms", std::nan("")}});
  EXPECT_TRUE(boost::json::parse(odd).at("ms").is_null()) << odd;
  EXPECT_EQ(Render(Format::kText, kTs, "access", {{"ms", 12.5}}), "2026-12-03T08:00:00+08:00 access ms=12.5");
}

TEST(JsonLogTest, TextLineQuotesWhatCouldForgeALineOrAField) {
  EXPECT_EQ(Render(Format::kText, kTs, "access", {{"target", "/api/v1/events"}, {"status", 404}, {"ok", true}}),
            "2026-12-03T08:00:00+08:00 access target=/api/v1/events status=404 ok=true");
  // A client's target with a newline, a space and '=' cannot start a line or a field.
  const std::string forged = Render(Format::kText, kTs, "access", {{"target", "/x\n2026 error a=b"}});
  EXPECT_EQ(forged, R"(2026-12-03T08:00:00+08:00 access target="/x\n2026 error a=b")");
  EXPECT_EQ(forged.find('\n'), std::string::npos);
  EXPECT_EQ(Render(Format::kText, kTs, "error", {{"reason", ""}, {"q", "say \"hi\""}}),
            R"(2026-12-03T08:00:00+08:00 error reason="" q="say \"hi\"")");
  EXPECT_EQ(Render(Format::kText, kTs, "error", {{"m", "中文"}}), "2026-12-03T08:00:00+08:00 error m=中文");
}

TEST(JsonLogTest, ParsesOnlyTheTwoFormats) {
  Format f = Format::kText;
  EXPECT_TRUE(ParseFormat("json", f));
  EXPECT_EQ(f, Format::kJson);
  EXPECT_TRUE(ParseFormat("text", f));
  EXPECT_EQ(f, Format::kText);
  EXPECT_FALSE(ParseFormat("JSON", f));
  EXPECT_FALSE(ParseFormat("", f));
  EXPECT_EQ(f, Format::kText);
}

TEST(JsonLogTest, WriteAppendsOneTimestampedLineToTheConfiguredStream) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  Configure(Format::kJson, file);
  Write("listening", {{"url", "http://127.0.0.1:1/"}});
  Write("shutdown", {});
  Configure(Format::kJson, stdout);
  std::rewind(file);
  char buf[512];
  std::string all;
  while (std::fgets(buf, sizeof buf, file)) all += buf;
  std::fclose(file);
  const auto first_end = all.find('\n');
  ASSERT_NE(first_end, std::string::npos);
  const auto first = boost::json::parse(all.substr(0, first_end)).as_object();
  EXPECT_EQ(first.at("type").as_string(), "listening");
  EXPECT_EQ(first.at("url").as_string(), "http://127.0.0.1:1/");
  EXPECT_TRUE(ParseIsoTime(std::string(first.at("ts").as_string())).has_value());
  const auto second = boost::json::parse(all.substr(first_end + 1)).as_object();
  EXPECT_EQ(second.at("type").as_string(), "shutdown");
  EXPECT_EQ(all.back(), '\n');
}

}  // namespace
}  // namespace shaobing::log
