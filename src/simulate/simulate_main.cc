// simulate --seed N --events N --out DIR [--regions FILE] [--days N] [--wording 0|1]
// Writes DIR/reports.ndjson and DIR/truth.ndjson; prints {"reports","events","out"}.
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

#include "simulate/regions_yaml.h"
#include "simulate/simulator.h"

int main(int argc, char** argv) {
  using namespace shaobing;
  simulate::SimulatorOptions o;
  std::string out, regions_path = "data/regions/ningxia.yaml";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    char* end = nullptr;
    const long n = std::strtol(value.c_str(), &end, 10);
    const bool number = end && *end == '\0' && n >= 0;
    if (flag == "--out") out = value;
    else if (flag == "--regions") regions_path = value;
    else if (flag == "--seed" && number) o.seed = static_cast<std::uint32_t>(n);
    else if (flag == "--events" && number) o.events = static_cast<int>(n);
    else if (flag == "--days" && number && n > 0) o.days = static_cast<int>(n);
    else if (flag == "--wording" && number && n <= 1) o.wording_mix = static_cast<int>(n);
    else {
      std::cerr << "simulate: bad option " << flag << " " << value << "\n";
      return 2;
    }
  }
  if (out.empty() || argc % 2 == 0) {
    std::cerr << "usage: simulate --seed N --events N --out DIR [--regions FILE] [--days N] [--wording 0|1]\n";
    return 2;
  }
  auto tree = simulate::LoadRegionTree(regions_path);
  if (!tree) {
    std::cerr << "simulate: cannot read regions " << regions_path << "\n";
    return 2;
  }
  const auto reports = simulate::Simulate(*tree, o);
  if (auto st = simulate::WriteSimulation(reports, out); !st) {
    std::cerr << "simulate: cannot write " << out << "\n";
    return 2;
  }
  std::cout << boost::json::serialize(boost::json::object{
                   {"reports", reports.size()}, {"events", o.events}, {"out", out}})
            << "\n";
  return 0;
}
