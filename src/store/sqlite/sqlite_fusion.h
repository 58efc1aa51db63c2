#pragma once
// Multi-source reporting rows on the SQLite engine (migration 0004): filings, link decisions,
// the desk's operations and figure resolutions. Shared by the writer and the readers.
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace shaobing::sqlite {

Result<std::vector<EventRow>> QueryFilings(Db& db, EventId root);
Result<std::vector<Report>> QueryReportsSince(Db& db, TimePoint since);

Status InsertLinkRow(Db& db, const LinkRecord& r);
Result<std::optional<LinkRecord>> QueryLink(Db& db, ReportId report_id);
Result<std::optional<LinkRecord>> QueryLinkOfFiling(Db& db, EventId filing);
Status UpdateLinkTaskRow(Db& db, const LinkRecord& r);
Result<std::vector<LinkRecord>> QueryLinksOfEvent(Db& db, EventId root);
Result<std::vector<LinkRecord>> QueryPendingLinkTasks(Db& db);

Result<std::int64_t> InsertOperationRow(Db& db, const EventOperation& op);
Result<std::optional<EventOperation>> QueryOperation(Db& db, std::int64_t id);
Status MarkOperationUndoneRow(Db& db, const EventOperation& op);
Result<std::vector<EventOperation>> QueryOperationsOfEvent(Db& db, EventId id);

Result<std::int64_t> InsertResolutionRow(Db& db, const FigureResolution& r);
Result<std::vector<FigureResolution>> QueryResolutions(Db& db, EventId root);

}  // namespace shaobing::sqlite
