#pragma once
// Quantitative figures of a report (CONTRACTS.md §1). Absent means unknown, not zero.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace shaobing {

enum class Figure : std::uint8_t {
  kDeaths,
  kMissing,
  kSeriousInjuries,
  kInjuries,
  kTrapped,
  kPoisoned,
  kEvacuated,
  kAffected,
  kEconomicLossYuan,
  kParticipants,
  kOnlookers,
  kMagnitude,
  kDurationHours,
};
inline constexpr size_t kFigureCount = 13;

struct FigureInfo {
  Figure figure;
  std::string_view code;     // "serious_injuries"
  std::string_view name_zh;  // "重伤"
  std::string_view unit_zh;  // "人"
  bool integral;             // counts of people must be whole numbers
};

// The largest value a figure may take: above every real count or loss, and below 2^53, where
// doubles stop holding every whole number (so integral figures convert to int64 safely).
inline constexpr double kMaxFigureValue = 1e15;

// Why `value` cannot be a value of `f` — "negative_figure", "not_integer" (a count of people
// with a fraction) or "out_of_range" (above kMaxFigureValue, or not finite) — or "" when it can.
std::string_view FigureValueProblem(Figure f, double value);

std::span<const FigureInfo> AllFigures();
const FigureInfo& Info(Figure f);
std::optional<Figure> ParseFigure(std::string_view code);

class Figures {
 public:
  std::optional<double> Get(Figure f) const { return values_[static_cast<size_t>(f)]; }
  void Set(Figure f, std::optional<double> v) { values_[static_cast<size_t>(f)] = v; }
  bool empty() const;
  bool operator==(const Figures&) const = default;

 private:
  std::array<std::optional<double>, kFigureCount> values_{};
};

struct FigureChange {
  Figure figure;
  std::optional<double> before, after;
};

// Figures the later report gives with a different value than the earlier one (a figure the
// later report leaves out is unknown there, not a change), in the order of AllFigures().
std::vector<FigureChange> DiffFigures(const Figures& before, const Figures& after);

// Later values override earlier ones; unknown values never erase known ones.
Figures Overlay(const Figures& base, const Figures& update);

}  // namespace shaobing
