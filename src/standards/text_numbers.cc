#include "standards/text_numbers.h"

#include <array>
#include <cmath>

namespace shaobing {
namespace {

// Length of the UTF-8 character starting at s[i] (1 for invalid bytes).
size_t CharLen(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  return i + n <= s.size() ? n : 1;
}

bool StartsWith(std::string_view s, size_t i, std::string_view p) {
  return s.size() - i >= p.size() && s.compare(i, p.size(), p) == 0;
}

// An ASCII or full-width digit at s[i]: its value and byte length.
bool DigitAt(std::string_view s, size_t i, int* value, size_t* len) {
  if (i >= s.size()) return false;
  const char c = s[i];
  if (c >= '0' && c <= '9') {
    *value = c - '0';
    *len = 1;
    return true;
  }
  // U+FF10..U+FF19: EF BC 90..99
  if (s.size() - i >= 3 && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
    const auto b = static_cast<unsigned char>(s[i + 2]);
    if (b >= 0x90 && b <= 0x99) {
      *value = b - 0x90;
      *len = 3;
      return true;
    }
  }
  return false;
}

struct Numeral {
  std::string_view text;
  int digit;    // 0..9, or -1 for a multiplier
  double unit;  // multiplier value
};
constexpr std::array<Numeral, 17> kNumerals{{
    {"零", 0, 0},
    {"〇", 0, 0},
    {"一", 1, 0},
    {"二", 2, 0},
    {"两", 2, 0},
    {"三", 3, 0},
    {"四", 4, 0},
    {"五", 5, 0},
    {"六", 6, 0},
    {"七", 7, 0},
    {"八", 8, 0},
    {"九", 9, 0},
    {"十", -1, 10},
    {"百", -1, 100},
    {"千", -1, 1000},
    {"万", -1, 1e4},
    {"亿", -1, 1e8},
}};

struct Approx {
  std::string_view text;
  double value;
};
constexpr std::array<Approx, 13> kApprox{{
    {"数十", 20},
    {"几十", 20},
    {"近百", 90},
    {"上百", 100},
    {"数百", 200},
    {"几百", 200},
    {"近千", 900},
    {"上千", 1000},
    {"数千", 2000},
    {"几千", 2000},
    {"上万", 1e4},
    {"数万", 2e4},
    {"几万", 2e4},
}};

const Numeral* NumeralAt(std::string_view s, size_t i) {
  for (const auto& n : kNumerals) {
    if (StartsWith(s, i, n.text)) return &n;
  }
  return nullptr;
}

// Parses a number at s[i]; on success sets *end and returns the value (> 0 or 0).
bool ParseNumberAt(std::string_view s, size_t i, double* value, size_t* end) {
  for (const auto& a : kApprox) {
    if (StartsWith(s, i, a.text)) {
      *value = a.value;
      *end = i + a.text.size();
      return true;
    }
  }
  int d = 0;
  size_t len = 0;
  if (DigitAt(s, i, &d, &len)) {
    double v = 0;
    size_t j = i;
    while (DigitAt(s, j, &d, &len)) {
      v = v * 10 + d;
      j += len;
    }
    if (j < s.size() && s[j] == '.' && DigitAt(s, j + 1, &d, &len)) {
      double scale = 0.1;
      ++j;
      while (DigitAt(s, j, &d, &len)) {
        v += d * scale;
        scale /= 10;
        j += len;
      }
    }
    if (StartsWith(s, j, "万")) {
      v *= 1e4;
      j += 3;
    } else if (StartsWith(s, j, "千")) {
      v *= 1e3;
      j += 3;
    }
    *value = v;
    *end = j;
    return true;
  }
  // Chinese numerals: sections of 万 and 亿.
  double total = 0, section = 0, number = 0;
  bool any_digit = false, any = false;
  size_t j = i;
  while (const Numeral* n = NumeralAt(s, j)) {
    any = true;
    if (n->digit >= 0) {
      number = n->digit;
      any_digit = true;
    } else if (n->unit >= 1e4) {
      total = (total + section + number) * n->unit;
      section = number = 0;
    } else {
      section += (number == 0 && n->unit == 10 ? 1 : number) * n->unit;
      number = 0;
    }
    j += n->text.size();
  }
  if (!any || (!any_digit && section == 0)) return false;
  *value = total + section + number;
  *end = j;
  return true;
}

}  // namespace

void FindNumberTokens(std::string_view text, const std::vector<std::string>& units, std::vector<NumberToken>* out) {
  for (size_t i = 0; i < text.size();) {
    double value = 0;
    size_t end = 0;
    if (!ParseNumberAt(text, i, &value, &end)) {
      i += CharLen(text, i);
      continue;
    }
    size_t j = end;
    for (std::string_view filler : {"余", "多", "来"}) {
      if (StartsWith(text, j, filler)) {
        j += filler.size();
        break;
      }
    }
    int best = -1;
    for (size_t u = 0; u < units.size(); ++u) {
      if (!units[u].empty() && StartsWith(text, j, units[u]) &&
          (best < 0 || units[u].size() > units[static_cast<size_t>(best)].size())) {
        best = static_cast<int>(u);
      }
    }
    if (best >= 0 && value > 0) {
      out->push_back({value, i, j + units[static_cast<size_t>(best)].size(), static_cast<std::uint16_t>(best)});
    }
    i = end;
  }
}

size_t CountChars(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasClauseBreak(std::string_view text) {
  for (std::string_view p : {"，", "。", "；", "！", "？", "、", ",", ";", "!", "?", "\n"}) {
    if (text.find(p) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace shaobing
