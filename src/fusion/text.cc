#include "fusion/text.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace shaobing::fusion {
namespace {

bool IsCjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
bool IsAsciiAlnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size() / 2);
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      ++i;
      continue;
    }
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += len;
  }
  return out;
}

std::string Encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// Highways of the default gazetteer's region by name; codes are what every source agrees on.
constexpr std::array<std::pair<std::u32string_view, std::u32string_view>, 7> kRoadNames = {{
    {U"京藏", U"g6"},
    {U"青银", U"g20"},
    {U"福银", U"g70"},
    {U"定武", U"g2012"},
    {U"银百", U"g69"},
    {U"乌玛", U"g1816"},
    {U"银昆", U"g85"},
}};

struct Suffix {
  std::u32string_view text;
  std::u32string_view kind;        // canonical class, so that 有限公司 and 公司 agree
  std::u32string_view not_before;  // characters that make it a common word instead
};
constexpr std::array<Suffix, 22> kSuffixes = {{
    {U"有限责任公司", U"org", U""},
    {U"有限公司", U"org", U""},
    {U"公司", U"org", U""},
    {U"化工厂", U"org", U""},
    {U"厂", U"org", U"长区房家商"},
    {U"煤矿", U"org", U""},
    {U"学校", U"school", U""},
    {U"中学", U"school", U"生"},
    {U"小学", U"school", U"生"},
    {U"幼儿园", U"school", U""},
    {U"医院", U"", U""},
    {U"小区", U"place", U""},
    {U"社区", U"place", U""},
    {U"村", U"place", U"民委落里级庄"},
    {U"镇", U"place", U"政长压定"},
    {U"街道", U"place", U""},
    {U"市场", U"place", U"监"},
    {U"商场", U"place", U""},
    {U"酒店", U"place", U""},
    {U"工地", U"place", U""},
    {U"水库", U"place", U""},
    {U"加油站", U"place", U""},
}};
constexpr std::u32string_view kStops =
    U"司的在于是一某与和及向对从到至为位处经据该其由将已共约内外时许后前发生因称报现名个家所附近东西南北";

}  // namespace

std::u32string Normalize(std::string_view text) {
  std::u32string out;
  for (char32_t c : Decode(text)) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + '0';  // full-width digits
    if (c >= 0xFF21 && c <= 0xFF3A) c = c - 0xFF21 + 'a';  // full-width capitals
    if (c >= 0xFF41 && c <= 0xFF5A) c = c - 0xFF41 + 'a';
    if (IsCjk(c) || IsAsciiAlnum(c)) out.push_back(c);
  }
  return out;
}

std::vector<std::uint32_t> Shingles(std::string_view text, size_t max_grams) {
  const std::u32string t = Normalize(text);
  std::vector<std::uint32_t> grams;
  grams.reserve(std::min(max_grams, t.size()));
  for (size_t i = 0; i + 1 < t.size() && grams.size() < max_grams * 2; ++i) {
    std::uint64_t h = (static_cast<std::uint64_t>(t[i]) << 32) | t[i + 1];
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    grams.push_back(static_cast<std::uint32_t>(h));
  }
  // Keep the first `max_grams` distinct grams in text order, then sort.
  std::vector<std::uint32_t> out;
  out.reserve(std::min(max_grams, grams.size()));
  for (std::uint32_t g : grams) {
    if (out.size() >= max_grams) break;
    if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::uint32_t Hash32(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

EntityExtractor::EntityExtractor(const RegionTree& regions) {
  for (const Region* r : regions.All()) {
    names_.push_back({Normalize(r->name), r->code});
    for (const std::string& a : r->aliases) names_.push_back({Normalize(a), r->code});
  }
  std::erase_if(names_, [](const Name& n) { return n.text.size() < 2; });
  std::stable_sort(names_.begin(), names_.end(),
                   [](const Name& a, const Name& b) { return a.text.size() > b.text.size(); });
}

std::vector<std::string> EntityExtractor::Regions(std::string_view text) const {
  const std::u32string t = Normalize(text);
  std::vector<bool> covered(t.size(), false);
  std::vector<std::pair<size_t, std::string>> found;
  for (const Name& n : names_) {
    for (size_t pos = t.find(n.text); pos != std::u32string::npos; pos = t.find(n.text, pos + 1)) {
      if (covered[pos] || covered[pos + n.text.size() - 1]) continue;
      const auto from = covered.begin() + static_cast<std::ptrdiff_t>(pos);
      std::fill(from, from + static_cast<std::ptrdiff_t>(n.text.size()), true);
      found.emplace_back(pos, n.code);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> codes;
  for (auto& [pos, code] : found) {
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return codes;
}

std::vector<Entity> EntityExtractor::Extract(std::string_view text) const {
  std::vector<Entity> out;
  auto add = [&out](Entity::Kind kind, std::string s) {
    for (const Entity& e : out) {
      if (e.kind == kind && e.text == s) return;
    }
    out.push_back({kind, std::move(s)});
  };
  for (std::string& code : Regions(text)) add(Entity::Kind::kRegion, std::move(code));

  const std::u32string t = Normalize(text);
  // Road codes: g/s + digits.
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if ((t[i] == 'g' || t[i] == 's') && (i == 0 || !IsAsciiAlnum(t[i - 1])) && t[i + 1] >= '0' && t[i + 1] <= '9') {
      size_t j = i + 1;
      while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
      add(Entity::Kind::kRoad, Encode(t.substr(i, j - i)));
      i = j;
    }
  }
  // Kilometre posts ("K1123"): which stretch of a road.
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i] == 'k' && (i == 0 || !IsAsciiAlnum(t[i - 1])) && t[i + 1] >= '0' && t[i + 1] <= '9') {
      size_t j = i + 1;
      while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
      add(Entity::Kind::kPlace, Encode(t.substr(i, j - i)) + ":km");
      i = j;
    }
  }
  for (const auto& [name, code] : kRoadNames) {
    if (t.find(name) != std::u32string::npos) add(Entity::Kind::kRoad, Encode(code));
  }
  // Organisations and places by suffix; a longer suffix at the same end wins.
  std::vector<bool> used(t.size() + 1, false);
  for (const Suffix& s : kSuffixes) {
    for (size_t pos = t.find(s.text); pos != std::u32string::npos; pos = t.find(s.text, pos + 1)) {
      const size_t end = pos + s.text.size();
      if (used[end]) continue;
      if (end < t.size() && s.not_before.find(t[end]) != std::u32string_view::npos) continue;
      size_t begin = pos;
      while (begin > 0 && pos - begin < 6 && IsCjk(t[begin - 1]) &&
             kStops.find(t[begin - 1]) == std::u32string_view::npos) {
        --begin;
      }
      std::u32string core = t.substr(begin, pos - begin);
      // Strip region names at the front ("银川市兴庆区某某小区" -> "某某").
      for (bool stripped = true; stripped && !core.empty();) {
        stripped = false;
        for (const Name& n : names_) {
          if (core.size() > n.text.size() && core.starts_with(n.text)) {
            core.erase(0, n.text.size());
            stripped = true;
            break;
          }
        }
      }
      if (core.size() < 2) continue;
      used[end] = true;
      if (s.kind.empty()) continue;  // hospitals treat the casualties of many events: no evidence
      const Entity::Kind kind = s.kind == U"org" || s.kind == U"school" || s.kind == U"hospital"
                                    ? Entity::Kind::kOrganisation
                                    : Entity::Kind::kPlace;
      add(kind, Encode(core.substr(0, 2)) + ":" + Encode(s.kind));
    }
  }
  return out;
}

}  // namespace shaobing::fusion
