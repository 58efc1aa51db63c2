#include "standards/text_matcher.h"

#include <gtest/gtest.h>

#include <tuple>

#include "standards/text_numbers.h"

namespace shaobing {
namespace {

using Match = std::tuple<std::uint32_t, size_t, size_t>;

std::vector<Match> All(const TextMatcher& m, std::string_view text) {
  std::vector<Match> out;
  m.Scan(text, [&](std::uint32_t id, size_t b, size_t e) { out.emplace_back(id, b, e); });
  return out;
}

TEST(TextMatcher, FindsOverlappingPatterns) {
  const TextMatcher m({"he", "she", "his", "hers"});
  EXPECT_EQ(All(m, "ushers"), (std::vector<Match>{{1, 1, 4}, {0, 2, 4}, {3, 2, 6}}));
  EXPECT_TRUE(All(m, "xyz").empty());
}

TEST(TextMatcher, ChineseWordsNeverMatchInsideCharacters) {
  const TextMatcher m({"学生", "大学生", "生"});
  // "大学生" contains 学生 and 生; each is reported once with its byte span.
  EXPECT_EQ(All(m, "一名大学生"), (std::vector<Match>{{1, 6, 15}, {0, 9, 15}, {2, 12, 15}}));
}

TEST(TextMatcher, EmptyAndDuplicatePatterns) {
  const TextMatcher m({"", "火", "火"});
  EXPECT_EQ(m.pattern_count(), 3u);
  EXPECT_EQ(All(m, "起火"), (std::vector<Match>{{1, 3, 6}, {2, 3, 6}}));
  EXPECT_TRUE(All(TextMatcher(), "起火").empty());
}

struct Token {
  double value;
  std::string text;
  bool operator==(const Token&) const = default;
};

std::vector<Token> Tokens(std::string_view text, const std::vector<std::string>& units) {
  std::vector<NumberToken> found;
  FindNumberTokens(text, units, &found);
  std::vector<Token> out;
  for (const auto& t : found) out.push_back({t.value, std::string(text.substr(t.begin, t.end - t.begin))});
  return out;
}

TEST(TextNumbers, DigitsNumeralsAndApproximations) {
  const std::vector<std::string> people{"人", "名"};
  EXPECT_EQ(Tokens("围观约200人", people), (std::vector<Token>{{200, "200人"}}));
  EXPECT_EQ(Tokens("约80名工人聚集", people), (std::vector<Token>{{80, "80名"}}));
  EXPECT_EQ(Tokens("群众二百余人", people), (std::vector<Token>{{200, "二百余人"}}));
  EXPECT_EQ(Tokens("三十五名", people), (std::vector<Token>{{35, "三十五名"}}));
  EXPECT_EQ(Tokens("十人", people), (std::vector<Token>{{10, "十人"}}));
  EXPECT_EQ(Tokens("两万人", people), (std::vector<Token>{{20000, "两万人"}}));
  EXPECT_EQ(Tokens("1.5万人", people), (std::vector<Token>{{15000, "1.5万人"}}));
  EXPECT_EQ(Tokens("１２０人", people), (std::vector<Token>{{120, "１２０人"}}));
  EXPECT_EQ(Tokens("上百人围观", people), (std::vector<Token>{{100, "上百人"}}));
  EXPECT_EQ(Tokens("数十名", people), (std::vector<Token>{{20, "数十名"}}));
  EXPECT_EQ(Tokens("3辆车，0人", people), (std::vector<Token>{}));
  EXPECT_EQ(Tokens("万人", people), (std::vector<Token>{}));
  EXPECT_EQ(Tokens("持续4个多小时", {"小时", "个小时", "个多小时"}), (std::vector<Token>{{4, "4个多小时"}}));
}

TEST(TextNumbers, CharsAndClauseBreaks) {
  EXPECT_EQ(CountChars("约a围观"), 4u);
  EXPECT_TRUE(HasClauseBreak("死亡，"));
  EXPECT_TRUE(HasClauseBreak("甲、乙"));
  EXPECT_FALSE(HasClauseBreak("群众约"));
}

}  // namespace
}  // namespace shaobing
