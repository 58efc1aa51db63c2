#include "standards/grade.h"

namespace shaobing {

const char* GradeCode(Grade grade) {
  switch (grade) {
    case Grade::kI:
      return "I";
    case Grade::kII:
      return "II";
    case Grade::kIII:
      return "III";
    case Grade::kIV:
      return "IV";
  }
  return "IV";
}

std::optional<Grade> ParseGrade(std::string_view code) {
  for (Grade g : {Grade::kI, Grade::kII, Grade::kIII, Grade::kIV}) {
    if (code == GradeCode(g)) return g;
  }
  return std::nullopt;
}

std::string_view GradeNameZh(Grade grade) {
  switch (grade) {
    case Grade::kI:
      return "特别重大（Ⅰ级）";
    case Grade::kII:
      return "重大（Ⅱ级）";
    case Grade::kIII:
      return "较大（Ⅲ级）";
    case Grade::kIV:
      return "一般（Ⅳ级）";
  }
  return "";
}

std::string_view LevelNameZh(Level level) {
  switch (level) {
    case Level::kCounty:
      return "县级";
    case Level::kCity:
      return "市级";
    case Level::kRegion:
      return "省（区）级";
    case Level::kCentre:
      return "中央";
  }
  return "";
}

}  // namespace shaobing
