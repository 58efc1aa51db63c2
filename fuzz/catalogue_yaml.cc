// Feeds: a reporting-standard catalogue as YAML text to LoadCatalogue — what an administrator
// publishes (PUT /api/v1/standards) and what `shaobing standards check` / `classify
// --catalogue` read from a file.
// Asserts: no crash, leak, hang or undefined behaviour; a refusal is a client error whose
// administrator message (FormatLoadError) and JSON error body render; a catalogue that loads
// is UTF-8 text and evaluates a few fixed events (figures, text with sensitive words,
// coordinates, a moment in time, an empty event) into an evaluation that renders as JSON.
#include <boost/json/serialize.hpp>
#include <cstdint>
#include <vector>

#include "core/report_json.h"
#include "fuzz_support.h"
#include "standards/catalogue_loader.h"
#include "standards/evaluation_json.h"
#include "standards/evaluator.h"
#include "standards/load_error.h"

namespace shaobing::fuzz {
namespace {

const std::vector<EventFacts>& Events() {
  static const std::vector<EventFacts>* events = [] {
    const char* reports[] = {
        R"({"category": "fire", "occurred_at": "2026-10-01T10:00:00+08:00",
            "location": {"region": "640104", "address": "兴庆区某中学", "lat": 38.48, "lon": 106.23},
            "parties": "学生及教师", "description": "学校教学楼起火，死亡3人，围观群众约200人，持续5小时",
            "figures": {"deaths": 3, "injuries": 12, "onlookers": 200, "duration_hours": 5},
            "sensitive": {"persons": ["student"], "places": ["school"]}})",
        R"({"category": "road_traffic", "occurred_at": "2027-02-10T23:59:59.999Z",
            "location": {"region": "640000"}, "description": "重大交通事故，一名县长受伤",
            "figures": {"deaths": 12, "missing": 4, "economic_loss_yuan": 100000000}})",
        R"({"category": "mass_incident", "location": {"region": "640522"},
            "description": "数百人聚集于政府门前，有人以自焚相威胁", "figures": {"participants": 500}})",
        R"({})",
    };
    auto* out = new std::vector<EventFacts>;
    for (const char* json : reports) {
      auto draft = ParseReport(json, Gazetteer(), {.require_fields = false});
      FUZZ_CHECK(draft.has_value(), "the fixed events parse");
      EventFacts facts = FactsFromDraft(*draft);
      facts.region_lineage = Gazetteer().LineageCodes(facts.region);
      out->push_back(std::move(facts));
    }
    return out;
  }();
  return *events;
}

}  // namespace
}  // namespace shaobing::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  shaobing::fuzz::Events();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  auto catalogue = LoadCatalogue(fuzz::Text(data, size), "catalogue.yaml");
  if (!catalogue) {
    FUZZ_CHECK(!FormatLoadError(catalogue.error()).empty(), "a load error has a message");
    fuzz::CheckInputError(catalogue.error());
    return 0;
  }
  FUZZ_CHECK(IsValidUtf8(fuzz::Text(data, size)), "an accepted catalogue is UTF-8 (it is served as JSON)");
  for (const auto& facts : fuzz::Events()) {
    const Evaluation evaluation = Evaluate(*catalogue, facts);
    const std::string json = boost::json::serialize(EvaluationToJson(evaluation));
    FUZZ_CHECK(!json.empty(), "an evaluation renders");
  }
  return 0;
}
