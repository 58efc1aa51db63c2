#pragma once
// Grades of an emergency (I 特别重大 … IV 一般) and the Chinese names of reporting levels.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/region.h"

namespace shaobing {

// I is the most severe. The numeric value orders severity: a smaller value is more severe.
enum class Grade : std::uint8_t { kI = 1, kII = 2, kIII = 3, kIV = 4 };
inline constexpr int kGradeCount = 4;

const char* GradeCode(Grade grade);  // "I", "II", "III", "IV"
std::optional<Grade> ParseGrade(std::string_view code);
std::string_view GradeNameZh(Grade grade);  // "较大（Ⅲ级）"
inline bool MoreSevere(Grade a, Grade b) { return a < b; }

std::string_view LevelNameZh(Level level);  // "县级", "市级", "省（区）级", "中央"

}  // namespace shaobing
