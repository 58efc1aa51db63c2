// bench/standards: evaluations per second of the default catalogue on one core, without and
// with text detection, over a fixed mix of 1024 events (every category, figures around the
// thresholds, some on sensitive dates, Chinese text of 100–300 bytes). Rates are per CPU-second
// of the benchmark thread, so that they stay per core when the machine is shared. In the same
// run, the baseline: a hand-written if-chain that grades production-safety accidents only (no
// tags, deadlines, sensitive factors or explanation), and the engine's ratio to it. Prints one
// JSON line on stdout and a readable summary on stderr.
//
// usage: standards_bench [seconds-per-mode=2] [catalogue.yaml]
#include <time.h>

#include <boost/json/serialize.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/taxonomy.h"
#include "standards/catalogue_loader.h"
#include "standards/evaluator.h"
#include "standards/load_error.h"
#include "testing/test_data.h"

namespace shaobing::bench {
namespace {

struct Lcg {
  std::uint64_t state = 20261129;
  std::uint32_t Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  std::uint32_t Below(std::uint32_t n) { return Next() % n; }
};

const char* const kTexts[] = {
    "14时05分许，兴庆区解放东街某小区一居民楼3层起火，消防救援支队已到场处置，伤者已送往医院救治。",
    "一辆大客车与货车相撞，车上有学生二十余人，现场围观约200人，交通管制中。",
    "某化工企业储罐发生泄漏，周边约80名工人聚集在厂门口，事态持续4个多小时，环保部门正在监测。",
    "某学校食堂发生疑似食物中毒，师生共35人出现呕吐腹泻症状，已送医治疗，无死亡。",
    "一男子在政府大院门前扬言自焚，民警正在劝解，围观群众约百人。",
    "某建筑工地塔吊倒塌，2名工人被困，正在全力搜救。",
};

std::vector<EventFacts> MakeEvents(size_t n) {
  Lcg rng;
  const auto categories = AllCategories();
  const double deaths[] = {0, 1, 2, 3, 9, 10, 29, 30};
  const double serious[] = {0, 4, 5, 9, 10, 49, 50, 100};
  const double loss[] = {0, 999e4, 1000e4, 4999e4, 5000e4, 1e8};
  std::vector<EventFacts> events(n);
  for (auto& f : events) {
    f.category = std::string(categories[rng.Below(static_cast<std::uint32_t>(categories.size()))].code);
    f.region = rng.Below(4) == 0 ? "640181" : "640104";
    f.figures.Set(Figure::kDeaths, deaths[rng.Below(8)]);
    f.figures.Set(Figure::kSeriousInjuries, serious[rng.Below(8)]);
    if (rng.Below(2) == 0) f.figures.Set(Figure::kEconomicLossYuan, loss[rng.Below(6)]);
    if (rng.Below(4) == 0) f.figures.Set(Figure::kPoisoned, rng.Below(120));
    if (rng.Below(4) == 0) f.figures.Set(Figure::kEvacuated, rng.Below(60000));
    if (rng.Below(8) == 0) f.figures.Set(Figure::kMagnitude, 3.0 + rng.Below(50) / 10.0);
    if (rng.Below(8) == 0) f.sensitive.persons.push_back("student");
    const int day = static_cast<int>(rng.Below(365));
    f.occurred_at = ParseIsoTime("2026-01-01T10:00:00+08:00").value() + std::chrono::days(day);
    const char* text = kTexts[rng.Below(6)];
    f.title = std::string(text).substr(0, 30);
    f.description = text;
    f.parties = "事发单位；周边群众";
    f.address = "解放东街某小区";
  }
  return events;
}

// The baseline: 493号令 grades and the routing, by hand.
int HandGrade(const EventFacts& f) {
  const auto& c = f.category;
  if (c != "road_traffic" && c != "production_safety" && c != "fire" && c != "hazardous_chemicals" &&
      c != "special_equipment" && c != "construction") {
    return 0;
  }
  const double d = f.figures.Get(Figure::kDeaths).value_or(0);
  const double s = f.figures.Get(Figure::kSeriousInjuries).value_or(0) + f.figures.Get(Figure::kPoisoned).value_or(0);
  const double l = f.figures.Get(Figure::kEconomicLossYuan).value_or(0);
  if (d >= 30 || s >= 100 || l >= 1e8) return 1;
  if (d >= 10 || s >= 50 || l >= 5e7) return 2;
  if (d >= 3 || s >= 10 || l >= 1e7) return 3;
  return 4;
}

// CPU time of this thread: the rate stays "per core" when the machine is shared.
double ThreadSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

template <typename F>
double Rate(double seconds, size_t batch, F&& run_batch) {
  run_batch();  // warm up
  size_t done = 0;
  const double start = ThreadSeconds();
  double now = start;
  do {
    run_batch();
    done += batch;
    now = ThreadSeconds();
  } while (now - start < seconds);
  return static_cast<double>(done) / (now - start);
}

int Main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const std::string path = argc > 2 ? argv[2] : testing::SourceDir() + "/data/standards/default.yaml";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto catalogue = LoadCatalogue(text.str(), path);
  if (!catalogue) {
    std::fprintf(stderr, "%s\n", FormatLoadError(catalogue.error()).c_str());
    return 1;
  }
  const auto events = MakeEvents(1024);
  std::size_t checksum = 0;

  EvaluateOptions no_text;
  no_text.detect_text = false;
  EvaluateOptions with_text;
  const double without = Rate(seconds, events.size(), [&] {
    for (const auto& f : events) checksum += Evaluate(*catalogue, f, no_text).tags.size();
  });
  Evaluation reused;
  const double without_reused = Rate(seconds, events.size(), [&] {
    for (const auto& f : events) {
      EvaluateInto(*catalogue, f, no_text, &reused);
      checksum += reused.tags.size();
    }
  });
  const double with = Rate(seconds, events.size(), [&] {
    for (const auto& f : events) checksum += Evaluate(*catalogue, f, with_text).sensitive.size();
  });
  const double baseline = Rate(seconds, events.size(), [&] {
    for (const auto& f : events) checksum += static_cast<std::size_t>(HandGrade(f));
  });

  std::fprintf(stderr, "standards_bench: catalogue %s, %zu rules, 1024 events, one thread, per CPU-second\n",
               catalogue->version().c_str(), catalogue->spec().rules.size());
  std::fprintf(stderr, "  without text detection: %12.0f evaluations/s (Evaluate)\n", without);
  std::fprintf(stderr, "  without text detection: %12.0f evaluations/s (EvaluateInto, output reused)\n",
               without_reused);
  std::fprintf(stderr, "  with text detection:    %12.0f evaluations/s (Evaluate)\n", with);
  std::fprintf(stderr, "  baseline, hand-written 493号令 if-chain (grade only): %.0f /s\n", baseline);
  const boost::json::object out{
      {"catalogue_version", catalogue->version()},
      {"rules", catalogue->spec().rules.size()},
      {"events", events.size()},
      {"seconds_per_mode", seconds},
      {"evaluations_per_second_without_text", std::llround(without)},
      {"evaluations_per_second_without_text_output_reused", std::llround(without_reused)},
      {"evaluations_per_second_with_text", std::llround(with)},
      {"baseline_hand_grading_per_second", std::llround(baseline)},
      {"ratio_without_text_to_baseline", std::round(without / baseline * 10000) / 10000},
      {"checksum", checksum},
  };
  std::printf("%s\n", boost::json::serialize(out).c_str());
  return 0;
}

}  // namespace
}  // namespace shaobing::bench

int main(int argc, char** argv) { return shaobing::bench::Main(argc, argv); }
