// fuzz_seeds OUT_DIR: writes the seeds derived from the project's data into OUT_DIR/<target>/:
//   report_json  every report of data/demo/scenario.yaml as the API receives it, and simulated
//                reports (simulate::Simulate over data/regions/ningxia.yaml) in both the API
//                and the evaluation-file form;
//   eval_ndjson  small simulated evaluation sets: truth file, form feed, reports file;
//   units_yaml   data/units/*.yaml cut into registries of a few units each, within -max_len.
// The plain copies of data files (catalogues, unit registries, gazetteer) are made by
// scripts/run-fuzz.sh. Deterministic: the same sources give the same seeds.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "core/report_json.h"
#include "loaders/data_files.h"
#include "simulate/simulator.h"

namespace shaobing {
namespace {
namespace fs = std::filesystem;

void Write(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "fuzz_seeds: cannot write " << file << "\n";
    std::exit(1);
  }
}

RegionTree Gazetteer() {
  const std::string file = std::string(SHAOBING_SOURCE_DIR) + "/data/regions/ningxia.yaml";
  auto text = ReadTextFile(file);
  auto regions = text ? ParseRegionsYaml(*text, file) : Result<std::vector<Region>>(Fail(text.error()));
  auto tree = regions ? RegionTree::Build(std::move(*regions)) : Result<RegionTree>(Fail(regions.error()));
  if (!tree) {
    std::cerr << "fuzz_seeds: " << file << ": " << tree.error().reason << "\n";
    std::exit(1);
  }
  return std::move(*tree);
}

// The demo scenario's reports, with their minute offsets made times and a follow-up's event
// named, as a client would send them.
int ScenarioReports(const fs::path& dir) {
  const std::string file = std::string(SHAOBING_SOURCE_DIR) + "/data/demo/scenario.yaml";
  const TimePoint base = FromUnixMillis(1'795'000'000'000);
  int n = 0;
  for (const auto& event : YAML::LoadFile(file)["events"]) {
    for (const auto& r : event["reports"]) {
      boost::json::object report = YamlToJson(r["report"]).as_object();
      if (const auto* offset = report.if_contains("occurred_offset_minutes")) {
        report["occurred_at"] = FormatShanghai(base + std::chrono::minutes(offset->to_number<std::int64_t>()));
        report.erase("occurred_offset_minutes");
      }
      const auto* kind = report.if_contains("kind");
      if (kind && kind->is_string() && kind->get_string() != "first" && !report.contains("event_id")) {
        report["event_id"] = 170;
      }
      char name[32];
      std::snprintf(name, sizeof name, "scenario-%03d.json", ++n);
      Write(dir / name, boost::json::serialize(report));
    }
  }
  return n;
}

// Each data/units/*.yaml as registries of `per_file` units, cut at the entries' first lines.
void UnitRegistries(const fs::path& dir, size_t per_file) {
  constexpr std::string_view kEntry = "\n  - id:";
  for (const auto& entry : fs::directory_iterator(fs::path(SHAOBING_SOURCE_DIR) / "data" / "units")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string text = ReadTextFile(entry.path().string()).value_or("");
    std::vector<size_t> starts;
    for (size_t at = text.find(kEntry); at != std::string::npos; at = text.find(kEntry, at + 1)) starts.push_back(at);
    starts.push_back(text.size());
    for (size_t i = 0; i + 1 < starts.size(); i += per_file) {
      const size_t end = starts[std::min(i + per_file, starts.size() - 1)];
      Write(dir / (entry.path().stem().string() + "-" + std::to_string(i / per_file) + ".yaml"),
            "units:" + text.substr(starts[i], end - starts[i]) + "\n");
    }
  }
}

}  // namespace
}  // namespace shaobing

int main(int argc, char** argv) {
  using namespace shaobing;
  namespace fs = std::filesystem;
  if (argc != 2) {
    std::cerr << "usage: fuzz_seeds OUT_DIR\n";
    return 2;
  }
  const fs::path out = argv[1];
  const RegionTree tree = Gazetteer();
  fs::create_directories(out / "report_json");
  fs::create_directories(out / "eval_ndjson");
  fs::create_directories(out / "units_yaml");
  ScenarioReports(out / "report_json");
  UnitRegistries(out / "units_yaml", 6);

  simulate::SimulatorOptions options;
  options.events = 12;
  options.wording_mix = 1;
  const auto reports = simulate::Simulate(tree, options);
  for (size_t i = 0; i < reports.size(); ++i) {
    ReportDraft draft = reports[i].draft;
    boost::json::object evaluation = DraftToJson(draft);
    evaluation["id"] = draft.external_id;
    evaluation["unit_kind"] = draft.unit_kind;
    draft.reported_at.reset();  // the API form: set by the server
    if (draft.kind != ReportKind::kFirst && !draft.event_id) draft.event_id = 170;
    char name[48];
    std::snprintf(name, sizeof name, "simulated-%03zu.json", i);
    Write(out / "report_json" / name, boost::json::serialize(DraftToJson(draft)));
    std::snprintf(name, sizeof name, "simulated-eval-%03zu.json", i);
    Write(out / "report_json" / name, boost::json::serialize(evaluation));
  }

  for (int events : {1, 2, 3, 5}) {
    simulate::SimulatorOptions set;
    set.seed = static_cast<std::uint32_t>(events);
    set.events = events;
    const auto sim = simulate::Simulate(tree, set);
    Write(out / "eval_ndjson" / ("simulated-" + std::to_string(events) + ".txt"),
          simulate::TruthNdjson(sim) + "\f" + simulate::ReportsNdjson(sim));
  }
  return 0;
}
