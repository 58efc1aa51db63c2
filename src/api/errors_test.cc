// Error bodies are JSON whatever bytes the client sent: messages and fields quote paths,
// query values and keys, which may hold bytes that are not UTF-8.
#include "api/errors.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace shaobing::api {
namespace {

boost::json::value Body(const HttpResponse& response) {
  boost::system::error_code ec;
  auto v = boost::json::parse(response.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << response.body;
  return ec ? boost::json::value(nullptr) : v;
}

// Found by fuzz/http_request: GET /%2e%2e/%ed answered 404 with the raw byte 0xED in the body.
TEST(ErrorResponse, StaysUtf8WhenTheErrorQuotesRawBytes) {
  const Error error = Error::Make(ErrorCode::kNotFound, "not_found", "", {{"path", "/../\xED"}});
  for (auto locale : {i18n::Locale::kZhCn, i18n::Locale::kEn}) {
    const auto response = ErrorResponse(error, locale);
    EXPECT_EQ(response.status, 404);
    const auto body = Body(response);
    ASSERT_TRUE(body.is_object());
    const std::string message(body.at("error").at("message").as_string());
    EXPECT_NE(message.find("/../\uFFFD"), std::string::npos) << message;
  }
}

TEST(ErrorResponse, StaysUtf8InFieldsAndDetails) {
  const Error error =
      Error::Invalid({{"invalid_query", "limit", {{"value", "\xC0\xAF"}}}, {"unknown_field", "\xFF\xFE", {}}});
  const auto body = Body(ErrorResponse(error, i18n::Locale::kEn));
  ASSERT_TRUE(body.is_object());
  const auto& details = body.at("error").at("details").as_array();
  ASSERT_EQ(details.size(), 2u);
  EXPECT_EQ(details[1].at("field").as_string(), "\uFFFD\uFFFD");
}

}  // namespace
}  // namespace shaobing::api
