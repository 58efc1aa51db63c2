#include "views/fusion_json.h"

#include <boost/json.hpp>

#include "fusion/perspectives.h"

namespace shaobing::views {
namespace json = boost::json;

namespace {

std::string UnitName(const DirectorySnapshot& dir, const std::string& id) {
  const Unit* u = dir.FindUnit(id);
  return u ? u->name : id;
}

json::value Number(double v) {
  if (v == static_cast<double>(static_cast<std::int64_t>(v))) return json::value(static_cast<std::int64_t>(v));
  return json::value(v);
}

json::object ValueJson(const fusion::FigureValue& v) {
  return {{"value", Number(v.value)},
          {"unit", v.unit},
          {"unit_name", v.unit_name},
          {"unit_kind", v.unit_kind},
          {"at", FormatShanghai(v.at)}};
}

json::object EvidenceOf(const LinkRecord& link) {
  boost::system::error_code ec;
  auto v = json::parse(link.evidence, ec);
  return !ec && v.is_object() ? v.get_object() : json::object{};
}

json::value TaskJson(const LinkRecord& link) {
  if (link.task_status == fusion::TaskState::kNone) return nullptr;
  json::object t{{"id", link.report_id}, {"status", fusion::ToString(link.task_status)}};
  if (link.task_at) {
    t["by"] = link.task_by;
    t["at"] = FormatShanghai(*link.task_at);
    t["reason"] = link.task_reason;
  }
  return t;
}

// The perspectives each source report covers, in the order of `sources`.
using Tags = std::vector<std::vector<std::string>>;

// One source per unit, in order of its first report: its count, first and last receipt, and
// the perspectives its reports cover.
json::array SourcesJson(const std::vector<fusion::SourcedReport>& reports, const Tags& tags) {
  json::array sources;
  std::vector<std::string> seen;
  for (const auto& s : reports) {
    if (std::find(seen.begin(), seen.end(), s.unit) != seen.end()) continue;
    seen.push_back(s.unit);
    int count = 0;
    TimePoint first = s.at, last = s.at;
    json::array perspectives;
    for (size_t i = 0; i < reports.size(); ++i) {
      const auto& r = reports[i];
      if (r.unit != s.unit) continue;
      ++count;
      first = std::min(first, r.at);
      last = std::max(last, r.at);
      for (const auto& t : tags[i]) {
        if (std::find(perspectives.begin(), perspectives.end(), json::value(t)) == perspectives.end()) {
          perspectives.emplace_back(t);
        }
      }
    }
    sources.push_back(json::object{{"unit", s.unit},
                                   {"unit_name", s.unit_name},
                                   {"unit_kind", s.unit_kind},
                                   {"reports", count},
                                   {"first_at", FormatShanghai(first)},
                                   {"last_at", FormatShanghai(last)},
                                   {"perspectives", std::move(perspectives)}});
  }
  return sources;
}

json::array PerspectivesJson(const std::vector<PerspectiveView>& views, const DirectorySnapshot& dir) {
  json::array perspectives;
  for (const auto& p : views) {
    json::array covered, kinds, expected;
    for (const auto& u : p.status.covered_by)
      covered.push_back(json::object{{"unit", u}, {"unit_name", UnitName(dir, u)}});
    for (const auto& k : p.status.expected_kinds) kinds.emplace_back(k);
    for (const auto& u : p.expected_units) expected.push_back(json::object{{"id", u.id}, {"name", u.name}});
    perspectives.push_back(json::object{{"code", p.status.code},
                                        {"name", p.status.name_zh},
                                        {"expected", p.status.expected},
                                        {"missing", p.status.missing()},
                                        {"covered_by", std::move(covered)},
                                        {"expected_kinds", std::move(kinds)},
                                        {"expected_units", std::move(expected)}});
  }
  return perspectives;
}

// Per figure: the consensus value with its rule, whether sources conflict on it, the desk's
// latest ruling (or null) and every source's values.
json::array FigureTableJson(const fusion::Consensus& consensus, const std::vector<FigureResolution>& resolutions) {
  json::array table;
  for (const auto& f : consensus.figures) {
    const auto& info = Info(f.figure);
    const bool conflict = std::any_of(consensus.conflicts.begin(), consensus.conflicts.end(),
                                      [&](const fusion::FigureConflict& c) { return c.figure == f.figure; });
    json::array history;
    for (const auto& v : f.history) history.push_back(ValueJson(v));
    json::value resolution = nullptr;
    for (const auto& r : resolutions) {
      if (r.figure == info.code) {
        resolution = json::object{
            {"value", Number(r.value)}, {"reason", r.reason}, {"actor", r.actor}, {"at", FormatShanghai(r.at)}};
      }
    }
    json::object row = ValueJson(f.value);
    row["figure"] = info.code;
    row["name"] = info.name_zh;
    row["rule"] = fusion::ConsensusRuleCode(f.rule);
    row["conflict"] = conflict;
    row["resolution"] = std::move(resolution);
    row["history"] = std::move(history);
    table.push_back(std::move(row));
  }
  return table;
}

json::array ConflictsJson(const fusion::Consensus& consensus) {
  json::array conflicts;
  for (const auto& c : consensus.conflicts) {
    const auto& info = Info(c.figure);
    conflicts.push_back(json::object{{"figure", info.code},
                                     {"name", info.name_zh},
                                     {"consensus", ValueJson(c.consensus)},
                                     {"other", ValueJson(c.other)}});
  }
  return conflicts;
}

// The linker's decisions with their evidence, the reporting unit and the desk's task.
json::array LinksJson(const std::vector<LinkRecord>& links, const std::vector<Report>& reports,
                      const DirectorySnapshot& dir) {
  json::array items;
  for (const auto& l : links) {
    json::object o = EvidenceOf(l);
    o["report_id"] = l.report_id;
    auto it = std::find_if(reports.begin(), reports.end(), [&](const Report& r) { return r.id == l.report_id; });
    const std::string unit = it == reports.end() ? std::string() : it->draft.unit;
    o["unit"] = unit;
    o["unit_name"] = UnitName(dir, unit);
    o["action"] = fusion::ToString(l.action);
    o["at"] = FormatShanghai(l.at);
    o["task"] = TaskJson(l);
    items.push_back(std::move(o));
  }
  return items;
}

json::array OperationsJson(const std::vector<EventOperation>& operations) {
  json::array ops;
  for (const auto& op : operations) {
    json::array units;
    for (const auto& u : op.units) units.emplace_back(u);
    json::value undone = nullptr;
    if (op.undone_at) {
      undone = json::object{{"actor", op.undone_by}, {"at", FormatShanghai(*op.undone_at)}, {"reason", op.undo_reason}};
    }
    ops.push_back(json::object{{"id", op.id},
                               {"kind", fusion::ToString(op.kind)},
                               {"event_id", op.event_id},
                               {"other_event_id", op.other_event_id},
                               {"units", std::move(units)},
                               {"reason", op.reason},
                               {"actor", op.actor},
                               {"at", FormatShanghai(op.at)},
                               {"undone", std::move(undone)}});
  }
  return ops;
}

// Adds "perspectives" to each item of the view's "reports" (matched by id).
void TagReportItems(json::object& view, const std::vector<Report>& reports, const Tags& tags) {
  auto* items = view.if_contains("reports");
  if (!items || !items->is_array()) return;
  for (auto& item : items->get_array()) {
    if (!item.is_object()) continue;
    auto& o = item.get_object();
    const auto* id = o.if_contains("id");
    if (!id || !id->is_int64()) continue;
    json::array tags_of_report;
    for (size_t i = 0; i < reports.size(); ++i) {
      if (reports[i].id != id->get_int64()) continue;
      for (const auto& t : tags[i]) tags_of_report.emplace_back(t);
    }
    o["perspectives"] = std::move(tags_of_report);
  }
}

}  // namespace

void AddFusion(json::object& view, const EventFusion& fused, const std::vector<Report>& reports,
               const DirectorySnapshot& dir, const std::vector<FigureResolution>& resolutions,
               const std::vector<LinkRecord>& links, const std::vector<EventOperation>& operations, TimePoint now) {
  // The perspectives of each report, tagged once.
  Tags tags;
  tags.reserve(fused.sources.size());
  for (const auto& r : fused.sources) tags.push_back(fusion::TagPerspectives(r.draft, r.unit_kind));

  view["sources"] = SourcesJson(fused.sources, tags);
  view["perspectives"] = PerspectivesJson(fused.perspectives, dir);
  view["figure_table"] = FigureTableJson(fused.consensus, resolutions);
  view["conflicts"] = ConflictsJson(fused.consensus);
  view["summary"] = json::object{{"text", fused.summary}, {"generated_at", FormatShanghai(now)}};
  view["links"] = LinksJson(links, reports, dir);
  view["operations"] = OperationsJson(operations);
  TagReportItems(view, reports, tags);
}

json::object LinkTaskJson(const LinkRecord& link, const Report& report, const EventRow& event,
                          const DirectorySnapshot& dir) {
  json::object o = EvidenceOf(link);
  o["id"] = link.report_id;
  o["status"] = fusion::ToString(link.task_status);
  o["created_at"] = FormatShanghai(link.at);
  o["report_id"] = link.report_id;
  o["unit"] = report.draft.unit;
  o["unit_name"] = UnitName(dir, report.draft.unit);
  o["report_title"] = report.draft.title;
  o["report_description"] = report.draft.description;
  o["event_id"] = event.id;
  o["event_title"] = event.title;
  o["event_region"] = event.region;
  return o;
}

}  // namespace shaobing::views
