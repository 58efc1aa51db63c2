// The default catalogue at every boundary of DOMAIN.md §3–4: grade, report_to and tags.
#include "standards/evaluator.h"

#include <gtest/gtest.h>

#include "standards/test_support.h"

namespace shaobing {
namespace {

using enum Figure;

struct Case {
  const char* name;
  const char* category;
  std::vector<std::pair<Figure, double>> figures;
  const char* grade;      // "" for none
  const char* report_to;  // "" for none
  std::vector<std::string> tags;
  std::vector<std::string> sensitive = {};  // "kind:code"
  const char* region = "640104";
  const char* occurred = "2026-11-29T14:05:00+08:00";
};

const std::vector<std::string> kPs1{"production-safety-i", "local-casualty-region"};
const std::vector<std::string> kPs2{"production-safety-ii", "local-casualty-region"};
const std::vector<std::string> kPs3{"production-safety-iii", "local-casualty-region"};
const std::vector<std::string> kPs4{"production-safety-iv"};
const std::vector<std::string> kPs4Local{"production-safety-iv", "local-casualty-region"};
const std::vector<std::string> kBaseline{"baseline-county"};
const std::vector<std::string> kBaselineSensitive{"baseline-county", "sensitive-factors"};

// clang-format off
const std::vector<Case> kCases = {
    // 493号令: deaths 2/3, 9/10, 29/30 (fire, with the local rule from 3 deaths).
    {"fire_deaths_2", "fire", {{kDeaths, 2}}, "IV", "city", kPs4},
    {"fire_deaths_3", "fire", {{kDeaths, 3}}, "III", "region", kPs3},
    {"fire_deaths_9", "fire", {{kDeaths, 9}}, "III", "region", kPs3},
    {"fire_deaths_10", "fire", {{kDeaths, 10}}, "II", "centre", kPs2},
    {"fire_deaths_29", "fire", {{kDeaths, 29}}, "II", "centre", kPs2},
    {"fire_deaths_30", "fire", {{kDeaths, 30}}, "I", "centre", kPs1},
    {"fire_no_figures", "fire", {}, "IV", "city", kPs4},
    // Serious injuries 9/10, 49/50, 99/100 (road traffic; the local rule from 5).
    {"road_serious_9", "road_traffic", {{kSeriousInjuries, 9}}, "IV", "region", kPs4Local},
    {"road_serious_10", "road_traffic", {{kSeriousInjuries, 10}}, "III", "region", kPs3},
    {"road_serious_49", "road_traffic", {{kSeriousInjuries, 49}}, "III", "region", kPs3},
    {"road_serious_50", "road_traffic", {{kSeriousInjuries, 50}}, "II", "centre", kPs2},
    {"road_serious_99", "road_traffic", {{kSeriousInjuries, 99}}, "II", "centre", kPs2},
    {"road_serious_100", "road_traffic", {{kSeriousInjuries, 100}}, "I", "centre", kPs1},
    // Loss 999万/1000万, 4999万/5000万, 9999万/1亿.
    {"ps_loss_999wan", "production_safety", {{kEconomicLossYuan, 999e4}}, "IV", "city", kPs4},
    {"ps_loss_1000wan", "production_safety", {{kEconomicLossYuan, 1000e4}}, "III", "region", kPs3},
    {"ps_loss_4999wan", "production_safety", {{kEconomicLossYuan, 4999e4}}, "III", "region", kPs3},
    {"ps_loss_5000wan", "production_safety", {{kEconomicLossYuan, 5000e4}}, "II", "centre", kPs2},
    {"ps_loss_9999wan", "production_safety", {{kEconomicLossYuan, 9999e4}}, "II", "centre", kPs2},
    {"ps_loss_1yi", "production_safety", {{kEconomicLossYuan, 1e8}}, "I", "centre", kPs1},
    {"ps_serious_plus_poisoned_100", "production_safety", {{kSeriousInjuries, 60}, {kPoisoned, 40}}, "I", "centre", kPs1},
    // Categories sharing the grades without the local rule.
    {"construction_deaths_2", "construction", {{kDeaths, 2}}, "IV", "city", kPs4},
    {"construction_deaths_3", "construction", {{kDeaths, 3}}, "III", "region", {"production-safety-iii"}},
    {"construction_serious_4", "construction", {{kSeriousInjuries, 4}}, "IV", "city", kPs4},
    {"special_equipment_serious_5", "special_equipment", {{kSeriousInjuries, 5}}, "IV", "city", kPs4},
    {"special_equipment_loss_1yi", "special_equipment", {{kEconomicLossYuan, 1e8}}, "I", "centre", {"production-safety-i"}},
    // The local rule: serious 4/5, deaths 2/3, loss 999万/1000万.
    {"local_fire_serious_4", "fire", {{kSeriousInjuries, 4}}, "IV", "city", kPs4},
    {"local_fire_serious_5", "fire", {{kSeriousInjuries, 5}}, "IV", "region", kPs4Local},
    {"local_ps_deaths_2_serious_4", "production_safety", {{kDeaths, 2}, {kSeriousInjuries, 4}}, "IV", "city", kPs4},
    {"local_road_deaths_2_serious_5", "road_traffic", {{kDeaths, 2}, {kSeriousInjuries, 5}}, "IV", "region", kPs4Local},
    {"local_road_loss_999wan", "road_traffic", {{kEconomicLossYuan, 999e4}}, "IV", "city", kPs4},
    {"local_road_loss_1000wan", "road_traffic", {{kEconomicLossYuan, 1000e4}}, "III", "region", kPs3},
    // Poisoning categories need poisoned > 0.
    {"hazmat_serious_5_poisoned_0", "hazardous_chemicals", {{kSeriousInjuries, 5}, {kPoisoned, 0}}, "IV", "city",
     {"production-safety-iv", "consultation-unclear-risk"}},
    {"hazmat_serious_5_poisoned_1", "hazardous_chemicals", {{kSeriousInjuries, 5}, {kPoisoned, 1}}, "IV", "region",
     {"production-safety-iv", "local-casualty-region", "consultation-unclear-risk"}},
    {"hazmat_serious_4_poisoned_1", "hazardous_chemicals", {{kSeriousInjuries, 4}, {kPoisoned, 1}}, "IV", "city",
     {"production-safety-iv", "consultation-unclear-risk"}},
    {"hazmat_deaths_3_poisoned_0", "hazardous_chemicals", {{kDeaths, 3}, {kPoisoned, 0}}, "III", "region",
     {"production-safety-iii", "consultation-unclear-risk"}},
    {"hazmat_poisoned_10", "hazardous_chemicals", {{kPoisoned, 10}}, "III", "region",
     {"production-safety-iii", "consultation-unclear-risk"}},
    {"hazmat_loss_1000wan_poisoned_2", "hazardous_chemicals", {{kEconomicLossYuan, 1000e4}, {kPoisoned, 2}}, "III",
     "region", {"production-safety-iii", "local-casualty-region", "consultation-unclear-risk"}},
    {"food_poisoned_5_serious_5", "food_safety", {{kPoisoned, 5}, {kSeriousInjuries, 5}}, "", "region",
     {"local-casualty-region", "baseline-county"}},
    {"food_poisoned_0_serious_5", "food_safety", {{kPoisoned, 0}, {kSeriousInjuries, 5}}, "", "county", kBaseline},
    {"occupational_poisoned_4_deaths_4", "occupational_poisoning", {{kPoisoned, 4}, {kDeaths, 4}}, "III", "region",
     {"local-casualty-region", "occupational-poisoning-iii", "occupational-poisoning-iv"}},
    // Food safety (国家食品安全事故应急预案).
    {"food_poisoned_29", "food_safety", {{kPoisoned, 29}}, "", "county", kBaseline},
    {"food_poisoned_30", "food_safety", {{kPoisoned, 30}}, "IV", "city", {"food-safety-iv"}},
    {"food_poisoned_99", "food_safety", {{kPoisoned, 99}}, "IV", "city", {"food-safety-iv"}},
    {"food_poisoned_100", "food_safety", {{kPoisoned, 100}}, "III", "region", {"food-safety-iii"}},
    {"food_deaths_1", "food_safety", {{kPoisoned, 5}, {kDeaths, 1}}, "III", "region", {"food-safety-iii"}},
    {"food_poisoned_100_deaths_1", "food_safety", {{kPoisoned, 100}, {kDeaths, 1}}, "II", "centre",
     {"food-safety-ii", "food-safety-iii", "public-health-major-poisoning"}},
    {"food_deaths_10", "food_safety", {{kPoisoned, 20}, {kDeaths, 10}}, "II", "centre",
     {"local-casualty-region", "food-safety-ii", "food-safety-iii", "public-health-major-poisoning"}},
    // Occupational poisoning.
    {"occupational_poisoned_9", "occupational_poisoning", {{kPoisoned, 9}}, "IV", "city", {"occupational-poisoning-iv"}},
    {"occupational_poisoned_10", "occupational_poisoning", {{kPoisoned, 10}}, "III", "region", {"occupational-poisoning-iii"}},
    {"occupational_poisoned_49", "occupational_poisoning", {{kPoisoned, 49}}, "III", "region", {"occupational-poisoning-iii"}},
    {"occupational_poisoned_50", "occupational_poisoning", {{kPoisoned, 50}}, "II", "centre",
     {"occupational-poisoning-ii", "public-health-major-poisoning"}},
    {"occupational_deaths_5", "occupational_poisoning", {{kPoisoned, 5}, {kDeaths, 5}}, "II", "centre",
     {"local-casualty-region", "occupational-poisoning-ii", "occupational-poisoning-iv", "public-health-major-poisoning"}},
    // Environmental events, evacuation bands and loss bands.
    {"env_evacuated_4999", "environmental", {{kEvacuated, 4999}}, "IV", "city", {"environmental-iv"}},
    {"env_evacuated_5000", "environmental", {{kEvacuated, 5000}}, "III", "region", {"environmental-iii"}},
    {"env_evacuated_9999", "environmental", {{kEvacuated, 9999}}, "III", "region", {"environmental-iii"}},
    {"env_evacuated_10000", "environmental", {{kEvacuated, 10000}}, "II", "centre", {"environmental-ii"}},
    {"env_evacuated_49999", "environmental", {{kEvacuated, 49999}}, "II", "centre", {"environmental-ii"}},
    {"env_evacuated_50000", "environmental", {{kEvacuated, 50000}}, "I", "centre", {"environmental-i"}},
    {"env_loss_499wan", "environmental", {{kEconomicLossYuan, 499e4}}, "IV", "city", {"environmental-iv"}},
    {"env_loss_500wan", "environmental", {{kEconomicLossYuan, 500e4}}, "III", "region", {"environmental-iii"}},
    {"env_loss_1999wan", "environmental", {{kEconomicLossYuan, 1999e4}}, "III", "region", {"environmental-iii"}},
    {"env_loss_2000wan", "environmental", {{kEconomicLossYuan, 2000e4}}, "II", "centre", {"environmental-ii"}},
    {"env_loss_9999wan", "environmental", {{kEconomicLossYuan, 9999e4}}, "II", "centre", {"environmental-ii"}},
    {"env_loss_1yi", "environmental", {{kEconomicLossYuan, 1e8}}, "I", "centre", {"environmental-i"}},
    {"env_deaths_2", "environmental", {{kDeaths, 2}}, "IV", "city", {"environmental-iv"}},
    {"env_deaths_3", "environmental", {{kDeaths, 3}}, "III", "region", {"environmental-iii"}},
    {"env_poisoned_plus_serious_10", "environmental", {{kPoisoned, 6}, {kSeriousInjuries, 4}}, "III", "region",
     {"environmental-iii"}},
    {"env_poisoned_9", "environmental", {{kPoisoned, 9}}, "IV", "city", {"environmental-iv"}},
    {"env_serious_5_no_local_rule", "environmental", {{kSeriousInjuries, 5}}, "IV", "city", {"environmental-iv"}},
    // Geological disasters.
    {"geo_deaths_2", "geological", {{kDeaths, 2}}, "IV", "city", {"geological-iv"}},
    {"geo_deaths_3", "geological", {{kDeaths, 3}}, "III", "region", {"geological-iii"}},
    {"geo_deaths_10", "geological", {{kDeaths, 10}}, "II", "centre", {"geological-ii"}},
    {"geo_deaths_30", "geological", {{kDeaths, 30}}, "I", "centre", {"geological-i"}},
    {"geo_loss_99wan", "geological", {{kEconomicLossYuan, 99e4}}, "IV", "city", {"geological-iv"}},
    {"geo_loss_100wan", "geological", {{kEconomicLossYuan, 100e4}}, "III", "region", {"geological-iii"}},
    {"geo_loss_499wan", "geological", {{kEconomicLossYuan, 499e4}}, "III", "region", {"geological-iii"}},
    {"geo_loss_500wan", "geological", {{kEconomicLossYuan, 500e4}}, "II", "centre", {"geological-ii"}},
    {"geo_loss_999wan", "geological", {{kEconomicLossYuan, 999e4}}, "II", "centre", {"geological-ii"}},
    {"geo_loss_1000wan", "geological", {{kEconomicLossYuan, 1000e4}}, "I", "centre", {"geological-i"}},
    // Earthquakes: deaths include the missing; magnitudes outside the dense area (640181).
    {"eq_deaths_9", "earthquake", {{kDeaths, 9}}, "IV", "city", {"earthquake-iv"}},
    {"eq_deaths_10", "earthquake", {{kDeaths, 10}}, "III", "region", {"earthquake-iii"}},
    {"eq_deaths_8_missing_2", "earthquake", {{kDeaths, 8}, {kMissing, 2}}, "III", "region", {"earthquake-iii"}},
    {"eq_deaths_49", "earthquake", {{kDeaths, 49}}, "III", "region", {"earthquake-iii"}},
    {"eq_deaths_50", "earthquake", {{kDeaths, 50}}, "II", "centre", {"earthquake-ii"}},
    {"eq_deaths_299", "earthquake", {{kDeaths, 299}}, "II", "centre", {"earthquake-ii"}},
    {"eq_deaths_290_missing_10", "earthquake", {{kDeaths, 290}, {kMissing, 10}}, "I", "centre", {"earthquake-i"}},
    {"eq_magnitude_2_9", "earthquake", {{kMagnitude, 2.9}}, "", "", {}, {}, "640181"},
    {"eq_magnitude_3_9_felt", "earthquake", {{kMagnitude, 3.9}}, "", "county", {"earthquake-felt"}, {}, "640181"},
    {"eq_magnitude_4_0", "earthquake", {{kMagnitude, 4.0}}, "IV", "city", {"earthquake-iv"}, {}, "640181"},
    {"eq_magnitude_4_9", "earthquake", {{kMagnitude, 4.9}}, "IV", "city", {"earthquake-iv"}, {}, "640181"},
    {"eq_magnitude_5_0", "earthquake", {{kMagnitude, 5.0}}, "III", "region", {"earthquake-iii"}, {}, "640181"},
    {"eq_magnitude_5_9", "earthquake", {{kMagnitude, 5.9}}, "III", "region", {"earthquake-iii"}, {}, "640181"},
    {"eq_magnitude_6_0", "earthquake", {{kMagnitude, 6.0}}, "II", "centre", {"earthquake-ii"}, {}, "640181"},
    {"eq_magnitude_6_9", "earthquake", {{kMagnitude, 6.9}}, "II", "centre", {"earthquake-ii"}, {}, "640181"},
    {"eq_magnitude_7_0", "earthquake", {{kMagnitude, 7.0}}, "I", "centre", {"earthquake-i"}, {}, "640181"},
    {"eq_dense_magnitude_4_0", "earthquake", {{kMagnitude, 4.0}}, "III", "region",
     {"earthquake-iv", "earthquake-dense-area-iii"}},
    {"eq_dense_magnitude_5_0", "earthquake", {{kMagnitude, 5.0}}, "II", "centre",
     {"earthquake-iii", "earthquake-dense-area-ii"}},
    {"eq_dense_magnitude_6_0", "earthquake", {{kMagnitude, 6.0}}, "I", "centre",
     {"earthquake-ii", "earthquake-dense-area-i"}},
    {"eq_loss_one_percent_gdp", "earthquake", {{kEconomicLossYuan, 53e8}}, "I", "centre",
     {"earthquake-i-loss", "earthquake-iv"}},
    // Forest and grassland fires.
    {"forest_deaths_2", "forest_grassland_fire", {{kDeaths, 2}}, "IV", "city", {"forest-fire-iv"}},
    {"forest_deaths_3", "forest_grassland_fire", {{kDeaths, 3}}, "III", "region", {"forest-fire-iii"}},
    {"forest_serious_9", "forest_grassland_fire", {{kSeriousInjuries, 9}}, "IV", "city", {"forest-fire-iv"}},
    {"forest_serious_10", "forest_grassland_fire", {{kSeriousInjuries, 10}}, "III", "region", {"forest-fire-iii"}},
    {"forest_serious_50", "forest_grassland_fire", {{kSeriousInjuries, 50}}, "II", "centre", {"forest-fire-ii"}},
    {"forest_deaths_30", "forest_grassland_fire", {{kDeaths, 30}}, "I", "centre", {"forest-fire-i"}},
    // Public health and social security.
    {"infectious_outbreak", "infectious_disease", {}, "", "centre", {"public-health-outbreak"}},
    {"unknown_disease", "unknown_disease", {}, "", "centre", {"public-health-outbreak", "consultation-unclear-risk"}},
    {"animal_epidemic", "animal_epidemic", {}, "", "county", {"consultation-unclear-risk", "baseline-county"}},
    {"terrorism", "terrorism", {}, "", "centre", {"terrorism"}},
    {"foreign_related", "foreign_related", {}, "", "region", {"sensitive-category"}},
    {"criminal_deaths_3", "criminal_case", {{kDeaths, 3}}, "", "region", {"local-casualty-other", "baseline-county"}},
    {"online_opinion", "online_opinion", {}, "", "county", kBaseline},
    {"unknown_category", "alien_invasion", {{kDeaths, 5}}, "", "", {}},
    // Duration 3.9/4, participants 49/50, onlookers 99/100.
    {"mass_plain", "mass_incident", {}, "", "county", kBaseline},
    {"mass_duration_3_9", "mass_incident", {{kDurationHours, 3.9}}, "", "county", kBaseline},
    {"mass_duration_4", "mass_incident", {{kDurationHours, 4}}, "", "region", kBaselineSensitive},
    {"mass_participants_49", "mass_incident", {{kParticipants, 49}}, "", "county", kBaseline},
    {"mass_participants_50", "mass_incident", {{kParticipants, 50}}, "", "region", kBaselineSensitive},
    {"mass_onlookers_99", "mass_incident", {{kOnlookers, 99}}, "", "county", kBaseline},
    {"mass_onlookers_100", "mass_incident", {{kOnlookers, 100}}, "", "region", kBaselineSensitive},
    // Each sensitive factor alone makes an ungraded event reportable to the region.
    {"persons_official", "online_opinion", {}, "", "region", kBaselineSensitive, {"persons:official"}},
    {"persons_foreign_national", "online_opinion", {}, "", "region", kBaselineSensitive, {"persons:foreign_national"}},
    {"persons_minor", "online_opinion", {}, "", "region", kBaselineSensitive, {"persons:minor"}},
    {"persons_student", "online_opinion", {}, "", "region", kBaselineSensitive, {"persons:student"}},
    {"persons_journalist", "online_opinion", {}, "", "region", kBaselineSensitive, {"persons:journalist"}},
    {"persons_celebrity", "online_opinion", {}, "", "region", kBaselineSensitive, {"persons:celebrity"}},
    {"persons_religious_figure", "online_opinion", {}, "", "region", kBaselineSensitive, {"persons:religious_figure"}},
    {"places_government_compound", "online_opinion", {}, "", "region", kBaselineSensitive, {"places:government_compound"}},
    {"places_school", "online_opinion", {}, "", "region", kBaselineSensitive, {"places:school"}},
    {"places_hospital", "online_opinion", {}, "", "region", kBaselineSensitive, {"places:hospital"}},
    {"places_transport_hub", "online_opinion", {}, "", "region", kBaselineSensitive, {"places:transport_hub"}},
    {"places_religious_site", "online_opinion", {}, "", "region", kBaselineSensitive, {"places:religious_site"}},
    {"places_landmark", "online_opinion", {}, "", "region", kBaselineSensitive, {"places:landmark"}},
    {"behaviours_self_immolation", "online_opinion", {}, "", "region", kBaselineSensitive, {"behaviours:self_immolation"}},
    {"behaviours_explosion_threat", "online_opinion", {}, "", "region", kBaselineSensitive, {"behaviours:explosion_threat"}},
    {"behaviours_hostage", "online_opinion", {}, "", "region", kBaselineSensitive, {"behaviours:hostage"}},
    {"behaviours_suicide_threat", "online_opinion", {}, "", "region", kBaselineSensitive, {"behaviours:suicide_threat"}},
    {"behaviours_attack_on_crowd", "online_opinion", {}, "", "region", kBaselineSensitive, {"behaviours:attack_on_crowd"}},
    {"behaviours_arson", "online_opinion", {}, "", "region", kBaselineSensitive, {"behaviours:arson"}},
    {"times_national_holiday", "online_opinion", {}, "", "region", kBaselineSensitive, {"times:national_holiday"}},
    {"times_major_meeting", "online_opinion", {}, "", "region", kBaselineSensitive, {"times:major_meeting"}},
    {"times_anniversary", "online_opinion", {}, "", "region", kBaselineSensitive, {"times:anniversary"}},
    {"times_code_unknown_to_catalogue", "online_opinion", {}, "", "region", kBaselineSensitive, {"times:local_festival"}},
    // The calendar: National Day 10-01..10-07, the NPC session, anniversaries every year.
    {"calendar_national_day", "online_opinion", {}, "", "region", kBaselineSensitive, {}, "640104",
     "2026-10-02T09:00:00+08:00"},
    {"calendar_after_national_day", "online_opinion", {}, "", "county", kBaseline, {}, "640104",
     "2026-10-08T09:00:00+08:00"},
    {"calendar_day_starts_in_shanghai", "online_opinion", {}, "", "region", kBaselineSensitive, {}, "640104",
     "2026-09-30T16:30:00Z"},
    {"calendar_npc_session", "online_opinion", {}, "", "region", kBaselineSensitive, {}, "640104",
     "2026-03-05T09:00:00+08:00"},
    {"calendar_anniversary_next_year", "online_opinion", {}, "", "region", kBaselineSensitive, {}, "640104",
     "2027-07-01T09:00:00+08:00"},
    // A graded event with a sensitive factor; a rule not yet effective.
    {"fire_deaths_2_student", "fire", {{kDeaths, 2}}, "IV", "region", {"production-safety-iv", "sensitive-factors"},
     {"persons:student"}},
    {"fire_deaths_3_before_local_rule", "fire", {{kDeaths, 3}}, "III", "region", {"production-safety-iii"}, {},
     "640104", "2025-06-01T09:00:00+08:00"},
};
// clang-format on

class EvaluatorTable : public ::testing::TestWithParam<Case> {};

TEST_P(EvaluatorTable, GradeReportToAndTags) {
  const Case& c = GetParam();
  EventFacts facts;
  facts.category = c.category;
  facts.region = c.region;
  for (auto [f, v] : c.figures) facts.figures.Set(f, v);
  for (const auto& s : c.sensitive) {
    const auto colon = s.find(':');
    const std::string kind = s.substr(0, colon), code = s.substr(colon + 1);
    if (kind == "persons") facts.sensitive.persons.push_back(code);
    if (kind == "places") facts.sensitive.places.push_back(code);
    if (kind == "behaviours") facts.sensitive.behaviours.push_back(code);
    if (kind == "times") facts.sensitive.times.push_back(code);
  }
  facts.occurred_at = ParseIsoTime(c.occurred);
  ASSERT_TRUE(facts.occurred_at.has_value());
  const Evaluation e = Evaluate(standards_test::DefaultCatalogue(), facts, {.detect_text = false});
  EXPECT_EQ(e.grade ? GradeCode(*e.grade) : std::string(), c.grade);
  EXPECT_EQ(e.report_to ? LevelCode(*e.report_to) : std::string(), c.report_to);
  std::vector<std::string> tags;
  for (const auto& t : e.tags) tags.push_back(t.rule);
  EXPECT_EQ(tags, c.tags);
  for (const auto& t : e.tags) EXPECT_FALSE(t.matched.empty()) << t.rule;
  EXPECT_EQ(e.catalogue_version, "2026.1");
  EXPECT_FALSE(e.explanation.empty());
}

INSTANTIATE_TEST_SUITE_P(DefaultCatalogue, EvaluatorTable, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(EvaluatorTableSize, AtLeastEightyCases) { EXPECT_GE(kCases.size(), 80u); }

}  // namespace
}  // namespace shaobing
