#include "core/figures.h"

#include <cmath>

namespace shaobing {
namespace {
using enum Figure;
constexpr std::array<FigureInfo, kFigureCount> kInfo{{
    {kDeaths, "deaths", "死亡", "人", true},
    {kMissing, "missing", "失踪", "人", true},
    {kSeriousInjuries, "serious_injuries", "重伤", "人", true},
    {kInjuries, "injuries", "受伤", "人", true},
    {kTrapped, "trapped", "被困", "人", true},
    {kPoisoned, "poisoned", "中毒", "人", true},
    {kEvacuated, "evacuated", "疏散转移", "人", true},
    {kAffected, "affected", "受影响", "人", true},
    {kEconomicLossYuan, "economic_loss_yuan", "直接经济损失", "元", false},
    {kParticipants, "participants", "参与人数", "人", true},
    {kOnlookers, "onlookers", "围观人数", "人", true},
    {kMagnitude, "magnitude", "震级", "级", false},
    {kDurationHours, "duration_hours", "持续时间", "小时", false},
}};
}  // namespace

std::span<const FigureInfo> AllFigures() { return kInfo; }
const FigureInfo& Info(Figure f) { return kInfo[static_cast<size_t>(f)]; }

std::optional<Figure> ParseFigure(std::string_view code) {
  for (const auto& i : kInfo) {
    if (i.code == code) return i.figure;
  }
  return std::nullopt;
}

bool Figures::empty() const {
  for (const auto& v : values_) {
    if (v) return false;
  }
  return true;
}

std::vector<FigureChange> DiffFigures(const Figures& before, const Figures& after) {
  std::vector<FigureChange> out;
  for (const auto& i : kInfo) {
    auto b = before.Get(i.figure), a = after.Get(i.figure);
    if (a && b != a) out.push_back({i.figure, b, a});
  }
  return out;
}

Figures Overlay(const Figures& base, const Figures& update) {
  Figures out = base;
  for (const auto& i : kInfo) {
    if (auto v = update.Get(i.figure)) out.Set(i.figure, v);
  }
  return out;
}

std::string_view FigureValueProblem(Figure f, double value) {
  if (!std::isfinite(value) || value > kMaxFigureValue) return "out_of_range";
  if (value < 0) return "negative_figure";
  if (Info(f).integral && std::floor(value) != value) return "not_integer";
  return "";
}

}  // namespace shaobing
