#include "app/demo_roster.h"

namespace shaobing {

Result<int> SeedDemoRoster(App& app, TimePoint now, int days_back, int days_ahead) {
  struct Desk {
    const char *region, *officer, *night_officer, *night_phone, *leader, *leader_phone;
  };
  static constexpr Desk kDesks[] = {
      {"640000", "desk", "马晓东", "13895000001", "leader", "13895000009"},
      {"640100", "desk-yinchuan", "李娟", "13895100001", "张建国", "13895100009"},
  };
  const TimePoint today = *ParseIsoTime(FormatShanghai(now).substr(0, 10) + "T08:00:00+08:00");
  std::vector<DutyShift> shifts;
  for (const Desk& d : kDesks) {
    auto officer = app.store().FindUser(d.officer);
    if (!officer) return Fail(officer.error());
    auto leader = app.store().FindUser(d.leader);
    if (!leader) return Fail(leader.error());
    const std::string day_officer = *officer ? (*officer)->display_name : d.officer;
    const bool leader_is_account = leader->has_value();
    const std::string leader_name = leader_is_account ? (*leader)->display_name : d.leader;
    for (int day = -days_back; day < days_ahead; ++day) {
      const TimePoint start = today + std::chrono::hours(24 * day);
      DutyShift s;
      s.desk_region = d.region;
      s.leader_account = leader_is_account ? d.leader : "";
      s.leader_name = leader_name;
      s.leader_phone = d.leader_phone;
      s.updated_by = "demo";
      s.starts_at = start;
      s.ends_at = start + std::chrono::hours(12);
      s.officer_account = *officer ? d.officer : "";
      s.officer_name = day_officer;
      shifts.push_back(s);
      s.starts_at = s.ends_at;
      s.ends_at = start + std::chrono::hours(24);
      s.officer_account = "";
      s.officer_name = d.night_officer;
      s.officer_phone = d.night_phone;
      shifts.push_back(s);
    }
  }
  auto written = app.store().Write([&](Transaction& tx) -> Status {
    for (auto& s : shifts) {
      s.updated_at = tx.Now();
      if (auto id = tx.InsertShift(s); !id) return Fail(id.error());
    }
    return tx.Audit("system", "duty.roster_import", "demo",
                    {{"added", shifts.size()}, {"from", FormatShanghai(today - std::chrono::hours(24 * days_back))}});
  });
  if (!written) return Fail(written.error());
  return static_cast<int>(shifts.size());
}

}  // namespace shaobing
