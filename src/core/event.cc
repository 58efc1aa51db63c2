#include "core/event.h"

#include <algorithm>
#include <map>

namespace shaobing {

Result<int> PlaceInSeries(const ReportDraft& draft, const std::vector<Report>& unit_reports) {
  if (draft.kind == ReportKind::kFirst) {
    if (!unit_reports.empty()) return Fail(Error::Make(ErrorCode::kConflict, "already_reported", "kind"));
    return 0;
  }
  if (unit_reports.empty()) {
    return Fail(Error::Make(ErrorCode::kConflict, "not_in_series", "event_id", {{"unit", draft.unit}}));
  }
  const bool closed = std::any_of(unit_reports.begin(), unit_reports.end(),
                                  [](const Report& r) { return r.draft.kind == ReportKind::kFinal; });
  if (closed && draft.kind != ReportKind::kCorrection) {
    return Fail(Error::Make(ErrorCode::kConflict, "series_closed", "kind"));
  }
  if (draft.kind == ReportKind::kCorrection) {
    const ReportId target = draft.supersedes.value_or(0);
    auto it = std::find_if(unit_reports.begin(), unit_reports.end(), [&](const Report& r) { return r.id == target; });
    if (it == unit_reports.end()) {
      return Fail(Error::Make(ErrorCode::kInvalidArgument, "supersedes_unknown", "supersedes",
                              {{"value", std::to_string(target)}}));
    }
    const bool taken = std::any_of(unit_reports.begin(), unit_reports.end(), [&](const Report& r) {
      return r.draft.kind == ReportKind::kCorrection && r.draft.supersedes == target;
    });
    if (taken) {
      return Fail(
          Error::Make(ErrorCode::kConflict, "already_superseded", "supersedes", {{"value", std::to_string(target)}}));
    }
  }
  return static_cast<int>(unit_reports.size());
}

std::vector<const Report*> EffectiveReports(const std::vector<Report>& reports) {
  std::vector<ReportId> superseded;
  for (const auto& r : reports) {
    if (r.draft.kind == ReportKind::kCorrection && r.draft.supersedes) superseded.push_back(*r.draft.supersedes);
  }
  std::vector<const Report*> out;
  for (const auto& r : reports) {
    if (std::find(superseded.begin(), superseded.end(), r.id) == superseded.end()) out.push_back(&r);
  }
  return out;
}

Figures CurrentFigures(const std::vector<Report>& reports) {
  Figures out;
  for (const Report* r : EffectiveReports(reports)) out = Overlay(out, r->draft.figures);
  return out;
}

EventRow Summarise(EventRow row, const std::vector<Report>& reports) {
  row.report_count = static_cast<int>(reports.size());
  row.figures = CurrentFigures(reports);
  std::map<std::string, bool> finals;  // unit -> has final
  // The event's identity (title, category, place) follows the series of the unit that opened
  // it, including its corrections; other units' angles do not rename the event.
  const std::string opener = reports.empty() ? std::string() : reports.front().draft.unit;
  for (const Report* r : EffectiveReports(reports)) {
    const auto& d = r->draft;
    row.updated_at = std::max(row.updated_at, r->received_at);
    if (d.unit != opener) continue;
    if (!d.category.empty()) row.category = d.category;
    if (!d.title.empty()) row.title = d.title;
    if (!d.location.region.empty()) row.region = d.location.region;
    if (d.occurred_at) row.occurred_at = d.occurred_at;
  }
  for (const auto& r : reports) {
    finals[r.draft.unit] = finals[r.draft.unit] || r.draft.kind == ReportKind::kFinal;
  }
  row.closed = !finals.empty() && std::all_of(finals.begin(), finals.end(), [](const auto& kv) { return kv.second; });
  return row;
}

namespace {
void CompareText(const char* name, const std::string& before, const std::string& after, std::vector<std::string>& out) {
  if (!after.empty() && after != before) out.emplace_back(name);
}
void CompareText(const char* name, const std::optional<std::string>& before, const std::optional<std::string>& after,
                 std::vector<std::string>& out) {
  if (after && after != before) out.emplace_back(name);
}
}  // namespace

std::vector<SeriesEntry> BuildSeries(const std::vector<Report>& reports) {
  std::vector<SeriesEntry> out;
  std::map<std::string, const Report*> last_of_unit;  // unit -> previous effective report
  std::map<ReportId, ReportId> superseded_by;
  for (const auto& r : reports) {
    if (r.draft.kind == ReportKind::kCorrection && r.draft.supersedes) superseded_by[*r.draft.supersedes] = r.id;
  }
  for (const auto& r : reports) {
    SeriesEntry e{&r, {}, {}, std::nullopt};
    const Report* base = nullptr;
    if (r.draft.kind == ReportKind::kCorrection && r.draft.supersedes) {
      for (const auto& other : reports) {
        if (other.id == *r.draft.supersedes) base = &other;
      }
    } else if (auto it = last_of_unit.find(r.draft.unit); it != last_of_unit.end()) {
      base = it->second;
    }
    if (base) {
      e.figure_changes = DiffFigures(base->draft.figures, r.draft.figures);
      const auto& b = base->draft;
      const auto& a = r.draft;
      CompareText("title", b.title, a.title, e.changed_fields);
      CompareText("category", b.category, a.category, e.changed_fields);
      CompareText("location", b.location.region + b.location.address,
                  a.location.region.empty() && a.location.address.empty() ? std::string()
                                                                          : a.location.region + a.location.address,
                  e.changed_fields);
      CompareText("parties", b.parties, a.parties, e.changed_fields);
      CompareText("description", b.description, a.description, e.changed_fields);
      CompareText("cause", b.cause, a.cause, e.changed_fields);
      CompareText("measures", b.measures, a.measures, e.changed_fields);
    }
    if (auto it = superseded_by.find(r.id); it != superseded_by.end()) e.superseded_by = it->second;
    if (!e.superseded_by) last_of_unit[r.draft.unit] = &r;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace shaobing
