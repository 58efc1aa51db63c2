// Linking decisions per second with 10k, 100k and 1M events in the index (one JSON object
// per size on stdout). The index is filled with simulated first reports spread over
// `--span-days` (default 1095: three years, far denser than any real province); decisions are
// reports of another simulated set placed at random times in the same span.
// Each size is measured twice in the same run: with the linker's bound pruning (the default)
// and, as the baseline, with every candidate scored in full (`LinkerOptions::prune = false`,
// what the linker did before the pruning); the two must take the same decisions.
// Usage: fusion_bench [--sizes 10000,100000,1000000] [--decisions N] [--span-days N] [--no-baseline]
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fusion/linker.h"
#include "loaders/data_files.h"
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

// What a decision chose, to compare the pruned and the exhaustive linker.
struct Outcome {
  fusion::LinkAction action;
  EventId event;
  std::vector<EventId> runners;
  bool operator==(const Outcome&) const = default;
};

struct Run {
  double fill_s = 0, total_ms = 0, p50 = 0, p99 = 0;
  double candidates = 0, scored = 0;
  std::vector<Outcome> outcomes;
};

Run Measure(const RegionTree& tree, bool prune, size_t n, int decisions, int span_days,
            const std::vector<ReportDraft>& base, const std::vector<ReportDraft>& queries, TimePoint start) {
  Run run;
  std::mt19937 rng(42);
  fusion::LinkerOptions options;
  options.prune = prune;
  fusion::Linker linker(tree, options);
  const auto fill_start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < n; ++i) {
    ReportDraft d = Shift(base[i % base.size()], start, span_days, rng);
    const TimePoint arrival = *d.occurred_at + std::chrono::minutes(40);
    linker.Add(static_cast<EventId>(i + 1), d, arrival);
  }
  run.fill_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - fill_start).count();
  std::vector<double> ms;
  for (int q = 0; q < decisions; ++q) {
    ReportDraft d = Shift(queries[static_cast<size_t>(q) % queries.size()], start, span_days, rng);
    const TimePoint arrival = *d.occurred_at + std::chrono::minutes(60);
    const auto t0 = std::chrono::steady_clock::now();
    const fusion::Decision decision = linker.Decide(d, arrival);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    run.candidates += static_cast<double>(decision.candidates) / decisions;
    run.scored += static_cast<double>(decision.scored) / decisions;
    Outcome o{decision.action, decision.event, {}};
    for (const auto& c : decision.runners_up) o.runners.push_back(c.event);
    run.outcomes.push_back(std::move(o));
  }
  std::sort(ms.begin(), ms.end());
  for (double x : ms) run.total_ms += x;
  run.p50 = ms[ms.size() / 2];
  run.p99 = ms[ms.size() * 99 / 100];
  return run;
}

boost::json::object RunJson(const Run& r, int decisions, size_t n) {
  return {{"decisions_per_second", r.total_ms > 0 ? decisions / (r.total_ms / 1000) : 0},
          {"mean_ms", r.total_ms / decisions},
          {"p50_ms", r.p50},
          {"p99_ms", r.p99},
          {"mean_candidates", r.candidates},
          {"mean_scored", r.scored},
          {"index_fill_per_second", r.fill_s > 0 ? n / r.fill_s : 0}};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes = {10'000, 100'000, 1'000'000};
  int decisions = 2000, span_days = 1095;
  bool baseline = true;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--no-baseline") {
      baseline = false;
      continue;
    }
    if (i + 1 >= argc) break;
    const std::string value = argv[++i];
    if (flag == "--sizes") {
      sizes.clear();
      std::stringstream ss(value);
      for (std::string part; std::getline(ss, part, ',');) sizes.push_back(std::stoul(part));
    } else if (flag == "--decisions") {
      decisions = std::max(1, std::stoi(value));
    } else if (flag == "--span-days") {
      span_days = std::max(1, std::stoi(value));
    }
  }
  auto tree = LoadGazetteerFile(std::string(SHAOBING_SOURCE_DIR) + "/data/regions/ningxia.yaml");
  if (!tree) {
    std::fprintf(stderr, "fusion_bench: cannot read the gazetteer\n");
    return 2;
  }
  const auto base = FirstReports(*tree, 1, 4000);
  const auto queries = FirstReports(*tree, 99, 800);
  const TimePoint start = *ParseIsoTime("2024-01-01T00:00:00+08:00");
  for (size_t n : sizes) {
    const Run pruned = Measure(*tree, true, n, decisions, span_days, base, queries, start);
    boost::json::object out{{"events_in_index", n}, {"span_days", span_days}, {"decisions", decisions}};
    for (auto& [k, v] : RunJson(pruned, decisions, n)) out[k] = v;
    if (baseline) {
      const Run full = Measure(*tree, false, n, decisions, span_days, base, queries, start);
      size_t differ = 0;
      for (size_t i = 0; i < pruned.outcomes.size(); ++i) differ += !(pruned.outcomes[i] == full.outcomes[i]);
      out["baseline_score_all"] = RunJson(full, decisions, n);
      out["p99_ratio_to_baseline"] = full.p99 > 0 ? pruned.p99 / full.p99 : 0;
      out["decisions_differing_from_baseline"] = differ;
    }
    std::printf("%s\n", boost::json::serialize(out).c_str());
    std::fflush(stdout);
  }
  return 0;
}
