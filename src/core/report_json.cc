#include "core/report_json.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <initializer_list>

#include "core/sensitive_codes.h"
#include "core/taxonomy.h"

namespace shaobing {
namespace json = boost::json;

namespace {

// Collects every problem of one report while walking its JSON.
class Checker {
 public:
  Checker(const RegionTree& regions, const ReportParseOptions& options) : regions_(regions), options_(options) {}

  std::vector<FieldError> problems;

  void Add(std::string reason, std::string field, std::vector<ErrorArg> args = {}) {
    problems.push_back({std::move(reason), std::move(field), std::move(args)});
  }
  // True when `field` already has a problem (a wrong type is not also "missing").
  bool Flagged(std::string_view field) const {
    return std::any_of(problems.begin(), problems.end(), [&](const FieldError& e) { return e.field == field; });
  }
  void Require(bool present, std::string field) {
    if (!present && !Flagged(field)) Add("missing_field", std::move(field));
  }

  void RejectUnknown(const json::object& obj, std::initializer_list<std::string_view> known,
                     const std::string& prefix) {
    for (const auto& kv : obj) {
      if (std::find(known.begin(), known.end(), kv.key()) == known.end()) {
        Add("unknown_field", prefix + std::string(kv.key()));
      }
    }
  }

  // A string field; null or absent gives nullopt. Wrong type and oversize are problems.
  std::optional<std::string> String(const json::object& obj, std::string_view key, const std::string& path) {
    const json::value* v = obj.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
      Add("wrong_type", path, {{"expected", "string"}});
      return std::nullopt;
    }
    const auto& s = v->get_string();
    if (s.size() > options_.max_text_bytes) {
      Add("text_too_long", path, {{"max", std::to_string(options_.max_text_bytes)}});
      return std::nullopt;
    }
    std::string out(s.data(), s.size());
    // Whitespace-only text says nothing.
    if (IsBlank(out)) return std::string();
    return out;
  }

  std::optional<double> Number(const json::value& v, const std::string& path) {
    if (v.is_int64()) return static_cast<double>(v.get_int64());
    if (v.is_uint64()) return static_cast<double>(v.get_uint64());
    if (v.is_double() && std::isfinite(v.get_double())) return v.get_double();
    Add("wrong_type", path, {{"expected", "number"}});
    return std::nullopt;
  }

  // An id: a positive integer, or a string of digits.
  std::optional<std::int64_t> Id(const json::object& obj, std::string_view key, const std::string& path) {
    const json::value* v = obj.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_int64() && v->get_int64() > 0) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= INT64_MAX && v->get_uint64() > 0) {
      return static_cast<std::int64_t>(v->get_uint64());
    }
    if (v->is_string()) {
      const auto& s = v->get_string();
      if (!s.empty() && s.size() <= 18 &&
          std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        auto id = std::stoll(std::string(s));
        if (id > 0) return id;
      }
    }
    Add("invalid_id", path, {{"value", json::serialize(*v)}});
    return std::nullopt;
  }

  std::optional<TimePoint> Time(const json::object& obj, std::string_view key, const std::string& path) {
    auto s = String(obj, key, path);
    if (!s) return std::nullopt;
    auto t = ParseIsoTime(*s);
    if (!t) Add("invalid_time", path, {{"value", *s}});
    return t;
  }

  void ParseLocation(const json::value& v, Location& loc) {
    if (!v.is_object()) {
      Add("wrong_type", "location", {{"expected", "object"}});
      return;
    }
    const auto& obj = v.get_object();
    RejectUnknown(obj, {"region", "address", "lat", "lon"}, "location.");
    if (auto r = String(obj, "region", "location.region")) {
      loc.region = *r;
      if (!loc.region.empty() && !options_.trusted && !regions_.Find(loc.region)) {
        Add("unknown_region", "location.region", {{"value", loc.region}});
      }
    }
    loc.address = String(obj, "address", "location.address").value_or("");
    auto coordinate = [&](std::string_view key, double limit) -> std::optional<double> {
      const json::value* c = obj.if_contains(key);
      if (!c || c->is_null()) return std::nullopt;
      const std::string path = "location." + std::string(key);
      auto n = Number(*c, path);
      if (n && std::abs(*n) > limit) {
        Add("out_of_range", path, {{"value", json::serialize(*c)}});
        return std::nullopt;
      }
      return n;
    };
    loc.lat = coordinate("lat", 90);
    loc.lon = coordinate("lon", 180);
    if (loc.lat.has_value() != loc.lon.has_value()) Add("coordinates_incomplete", "location.lat");
  }

  void ParseFigures(const json::value& v, Figures& figures) {
    if (!v.is_object()) {
      Add("wrong_type", "figures", {{"expected", "object"}});
      return;
    }
    for (const auto& kv : v.get_object()) {
      const std::string path = "figures." + std::string(kv.key());
      auto f = ParseFigure(kv.key());
      if (!f) {
        Add("unknown_field", path);
        continue;
      }
      if (kv.value().is_null()) continue;
      auto n = Number(kv.value(), path);
      if (!n) continue;
      if (auto problem = FigureValueProblem(*f, *n); !problem.empty()) {
        Add(std::string(problem), path, {{"value", json::serialize(kv.value())}});
      } else {
        figures.Set(*f, *n);
      }
    }
  }

  void ParseCodes(const json::object& obj, std::string_view key, const std::vector<std::string>& known,
                  std::vector<std::string>& out) {
    const json::value* v = obj.if_contains(key);
    const std::string path = "sensitive." + std::string(key);
    if (!v || v->is_null()) return;
    if (!v->is_array()) {
      Add("wrong_type", path, {{"expected", "array"}});
      return;
    }
    size_t i = 0;
    for (const auto& item : v->get_array()) {
      const std::string ipath = path + "[" + std::to_string(i++) + "]";
      if (!item.is_string()) {
        Add("wrong_type", ipath, {{"expected", "string"}});
      } else if (!options_.trusted && std::find(known.begin(), known.end(), item.get_string()) == known.end()) {
        Add("unknown_sensitive_code", ipath, {{"value", std::string(item.get_string())}});
      } else if (std::find(out.begin(), out.end(), item.get_string()) == out.end()) {
        out.emplace_back(item.get_string());
      }
    }
  }

  void ParseSensitive(const json::value& v, Sensitive& s) {
    if (!v.is_object()) {
      Add("wrong_type", "sensitive", {{"expected", "object"}});
      return;
    }
    const auto& obj = v.get_object();
    RejectUnknown(obj, {"persons", "places", "behaviours", "times"}, "sensitive.");
    const SensitiveVocabulary vocab;
    ParseCodes(obj, "persons", vocab.persons, s.persons);
    ParseCodes(obj, "places", vocab.places, s.places);
    ParseCodes(obj, "behaviours", vocab.behaviours, s.behaviours);
    ParseCodes(obj, "times", vocab.times, s.times);
  }

  const RegionTree& regions_;
  const ReportParseOptions& options_;
};

}  // namespace

Result<ReportDraft> ParseReport(std::string_view text, const RegionTree& regions, const ReportParseOptions& options) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "invalid_json", "", {{"detail", ec.message()}}));
  }
  return ParseReportValue(v, regions, options);
}

Result<ReportDraft> ParseReportValue(const json::value& v, const RegionTree& regions,
                                     const ReportParseOptions& options) {
  if (!v.is_object()) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "not_an_object", "", {}));
  }
  const auto& obj = v.get_object();
  Checker c(regions, options);
  ReportDraft d;
  if (options.evaluation_file) {
    c.RejectUnknown(
        obj,
        {"kind", "event_id", "unit", "channel", "reported_at", "category", "title", "occurred_at", "location",
         "parties", "description", "cause", "measures", "figures", "sensitive", "supersedes", "id", "unit_kind"},
        "");
    if (const json::value* id = obj.if_contains("id")) {
      if (id->is_string())
        d.external_id = std::string(id->get_string());
      else if (id->is_int64())
        d.external_id = std::to_string(id->get_int64());
      else
        c.Add("wrong_type", "id", {{"expected", "string"}});
    }
    d.unit_kind = c.String(obj, "unit_kind", "unit_kind").value_or("");
    d.reported_at = c.Time(obj, "reported_at", "reported_at");
  } else {
    c.RejectUnknown(obj,
                    {"kind", "event_id", "unit", "channel", "reported_at", "category", "title", "occurred_at",
                     "location", "parties", "description", "cause", "measures", "figures", "sensitive", "supersedes"},
                    "");
    if (const json::value* r = obj.if_contains("reported_at"); r && !r->is_null() && !options.trusted) {
      c.Add("set_by_server", "reported_at");
    }
  }

  if (auto kind = c.String(obj, "kind", "kind")) {
    if (auto k = ParseReportKind(*kind))
      d.kind = *k;
    else
      c.Add("invalid_value", "kind", {{"value", *kind}, {"allowed", "first, followup, final, correction"}});
  } else if (options.require_fields) {
    c.Require(false, "kind");
  }
  if (auto channel = c.String(obj, "channel", "channel")) {
    if (auto ch = ParseChannel(*channel))
      d.channel = *ch;
    else
      c.Add("invalid_value", "channel", {{"value", *channel}, {"allowed", "written, phone"}});
  }
  d.event_id = c.Id(obj, "event_id", "event_id");
  d.supersedes = c.Id(obj, "supersedes", "supersedes");
  d.unit = c.String(obj, "unit", "unit").value_or("");
  if (options.require_fields) c.Require(!d.unit.empty(), "unit");
  d.category = c.String(obj, "category", "category").value_or("");
  if (!d.category.empty() && !FindCategory(d.category)) {
    c.Add("unknown_category", "category", {{"value", d.category}});
  }
  d.title = c.String(obj, "title", "title").value_or("");
  d.occurred_at = c.Time(obj, "occurred_at", "occurred_at");
  if (const json::value* loc = obj.if_contains("location"); loc && !loc->is_null()) {
    c.ParseLocation(*loc, d.location);
  }
  d.parties = c.String(obj, "parties", "parties").value_or("");
  d.description = c.String(obj, "description", "description").value_or("");
  d.cause = c.String(obj, "cause", "cause");
  if (d.cause && d.cause->empty()) d.cause.reset();
  d.measures = c.String(obj, "measures", "measures");
  if (d.measures && d.measures->empty()) d.measures.reset();
  if (const json::value* f = obj.if_contains("figures"); f && !f->is_null()) c.ParseFigures(*f, d.figures);
  if (const json::value* s = obj.if_contains("sensitive"); s && !s->is_null()) c.ParseSensitive(*s, d.sensitive);

  // Rules that depend on the kind of report.
  const bool kind_known = options.require_fields && obj.contains("kind") && obj.at("kind").is_string() &&
                          ParseReportKind(obj.at("kind").get_string());
  if (kind_known && d.kind == ReportKind::kFirst) {
    // The four W: when, where, who, what. WHY (cause) is never required.
    c.Require(d.occurred_at.has_value(), "occurred_at");
    c.Require(!d.location.region.empty() || c.Flagged("location"), "location.region");
    c.Require(!d.parties.empty(), "parties");
    c.Require(!d.description.empty(), "description");
    c.Require(!d.category.empty(), "category");
    if (d.supersedes) c.Add("not_allowed_for_first", "supersedes");
  } else if (kind_known) {
    c.Require(d.event_id.has_value(), "event_id");
    c.Require(!d.description.empty(), "description");
    if (d.kind == ReportKind::kCorrection) {
      c.Require(d.supersedes.has_value(), "supersedes");
    } else if (d.supersedes) {
      c.Add("only_for_correction", "supersedes");
    }
  }
  if (d.title.empty() && !d.description.empty() && d.kind == ReportKind::kFirst) {
    // A title is derived from the description when not given: its first clause, at most
    // 60 bytes, cut at a UTF-8 character boundary.
    size_t end = d.description.size();
    for (std::string_view stop : {"\n", "。", "，", ",", ";", "；"}) end = std::min(end, d.description.find(stop));
    std::string t = d.description.substr(0, end);
    if (t.size() > 60) {
      size_t cut = 60;
      while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
      t.resize(cut);
    }
    d.title = t;
  }
  if (!c.problems.empty()) return Fail(Error::Invalid(std::move(c.problems)));
  return d;
}

json::object FiguresToJson(const Figures& figures) {
  json::object out;
  for (const auto& info : AllFigures()) {
    if (auto v = figures.Get(info.figure)) {
      if (info.integral)
        out[info.code] = static_cast<std::int64_t>(*v);
      else
        out[info.code] = *v;
    }
  }
  return out;
}

json::object DraftToJson(const ReportDraft& d) {
  json::object o;
  o["kind"] = ReportKindCode(d.kind);
  o["event_id"] = d.event_id ? json::value(*d.event_id) : json::value(nullptr);
  o["unit"] = d.unit;
  o["channel"] = ChannelCode(d.channel);
  o["reported_at"] = d.reported_at ? json::value(FormatShanghai(*d.reported_at)) : json::value(nullptr);
  o["category"] = d.category;
  o["title"] = d.title;
  o["occurred_at"] = d.occurred_at ? json::value(FormatShanghai(*d.occurred_at)) : json::value(nullptr);
  json::object loc{{"region", d.location.region}, {"address", d.location.address}};
  if (d.location.lat) loc["lat"] = *d.location.lat;
  if (d.location.lon) loc["lon"] = *d.location.lon;
  o["location"] = std::move(loc);
  o["parties"] = d.parties;
  o["description"] = d.description;
  o["cause"] = d.cause ? json::value(*d.cause) : json::value(nullptr);
  o["measures"] = d.measures ? json::value(*d.measures) : json::value(nullptr);
  o["figures"] = FiguresToJson(d.figures);
  auto codes = [](const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  };
  o["sensitive"] = json::object{{"persons", codes(d.sensitive.persons)},
                                {"places", codes(d.sensitive.places)},
                                {"behaviours", codes(d.sensitive.behaviours)},
                                {"times", codes(d.sensitive.times)}};
  if (d.supersedes) o["supersedes"] = *d.supersedes;
  return o;
}

}  // namespace shaobing
