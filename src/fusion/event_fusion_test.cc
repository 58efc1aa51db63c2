#include "fusion/event_fusion.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {

Report Sent(ReportId id, const std::string& unit, ReportKind kind, Figures figures, int minute,
            std::optional<ReportId> supersedes = std::nullopt) {
  Report r;
  r.id = id;
  r.received_at = *ParseIsoTime("2026-11-29T14:00:00+08:00") + std::chrono::minutes(minute);
  r.draft.unit = unit;
  r.draft.kind = kind;
  r.draft.figures = figures;
  r.draft.supersedes = supersedes;
  return r;
}

Figures Of(std::initializer_list<std::pair<Figure, double>> values) {
  Figures f;
  for (const auto& [k, v] : values) f.Set(k, v);
  return f;
}

// The shortcut for a single source gives exactly what the full consensus gives.
TEST(ConsensusFiguresOf, OneSourceMatchesTheFullConsensus) {
  DirectorySnapshot dir;
  const std::vector<Report> reports{
      Sent(1, "640104-dw", ReportKind::kFirst, Of({{Figure::kDeaths, 1}, {Figure::kInjuries, 4}}), 0),
      Sent(2, "640104-dw", ReportKind::kFollowup, Of({{Figure::kDeaths, 3}}), 20),
      Sent(3, "640104-dw", ReportKind::kCorrection, Of({{Figure::kDeaths, 2}, {Figure::kEvacuated, 30}}), 40, 2),
  };
  const Figures fast = ConsensusFiguresOf(reports, dir, {});
  EXPECT_EQ(fast, ConsensusFigures(EventConsensus(reports, dir, {})));
  EXPECT_EQ(fast.Get(Figure::kDeaths), 2);
  EXPECT_EQ(fast.Get(Figure::kInjuries), 4);
  EXPECT_EQ(fast.Get(Figure::kEvacuated), 30);
}

TEST(ConsensusFiguresOf, ARulingOrASecondSourceTakesTheFullPath) {
  DirectorySnapshot dir;
  std::vector<Report> reports{Sent(1, "640104-dw", ReportKind::kFirst, Of({{Figure::kDeaths, 1}}), 0)};
  const std::vector<fusion::FigureResolution> ruled{
      {1, 1, "deaths", 2, "核实", "desk", reports[0].received_at + Millis(60'000)}};
  EXPECT_EQ(ConsensusFiguresOf(reports, dir, ruled).Get(Figure::kDeaths), 2);
  reports.push_back(Sent(2, "640000-wsjkw", ReportKind::kFirst, Of({{Figure::kDeaths, 3}}), 5));
  EXPECT_EQ(ConsensusFiguresOf(reports, dir, {}).Get(Figure::kDeaths), 3);  // the larger latest deaths
}

}  // namespace
}  // namespace shaobing
