// Matched-condition lines and the Chinese explanation of an evaluation.
#include <bit>

#include "core/taxonomy.h"
#include "standards/evaluator_internal.h"
#include "standards/format.h"

namespace shaobing::standards_internal {
namespace {

std::string_view ChannelNameZh(Channel c) { return c == Channel::kPhone ? "电话" : "书面"; }

// "敏感人员：学生（“学生”）", "敏感时间：国家法定节假日（国庆节）", "敏感人员：学生（报送标注）";
// thresholds show their evidence: "围观人数 200 人 ≥ 100（“围观约200人”）".
void AppendFactor(std::string& out, const SensitiveMatch& m) {
  if (m.kind == SensitiveKind::kThresholds && !m.words.empty()) {
    out += m.words.front();
    return;
  }
  out += SensitiveKindNameZh(m.kind);
  out += "：";
  out += m.label;
  out += "（";
  if (m.words.empty()) out += "报送标注";
  const bool quote = m.via == SensitiveVia::kText;
  for (size_t i = 0; i < m.words.size(); ++i) {
    if (i > 0) out += "、";
    if (quote) out += "“";
    out += m.words[i];
    if (quote) out += "”";
  }
  out += "）";
}

}  // namespace

void CollectMatched(const EvalContext& c, std::uint32_t index, const std::vector<SensitiveMatch>& sensitive,
                    std::vector<std::string>* out) {
  const Program& p = *c.program;
  const Node& n = p.nodes[index];
  if (n.op == Node::Op::kAllOf || n.op == Node::Op::kAnyOf) {
    for (std::uint32_t i = n.first; i < n.first + n.count; ++i) {
      if (Test(c, p.children[i])) CollectMatched(c, p.children[i], sensitive, out);
    }
    return;
  }
  const Comparison& cmp = *n.spec;
  switch (n.op) {
    case Node::Op::kFigure: {
      double sum = 0;
      for (Figure f : cmp.figures) sum += c.facts->figures.Get(f).value_or(0);
      std::string& line = out->emplace_back();
      AppendFigureLabel(line, cmp);
      line += ' ';
      AppendQuantity(line, sum, cmp.figures.front());
      line += ' ';
      AppendBound(line, cmp.bound, cmp.figures.front());
      return;
    }
    case Node::Op::kCategory: {
      const auto categories = AllCategories();
      std::string& line = out->emplace_back("类别：");
      line += c.category_slot < categories.size() ? categories[c.category_slot].name_zh
                                                  : std::string_view(c.facts->category);
      return;
    }
    case Node::Op::kRegion: {
      std::string& line = out->emplace_back("地区：");
      line += c.facts->region;
      for (const auto& code : cmp.codes) {
        if (!RegionWithin(*c.facts, code)) continue;
        if (code != c.facts->region) {
          line += " 属于 ";
          line += code;
        }
        break;
      }
      return;
    }
    case Node::Op::kSensitive:
      for (const auto& m : sensitive) {
        if (p.masks[n.mask].test(BitOfMatch(p.sensitive, m))) AppendFactor(out->emplace_back(), m);
      }
      return;
    case Node::Op::kOccurredAt: {
      std::string& line = out->emplace_back("发生时间 ");
      AppendLocalTime(line, c.occurred_ms);
      std::string bound = DescribeComparison(cmp);
      line += bound.substr(std::string_view("发生时间").size());
      return;
    }
    default:
      return;
  }
}

void Explain(const EvalContext& c, std::span<const std::uint16_t> rules, Evaluation* out) {
  std::string& s = out->explanation;
  s.reserve(400 + 200 * rules.size() + 40 * out->sensitive.size());
  const auto categories = AllCategories();
  const Category* category = c.category_slot < categories.size() ? &categories[c.category_slot] : nullptr;
  s += "依据报送标准（版本 ";
  s += out->catalogue_version;
  s += "），该";
  s += category != nullptr ? category->name_zh : "未知类别";
  s += "事件";
  if (rules.empty()) {
    s += "未命中任何报送规则，不定级，无需按标准上报。";
    return;
  }
  s += "命中规则：";
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = *c.program->rules[rules[i]].spec;
    const Tag& tag = out->tags[i];
    if (i > 0) s += "；";
    s += "「";
    s += rule.label;
    s += "」（";
    if (rule.local_default) {
      s += "本地默认标准";
    } else {
      s += rule.source.regulation;
      s += rule.source.article;
    }
    for (const auto& m : tag.matched) {
      s += "，";
      s += m;
    }
    s += "）";
  }
  s += "。";
  if (out->grade) {
    s += "综合定为";
    s += GradeNameZh(*out->grade);
    s += "事件，";
  } else {
    s += "未定级，";
  }
  s += "应报送至";
  s += LevelNameZh(*out->report_to);
  s += "，时限：";
  for (size_t i = 0; i < out->deadlines.size(); ++i) {
    const DeadlineOwed& d = out->deadlines[i];
    const bool same_level = i > 0 && out->deadlines[i - 1].level == d.level;
    if (i > 0) s += same_level ? "、" : "；";
    if (!same_level) s += LevelNameZh(d.level);
    s += ChannelNameZh(d.channel);
    s += ' ';
    AppendNumber(s, d.minutes, Figure::kDeaths);
    s += " 分钟";
  }
  s += "。";
  if (!out->sensitive.empty()) {
    s += "涉及敏感因素：";
    for (size_t i = 0; i < out->sensitive.size(); ++i) {
      if (i > 0) s += "、";
      s += out->sensitive[i].label;
    }
    s += "。";
  }
  if (out->consultation) s += "须组织专家会商并记录会商意见。";
}

}  // namespace shaobing::standards_internal
