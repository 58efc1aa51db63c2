#pragma once
// Internal to the simulator: its random source, the facts of one simulated event, and the
// department wording that turns facts into a report.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/region.h"
#include "core/report.h"
#include "simulate/simulator.h"
#include "simulate/templates.h"

namespace shaobing::simulate {

inline constexpr std::int64_t kMinute = 60'000;
inline constexpr std::int64_t kHour = 60 * kMinute;

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : gen_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen_); }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(gen_) < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }
  // A phrasing: mix 0 keeps to the even-numbered variants, mix 1 uses all of them.
  const std::string& Say(const std::vector<std::string>& v, int mix) {
    if (mix == 0) return v[2 * static_cast<size_t>(Int(0, static_cast<int>((v.size() - 1) / 2)))];
    return Pick(v);
  }

 private:
  std::mt19937 gen_;
};

struct Facts {
  const Template* t = nullptr;
  const Region* county = nullptr;
  const Region* city = nullptr;
  std::string site;        // "瑞泰化工有限公司"
  std::string site_short;  // "瑞泰化工公司"
  std::string spot;        // "3号车间", "K1123处"
  std::string what, short_what, cause, hospital;
  std::int64_t occurred_ms = 0;
  int deaths = 0, serious = 0, injuries = 0, evacuated = 0;
  double lat = 0, lon = 0;
};

std::string ClockZh(std::int64_t ms);  // "11月29日14时05分许"
std::string Typo(const std::string& s, Rng& rng);

// A department's report at `stage` (0 = first) of `stages`: wording by unit kind, figures
// growing toward the truth, the place possibly by alias or vague, names possibly mistyped.
ReportDraft WriteReport(const Facts& f, const std::string& kind, int stage, int stages, bool alias, bool vague,
                        bool typo, const SimulatorOptions& o, Rng& rng);

}  // namespace shaobing::simulate
