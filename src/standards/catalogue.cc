#include "standards/catalogue.h"

#include "standards/program.h"

namespace shaobing {

const char* SensitiveKindCode(SensitiveKind kind) {
  switch (kind) {
    case SensitiveKind::kPersons:
      return "persons";
    case SensitiveKind::kPlaces:
      return "places";
    case SensitiveKind::kBehaviours:
      return "behaviours";
    case SensitiveKind::kTimes:
      return "times";
    case SensitiveKind::kThresholds:
      return "thresholds";
  }
  return "persons";
}

std::optional<SensitiveKind> ParseSensitiveKind(std::string_view code) {
  for (auto k : {SensitiveKind::kPersons, SensitiveKind::kPlaces, SensitiveKind::kBehaviours, SensitiveKind::kTimes,
                 SensitiveKind::kThresholds}) {
    if (code == SensitiveKindCode(k)) return k;
  }
  return std::nullopt;
}

std::string_view SensitiveKindNameZh(SensitiveKind kind) {
  switch (kind) {
    case SensitiveKind::kPersons:
      return "敏感人员";
    case SensitiveKind::kPlaces:
      return "敏感地点";
    case SensitiveKind::kBehaviours:
      return "极端行为";
    case SensitiveKind::kTimes:
      return "敏感时间";
    case SensitiveKind::kThresholds:
      return "规模或时长";
  }
  return "";
}

Result<Catalogue> Catalogue::Build(CatalogueSpec spec) {
  if (auto s = standards_internal::CheckCatalogue(spec); !s) return Fail(std::move(s.error()));
  Catalogue c;
  auto owned = std::make_shared<const CatalogueSpec>(std::move(spec));
  c.program_ = std::make_shared<const standards_internal::Program>(standards_internal::Compile(*owned));
  c.spec_ = std::move(owned);
  return c;
}

}  // namespace shaobing
