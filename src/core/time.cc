#include "core/time.h"

#include <cstdio>

namespace shaobing {
namespace {

constexpr int kShanghaiOffsetMinutes = 8 * 60;

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::string Format(TimePoint t, int offset_minutes) {
  using namespace std::chrono;
  const auto local = t + minutes(offset_minutes);
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", int(ymd.year()), unsigned(ymd.month()),
                        unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                        int(hms.seconds().count()));
  std::string out(buf, static_cast<size_t>(n));
  if (auto ms = hms.subseconds().count(); ms != 0) {
    std::snprintf(buf, sizeof buf, ".%03d", int(ms));
    out += buf;
  }
  if (offset_minutes == 0) return out + "Z";
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', std::abs(offset_minutes) / 60,
                std::abs(offset_minutes) % 60);
  return out + buf;
}

}  // namespace

TimePoint SystemClock::Now() const { return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()); }

std::optional<TimePoint> ParseIsoTime(std::string_view s) {
  using namespace std::chrono;
  int y, mo, d, h, mi, sec;
  if (!Digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !Digits(s, 11, 2, h) || s[13] != ':' ||
      !Digits(s, 14, 2, mi) || s[16] != ':' || !Digits(s, 17, 2, sec)) {
    return std::nullopt;
  }
  size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int scale = 100, ndigits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (ndigits < 3) millis += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
      ++ndigits;
    }
    if (ndigits == 0 || ndigits > 9) return std::nullopt;
  }
  int offset = 0;
  if (pos == s.size()) return std::nullopt;  // no offset: ambiguous local time
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, om) ||
        oh > 14 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const year_month_day ymd{year(y), month(unsigned(mo)), day(unsigned(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  const auto tp = sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec) + milliseconds(millis) - minutes(offset);
  // Only instants that FormatUtc and FormatShanghai write with a four-digit year, so that
  // every time accepted reads back: "9999-12-31T23:00:00Z" is 10000-01-01 in Shanghai.
  const auto earliest = sys_days(year(0) / January / 1);
  const auto end = sys_days(year(10000) / January / 1) - minutes(kShanghaiOffsetMinutes);
  if (tp < earliest || tp >= end) return std::nullopt;
  return time_point_cast<Millis>(tp);
}

std::string FormatShanghai(TimePoint t) { return Format(t, kShanghaiOffsetMinutes); }
std::string FormatUtc(TimePoint t) { return Format(t, 0); }

}  // namespace shaobing
