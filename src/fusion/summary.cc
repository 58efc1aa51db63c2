#include "fusion/summary.h"

#include <algorithm>
#include <chrono>

#include "core/unit.h"

namespace shaobing::fusion {
namespace {

std::string Number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v))) return std::to_string(static_cast<long long>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

// "（据自治区卫生健康委11月29日15时报）"; a desk's ruling: "（值班台11月29日15时裁定）".
std::string Cite(const std::string& name, const std::string& kind, TimePoint at) {
  if (kind == "desk") return "（值班台" + ShortTimeZh(at) + "裁定）";
  return "（据" + CitedName(name, kind) + ShortTimeZh(at) + "报）";
}

// Sentences of a text, split after "。", "；" and "！".
std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
    const std::string ch = text.substr(i, len);
    cur += ch;
    i += len;
    if (ch == "。" || ch == "；" || ch == "！") {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur + "。");
  return out;
}

std::string StripPrefix(std::string s) {
  for (std::string_view p : {"续报：", "终报：", "更正：", "首报："}) {
    if (s.starts_with(p)) return s.substr(p.size());
  }
  return s;
}

// The sentences of a report that speak to a perspective (at most two), else its first one.
std::string Excerpt(const SourcedReport& r, const std::string& perspective) {
  if (perspective == "technical_cause" && r.draft.cause) return *r.draft.cause;
  const std::vector<std::string> sentences = Sentences(StripPrefix(r.draft.description));
  const auto& words = PerspectiveKeywords(perspective);
  std::string out;
  int taken = 0;
  for (const std::string& s : sentences) {
    const bool hit =
        std::any_of(words.begin(), words.end(), [&](std::string_view w) { return s.find(w) != std::string::npos; });
    if (hit && taken < 2) {
      out += s;
      ++taken;
    }
  }
  if (out.empty() && !sentences.empty()) out = sentences.front();
  if (!out.empty() && (out.ends_with("。") || out.ends_with("；") || out.ends_with("！"))) out.resize(out.size() - 3);
  return out;
}

}  // namespace

std::string ShortTimeZh(TimePoint t) {
  using namespace std::chrono;
  const auto local = t + hours(8);
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss hms(floor<minutes>(local - day));
  std::string s = std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
                  std::to_string(static_cast<unsigned>(ymd.day())) + "日" + std::to_string(hms.hours().count()) + "时";
  if (hms.minutes().count() != 0) {
    const auto m = hms.minutes().count();
    s += (m < 10 ? "0" : "") + std::to_string(m) + "分";
  }
  return s;
}

std::string CitedName(const std::string& unit_name, const std::string& unit_kind) {
  std::string name = unit_name;
  if (name.empty()) {
    const UnitKindInfo* k = FindUnitKind(unit_kind);
    name = k ? std::string(k->name_zh) : unit_kind;
  }
  const size_t pos = name.find("自治区");
  if (pos != std::string::npos && pos > 0 && pos <= size_t{5} * 3) name = name.substr(pos);
  if (name.ends_with("委员会")) name = name.substr(0, name.size() - 6);
  return name;
}

std::string CompositeSummary(const SummaryInput& in) {
  std::string out = "【综合情况】" + in.title + "。";
  if (in.occurred_at) out += ShortTimeZh(*in.occurred_at) + "许，";
  out += "事发" + in.region_name + in.address + "。\n";

  // Figures, grouped by the source they are cited from.
  std::string figures;
  const FigureValue* last = nullptr;
  for (const FigureConsensus& c : in.consensus.figures) {
    const FigureInfo& info = Info(c.figure);
    if (last && (last->unit != c.value.unit || last->at != c.value.at)) {
      figures += Cite(last->unit_name, last->unit_kind, last->at) + "，";
    } else if (last) {
      figures += "、";
    }
    figures += std::string(info.name_zh) + Number(c.value.value) + std::string(info.unit_zh);
    last = &c.value;
  }
  if (last) out += "【伤亡及影响】截至目前：" + figures + Cite(last->unit_name, last->unit_kind, last->at) + "。\n";

  // Each perspective: the latest report covering it, from an expected unit kind if any.
  std::string sides;
  for (const PerspectiveStatus& p : in.perspectives) {
    const SourcedReport* best = nullptr;
    bool best_expected = false;
    for (const SourcedReport& r : in.reports) {
      const auto tags = TagPerspectives(r.draft, r.unit_kind);
      if (std::find(tags.begin(), tags.end(), p.code) == tags.end()) continue;
      const bool expected =
          std::find(p.expected_kinds.begin(), p.expected_kinds.end(), r.unit_kind) != p.expected_kinds.end();
      if (!best || (expected && !best_expected) || (expected == best_expected && r.at >= best->at)) {
        best = &r;
        best_expected = expected;
      }
    }
    if (!best) continue;
    sides += p.name_zh + "：" + Excerpt(*best, p.code) + Cite(best->unit_name, best->unit_kind, best->at) + "。\n";
  }
  if (!sides.empty()) out += "【各方情况】\n" + sides;

  std::string missing;
  for (const PerspectiveStatus& p : in.perspectives) {
    if (!p.missing()) continue;
    std::string who;
    for (const std::string& k : p.expected_kinds) {
      const UnitKindInfo* info = FindUnitKind(k);
      who += (who.empty() ? "" : "或") + (info ? std::string(info->name_zh) : k);
    }
    missing += (missing.empty() ? "" : "；") + p.name_zh + "（待" + who + "报送）";
  }
  if (!missing.empty()) out += "【尚缺】" + missing + "。\n";

  // One entry per figure: the consensus source's value, then each source that disagrees.
  std::string conflicts;
  for (size_t i = 0; i < in.consensus.conflicts.size(); ++i) {
    const FigureConflict& c = in.consensus.conflicts[i];
    if (i > 0 && in.consensus.conflicts[i - 1].figure == c.figure) continue;
    const FigureInfo& info = Info(c.figure);
    const std::string unit(info.unit_zh);
    auto said = [&unit](const FigureValue& v) {
      return CitedName(v.unit_name, v.unit_kind) + ShortTimeZh(v.at) + "报" + Number(v.value) + unit;
    };
    conflicts += (conflicts.empty() ? "" : "；") + std::string(info.name_zh) + "：" + said(c.consensus);
    for (size_t j = i; j < in.consensus.conflicts.size() && in.consensus.conflicts[j].figure == c.figure; ++j) {
      conflicts += "，" + said(in.consensus.conflicts[j].other);
    }
  }
  if (!conflicts.empty()) out += "【数字待核】" + conflicts + "。\n";
  return out;
}

}  // namespace shaobing::fusion
