#pragma once
// The codes of qualitative sensitive factors a report may carry (CONTRACTS.md §1). The
// standards catalogue may add codes; these always exist.
#include <string>
#include <string_view>
#include <vector>

namespace shaobing {

struct SensitiveVocabulary {
  std::vector<std::string> persons{"official",   "foreign_national", "minor",           "student",
                                   "journalist", "celebrity",        "religious_figure"};
  std::vector<std::string> places{"government_compound", "school",         "hospital",
                                  "transport_hub",       "religious_site", "landmark"};
  std::vector<std::string> behaviours{"self_immolation", "explosion_threat", "hostage",
                                      "suicide_threat",  "attack_on_crowd",  "arson"};
  std::vector<std::string> times{"national_holiday", "major_meeting", "anniversary"};
};

}  // namespace shaobing
