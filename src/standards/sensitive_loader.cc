// The `sensitive:` section of a catalogue: lexicons, geofences, calendar, thresholds and
// text figure cues.
#include "standards/yaml_reader.h"

namespace shaobing::standards_internal {
namespace {

bool Has(const YAML::Node& map, const char* key) { return map[key].IsDefined(); }

std::string FactorWhere(const std::string& code, std::string_view list, size_t index) {
  if (code.empty()) {
    return "敏感因素 sensitive." + std::string(list) + " 第 " + std::to_string(index + 1) + " 项";
  }
  return "敏感因素 \"" + code + "\"";
}

bool ReadGeofence(YamlReader& r, const YAML::Node& n, const std::string& where, Geofence* g) {
  g->line = YamlReader::Line(n);
  return r.Map(n, where, "geofences", {"name", "lat", "lon", "radius_m"}, {"name", "lat", "lon", "radius_m"}) &&
         r.Str(n["name"], where, "name", &g->name) && r.Num(n["lat"], where, "lat", &g->lat) &&
         r.Num(n["lon"], where, "lon", &g->lon) && r.Num(n["radius_m"], where, "radius_m", &g->radius_m);
}

bool ReadSpan(YamlReader& r, const YAML::Node& n, const std::string& where, CalendarSpan* s) {
  s->line = YamlReader::Line(n);
  if (!r.Map(n, where, "dates", {"name", "on", "from", "to", "annual", "days"}, {"name"}) ||
      !r.Str(n["name"], where, "name", &s->name)) {
    return false;
  }
  const bool on = Has(n, "on"), range = Has(n, "from") || Has(n, "to"), annual = Has(n, "annual");
  if (on + range + annual != 1) {
    if (on && range) return r.Fail(s->line, "catalogue_conflicting_keys", where, "on", {{"other", "from"}});
    if (annual && (on || range)) {
      return r.Fail(s->line, "catalogue_conflicting_keys", where, "annual", {{"other", on ? "on" : "from"}});
    }
    return r.Fail(s->line, "catalogue_missing_key", where, "on、from/to 或 annual");
  }
  if (on) {
    Date d{};
    if (!r.Day(n["on"], where, "on", &d)) return false;
    s->from = s->to = d;
  } else if (range) {
    if (!Has(n, "from")) return r.Fail(s->line, "catalogue_missing_key", where, "from");
    if (!Has(n, "to")) return r.Fail(s->line, "catalogue_missing_key", where, "to");
    Date from{}, to{};
    if (!r.Day(n["from"], where, "from", &from) || !r.Day(n["to"], where, "to", &to)) return false;
    s->from = from;
    s->to = to;
  } else {
    std::string md;
    if (!r.Str(n["annual"], where, "annual", &md)) return false;
    // Any leap year makes 02-29 valid.
    auto d = ParseDate("2024-" + md);
    if (md.size() != 5 || !d) {
      return r.Fail(YamlReader::Line(n["annual"]), "catalogue_bad_month_day", where, md);
    }
    const std::chrono::year_month_day ymd{*d};
    s->annual = std::chrono::month_day(ymd.month(), ymd.day());
  }
  if (Has(n, "days")) {
    if (!annual)
      return r.Fail(YamlReader::Line(n["days"]), "catalogue_conflicting_keys", where, "days",
                    {{"other", on ? "on" : "from"}});
    if (!r.Int(n["days"], where, "days", &s->days)) return false;
  }
  return true;
}

bool ReadFactor(YamlReader& r, const YAML::Node& n, SensitiveKind kind, size_t index, SensitiveFactor* f) {
  f->kind = kind;
  f->line = YamlReader::Line(n);
  if (n.IsMap() && n["code"].IsScalar()) f->code = n["code"].Scalar();
  const std::string where = FactorWhere(f->code, SensitiveKindCode(kind), index);
  bool ok = false;
  switch (kind) {
    case SensitiveKind::kPlaces:
      ok = r.Map(n, where, SensitiveKindCode(kind), {"code", "label", "words", "except", "geofences"},
                 {"code", "label"});
      break;
    case SensitiveKind::kTimes:
      ok = r.Map(n, where, SensitiveKindCode(kind), {"code", "label", "words", "except", "dates"}, {"code", "label"});
      break;
    default:
      ok = r.Map(n, where, SensitiveKindCode(kind), {"code", "label", "words", "except"}, {"code", "label"});
  }
  if (!ok || !r.Str(n["code"], where, "code", &f->code) || !r.Str(n["label"], where, "label", &f->label) ||
      (Has(n, "words") && !r.Strs(n["words"], where, "words", &f->words, true)) ||
      (Has(n, "except") && !r.Strs(n["except"], where, "except", &f->except, true))) {
    return false;
  }
  if (Has(n, "geofences")) {
    const YAML::Node list = n["geofences"];
    if (!r.Seq(list, where, "geofences", true)) return false;
    for (const auto& item : list) {
      f->geofences.emplace_back();
      if (!ReadGeofence(r, item, where, &f->geofences.back())) return false;
    }
  }
  if (Has(n, "dates")) {
    const YAML::Node list = n["dates"];
    if (!r.Seq(list, where, "dates", true)) return false;
    for (const auto& item : list) {
      f->dates.emplace_back();
      if (!ReadSpan(r, item, where, &f->dates.back())) return false;
    }
  }
  return true;
}

bool ReadThreshold(YamlReader& r, const YAML::Node& n, size_t index, ThresholdFactor* t) {
  t->line = YamlReader::Line(n);
  if (n.IsMap() && n["code"].IsScalar()) t->code = n["code"].Scalar();
  const std::string where = FactorWhere(t->code, "thresholds", index);
  return r.Map(n, where, "thresholds", {"code", "label", "figure", "gte"}, {"code", "label", "figure", "gte"}) &&
         r.Str(n["code"], where, "code", &t->code) && r.Str(n["label"], where, "label", &t->label) &&
         r.FigureOf(n["figure"], where, &t->figure) && r.Num(n["gte"], where, "gte", &t->min);
}

bool ReadCue(YamlReader& r, const YAML::Node& n, size_t index, TextFigureCue* c) {
  c->line = YamlReader::Line(n);
  const std::string where = "文本数字线索 sensitive.text_figures 第 " + std::to_string(index + 1) + " 项";
  return r.Map(n, where, "text_figures", {"figure", "words", "units", "window"}, {"figure", "words", "units"}) &&
         r.FigureOf(n["figure"], where, &c->figure) && r.Strs(n["words"], where, "words", &c->words) &&
         r.Strs(n["units"], where, "units", &c->units) &&
         (!Has(n, "window") || r.Int(n["window"], where, "window", &c->window));
}

}  // namespace

bool ReadSensitive(YamlReader& r, const YAML::Node& n, SensitivePolicy* out) {
  const std::string where = "敏感因素 sensitive";
  if (!r.Map(n, where, "sensitive", {"persons", "places", "behaviours", "times", "thresholds", "text_figures"},
             {"persons", "places", "behaviours", "times"})) {
    return false;
  }
  for (SensitiveKind kind :
       {SensitiveKind::kPersons, SensitiveKind::kPlaces, SensitiveKind::kBehaviours, SensitiveKind::kTimes}) {
    const YAML::Node list = n[SensitiveKindCode(kind)];
    if (!r.Seq(list, where, SensitiveKindCode(kind))) return false;
    for (size_t i = 0; i < list.size(); ++i) {
      out->factors.emplace_back();
      if (!ReadFactor(r, list[i], kind, i, &out->factors.back())) return false;
    }
  }
  if (Has(n, "thresholds")) {
    const YAML::Node list = n["thresholds"];
    if (!r.Seq(list, where, "thresholds", true)) return false;
    for (size_t i = 0; i < list.size(); ++i) {
      out->thresholds.emplace_back();
      if (!ReadThreshold(r, list[i], i, &out->thresholds.back())) return false;
    }
  }
  if (Has(n, "text_figures")) {
    const YAML::Node list = n["text_figures"];
    if (!r.Seq(list, where, "text_figures", true)) return false;
    for (size_t i = 0; i < list.size(); ++i) {
      out->text_figures.emplace_back();
      if (!ReadCue(r, list[i], i, &out->text_figures.back())) return false;
    }
  }
  return true;
}

}  // namespace shaobing::standards_internal
