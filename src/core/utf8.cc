#include "core/utf8.h"

#include <algorithm>

namespace shaobing {
namespace {

// Length of the well-formed sequence at `pos`, or 0 when none starts there; `valid_prefix`
// receives how many bytes form the longest prefix of one (the maximal subpart, at least 1).
size_t SequenceAt(std::string_view s, size_t pos, size_t* valid_prefix) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(pos);
  *valid_prefix = 1;
  if (b0 < 0x80) return 1;
  size_t length;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;   // overlong
    if (b0 == 0xED) high = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;   // overlong
    if (b0 == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  for (size_t i = 1; i < length; ++i) {
    if (pos + i >= s.size()) return 0;
    const unsigned char b = byte(pos + i);
    if (i == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return 0;
    *valid_prefix = i + 1;
  }
  return length;
}

}  // namespace

size_t InvalidUtf8At(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    size_t prefix;
    const size_t n = SequenceAt(text, pos, &prefix);
    if (n == 0) return pos;
    pos += n;
  }
  return std::string_view::npos;
}

int LineAt(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    size_t prefix;
    const size_t n = SequenceAt(text, pos, &prefix);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      pos += prefix;
    } else {
      out.append(text.substr(pos, n));
      pos += n;
    }
  }
  return out;
}

}  // namespace shaobing
