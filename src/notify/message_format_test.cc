#include "notify/message_format.h"

#include <gtest/gtest.h>

namespace shaobing::notify {
namespace {

// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
TEST(WebhookSignatureTest, IsTheHexHmacSha256OfTheBody) {
  EXPECT_EQ(WebhookSignature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(SmsTemplateTest, FillsPhoneAndTextJsonEscapedAndKeepsTheRest) {
  EXPECT_EQ(ExpandSmsTemplate(R"({"to":"{phone}","msg":"{text}","x":"{other}"})", "138", "火灾\n\"三人\"\\"),
            R"({"to":"138","msg":"火灾\n\"三人\"\\","x":"{other}"})");
  EXPECT_EQ(ExpandSmsTemplate("{text}{text}", "", std::string("a\x01", 2)), "a\\u0001a\\u0001");
}

TEST(EmailTest, SubjectIsAnEncodedWordSplitOnCharacterBoundaries) {
  EXPECT_EQ(EncodeHeaderText("plain subject"), "plain subject");
  EXPECT_EQ(EncodeHeaderText("火灾"), "=?UTF-8?B?54Gr54G+?=");
  // 20 characters of 3 bytes: 45 bytes per word, so two words, neither splitting a character.
  std::string long_text;
  for (int i = 0; i < 20; ++i) long_text += "灾";
  const std::string encoded = EncodeHeaderText(long_text);
  const auto fold = encoded.find("\r\n ");
  ASSERT_NE(fold, std::string::npos);
  EXPECT_LE(fold, 75u);
  EXPECT_EQ(encoded.find("\r\n ", fold + 1), std::string::npos);
  // A line break in a subject cannot add a header: it is encoded too.
  EXPECT_EQ(EncodeHeaderText("a\r\nBcc: x").find('\n'), std::string::npos);
}

TEST(EmailTest, MessageHasTheHeadersAndABase64Body) {
  const std::string m = BuildEmail({.from = "sb@example.org",
                                    .to = "duty@example.org",
                                    .subject = "火灾",
                                    .text = "正文",
                                    .message_id_key = "sb-0123",
                                    .date = FromUnixMillis(0)});
  EXPECT_NE(m.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("From: <sb@example.org>\r\nTo: <duty@example.org>\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?54Gr54G+?=\r\n"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <sb-0123@shaobing>\r\n"), std::string::npos);
  EXPECT_NE(m.find("\r\n\r\n5q2j5paH\r\n"), std::string::npos) << m;
}

}  // namespace
}  // namespace shaobing::notify
