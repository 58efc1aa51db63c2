#pragma once
// Numbers with units in Chinese report text ("约200人", "80名", "两百余人", "4个多小时").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shaobing {

struct NumberToken {
  double value = 0;
  size_t begin = 0, end = 0;  // byte offsets of the number and its unit
  std::uint16_t unit = 0;     // index into the units given to FindNumberTokens
};

// Finds every positive number immediately followed (optionally after 余/多/来) by one of
// `units`, preferring the longest unit. Numbers: ASCII or full-width digits with an optional
// fraction and 万/千 multiplier ("1.5万"); Chinese numerals (二百、三十五、两万); and the
// approximations 数十/几十 → 20, 近百 → 90, 上百 → 100, 数百/几百 → 200, 近千 → 900,
// 上千 → 1000, 数千/几千 → 2000, 上万 → 10000, 数万 → 20000 (lower estimates).
void FindNumberTokens(std::string_view text, const std::vector<std::string>& units, std::vector<NumberToken>* out);

// Number of UTF-8 characters.
size_t CountChars(std::string_view text);

// True when the text holds sentence or list punctuation (，。；！？、 , ; ! ? newline), which
// separates a cue word from a number that belongs to another clause.
bool HasClauseBreak(std::string_view text);

}  // namespace shaobing
