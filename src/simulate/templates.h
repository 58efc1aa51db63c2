#pragma once
// Event templates of the simulator: per category, what happens, to what kind of place, why,
// which departments report it, and the figure ranges. Internal to the simulator.
#include <string>
#include <vector>

namespace shaobing::simulate {

enum class Site { kEnterprise, kCommunity, kRoad, kMine, kVillage, kSchool, kMarket, kSite };

struct Template {
  std::string category;
  Site site;
  std::vector<std::string> what;        // "发生爆炸" (after the place)
  std::vector<std::string> short_what;  // "爆炸事故" (for titles)
  std::vector<std::string> causes;
  std::vector<std::string> kinds;  // reporting unit kinds; the first always reports
  int max_deaths, max_injuries, max_evacuated;
  int weight;
};

const std::vector<Template>& Templates();

// Name parts for sites.
const std::vector<std::string>& Brands();      // two characters each
const std::vector<std::string>& Industries();  // "化工", ...
const std::vector<std::string>& Roads();       // "京藏高速" ...
const std::vector<std::string>& Hospitals();   // suffix-free, joined with the county

// A similar-looking or similar-sounding character for a typo, or the same.
std::string Confuse(const std::string& utf8_char, unsigned pick);

}  // namespace shaobing::simulate
