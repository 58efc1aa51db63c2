#include "views/judgement_json.h"

#include <boost/json.hpp>

#include "core/taxonomy.h"
#include "standards/evaluation_json.h"
#include "standards/format.h"
#include "views/duty_json.h"

namespace shaobing::views {
namespace json = boost::json;

namespace {

json::object PartyJson(const Party& p, const DirectorySnapshot& dir, i18n::Locale locale) {
  json::object o{{"kind", p.kind == PartyKind::kUnit ? "unit" : "desk"}, {"level", LevelCode(p.level)}};
  if (p.kind == PartyKind::kUnit) {
    const Unit* u = dir.FindUnit(p.id);
    o["id"] = p.id;
    o["name"] = u ? u->name : p.id;
  } else if (p.region.empty()) {
    o["name"] = i18n::Render(locale, "party.centre");
  } else {
    const Region* r = dir.regions.Find(p.region);
    o["region"] = p.region;
    o["name"] = i18n::Render(locale, "party.desk", {{"region", r ? r->name : p.region}});
  }
  return o;
}

// A rule's condition as readable text: comparisons joined by 且 (all_of) and 或 (any_of),
// nested groups in brackets. Category and region lists read as codes.
std::string Criteria(const Condition& c, bool nested, i18n::Locale locale) {
  if (c.op == Condition::Op::kCompare) {
    const Comparison& cmp = c.compare;
    switch (cmp.subject) {
      case Comparison::Subject::kFigure: {
        // A band inside an "or" list reads as one item: （死亡 ≥ 3 且 < 10）.
        std::string text = standards_internal::DescribeComparison(cmp);
        return nested && text.find(" 且 ") != std::string::npos ? "（" + text + "）" : text;
      }
      default: {
        std::string out = cmp.label.empty() ? std::string() : cmp.label + "：";
        for (size_t i = 0; i < cmp.codes.size(); ++i) {
          const Category* category =
              cmp.subject == Comparison::Subject::kCategory ? FindCategory(cmp.codes[i]) : nullptr;
          out += (i ? "、" : "") + (category ? std::string(category->name_zh) : cmp.codes[i]);
        }
        if (cmp.codes.empty()) {
          out += cmp.subject == Comparison::Subject::kSensitive ? i18n::Render(locale, "criteria.any_sensitive") : "*";
        }
        return out;
      }
    }
  }
  std::string out;
  const char* joiner = c.op == Condition::Op::kAllOf ? " 且 " : " 或 ";
  for (size_t i = 0; i < c.children.size(); ++i) {
    out += (i ? joiner : "") + Criteria(c.children[i], c.op == Condition::Op::kAnyOf || c.children.size() > 1, locale);
  }
  return nested && c.children.size() > 1 ? "（" + out + "）" : out;
}

json::value OptLevel(const std::optional<Level>& l) { return l ? json::value(LevelCode(*l)) : json::value(nullptr); }
json::value OptGrade(const std::optional<Grade>& g) { return g ? json::value(GradeCode(*g)) : json::value(nullptr); }

}  // namespace

json::object DeskReportJson(const DeskReport& r, const DirectorySnapshot& dir, i18n::Locale locale) {
  const Region* region = dir.regions.Find(r.from_region);
  return {{"id", r.id},
          {"event_id", r.event_id},
          {"from",
           PartyJson(Party{PartyKind::kDesk, "", region ? region->level : Level::kCounty, r.from_region}, dir, locale)},
          {"to", LevelCode(r.to)},
          {"to_name", std::string(LevelNameZh(r.to))},
          {"channel", ChannelCode(r.channel)},
          {"at", FormatShanghai(r.reported_at)},
          {"told", r.told},
          {"text", r.text},
          {"recorded_by", r.recorded_by},
          {"recorded_at", FormatShanghai(r.recorded_at)}};
}

json::array ClocksJson(const std::vector<ReportClock>& clocks, const DirectorySnapshot& dir, i18n::Locale locale) {
  json::array out;
  for (const auto& c : clocks) {
    out.push_back(json::object{
        {"key", c.key},
        {"kind", ClockKindCode(c.kind)},
        {"kind_name", i18n::Render(locale, std::string("clock.kind.") + ClockKindCode(c.kind))},
        {"from", PartyJson(c.from, dir, locale)},
        {"to", PartyJson(c.to, dir, locale)},
        {"channel", ChannelCode(c.channel)},
        {"starts_at", FormatShanghai(c.starts_at)},
        {"due_at", FormatShanghai(c.due_at)},
        {"state", ClockStateCode(c.state)},
        {"state_name", i18n::Render(locale, std::string("clock.state.") + ClockStateCode(c.state))},
        {"fulfilled_at", c.fulfilled_at ? json::value(FormatShanghai(*c.fulfilled_at)) : json::value(nullptr)},
        {"late_minutes", c.late_by.count()},
        {"reason", c.kind == ClockKind::kFirst
                       ? c.reason
                       : i18n::Render(locale, std::string("clock.reason.") + ClockKindCode(c.kind),
                                      {{"n", std::to_string(c.reason_count)}})},
        {"waived_reason", c.waived_reason},
    });
  }
  return out;
}

json::object ClosureJson(const EventClosure& c) {
  return {{"id", c.id},
          {"event_id", c.event_id},
          {"at", FormatShanghai(c.at)},
          {"reason", c.reason},
          {"closed_by", c.closed_by}};
}

json::object ClockSummaryJson(const ClockSummary& s) {
  return {{"overdue", s.overdue},
          {"due_soon", s.due_soon},
          {"open", s.open},
          {"next_due_at", s.next_due ? json::value(FormatShanghai(*s.next_due)) : json::value(nullptr)}};
}

void AddJudgement(json::object& view, const EventDetail& d, i18n::Locale locale) {
  const EventJudgement& j = d.judgement;
  const std::vector<Report>& reports = d.reports;
  const Fulfilments& fulfilments = d.fulfilments;
  const DirectorySnapshot& dir = *d.dir;
  const TimePoint now = d.now;
  view["evaluation"] = j.latest ? json::value(EvaluationToJson(*j.latest)) : json::value(nullptr);
  json::array obligations;
  for (const auto& o : j.plan.obligations) {
    const ObligationState state = StateOf(o, fulfilments, now);
    // Waived by a decision (经会商决定不报送) unless already fulfilled: never a missed report.
    const ReportClock* waived = WaivedClockOf(o, d.clocks);
    obligations.push_back(json::object{
        {"from", PartyJson(o.from, dir, locale)},
        {"to", PartyJson(o.to, dir, locale)},
        {"channel", ChannelCode(o.channel)},
        {"minutes", o.minutes},
        {"starts_at", FormatShanghai(o.starts_at)},
        {"due_at", FormatShanghai(o.due_at)},
        {"reason", o.reason},
        {"status", waived != nullptr ? "waived" : ObligationStatusCode(state.status)},
        {"waived_reason", waived != nullptr ? json::value(waived->waived_reason) : json::value(nullptr)},
        {"waived_label", waived != nullptr ? json::value(i18n::Render(locale, "obligation.waived_by_consultation"))
                                           : json::value(nullptr)},
        {"fulfilled_at", state.fulfilled_at ? json::value(FormatShanghai(*state.fulfilled_at)) : json::value(nullptr)},
        {"late_minutes", state.late_by.count()},
        {"escalation", o.escalation ? json::value(static_cast<std::int64_t>(*o.escalation)) : json::value(nullptr)},
    });
  }
  view["obligations"] = std::move(obligations);
  view["clocks"] = ClocksJson(d.clocks, dir, locale);
  json::array closures;
  for (const auto& c : d.closures) {
    closures.push_back(ClosureJson(c));
  }
  view["closures"] = std::move(closures);
  json::array desk_reports;
  for (const auto& r : d.desk_reports) desk_reports.push_back(DeskReportJson(r, dir, locale));
  view["desk_reports"] = std::move(desk_reports);
  json::array escalations;
  for (const auto& e : j.plan.escalations) {
    escalations.push_back(json::object{{"at", FormatShanghai(e.at)},
                                       {"from_level", OptLevel(e.from_level)},
                                       {"to_level", OptLevel(e.to_level)},
                                       {"from_grade", OptGrade(e.from_grade)},
                                       {"to_grade", OptGrade(e.to_grade)},
                                       {"reason", e.reason}});
  }
  view["escalations"] = std::move(escalations);
  json::array overdue;
  for (const auto& e : d.overdue_escalations) overdue.push_back(EscalationStepJson(e, d.escalation_acks, locale));
  view["overdue_escalations"] = std::move(overdue);
  // The timeline: reports and escalations in time order.
  struct Item {
    TimePoint at;
    json::object entry;
  };
  std::vector<Item> items;
  items.reserve(reports.size() + d.desk_reports.size() + j.plan.escalations.size());
  for (const auto& r : reports) {
    items.push_back({r.received_at, json::object{{"type", "report"},
                                                 {"at", FormatShanghai(r.received_at)},
                                                 {"report_id", r.id},
                                                 {"unit", r.draft.unit},
                                                 {"kind", ReportKindCode(r.draft.kind)},
                                                 {"sequence", r.sequence}}});
  }
  for (const auto& r : d.desk_reports) {
    const Region* region = dir.regions.Find(r.from_region);
    items.push_back({r.reported_at, json::object{{"type", "desk_report"},
                                                 {"at", FormatShanghai(r.reported_at)},
                                                 {"desk_report_id", r.id},
                                                 {"from_region", r.from_region},
                                                 {"from_name", region ? region->name : r.from_region},
                                                 {"to", LevelCode(r.to)},
                                                 {"channel", ChannelCode(r.channel)}}});
  }
  for (size_t i = 0; i < j.plan.escalations.size(); ++i) {
    const auto& e = j.plan.escalations[i];
    items.push_back({e.at, json::object{{"type", "escalation"},
                                        {"at", FormatShanghai(e.at)},
                                        {"escalation", static_cast<std::int64_t>(i)},
                                        {"label", i18n::Render(locale, "timeline.escalation")},
                                        {"reason", e.reason}}});
  }
  for (const auto& c : d.closures) {
    items.push_back({c.at, json::object{{"type", "closure"},
                                        {"at", FormatShanghai(c.at)},
                                        {"label", i18n::Render(locale, "timeline.closure")},
                                        {"reason", c.reason}}});
  }
  for (const auto& c : d.clocks) {
    if (c.state != ClockState::kOverdue) continue;
    items.push_back({c.due_at, json::object{{"type", "clock_overdue"},
                                            {"at", FormatShanghai(c.due_at)},
                                            {"clock", c.key},
                                            {"label", i18n::Render(locale, "timeline.clock_overdue")},
                                            {"from_name", PartyJson(c.from, dir, locale).at("name")},
                                            {"to", LevelCode(c.to.level)}}});
  }
  for (const auto& e : d.overdue_escalations) {
    items.push_back({e.at, json::object{{"type", "overdue_escalation"},
                                        {"at", FormatShanghai(e.at)},
                                        {"escalation_id", e.id},
                                        {"clock", e.clock_key},
                                        {"step", e.step},
                                        {"label", i18n::Render(locale, "escalation.step." + std::to_string(e.step))},
                                        {"alerted_name", e.alerted_name}}});
  }
  for (const auto& a : d.escalation_acks) {
    items.push_back({a.at, json::object{{"type", "escalation_ack"},
                                        {"at", FormatShanghai(a.at)},
                                        {"escalation_id", a.step_id},
                                        {"label", i18n::Render(locale, "timeline.escalation_ack")},
                                        {"acknowledged_by", a.acknowledged_by},
                                        {"held_until", FormatShanghai(a.held_until)},
                                        {"note", a.note}}});
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.at < b.at; });
  json::array timeline;
  for (auto& it : items) timeline.push_back(std::move(it.entry));
  view["timeline"] = std::move(timeline);
}

json::object CatalogueSummaryJson(const Catalogue& catalogue, i18n::Locale locale) {
  const auto& spec = catalogue.spec();
  json::array rules;
  for (const auto& r : spec.rules) {
    json::array categories;
    for (const auto& c : r.categories) categories.emplace_back(c);
    json::array deadlines;
    for (const auto& d : r.deadlines) {
      deadlines.push_back(
          json::object{{"level", LevelCode(d.level)}, {"channel", ChannelCode(d.channel)}, {"minutes", d.minutes}});
    }
    rules.push_back(json::object{
        {"id", r.id},
        {"label", r.label},
        {"all_categories", r.all_categories},
        {"categories", std::move(categories)},
        {"otherwise", r.otherwise},
        {"grade", OptGrade(r.grade)},
        {"report_to", OptLevel(r.report_to)},
        {"deadlines", std::move(deadlines)},
        {"consultation", r.consultation},
        {"source", json::object{{"regulation", r.source.regulation}, {"article", r.source.article}}},
        {"local_default", r.local_default},
        {"effective", FormatShanghai(TimePoint(r.effective)).substr(0, 10)},
        {"note", r.note},
        {"criteria", r.when ? json::value(Criteria(*r.when, false, locale)) : json::value(nullptr)},
    });
  }
  json::array levels;
  for (const auto& d : spec.deadlines.levels) {
    levels.push_back(
        json::object{{"level", LevelCode(d.level)}, {"channel", ChannelCode(d.channel)}, {"minutes", d.minutes}});
  }
  return {
      {"version", spec.version},
      {"title", spec.title},
      {"rules", std::move(rules)},
      {"routing",
       {{"minimum", LevelCode(spec.routing.minimum)},
        {"by_grade",
         {{"I", LevelCode(spec.routing.by_grade[0])},
          {"II", LevelCode(spec.routing.by_grade[1])},
          {"III", LevelCode(spec.routing.by_grade[2])},
          {"IV", LevelCode(spec.routing.by_grade[3])}}}}},
      {"deadlines", {{"unit_to_upper_minutes", spec.deadlines.unit_to_upper_minutes}, {"levels", std::move(levels)}}}};
}

}  // namespace shaobing::views
