#include "services/event_refresh.h"

#include "core/event.h"
#include "fusion/event_fusion.h"
#include "services/standards_service.h"

namespace shaobing {

void DeriveEvent(EventRow& row, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                 const Catalogue* catalogue, const std::vector<SensitiveAdjustment>& adjustments,
                 const std::vector<FigureResolution>& resolutions) {
  row = Summarise(row, reports);
  row.region_path = dir.RegionPath(row.region);
  if (!catalogue) {
    row.figures = ConsensusFiguresOf(reports, dir, resolutions);
    return;
  }
  const EventFacts facts = FactsOfEvent(row, reports, dir, adjustments, resolutions);  // consensus figures
  row.figures = facts.figures;
  const Evaluation e = Evaluate(*catalogue, facts, {.explain = false});
  row.grade = e.grade ? GradeCode(*e.grade) : "";
  row.report_to = e.report_to ? LevelCode(*e.report_to) : "";
  row.catalogue_version = catalogue->version();
}

Result<EventRow> RootEvent(Transaction& tx, EventId id, std::string_view field) {
  auto event = tx.GetEvent(id);
  if (!event) return Fail(event.error());
  if (*event && (*event)->merged_into) event = tx.GetEvent(*(*event)->merged_into);
  if (!event) return Fail(event.error());
  if (!*event) {
    return Fail(
        Error::Make(ErrorCode::kNotFound, "unknown_event", std::string(field), {{"value", std::to_string(id)}}));
  }
  return std::move(**event);
}

Status CheckCanSee(Transaction& tx, const Principal& who, const EventRow& root, const DirectorySnapshot& dir,
                   std::string_view field, std::string_view value) {
  auto units = InvolvedUnits(tx, root.id);
  if (!units) return Fail(units.error());
  if (AccessToEvent(who, root, *units, dir.regions) == EventAccess::kFull) return {};
  return Fail(Error::Denied(
      Error::Make(ErrorCode::kNotFound, "unknown_event", std::string(field), {{"value", std::string(value)}})));
}

Result<std::vector<std::string>> InvolvedUnits(Transaction& tx, EventId id) {
  auto units = tx.UnitsOfEvent(id);
  if (!units) return Fail(units.error());
  auto requests = tx.RequestsOfEvent(id);
  if (!requests) return Fail(requests.error());
  for (const auto& r : *requests) units->push_back(r.unit);
  return units;
}

Status DeriveAndStore(Transaction& tx, EventRow& row, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                      const Catalogue* catalogue) {
  auto adjustments = tx.SensitiveAdjustmentsOfEvent(row.id);
  if (!adjustments) return Fail(adjustments.error());
  auto resolutions = tx.ResolutionsOfEvent(row.id);
  if (!resolutions) return Fail(resolutions.error());
  DeriveEvent(row, reports, dir, catalogue, *adjustments, *resolutions);
  return tx.UpdateEvent(row);
}

Result<EventRow> RefreshEvent(Transaction& tx, EventId id, const DirectorySnapshot& dir, const Catalogue* catalogue,
                              std::vector<Report>* reports_out) {
  auto event = tx.GetEvent(id);
  if (!event) return Fail(event.error());
  if (!*event) return Fail(Error::Make(ErrorCode::kNotFound, "unknown_event", "id", {{"value", std::to_string(id)}}));
  EventRow row = std::move(**event);
  auto reports = tx.ReportsOfEvent(id);
  if (!reports) return Fail(reports.error());
  if (auto s = DeriveAndStore(tx, row, *reports, dir, catalogue); !s) return Fail(s.error());
  if (reports_out) *reports_out = std::move(*reports);
  return row;
}

}  // namespace shaobing
