#include "standards/obligations.h"

#include <algorithm>
#include <array>

namespace shaobing {
namespace {

std::string_view ChannelNameZh(Channel c) { return c == Channel::kPhone ? "电话" : "书面"; }

Party Desk(const Region* region, Level level) {
  return Party{PartyKind::kDesk, "", level, region != nullptr ? region->code : ""};
}

std::string EscalationReason(const Evaluation* before, const Evaluation& after, std::optional<Level> from_level,
                             bool level_up, std::optional<Grade> from_grade, bool grade_up) {
  std::string s = "升级：";
  if (level_up) {
    s += "报送层级由";
    s += from_level ? LevelNameZh(*from_level) : std::string_view("未达报送标准");
    s += "升至";
    s += LevelNameZh(*after.report_to);
  }
  if (grade_up) {
    if (level_up) s += "；";
    s += "定级由";
    s += from_grade ? GradeNameZh(*from_grade) : std::string_view("未定级");
    s += "升至";
    s += GradeNameZh(*after.grade);
  }
  bool first = true;
  for (const Tag& tag : after.tags) {
    const bool old = before != nullptr && std::any_of(before->tags.begin(), before->tags.end(),
                                                      [&](const Tag& t) { return t.rule == tag.rule; });
    if (old) continue;
    s += first ? "；新命中" : "、";
    first = false;
    s += "「" + tag.label + "」";
    if (!tag.matched.empty()) {
      s += "（";
      for (size_t i = 0; i < tag.matched.size(); ++i) {
        if (i > 0) s += "，";
        s += tag.matched[i];
      }
      s += "）";
    }
  }
  return s;
}

// When the desk of `region` learned what evaluation `h` judged: when the platform told it (the
// evaluation's time), or, for what was reportable from the first evaluation, earlier when its
// own office reported the event and knew before (DOMAIN.md §6).
TimePoint DeskLearned(const EvaluationAt& h, const EvaluationAt& first, const std::vector<ReportingUnit>& units,
                      std::string_view region) {
  TimePoint learned = h.at;
  if (&h != &first) return learned;
  for (const ReportingUnit& u : units) {
    if (u.desk && u.region == region && u.known_at && *u.known_at < learned) learned = *u.known_at;
  }
  return learned;
}

}  // namespace

ObligationPlan ComputeObligations(const std::vector<EvaluationAt>& history, const std::vector<ReportingUnit>& units,
                                  const RegionTree& regions, std::string_view event_region,
                                  const ObligationOptions& options) {
  ObligationPlan plan;
  if (history.empty()) return plan;
  const auto lineage = regions.Lineage(event_region);  // nearest first
  auto desk_at = [&](Level level) { return regions.AncestorAt(event_region, level); };
  auto desk_below = [&](Level level) -> const Region* {
    const Region* best = nullptr;
    for (const Region* r : lineage) {
      if (r->level < level && (best == nullptr || r->level > best->level)) best = r;
    }
    return best;
  };
  const Level event_level = lineage.empty() ? Level::kCounty : lineage.front()->level;

  std::optional<Level> owed;
  std::optional<Grade> grade;
  std::array<std::optional<TimePoint>, 4> owed_since{};
  std::vector<bool> unit_done(units.size(), false);
  const Evaluation* previous = nullptr;

  for (const EvaluationAt& h : history) {
    const Evaluation& e = h.evaluation;
    const bool level_up = e.report_to && (!owed || *e.report_to > *owed);
    const bool grade_up = e.grade && (!grade || MoreSevere(*e.grade, *grade));
    std::optional<size_t> escalation;
    if ((level_up || grade_up) && previous != nullptr) {
      plan.escalations.push_back({h.at, owed, level_up ? e.report_to : owed, grade, grade_up ? e.grade : grade,
                                  EscalationReason(previous, e, owed, level_up, grade, grade_up)});
      escalation = plan.escalations.size() - 1;
    }
    if (level_up) {
      const int from = owed ? static_cast<int>(*owed) + 1 : 0;
      for (int l = from; l <= static_cast<int>(*e.report_to); ++l) {
        const auto level = static_cast<Level>(l);
        owed_since[static_cast<size_t>(l)] = h.at;
        if (lineage.empty() || level <= event_level) continue;
        const Region* to = level == Level::kCentre ? nullptr : desk_at(level);
        const Region* below = desk_below(level);
        if ((level != Level::kCentre && to == nullptr) || below == nullptr) continue;
        const TimePoint start = DeskLearned(h, history.front(), units, below->code);
        for (const DeadlineOwed& d : e.deadlines) {
          if (d.level != level) continue;
          std::string reason = "按报送标准须报至";
          reason += LevelNameZh(level);
          reason += "（";
          reason += ChannelNameZh(d.channel);
          reason += "）";
          plan.obligations.push_back({Desk(below, below->level), Desk(to, level), d.channel, d.minutes, start,
                                      start + std::chrono::minutes(d.minutes), std::move(reason), escalation});
        }
      }
      owed = e.report_to;
    }
    if (grade_up) grade = e.grade;
    previous = &e;
    if (!owed) continue;
    for (size_t i = 0; i < units.size(); ++i) {
      const ReportingUnit& u = units[i];
      if (unit_done[i] || u.desk) continue;
      Party to;
      std::optional<TimePoint> since;
      std::string reason;
      if (u.direct) {
        const Region* region = nullptr;
        for (const Region* r : regions.Lineage(u.region)) {
          if (r->level == Level::kRegion) region = r;
        }
        to = Desk(region, Level::kRegion);
        since = owed_since[0];
        reason = "直报点直报省（区）级";
      } else {
        const Region* own = regions.Find(u.region);
        to = Party{PartyKind::kDesk, "", u.level, own != nullptr ? own->code : u.region};
        if (u.level > *owed) continue;
        since = owed_since[static_cast<size_t>(u.level)];
        reason = "单位向本级党委办公室报告";
      }
      // DOMAIN.md §6: the clock starts when the unit knew or should have known. What was
      // reportable at the first evaluation was so from the start: the unit's clock starts when it
      // knew (the occurrence), not when the desk heard. What became reportable later (a death
      // reported the next day), no earlier than then.
      const TimePoint known = u.known_at.value_or(history.front().at);
      const TimePoint owed_from = since.value_or(h.at);
      const TimePoint start = owed_from == history.front().at ? known : std::max(owed_from, known);
      plan.obligations.push_back({Party{PartyKind::kUnit, u.id, u.level, u.region}, to, Channel::kWritten,
                                  options.unit_minutes, start, start + std::chrono::minutes(options.unit_minutes),
                                  std::move(reason), escalation});
      unit_done[i] = true;
    }
  }
  return plan;
}

}  // namespace shaobing
