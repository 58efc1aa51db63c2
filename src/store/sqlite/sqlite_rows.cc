#include "store/sqlite/sqlite_rows.h"

#include <boost/json.hpp>

#include "core/report_json.h"

namespace shaobing::sqlite {
namespace json = boost::json;

std::vector<std::string> ParseStringsText(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (!ec && v.is_array()) {
    for (const auto& s : v.get_array()) {
      if (s.is_string()) out.emplace_back(s.get_string());
    }
  }
  return out;
}

namespace {
Figures ParseFiguresText(const std::string& text) {
  Figures f;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return f;
  for (const auto& kv : v.get_object()) {
    auto code = ParseFigure(kv.key());
    if (!code) continue;
    if (kv.value().is_int64())
      f.Set(*code, static_cast<double>(kv.value().get_int64()));
    else if (kv.value().is_double())
      f.Set(*code, kv.value().get_double());
  }
  return f;
}
}  // namespace

std::string FiguresText(const Figures& f) { return json::serialize(FiguresToJson(f)); }

std::string StringsText(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return json::serialize(a);
}

EventRow ReadEvent(const Stmt& s) {
  EventRow e;
  e.id = s.Int(0);
  e.category = s.Text(1);
  e.title = s.Text(2);
  e.region = s.Text(3);
  e.region_path = s.Text(4);
  if (auto t = s.OptInt(5)) e.occurred_at = FromUnixMillis(*t);
  e.opened_at = FromUnixMillis(s.Int(6));
  e.updated_at = FromUnixMillis(s.Int(7));
  e.closed = s.Int(8) != 0;
  e.report_count = static_cast<int>(s.Int(9));
  e.figures = ParseFiguresText(s.Text(10));
  e.grade = s.Text(11);
  e.report_to = s.Text(12);
  e.catalogue_version = s.Text(13);
  e.merged_into = s.OptInt(14);
  return e;
}

Result<Report> ReadReport(const Stmt& s) {
  static const RegionTree kNoRegions;
  auto draft = ParseReport(s.Text(9), kNoRegions, {.trusted = true});
  if (!draft) {
    return Fail(Error::Internal("stored report " + std::to_string(s.Int(0)) +
                                " does not parse: " + draft.error().reason + " " + draft.error().field));
  }
  Report r;
  r.id = s.Int(0);
  r.event_id = s.Int(1);
  r.sequence = static_cast<int>(s.Int(4));
  r.logged_by = s.Text(6);
  r.received_at = FromUnixMillis(s.Int(7));
  r.filing = s.Int(10);
  r.draft = std::move(*draft);
  r.draft.event_id = r.event_id;
  return r;
}

Unit ReadUnit(const Stmt& s) {
  Unit u;
  u.id = s.Text(0);
  u.name = s.Text(1);
  u.kind = s.Text(2);
  u.region = s.Text(3);
  u.level = ParseLevel(s.Text(4)).value_or(Level::kCounty);
  u.direct = s.Int(5) != 0;
  u.perspectives = ParseStringsText(s.Text(6));
  u.contact_name = s.Text(7);
  u.contact_phone = s.Text(8);
  return u;
}

User ReadUser(const Stmt& s) {
  User u;
  u.id = s.Int(0);
  u.name = s.Text(1);
  u.display_name = s.Text(2);
  u.role = ParseRole(s.Text(3)).value_or(Role::kReporter);
  u.unit = s.Text(4);
  u.region = s.Text(5);
  u.password_hash = s.Text(6);
  u.created_at = FromUnixMillis(s.Int(7));
  u.disabled = s.Int(8) != 0;
  u.must_change_password = s.Int(9) != 0;
  u.origin = s.Text(10);
  return u;
}

Session ReadSession(const Stmt& s) {
  Session x{s.Text(0), s.Int(1), FromUnixMillis(s.Int(2)), FromUnixMillis(s.Int(3)), std::nullopt};
  if (!s.IsNull(4)) x.last_seen_at = FromUnixMillis(s.Int(4));
  return x;
}

ReportRequest ReadReportRequest(const Stmt& s) {
  return ReportRequest{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), FromUnixMillis(s.Int(5))};
}

DeskReport ReadDeskReport(const Stmt& s) {
  DeskReport r;
  r.id = s.Int(0);
  r.event_id = s.Int(1);
  r.from_region = s.Text(2);
  r.to = ParseLevel(s.Text(3)).value_or(Level::kCity);  // the schema's CHECK keeps them valid
  r.channel = ParseChannel(s.Text(4)).value_or(Channel::kPhone);
  r.reported_at = FromUnixMillis(s.Int(5));
  r.told = s.Text(6);
  r.text = s.Text(7);
  r.recorded_by = s.Text(8);
  r.recorded_at = FromUnixMillis(s.Int(9));
  return r;
}

Region ReadRegion(const Stmt& s) {
  Region r;
  r.code = s.Text(0);
  r.name = s.Text(1);
  r.level = ParseLevel(s.Text(2)).value_or(Level::kCounty);
  r.parent = s.Text(3);
  r.aliases = ParseStringsText(s.Text(4));
  r.lat = s.OptDouble(5);
  r.lon = s.OptDouble(6);
  return r;
}

AuditRecord ReadAudit(const Stmt& s) {
  AuditRecord a;
  a.seq = s.Int(0);
  a.at = FromUnixMillis(s.Int(1));
  a.actor = s.Text(2);
  a.action = s.Text(3);
  a.target = s.Text(4);
  a.detail = s.Text(5);
  a.prev_hash = s.Text(6);
  a.hash = s.Text(7);
  return a;
}

}  // namespace shaobing::sqlite
