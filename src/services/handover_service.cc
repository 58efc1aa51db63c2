#include "services/handover_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "i18n/messages.h"
#include "standards/report_clocks.h"

namespace shaobing {
namespace {

Error UnknownHandover(std::int64_t id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_handover", "id", {{"value", std::to_string(id)}});
}

// "2026-12-04 11:36" (Beijing), for messages and the duty log.
std::string MinuteOf(TimePoint t) {
  std::string text = FormatShanghai(t).substr(0, 16);
  text[10] = ' ';
  return text;
}

boost::json::object HandoverAudit(const Handover& h, size_t items) {
  return {{"desk", h.desk_region}, {"note", h.note}, {"open_items", items}, {"at", FormatShanghai(h.at)}};
}

}  // namespace

boost::json::array HandoverItemsArray(const std::vector<NamedHandoverItem>& items) {
  boost::json::array out;
  for (const auto& n : items) {
    const HandoverItem& i = n.item;
    out.push_back(boost::json::object{{"kind", i.kind},
                                      {"event_id", i.event_id},
                                      {"event_title", i.event_title},
                                      {"ref", i.ref},
                                      {"state", i.state},
                                      {"due_at", FormatShanghai(i.due_at)},
                                      {"owner", n.owner},
                                      {"owner_name", n.owner_name},
                                      {"owner_is_desk", n.owner_is_desk},
                                      {"text", i.text}});
  }
  return out;
}

std::string HandoverItemsText(const std::vector<NamedHandoverItem>& items) {
  return boost::json::serialize(HandoverItemsArray(items));
}

std::string HandoverService::NameOf(const std::string& account) const {
  if (account.empty()) return {};
  auto user = store_.FindUser(account);
  return user && *user && !(*user)->display_name.empty() ? (*user)->display_name : account;
}

HandoverItemsQuery HandoverService::QueryOf(const std::string& desk, TimePoint now) const {
  auto dir = directory_.Get();
  return HandoverItemsQuery{desk, dir->RegionPath(desk), now, limits_.max_items + 1};
}

HandoverItems HandoverService::Named(const std::string& desk, std::vector<HandoverItem> raw) const {
  auto dir = directory_.Get();
  HandoverItems out{desk, {}, false};
  std::map<std::string, int> per_kind;
  for (auto& item : raw) {
    if (++per_kind[item.kind] > limits_.max_items) {
      out.truncated = true;
      continue;
    }
    NamedHandoverItem named{std::move(item), {}, {}, false};
    named.owner = PartyKeyOf(named.item.clock_key);
    const std::string& owner = named.owner;
    if (owner.starts_with("unit:")) {
      if (const Unit* u = dir->FindUnit(owner.substr(5))) named.owner_name = u->name;
    } else if (owner.starts_with("desk:")) {
      const std::string code = owner.substr(5);
      const auto lineage = dir->regions.LineageCodes(code);
      // The centre's and the desks' above this one owe their own reports: not this desk's items.
      if (code.empty() || std::find(lineage.begin(), lineage.end(), desk) == lineage.end()) continue;
      const Region* r = dir->regions.Find(code);
      named.owner_is_desk = true;
      named.owner_name = r != nullptr ? r->name : code;
    }
    out.items.push_back(std::move(named));
  }
  return out;
}

Result<HandoverItems> HandoverService::OpenItems(const Principal& who, const std::string& desk, TimePoint now) {
  auto code = duty_.ReadableDesk(who, desk);
  if (!code) return Fail(code.error());
  auto raw = store_.HandoverItemsOf(QueryOf(*code, now));
  if (!raw) return Fail(raw.error());
  return Named(*code, std::move(*raw));
}

Result<Handover> HandoverService::HandOver(const Principal& who, const std::string& note) {
  if (who.role != Role::kDesk) return Fail(Error::Denied(UnknownHandover(0)));
  std::vector<FieldError> problems;
  if (IsBlank(note)) problems.push_back({"missing_field", "note", {}});
  if (note.size() > limits_.max_note) {
    problems.push_back({"text_too_long", "note", {{"max", std::to_string(limits_.max_note)}}});
  }
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  Handover h;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    const TimePoint now = tx.Now();
    auto raw = tx.HandoverItemsOf(QueryOf(who.region, now));
    if (!raw) return Fail(raw.error());
    const HandoverItems items = Named(who.region, std::move(*raw));
    h = Handover{0, who.region, who.name, note, HandoverItemsText(items.items), now, "", std::nullopt};
    auto id = tx.InsertHandover(h);
    if (!id) return Fail(id.error());
    h.id = *id;
    auto log = tx.InsertDutyLog({0, who.region, "handover", std::nullopt, note, now, who.name, now});
    if (!log) return Fail(log.error());
    return tx.Audit("user:" + who.name, "duty.handover", "handover:" + std::to_string(h.id),
                    HandoverAudit(h, items.items.size()));
  });
  if (!written) return Fail(written.error());
  return h;
}

Result<Handover> HandoverService::Acknowledge(const Principal& who, std::int64_t id) {
  if (who.role != Role::kDesk) return Fail(Error::Denied(UnknownHandover(id)));
  // The names the messages and the log entry give (read before the write job; the job checks
  // the row again).
  auto before = store_.GetHandover(id);
  if (!before) return Fail(before.error());
  const std::string from_name = *before ? NameOf((*before)->from_account) : std::string();
  const std::string by_name = *before ? NameOf((*before)->acknowledged_by) : std::string();
  Handover h;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto found = tx.GetHandover(id);
    if (!found) return Fail(found.error());
    if (!*found || (*found)->desk_region != who.region) return Fail(Error::Denied(UnknownHandover(id)));
    h = **found;
    if (h.acknowledged_at) {
      return Fail(
          Error::Make(ErrorCode::kConflict, "handover_acknowledged", "id",
                      {{"by", by_name.empty() ? h.acknowledged_by : by_name}, {"at", MinuteOf(*h.acknowledged_at)}}));
    }
    if (h.from_account == who.name) {
      return Fail(Error::Make(ErrorCode::kConflict, "own_handover", "id", {{"value", std::to_string(id)}}));
    }
    const TimePoint now = tx.Now();
    if (auto s = tx.AcknowledgeHandover(id, who.name, now); !s) return s;
    h.acknowledged_by = who.name;
    h.acknowledged_at = now;
    const std::string text =
        i18n::Render(i18n::Locale::kZhCn, "duty.log_text.handover_ack",
                     {{"from", from_name.empty() ? h.from_account : from_name}, {"at", MinuteOf(h.at)}});
    auto log = tx.InsertDutyLog({0, who.region, "handover_ack", std::nullopt, text, now, who.name, now});
    if (!log) return Fail(log.error());
    return tx.Audit("user:" + who.name, "duty.handover_ack", "handover:" + std::to_string(id),
                    {{"desk", h.desk_region}, {"from", h.from_account}, {"handed_over_at", FormatShanghai(h.at)}});
  });
  if (!written) return Fail(written.error());
  return h;
}

Result<std::vector<Handover>> HandoverService::List(const Principal& who, const std::string& desk, TimePoint from,
                                                    TimePoint to) {
  auto code = duty_.ReadableDesk(who, desk);
  if (!code) return Fail(code.error());
  if (auto s = CheckDutyRange(from, to, limits_.max_range); !s) return Fail(s.error());
  return store_.HandoversOf(*code, from, to, limits_.max_read);
}

}  // namespace shaobing
