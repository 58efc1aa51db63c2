// Linking decisions per second with 10k, 100k and 1M events in the index (one JSON object
// per size on stdout). The index is filled with simulated first reports spread over
// `--span-days` (default 1095: three years, far denser than any real province); decisions are
// reports of another simulated set placed at random times in the same span.
// Usage: fusion_bench [--sizes 10000,100000,1000000] [--decisions N] [--span-days N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>

#include "fusion/linker.h"
#include "simulate/regions_yaml.h"
#include "simulate/simulator.h"

namespace {

using namespace shaobing;

std::vector<ReportDraft> FirstReports(const RegionTree& tree, std::uint32_t seed, int events) {
  simulate::SimulatorOptions o;
  o.seed = seed;
  o.events = events;
  std::vector<ReportDraft> out;
  for (auto& r : simulate::Simulate(tree, o)) {
    if (r.draft.kind == ReportKind::kFirst && r.draft.occurred_at) out.push_back(std::move(r.draft));
  }
  return out;
}

// The draft moved to a random day of the span, keeping its time of day.
ReportDraft Shift(ReportDraft d, TimePoint start, int span_days, std::mt19937& rng) {
  const auto day = std::chrono::days(std::uniform_int_distribution<int>(0, span_days - 1)(rng));
  const auto base = std::chrono::floor<std::chrono::days>(*d.occurred_at);
  d.occurred_at = start + day + (*d.occurred_at - base);
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes = {10'000, 100'000, 1'000'000};
  int decisions = 2000, span_days = 1095;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--sizes") {
      sizes.clear();
      std::stringstream ss(value);
      for (std::string part; std::getline(ss, part, ',');) sizes.push_back(std::stoul(part));
    } else if (flag == "--decisions") {
      decisions = std::stoi(value);
    } else if (flag == "--span-days") {
      span_days = std::max(1, std::stoi(value));
    }
  }
  auto tree = simulate::LoadRegionTree(std::string(SHAOBING_SOURCE_DIR) + "/data/regions/ningxia.yaml");
  if (!tree) {
    std::fprintf(stderr, "fusion_bench: cannot read the gazetteer\n");
    return 2;
  }
  const auto base = FirstReports(*tree, 1, 4000);
  const auto queries = FirstReports(*tree, 99, 800);
  const TimePoint start = *ParseIsoTime("2024-01-01T00:00:00+08:00");
  for (size_t n : sizes) {
    std::mt19937 rng(42);
    fusion::Linker linker(*tree);
    const auto fill_start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < n; ++i) {
      ReportDraft d = Shift(base[i % base.size()], start, span_days, rng);
      const TimePoint arrival = *d.occurred_at + std::chrono::minutes(40);
      linker.Add(static_cast<EventId>(i + 1), d, arrival);
    }
    const double fill_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - fill_start).count();
    std::vector<double> ms;
    size_t candidates = 0;
    for (int q = 0; q < decisions; ++q) {
      ReportDraft d = Shift(queries[static_cast<size_t>(q) % queries.size()], start, span_days, rng);
      const TimePoint arrival = *d.occurred_at + std::chrono::minutes(60);
      const auto t0 = std::chrono::steady_clock::now();
      const fusion::Decision decision = linker.Decide(d, arrival);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      candidates += decision.candidates;
    }
    std::sort(ms.begin(), ms.end());
    double total = 0;
    for (double x : ms) total += x;
    boost::json::object out{{"events_in_index", n},
                            {"span_days", span_days},
                            {"decisions", decisions},
                            {"decisions_per_second", total > 0 ? decisions / (total / 1000) : 0},
                            {"mean_ms", total / decisions},
                            {"p50_ms", ms[ms.size() / 2]},
                            {"p99_ms", ms[ms.size() * 99 / 100]},
                            {"mean_candidates", static_cast<double>(candidates) / decisions},
                            {"index_fill_per_second", fill_s > 0 ? n / fill_s : 0}};
    std::printf("%s\n", boost::json::serialize(out).c_str());
    std::fflush(stdout);
  }
  return 0;
}
