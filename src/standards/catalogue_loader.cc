#include "standards/catalogue_loader.h"

#include <exception>

#include "core/taxonomy.h"
#include "core/time.h"
#include "core/utf8.h"
#include "standards/load_error.h"
#include "standards/yaml_reader.h"

namespace shaobing {
namespace standards_internal {
namespace {

using Subject = Comparison::Subject;

std::string RuleWhere(const std::string& id, size_t index) {
  if (id.empty()) return "第 " + std::to_string(index + 1) + " 条规则";
  return "规则 \"" + id + "\"";
}

bool Has(const YAML::Node& map, const char* key) { return map[key].IsDefined(); }

// gte / gt / lte / lt / eq of a figure comparison, or of a time comparison (ISO strings).
bool ReadBound(YamlReader& r, const YAML::Node& n, const std::string& where, bool time, Bound* out) {
  auto value = [&](const char* key, std::optional<double>* v) {
    const YAML::Node node = n[key];
    if (!node.IsDefined()) return true;
    if (!time) {
      double d = 0;
      if (!r.Num(node, where, key, &d)) return false;
      *v = d;
      return true;
    }
    std::string text;
    if (!r.Str(node, where, key, &text)) return false;
    auto t = ParseIsoTime(text);
    if (!t) return r.Fail(YamlReader::Line(node), "catalogue_bad_time", where, text);
    *v = static_cast<double>(ToUnixMillis(*t));
    return true;
  };
  auto conflict = [&](const char* a, const char* b) {
    if (Has(n, a) && Has(n, b)) {
      return r.Fail(YamlReader::Line(n[b]), "catalogue_conflicting_keys", where, a, {{"other", b}});
    }
    return true;
  };
  if (!conflict("gte", "gt") || !conflict("lte", "lt") || !conflict("eq", "gte") || !conflict("eq", "gt") ||
      !conflict("eq", "lte") || !conflict("eq", "lt")) {
    return false;
  }
  if (!Has(n, "gte") && !Has(n, "gt") && !Has(n, "lte") && !Has(n, "lt") && !Has(n, "eq")) {
    return r.Fail(YamlReader::Line(n), "catalogue_missing_key", where, "gte、gt、lte、lt 或 eq");
  }
  std::optional<double> gte, gt, lte, lt, eq;
  if (!value("gte", &gte) || !value("gt", &gt) || !value("lte", &lte) || !value("lt", &lt) || !value("eq", &eq)) {
    return false;
  }
  if (eq) {
    out->min = out->max = eq;
    out->min_inclusive = out->max_inclusive = true;
    return true;
  }
  if (gte || gt) {
    out->min = gte ? gte : gt;
    out->min_inclusive = gte.has_value();
  }
  if (lte || lt) {
    out->max = lte ? lte : lt;
    out->max_inclusive = lte.has_value();
  }
  return true;
}

bool ReadCondition(YamlReader& r, const YAML::Node& n, const std::string& where, std::string_view key, Condition* out) {
  out->line = YamlReader::Line(n);
  if (!n.IsMap()) {
    return r.Fail(out->line, "catalogue_wrong_type", where, YamlReader::Describe(n),
                  {{"key", std::string(key)}, {"expected", "映射"}});
  }
  if (Has(n, "any_of") || Has(n, "all_of")) {
    if (!r.Map(n, where, key, {"any_of", "all_of"})) return false;
    if (Has(n, "any_of") && Has(n, "all_of")) {
      return r.Fail(YamlReader::Line(n["all_of"]), "catalogue_conflicting_keys", where, "any_of",
                    {{"other", "all_of"}});
    }
    const bool any = Has(n, "any_of");
    const char* list_key = any ? "any_of" : "all_of";
    const YAML::Node list = n[list_key];
    if (!r.Seq(list, where, list_key)) return false;
    out->op = any ? Condition::Op::kAnyOf : Condition::Op::kAllOf;
    for (const auto& child : list) {
      out->children.emplace_back();
      if (!ReadCondition(r, child, where, list_key, &out->children.back())) return false;
    }
    return true;
  }
  out->op = Condition::Op::kCompare;
  Comparison& c = out->compare;
  c.line = out->line;
  const char* subjects[] = {"figure", "category", "region", "sensitive", "time"};
  const char* found = nullptr;
  for (const char* s : subjects) {
    if (!Has(n, s)) continue;
    if (found != nullptr) {
      return r.Fail(YamlReader::Line(n[s]), "catalogue_conflicting_keys", where, found, {{"other", s}});
    }
    found = s;
  }
  if (found == nullptr) {
    return r.Fail(out->line, "catalogue_missing_key", where,
                  "any_of、all_of、figure、category、region、sensitive 或 time");
  }
  const std::string subject = found;
  if (subject == "figure") {
    if (!r.Map(n, where, key, {"figure", "label", "gte", "gt", "lte", "lt", "eq"})) return false;
    c.subject = Subject::kFigure;
    const YAML::Node f = n["figure"];
    if (f.IsSequence()) {
      if (!r.Seq(f, where, "figure")) return false;
      for (const auto& item : f) {
        c.figures.emplace_back();
        if (!r.FigureOf(item, where, &c.figures.back())) return false;
      }
    } else {
      c.figures.emplace_back();
      if (!r.FigureOf(f, where, &c.figures.back())) return false;
    }
    if (Has(n, "label") && !r.Str(n["label"], where, "label", &c.label)) return false;
    return ReadBound(r, n, where, false, &c.bound);
  }
  if (subject == "category" || subject == "region") {
    if (!r.Map(n, where, key, {found})) return false;
    c.subject = subject == "category" ? Subject::kCategory : Subject::kRegion;
    if (!r.Strs(n[found], where, found, &c.codes)) return false;
    if (c.subject == Subject::kCategory) {
      const YAML::Node list = n[found];
      for (size_t i = 0; i < c.codes.size(); ++i) {
        if (FindCategory(c.codes[i]) == nullptr) {
          const YAML::Node at = list.IsSequence() ? list[i] : list;
          return r.Fail(YamlReader::Line(at, c.line), "catalogue_unknown_category", where, c.codes[i]);
        }
      }
    }
    return true;
  }
  if (subject == "sensitive") {
    if (!r.Map(n, where, key, {"sensitive", "codes"})) return false;
    c.subject = Subject::kSensitive;
    std::string kind;
    if (!r.Str(n["sensitive"], where, "sensitive", &kind)) return false;
    if (kind != "any") {
      c.sensitive_kind = ParseSensitiveKind(kind);
      if (!c.sensitive_kind) {
        return r.Fail(YamlReader::Line(n["sensitive"]), "catalogue_unknown_sensitive_kind", where, kind);
      }
    }
    return !Has(n, "codes") || r.Strs(n["codes"], where, "codes", &c.codes);
  }
  if (!r.Map(n, where, key, {"time", "gte", "gt", "lte", "lt"})) return false;
  c.subject = Subject::kOccurredAt;
  std::string field;
  if (!r.Str(n["time"], where, "time", &field)) return false;
  if (field != "occurred_at") {
    return r.Fail(YamlReader::Line(n["time"]), "catalogue_wrong_type", where, "\"" + field + "\"",
                  {{"key", "time"}, {"expected", " occurred_at"}});
  }
  return ReadBound(r, n, where, true, &c.bound);
}

bool ReadRule(YamlReader& r, const YAML::Node& n, size_t index, Rule* rule) {
  rule->line = YamlReader::Line(n);
  if (n.IsMap() && n["id"].IsScalar()) rule->id = n["id"].Scalar();
  const std::string where = RuleWhere(rule->id, index);
  if (!r.Map(n, where, "rules",
             {"id", "label", "categories", "when", "otherwise", "grade", "report_to", "deadlines", "consultation",
              "source", "local_default", "effective", "note"},
             {"id", "label", "categories", "effective"})) {
    return false;
  }
  if (!r.Str(n["id"], where, "id", &rule->id) || !r.Str(n["label"], where, "label", &rule->label) ||
      !r.Day(n["effective"], where, "effective", &rule->effective)) {
    return false;
  }
  const YAML::Node cats = n["categories"];
  if (cats.IsScalar() && cats.Scalar() == "all") {
    rule->all_categories = true;
  } else {
    if (!r.Seq(cats, where, "categories")) return false;
    for (const auto& item : cats) {
      std::string code;
      if (!r.Str(item, where, "categories", &code)) return false;
      if (FindCategory(code) == nullptr) {
        return r.Fail(YamlReader::Line(item, rule->line), "catalogue_unknown_category", where, code);
      }
      rule->categories.push_back(std::move(code));
    }
  }
  if (Has(n, "when")) {
    rule->when.emplace();
    if (!ReadCondition(r, n["when"], where, "when", &*rule->when)) return false;
  }
  if (Has(n, "otherwise") && !r.Flag(n["otherwise"], where, "otherwise", &rule->otherwise)) return false;
  if (Has(n, "grade")) {
    rule->grade.emplace();
    if (!r.GradeOf(n["grade"], where, &*rule->grade)) return false;
  }
  if (Has(n, "report_to")) {
    rule->report_to.emplace();
    if (!r.LevelOf(n["report_to"], where, &*rule->report_to)) return false;
  }
  if (Has(n, "deadlines") && !ReadDeadlineLevels(r, n["deadlines"], where, &rule->deadlines)) {
    return false;
  }
  if (Has(n, "consultation") && !r.Flag(n["consultation"], where, "consultation", &rule->consultation)) {
    return false;
  }
  if (Has(n, "local_default") && !r.Flag(n["local_default"], where, "local_default", &rule->local_default)) {
    return false;
  }
  if (Has(n, "note") && !r.Str(n["note"], where, "note", &rule->note, true)) return false;
  if (Has(n, "source")) {
    const YAML::Node s = n["source"];
    if (!r.Map(s, where, "source", {"regulation", "article"}, {"regulation"}) ||
        !r.Str(s["regulation"], where, "regulation", &rule->source.regulation) ||
        (Has(s, "article") && !r.Str(s["article"], where, "article", &rule->source.article))) {
      return false;
    }
  }
  return true;
}

bool ReadRouting(YamlReader& r, const YAML::Node& n, RoutingPolicy* out) {
  const std::string where = "路由策略 routing";
  out->line = YamlReader::Line(n);
  if (!r.Map(n, where, "routing", {"minimum", "grades"}, {"minimum", "grades"}) ||
      !r.LevelOf(n["minimum"], where, &out->minimum)) {
    return false;
  }
  const YAML::Node grades = n["grades"];
  if (!r.Map(grades, where, "grades", {"I", "II", "III", "IV"}, {"I", "II", "III", "IV"})) {
    return false;
  }
  for (Grade g : {Grade::kI, Grade::kII, Grade::kIII, Grade::kIV}) {
    if (!r.LevelOf(grades[GradeCode(g)], where, &out->by_grade[static_cast<int>(g) - 1])) return false;
  }
  return true;
}

bool ReadDeadlines(YamlReader& r, const YAML::Node& n, DeadlinePolicy* out) {
  const std::string where = "报送时限 deadlines";
  out->line = YamlReader::Line(n);
  if (!r.Map(n, where, "deadlines", {"unit_to_upper", "levels", "overrides"}, {"levels"})) return false;
  if (Has(n, "unit_to_upper") && !r.Int(n["unit_to_upper"], where, "unit_to_upper", &out->unit_to_upper_minutes)) {
    return false;
  }
  if (!ReadDeadlineLevels(r, n["levels"], where, &out->levels)) return false;
  if (!Has(n, "overrides")) return true;
  const YAML::Node list = n["overrides"];
  if (!r.Seq(list, where, "overrides", true)) return false;
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    const std::string item_where = "报送时限 deadlines.overrides 第 " + std::to_string(i + 1) + " 项";
    DeadlineOverride o;
    o.line = YamlReader::Line(item);
    if (!r.Map(item, item_where, "overrides", {"regions", "grades", "levels"}, {"levels"})) return false;
    if (Has(item, "regions") && !r.Strs(item["regions"], item_where, "regions", &o.regions)) return false;
    if (Has(item, "grades")) {
      const YAML::Node grades = item["grades"];
      if (!r.Seq(grades, item_where, "grades")) return false;
      for (const auto& g : grades) {
        o.grades.emplace_back();
        if (!r.GradeOf(g, item_where, &o.grades.back())) return false;
      }
    }
    if (!ReadDeadlineLevels(r, item["levels"], item_where, &o.entries)) return false;
    out->overrides.push_back(std::move(o));
  }
  return true;
}

}  // namespace

bool ReadDeadlineLevels(YamlReader& r, const YAML::Node& n, const std::string& where, std::vector<DeadlineEntry>* out) {
  if (n.IsMap()) {
    for (const auto& entry : n) {
      const YAML::Node key = entry.first;
      if (!key.IsScalar() || !ParseLevel(key.Scalar())) {
        return r.Fail(YamlReader::Line(key, YamlReader::Line(n)), "catalogue_unknown_level", where,
                      key.IsScalar() ? key.Scalar() : YamlReader::Describe(key));
      }
    }
  }
  if (!r.Map(n, where, "deadlines", {"county", "city", "region", "centre"})) return false;
  for (const auto& entry : n) {
    const YAML::Node key = entry.first;
    const YAML::Node channels = entry.second;
    const Level level = *ParseLevel(key.Scalar());
    if (channels.IsMap()) {
      for (const auto& c : channels) {
        const YAML::Node channel = c.first;
        if (!channel.IsScalar() || !ParseChannel(channel.Scalar())) {
          return r.Fail(YamlReader::Line(channel, YamlReader::Line(channels)), "catalogue_unknown_channel", where,
                        channel.IsScalar() ? channel.Scalar() : YamlReader::Describe(channel));
        }
      }
    }
    if (!r.Map(channels, where, key.Scalar(), {"phone", "written"})) return false;
    for (const auto& c : channels) {
      const YAML::Node channel = c.first;
      const YAML::Node minutes = c.second;
      DeadlineEntry e;
      e.level = level;
      e.channel = *ParseChannel(channel.Scalar());
      e.line = YamlReader::Line(minutes, YamlReader::Line(channels));
      if (!r.Int(minutes, where, channel.Scalar(), &e.minutes)) return false;
      out->push_back(e);
    }
  }
  return true;
}

}  // namespace standards_internal

Result<CatalogueSpec> ParseCatalogueSpec(std::string_view yaml_text, std::string_view file_name) {
  using standards_internal::YamlReader;
  YamlReader r{std::string(file_name)};
  CatalogueSpec spec;
  spec.file_name = std::string(file_name);
  // Labels, words and the text itself are served as JSON: UTF-8 only.
  if (const size_t at = InvalidUtf8At(yaml_text); at != std::string_view::npos) {
    return Fail(
        CatalogueError("catalogue_syntax", file_name, LineAt(yaml_text, at), "目录", "",
                       {{"detail", "不是 UTF-8 文本（第 " + std::to_string(at + 1) + " 字节），请以 UTF-8 编码保存"}}));
  }
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsDefined() || root.IsNull()) {
      return Fail(CatalogueError("catalogue_empty", file_name, 0, "目录", ""));
    }
    const std::string where = "目录";
    if (!r.Map(root, where, "顶层", {"version", "title", "routing", "deadlines", "follow_ups", "sensitive", "rules"},
               {"version", "routing", "deadlines", "sensitive", "rules"}) ||
        !r.Str(root["version"], where, "version", &spec.version) ||
        (root["title"].IsDefined() && !r.Str(root["title"], where, "title", &spec.title)) ||
        !standards_internal::ReadRouting(r, root["routing"], &spec.routing) ||
        !standards_internal::ReadDeadlines(r, root["deadlines"], &spec.deadlines) ||
        (root["follow_ups"].IsDefined() &&
         !standards_internal::ReadFollowUps(r, root["follow_ups"], &spec.follow_ups)) ||
        !standards_internal::ReadSensitive(r, root["sensitive"], &spec.sensitive) ||
        !r.Seq(root["rules"], where, "rules")) {
      return Fail(r.TakeError());
    }
    const YAML::Node rules = root["rules"];
    for (size_t i = 0; i < rules.size(); ++i) {
      spec.rules.emplace_back();
      if (!standards_internal::ReadRule(r, rules[i], i, &spec.rules.back())) return Fail(r.TakeError());
    }
  } catch (const YAML::ParserException& e) {
    return Fail(CatalogueError("catalogue_syntax", file_name, e.mark.line >= 0 ? e.mark.line + 1 : 0, "目录", "",
                               {{"detail", e.msg}}));
  } catch (const std::exception& e) {
    return Fail(CatalogueError("catalogue_syntax", file_name, 0, "目录", "", {{"detail", e.what()}}));
  }
  return spec;
}

Result<Catalogue> LoadCatalogue(std::string_view yaml_text, std::string_view file_name) {
  auto spec = ParseCatalogueSpec(yaml_text, file_name);
  if (!spec) return Fail(std::move(spec.error()));
  return Catalogue::Build(std::move(*spec));
}

}  // namespace shaobing
