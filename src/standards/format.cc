#include "standards/format.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace shaobing::standards_internal {
namespace {

void AppendPlain(std::string& out, double v) {
  char buf[40];
  if (v >= 0 && v < 1e15 && v == static_cast<double>(static_cast<long long>(v))) {
    // Whole numbers: digits backwards, no library call.
    auto n = static_cast<unsigned long long>(v);
    char* end = buf + sizeof buf;
    char* p = end;
    do {
      *--p = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n != 0);
    out.append(p, end);
    return;
  }
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

bool IsYuan(Figure f) { return f == Figure::kEconomicLossYuan; }

}  // namespace

void AppendNumber(std::string& out, double v, Figure figure) {
  if (IsYuan(figure) && v >= 1e4) {
    if (v >= 1e8 && std::fmod(v, 1e4) == 0) {
      AppendPlain(out, v / 1e8);
      out += "亿";
    } else {
      AppendPlain(out, v / 1e4);
      out += "万";
    }
    return;
  }
  AppendPlain(out, v);
}

void AppendQuantity(std::string& out, double v, Figure figure) {
  AppendNumber(out, v, figure);
  const FigureInfo& info = Info(figure);
  if (!IsYuan(figure)) out += ' ';
  out += info.unit_zh;
}

void AppendBound(std::string& out, const Bound& b, Figure figure) {
  auto threshold = [&](double v) {
    AppendNumber(out, v, figure);
    if (IsYuan(figure)) out += "元";
  };
  if (b.min && b.max && *b.min == *b.max && b.min_inclusive && b.max_inclusive) {
    out += "= ";
    threshold(*b.min);
    return;
  }
  if (b.min) {
    out += b.min_inclusive ? "≥ " : "> ";
    threshold(*b.min);
  }
  if (b.max) {
    if (b.min) out += " 且 ";
    out += b.max_inclusive ? "≤ " : "< ";
    threshold(*b.max);
  }
}

void AppendFigureLabel(std::string& out, const Comparison& c) {
  if (!c.label.empty()) {
    out += c.label;
    return;
  }
  for (size_t i = 0; i < c.figures.size(); ++i) {
    if (i > 0) out += '+';
    out += Info(c.figures[i]).name_zh;
  }
}

std::string DescribeComparison(const Comparison& c) {
  std::string out;
  if (c.subject == Comparison::Subject::kOccurredAt) {
    out += "发生时间";
    if (c.bound.min) {
      out += c.bound.min_inclusive ? " ≥ " : " > ";
      AppendLocalTime(out, *c.bound.min);
    }
    if (c.bound.max) {
      out += c.bound.min ? " 且 " : " ";
      out += c.bound.max_inclusive ? "≤ " : "< ";
      AppendLocalTime(out, *c.bound.max);
    }
    return out;
  }
  AppendFigureLabel(out, c);
  out += ' ';
  AppendBound(out, c.bound, c.figures.empty() ? Figure::kDeaths : c.figures.front());
  return out;
}

void AppendLocalTime(std::string& out, double unix_millis) {
  using namespace std::chrono;
  const auto local = sys_time<milliseconds>(milliseconds(static_cast<long long>(unix_millis))) + hours(8);
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<minutes>(local - day)};
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", int(ymd.year()), unsigned(ymd.month()),
                        unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()));
  out.append(buf, static_cast<size_t>(n));
}

}  // namespace shaobing::standards_internal
