#include "services/fusion_service.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <set>

#include "services/event_refresh.h"

namespace shaobing {
namespace {

Error NoReason() { return Error::Invalid({{"missing_field", "reason", {}}}); }

Status ApplyMoves(Transaction& tx, const std::vector<FilingMove>& moves, bool forward) {
  for (const auto& m : moves) {
    auto row = tx.GetEvent(m.filing);
    if (!row) return Fail(row.error());
    if (!*row) return Fail(Error::Internal("filing " + std::to_string(m.filing) + " is gone"));
    (*row)->merged_into = forward ? m.after : m.before;
    if (auto s = tx.UpdateEvent(**row); !s) return s;
  }
  return {};
}

// Re-derives the events of `ids` that are roots now; collects what the linker must relearn.
Status Refresh(Transaction& tx, const std::set<EventId>& ids, const DirectorySnapshot& dir, const Catalogue* catalogue,
               IndexChanges& reindex) {
  for (EventId id : ids) {
    reindex.events.push_back(id);
    auto row = tx.GetEvent(id);
    if (!row) return Fail(row.error());
    if (!*row || (*row)->merged_into) continue;
    std::vector<Report> reports;
    auto refreshed = RefreshEvent(tx, id, dir, catalogue, &reports);
    if (!refreshed) return Fail(refreshed.error());
    reindex.reports.insert(reindex.reports.end(), std::make_move_iterator(reports.begin()),
                           std::make_move_iterator(reports.end()));
  }
  return {};
}

// Records a merge or split: applies its moves and stores it; returns its id.
Result<std::int64_t> Perform(Transaction& tx, EventOperation& op, const Principal& who, const std::string& reason) {
  op.reason = reason;
  op.actor = who.name;
  op.at = tx.Now();
  if (auto s = ApplyMoves(tx, op.moves, true); !s) return Fail(s.error());
  return tx.InsertOperation(op);
}

// Splits the filings `leaving` off root event `root`: the earliest of them becomes the root of
// the others. Records the operation (undoable); `op.id` is set.
Result<EventOperation> SplitOff(Transaction& tx, EventId root, const std::set<EventId>& leaving,
                                std::vector<std::string> units, const Principal& who, const std::string& reason) {
  EventOperation op;
  op.kind = fusion::OperationKind::kSplit;
  op.event_id = root;
  op.other_event_id = *leaving.begin();
  for (EventId f : leaving) {
    op.moves.push_back({f, root, f == op.other_event_id ? std::nullopt : std::optional(op.other_event_id)});
  }
  op.units = std::move(units);
  auto id = Perform(tx, op, who, reason);
  if (!id) return Fail(id.error());
  op.id = *id;
  return op;
}

}  // namespace

Result<OperationResult> FusionService::Run(const std::string& kind, Job job) {
  OperationResult out;
  auto dir = directory_.Get();
  auto catalogue = standards_.Current();
  bool indexed = false;  // the job succeeded and the linker learnt its changes
  auto written = store_.Write([&](Transaction& tx) -> Status {
    IndexChanges reindex;
    if (auto s = job(tx, *dir, catalogue.get(), reindex, out); !s) return s;
    auto row = tx.GetEvent(out.event_id);
    const std::string region = row && *row ? (*row)->region : "";
    if (auto s = tx.Publish(Notice{.type = "event", .event_id = out.event_id, .kind = kind, .region = region}); !s) {
      return s;
    }
    if (!reindex.events.empty()) {
      links_.Reset(reindex.events, reindex.reports);
      indexed = true;
    }
    return {};
  });
  if (!written) {
    if (indexed) links_.MarkStale();  // the batch's commit failed after the index changed
    return Fail(written.error());
  }
  return out;
}

Result<OperationResult> FusionService::DecideLink(const Principal& who, ReportId task, const std::string& action,
                                                  const std::string& reason) {
  if (action != "confirm" && action != "reject") {
    return Fail(Error::Invalid({{"invalid_value", "action", {{"value", action}, {"allowed", "confirm, reject"}}}}));
  }
  if (IsBlank(reason)) return Fail(NoReason());
  return Run(
      "link",
      [&](Transaction& tx, const auto& dir, const Catalogue* catalogue, IndexChanges& reindex,
          OperationResult& out) -> Status {
        auto link = tx.GetLink(task);
        if (!link) return Fail(link.error());
        if (!*link || (*link)->task_status == fusion::TaskState::kNone) {
          return Fail(Error::Make(ErrorCode::kNotFound, "unknown_task", "id", {{"value", std::to_string(task)}}));
        }
        LinkRecord record = std::move(**link);
        auto root = RootEvent(tx, record.filing_id, "id");
        if (!root) return Fail(root.error());
        if (auto s = CheckCanSee(tx, who, *root, dir, "id", std::to_string(task)); !s) {
          return Fail(Error::Denied(
              Error::Make(ErrorCode::kNotFound, "unknown_task", "id", {{"value", std::to_string(task)}})));
        }
        if (record.task_status != fusion::TaskState::kPending) {
          return Fail(Error::Make(ErrorCode::kConflict, "task_closed", "id",
                                  {{"value", fusion::ToString(record.task_status)}}));
        }
        if (action == "reject" && root->id == record.filing_id) {
          return Fail(Error::Make(ErrorCode::kConflict, "not_linked", "id", {{"value", std::to_string(task)}}));
        }
        record.task_status = action == "confirm" ? fusion::TaskState::kConfirmed : fusion::TaskState::kRejected;
        record.task_by = who.name;
        record.task_at = tx.Now();
        record.task_reason = reason;
        if (auto s = tx.UpdateLinkTask(record); !s) return s;
        out.status = fusion::ToString(record.task_status);
        out.event_id = root->id;
        boost::json::object detail{{"report_id", task}, {"event_id", root->id}, {"reason", reason}};
        if (action == "reject") {
          auto leaving = tx.UnitsOfEvent(record.filing_id);  // the filing's own series
          if (!leaving) return Fail(leaving.error());
          auto op = SplitOff(tx, root->id, {record.filing_id}, *leaving, who, reason);
          if (!op) return Fail(op.error());
          out.operation_id = op->id;
          out.event_id = record.filing_id;
          detail["operation"] = op->id;
          detail["new_event_id"] = record.filing_id;
          if (auto s = Refresh(tx, {root->id, record.filing_id}, dir, catalogue, reindex); !s) return s;
        }
        return tx.Audit("user:" + who.name, "link." + action, "report:" + std::to_string(task), detail);
      });
}

Result<OperationResult> FusionService::Merge(const Principal& who, EventId into, EventId from,
                                             const std::string& reason) {
  if (IsBlank(reason)) return Fail(NoReason());
  return Run(
      "merge",
      [&](Transaction& tx, const auto& dir, const Catalogue* catalogue, IndexChanges& reindex,
          OperationResult& out) -> Status {
        auto a = RootEvent(tx, into, "id");
        if (!a) return Fail(a.error());
        auto b = RootEvent(tx, from, "from");
        if (!b) return Fail(b.error());
        if (auto s = CheckCanSee(tx, who, *a, dir, "id", std::to_string(into)); !s) return s;
        if (auto s = CheckCanSee(tx, who, *b, dir, "from", std::to_string(from)); !s) return s;
        if (a->id == b->id) {
          return Fail(Error::Make(ErrorCode::kConflict, "already_merged", "from", {{"value", std::to_string(from)}}));
        }
        auto filings = tx.FilingsOf(b->id);
        if (!filings) return Fail(filings.error());
        EventOperation op;
        op.kind = fusion::OperationKind::kMerge;
        op.event_id = a->id;
        op.other_event_id = b->id;
        for (const auto& f : *filings) op.moves.push_back({f.id, f.merged_into, a->id});
        auto id = Perform(tx, op, who, reason);
        if (!id) return Fail(id.error());
        out = {*id, a->id, ""};
        if (auto s = Refresh(tx, {a->id, b->id}, dir, catalogue, reindex); !s) return s;
        return tx.Audit(
            "user:" + who.name, "event.merge", "event:" + std::to_string(a->id),
            {{"operation", *id}, {"from", b->id}, {"moves", FilingMovesJson(op.moves)}, {"reason", reason}});
      });
}

Result<OperationResult> FusionService::Split(const Principal& who, EventId id, const std::vector<std::string>& units,
                                             const std::string& reason) {
  std::vector<FieldError> problems;
  if (units.empty()) problems.push_back({"missing_field", "units", {}});
  if (IsBlank(reason)) problems.push_back({"missing_field", "reason", {}});
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  return Run("split",
             [&](Transaction& tx, const auto& dir, const Catalogue* catalogue, IndexChanges& reindex,
                 OperationResult& out) -> Status {
               auto root = RootEvent(tx, id, "id");
               if (!root) return Fail(root.error());
               if (auto s = CheckCanSee(tx, who, *root, dir, "id", std::to_string(id)); !s) return s;
               auto reports = tx.ReportsOfEvent(root->id);
               if (!reports) return Fail(reports.error());
               std::set<EventId> chosen, all;
               for (const auto& r : *reports) {
                 all.insert(r.filing);
                 if (std::find(units.begin(), units.end(), r.draft.unit) != units.end()) chosen.insert(r.filing);
               }
               for (const auto& u : units) {
                 const bool reported =
                     std::any_of(reports->begin(), reports->end(), [&](const Report& r) { return r.draft.unit == u; });
                 if (!reported) {
                   return Fail(Error::Make(ErrorCode::kInvalidArgument, "unit_not_in_event", "units", {{"value", u}}));
                 }
               }
               if (chosen.size() == all.size()) {
                 return Fail(Error::Make(ErrorCode::kInvalidArgument, "split_everything", "units"));
               }
               // The part without the root's own filing leaves; its earliest filing becomes its root.
               std::set<EventId> leaving;
               if (chosen.contains(root->id)) {
                 std::set_difference(all.begin(), all.end(), chosen.begin(), chosen.end(),
                                     std::inserter(leaving, leaving.end()));
               } else {
                 leaving = chosen;
               }
               auto op = SplitOff(tx, root->id, leaving, units, who, reason);
               if (!op) return Fail(op.error());
               const EventId new_root = op->other_event_id;
               out = {op->id, chosen.contains(root->id) ? root->id : new_root, ""};
               if (auto s = Refresh(tx, {root->id, new_root}, dir, catalogue, reindex); !s) return s;
               boost::json::array chosen_units;
               for (const auto& u : units) chosen_units.emplace_back(u);
               return tx.Audit("user:" + who.name, "event.split", "event:" + std::to_string(root->id),
                               {{"operation", op->id},
                                {"units", std::move(chosen_units)},
                                {"new_event_id", new_root},
                                {"moves", FilingMovesJson(op->moves)},
                                {"reason", reason}});
             });
}

Result<OperationResult> FusionService::Undo(const Principal& who, std::int64_t operation, const std::string& reason) {
  if (IsBlank(reason)) return Fail(NoReason());
  return Run("undo",
             [&](Transaction& tx, const auto& dir, const Catalogue* catalogue, IndexChanges& reindex,
                 OperationResult& out) -> Status {
               auto found = tx.GetOperation(operation);
               if (!found) return Fail(found.error());
               if (!*found) {
                 return Fail(Error::Make(ErrorCode::kNotFound, "unknown_operation", "id",
                                         {{"value", std::to_string(operation)}}));
               }
               EventOperation op = std::move(**found);
               auto root = RootEvent(tx, op.event_id, "id");
               if (!root) return Fail(root.error());
               if (auto s = CheckCanSee(tx, who, *root, dir, "id", std::to_string(operation)); !s) {
                 return Fail(Error::Denied(Error::Make(ErrorCode::kNotFound, "unknown_operation", "id",
                                                       {{"value", std::to_string(operation)}})));
               }
               if (op.undone_at) {
                 return Fail(
                     Error::Make(ErrorCode::kConflict, "already_undone", "id", {{"value", std::to_string(operation)}}));
               }
               for (const auto& m : op.moves) {
                 auto row = tx.GetEvent(m.filing);
                 if (!row) return Fail(row.error());
                 if (!*row || (*row)->merged_into != m.after) {
                   return Fail(Error::Make(ErrorCode::kConflict, "operation_superseded", "id",
                                           {{"value", std::to_string(operation)}}));
                 }
               }
               if (auto s = ApplyMoves(tx, op.moves, false); !s) return s;
               op.undone_at = tx.Now();
               op.undone_by = who.name;
               op.undo_reason = reason;
               if (auto s = tx.MarkOperationUndone(op); !s) return s;
               // Undoing the rejection of a provisional link puts the link back to the desk's queue.
               for (const auto& m : op.moves) {
                 auto link = tx.LinkOfFiling(m.filing);
                 if (!link) return Fail(link.error());
                 if (!*link || (*link)->task_status != fusion::TaskState::kRejected || m.before != (*link)->event_id)
                   continue;
                 LinkRecord reopened = std::move(**link);
                 reopened.task_status = fusion::TaskState::kPending;
                 reopened.task_by.clear();
                 reopened.task_reason.clear();
                 reopened.task_at.reset();
                 if (auto s = tx.UpdateLinkTask(reopened); !s) return s;
               }
               out = {op.id, op.event_id, ""};
               if (auto s = Refresh(tx, {op.event_id, op.other_event_id}, dir, catalogue, reindex); !s) return s;
               return tx.Audit("user:" + who.name, "event.operation.undo", "operation:" + std::to_string(op.id),
                               {{"kind", fusion::ToString(op.kind)},
                                {"event_id", op.event_id},
                                {"other_event_id", op.other_event_id},
                                {"reason", reason}});
             });
}

Result<EventRow> FusionService::Resolve(const Principal& who, EventId id, const std::string& figure, double value,
                                        const std::string& reason) {
  std::vector<FieldError> problems;
  auto f = ParseFigure(figure);
  if (!f) {
    std::string allowed;
    for (const auto& info : AllFigures()) allowed += (allowed.empty() ? "" : ", ") + std::string(info.code);
    problems.push_back({"invalid_value", "figure", {{"value", figure}, {"allowed", allowed}}});
  }
  // A ruling takes what a report may give: finite, not negative, whole for counts, at most
  // kMaxFigureValue (the view converts whole values to integers).
  if (auto problem = f ? FigureValueProblem(*f, value) : std::string_view(); !problem.empty()) {
    problems.push_back({std::string(problem), "value", {{"value", boost::json::serialize(boost::json::value(value))}}});
  }
  if (IsBlank(reason)) problems.push_back({"missing_field", "reason", {}});
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  EventRow judged;
  auto done = Run(
      "resolution",
      [&](Transaction& tx, const auto& dir, const Catalogue* catalogue, IndexChanges&, OperationResult& out) -> Status {
        auto root = RootEvent(tx, id, "id");
        if (!root) return Fail(root.error());
        if (auto s = CheckCanSee(tx, who, *root, dir, "id", std::to_string(id)); !s) return s;
        FigureResolution r{0, root->id, figure, value, reason, who.name, tx.Now()};
        auto rid = tx.InsertResolution(r);
        if (!rid) return Fail(rid.error());
        auto row = RefreshEvent(tx, root->id, dir, catalogue);
        if (!row) return Fail(row.error());
        judged = *row;
        out.event_id = root->id;
        return tx.Audit("user:" + who.name, "event.figure.resolve", "event:" + std::to_string(root->id),
                        {{"id", *rid},
                         {"figure", figure},
                         {"value", value},
                         {"reason", reason},
                         {"grade", row->grade},
                         {"report_to", row->report_to}});
      });
  if (!done) return Fail(done.error());
  return judged;
}

}  // namespace shaobing
