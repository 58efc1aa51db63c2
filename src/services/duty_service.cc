#include "services/duty_service.h"

#include <algorithm>

#include "services/event_refresh.h"

namespace shaobing {
namespace {

Error UnknownDesk(const std::string& desk) {
  return Error::Make(ErrorCode::kNotFound, "unknown_desk", "desk", {{"value", desk}});
}

Error UnknownShift(std::int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_shift", "id", {{"value", std::to_string(id)}});
}

boost::json::object ShiftAudit(const DutyShift& s) {
  return {{"desk", s.desk_region},
          {"starts_at", FormatShanghai(s.starts_at)},
          {"ends_at", FormatShanghai(s.ends_at)},
          {"officer", s.officer_name},
          {"officer_account", s.officer_account},
          {"leader", s.leader_name},
          {"leader_account", s.leader_account}};
}

// kConflict "shift_overlap" when another shift of the desk (not `self`) overlaps `s`.
Status CheckNoOverlap(Transaction& tx, const DutyShift& s, std::int64_t self) {
  auto others = tx.ShiftsOf(s.desk_region, s.starts_at, s.ends_at);
  if (!others) return Fail(others.error());
  for (const auto& o : *others) {
    if (o.id != self) {
      return Fail(Error::Make(ErrorCode::kConflict, "shift_overlap", "starts_at",
                              {{"other", std::to_string(o.id)},
                               {"starts_at", FormatShanghai(o.starts_at)},
                               {"ends_at", FormatShanghai(o.ends_at)}}));
    }
  }
  return {};
}

}  // namespace

Status CheckDutyRange(TimePoint from, TimePoint to, std::chrono::hours max) {
  if (to < from || to - from > max) {
    return Fail(Error::Invalid({{"range_too_long", "to", {{"max", std::to_string(max.count() / 24)}}}}));
  }
  return {};
}

Result<std::string> DutyService::ReadableDesk(const Principal& who, const std::string& desk) const {
  const std::string code = desk.empty() ? who.region : desk;
  if (who.role != Role::kDesk && who.role != Role::kLeader) return Fail(Error::Denied(UnknownDesk(code)));
  auto dir = directory_.Get();
  if (dir->regions.Find(code) == nullptr) return Fail(UnknownDesk(code));
  const auto lineage = dir->regions.LineageCodes(code);
  if (std::find(lineage.begin(), lineage.end(), who.region) == lineage.end()) {
    return Fail(Error::Denied(UnknownDesk(code)));
  }
  return code;
}

Result<DutyShift> DutyService::ShiftOf(const std::string& desk, const ShiftDraft& d, const std::string& by) {
  std::vector<FieldError> problems;
  const auto& l = limits_.roster;
  if (!d.starts_at) problems.push_back({"missing_field", "starts_at", {}});
  if (!d.ends_at) problems.push_back({"missing_field", "ends_at", {}});
  if (d.starts_at && d.ends_at && *d.ends_at <= *d.starts_at) problems.push_back({"shift_order", "ends_at", {}});
  if (d.starts_at && d.ends_at && *d.ends_at - *d.starts_at > l.max_shift) {
    problems.push_back({"shift_too_long", "ends_at", {{"max", std::to_string(l.max_shift.count())}}});
  }
  for (const auto& [field, value, required] :
       {std::tuple{"officer", &d.officer, true}, std::tuple{"officer_phone", &d.officer_phone, false},
        std::tuple{"leader", &d.leader, true}, std::tuple{"leader_phone", &d.leader_phone, false}}) {
    if (required && IsBlank(*value)) problems.push_back({"missing_field", field, {}});
    if (value->size() > l.max_field)
      problems.push_back({"text_too_long", field, {{"max", std::to_string(l.max_field)}}});
  }
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  DutyShift s;
  s.desk_region = desk;
  s.starts_at = *d.starts_at;
  s.ends_at = *d.ends_at;
  s.officer_name = d.officer;
  s.officer_phone = d.officer_phone;
  s.leader_name = d.leader;
  s.leader_phone = d.leader_phone;
  s.updated_by = by;
  auto dir = directory_.Get();
  const auto lineage = dir->regions.LineageCodes(desk);
  auto officer = store_.FindUser(d.officer);
  if (!officer) return Fail(officer.error());
  if (*officer && (*officer)->role == Role::kDesk && (*officer)->region == desk) {
    s.officer_account = (*officer)->name;
    s.officer_name = (*officer)->display_name.empty() ? (*officer)->name : (*officer)->display_name;
  }
  auto leader = store_.FindUser(d.leader);
  if (!leader) return Fail(leader.error());
  if (*leader && (*leader)->role == Role::kLeader &&
      std::find(lineage.begin(), lineage.end(), (*leader)->region) != lineage.end()) {
    s.leader_account = (*leader)->name;
    s.leader_name = (*leader)->display_name.empty() ? (*leader)->name : (*leader)->display_name;
  }
  return s;
}

Result<std::vector<DutyShift>> DutyService::ImportRoster(const Principal& who, const std::string& desk,
                                                         const std::string& csv) {
  const std::string code = desk.empty() ? who.region : desk;
  if (who.role != Role::kDesk || code != who.region) return Fail(Error::Denied(UnknownDesk(code)));
  auto rows = ParseRosterCsv(csv, limits_.roster);
  if (!rows) return Fail(rows.error());
  std::vector<DutyShift> shifts;
  for (const auto& r : *rows) {
    auto s = ShiftOf(code, {r.starts_at, r.ends_at, r.officer, r.officer_phone, r.leader, r.leader_phone}, who.name);
    if (!s) return Fail(s.error());
    shifts.push_back(std::move(*s));
  }
  TimePoint from = shifts.front().starts_at, to = shifts.front().ends_at;
  for (const auto& s : shifts) {
    from = std::min(from, s.starts_at);
    to = std::max(to, s.ends_at);
  }
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto old = tx.ShiftsOf(code, from, to);
    if (!old) return Fail(old.error());
    for (const auto& o : *old) {
      if (auto s = tx.DeleteShift(o.id); !s) return s;
    }
    for (auto& s : shifts) {
      s.updated_at = tx.Now();
      auto id = tx.InsertShift(s);
      if (!id) return Fail(id.error());
      s.id = *id;
    }
    return tx.Audit("user:" + who.name, "duty.roster_import", "desk:" + code,
                    {{"from", FormatShanghai(from)},
                     {"to", FormatShanghai(to)},
                     {"removed", old->size()},
                     {"added", shifts.size()}});
  });
  if (!written) return Fail(written.error());
  return shifts;
}

Result<std::vector<DutyShift>> DutyService::Roster(const Principal& who, const std::string& desk, TimePoint from,
                                                   TimePoint to) {
  auto code = ReadableDesk(who, desk);
  if (!code) return Fail(code.error());
  if (auto s = CheckDutyRange(from, to, limits_.max_range); !s) return Fail(s.error());
  return store_.ShiftsOf(*code, from, to);
}

Result<DutyShift> DutyService::AddShift(const Principal& who, const ShiftDraft& draft) {
  if (who.role != Role::kDesk) return Fail(Error::Denied(UnknownDesk(who.region)));
  auto shift = ShiftOf(who.region, draft, who.name);
  if (!shift) return Fail(shift.error());
  auto written = store_.Write([&](Transaction& tx) -> Status {
    if (auto s = CheckNoOverlap(tx, *shift, 0); !s) return s;
    shift->updated_at = tx.Now();
    auto id = tx.InsertShift(*shift);
    if (!id) return Fail(id.error());
    shift->id = *id;
    return tx.Audit("user:" + who.name, "duty.shift_add", "shift:" + std::to_string(*id), ShiftAudit(*shift));
  });
  if (!written) return Fail(written.error());
  return *shift;
}

Result<DutyShift> DutyService::UpdateShift(const Principal& who, std::int64_t id, const ShiftDraft& draft) {
  if (who.role != Role::kDesk) return Fail(Error::Denied(UnknownShift(id)));
  auto shift = ShiftOf(who.region, draft, who.name);
  if (!shift) return Fail(shift.error());
  shift->id = id;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto old = tx.GetShift(id);
    if (!old) return Fail(old.error());
    if (!*old || (*old)->desk_region != who.region) return Fail(Error::Denied(UnknownShift(id)));
    if (auto s = CheckNoOverlap(tx, *shift, id); !s) return s;
    shift->updated_at = tx.Now();
    if (auto s = tx.UpdateShift(*shift); !s) return s;
    auto detail = ShiftAudit(*shift);
    detail["before"] = ShiftAudit(**old);
    return tx.Audit("user:" + who.name, "duty.shift_update", "shift:" + std::to_string(id), detail);
  });
  if (!written) return Fail(written.error());
  return *shift;
}

Status DutyService::RemoveShift(const Principal& who, std::int64_t id) {
  if (who.role != Role::kDesk) return Fail(Error::Denied(UnknownShift(id)));
  return store_.Write([&](Transaction& tx) -> Status {
    auto old = tx.GetShift(id);
    if (!old) return Fail(old.error());
    if (!*old || (*old)->desk_region != who.region) return Fail(Error::Denied(UnknownShift(id)));
    if (auto s = tx.DeleteShift(id); !s) return s;
    return tx.Audit("user:" + who.name, "duty.shift_remove", "shift:" + std::to_string(id), ShiftAudit(**old));
  });
}

Result<DutyLogEntry> DutyService::AddLog(const Principal& who, const DutyLogDraft& draft) {
  if (who.role != Role::kDesk) return Fail(Error::Denied(UnknownDesk(who.region)));
  std::vector<FieldError> problems;
  if (draft.kind.empty()) {
    problems.push_back({"missing_field", "kind", {}});
  } else if (draft.kind != "call" && draft.kind != "decision" && draft.kind != "note") {
    problems.push_back({"invalid_value", "kind", {{"value", draft.kind}, {"allowed", "call, decision, note"}}});
  }
  if (IsBlank(draft.text)) problems.push_back({"missing_field", "text", {}});
  if (draft.text.size() > limits_.max_log_text) {
    problems.push_back({"text_too_long", "text", {{"max", std::to_string(limits_.max_log_text)}}});
  }
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  auto dir = directory_.Get();
  DutyLogEntry entry;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    const TimePoint now = tx.Now();
    entry = DutyLogEntry{0, who.region, draft.kind, std::nullopt, draft.text, draft.at.value_or(now), who.name, now};
    if (entry.at > now + std::chrono::minutes(1)) {
      return Fail(Error::Invalid({{"time_in_future", "at", {{"value", FormatShanghai(entry.at)}}}}));
    }
    if (draft.event_id) {
      const std::string value = std::to_string(*draft.event_id);
      auto root = RootEvent(tx, *draft.event_id, "event_id");
      if (!root) return Fail(root.error());
      if (auto s = CheckCanSee(tx, who, *root, *dir, "event_id", value); !s) return s;
      entry.event_id = root->id;
    }
    auto id = tx.InsertDutyLog(entry);
    if (!id) return Fail(id.error());
    entry.id = *id;
    return tx.Audit("user:" + who.name, "duty.log", "desk:" + who.region,
                    {{"entry", entry.id},
                     {"kind", entry.kind},
                     {"event_id", entry.event_id ? boost::json::value(*entry.event_id) : boost::json::value(nullptr)},
                     {"at", FormatShanghai(entry.at)},
                     {"text", entry.text}});
  });
  if (!written) return Fail(written.error());
  return entry;
}

Result<std::vector<DutyLogEntry>> DutyService::Log(const Principal& who, const std::string& desk, TimePoint from,
                                                   TimePoint to) {
  auto code = ReadableDesk(who, desk);
  if (!code) return Fail(code.error());
  if (auto s = CheckDutyRange(from, to, limits_.max_range); !s) return Fail(s.error());
  return store_.DutyLogOf(*code, from, to, limits_.max_log_read);
}

}  // namespace shaobing
