#pragma once
// Reading the data files administrators keep: the gazetteer (YAML) and the unit registry
// (YAML or CSV). Parsing is strict; errors name the file, the line and the problem. Files
// must be UTF-8 text (file_syntax at the line of the first byte that is not). The one reader
// of these formats: the server, the command line, the simulator's tools and the fuzzers use it.
// Where the files lie is the composition root's business (app/data_layout.h).
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/region.h"
#include "core/unit.h"

namespace YAML {
class Node;
}

namespace shaobing {

Result<std::string> ReadTextFile(const std::string& path);

// "file_syntax": `file` line `line`: `detail`.
Error FileSyntaxError(const std::string& file, int line, std::string detail);
// A "file_syntax" error at the first byte of `text` that is not UTF-8, or nullopt.
std::optional<Error> NotUtf8(const std::string& text, const std::string& file);

// One CSV record (RFC 4180: quoted fields, doubled quotes) from `pos`, which it moves past the
// record's end of line; `line` counts the lines read.
std::vector<std::string> CsvRecord(const std::string& text, size_t& pos, int& line);

Result<std::vector<Region>> ParseRegionsYaml(const std::string& text, const std::string& file);
// The gazetteer file at `path`, parsed and built into a tree.
Result<RegionTree> LoadGazetteerFile(const std::string& path);
// Units are checked against `regions`; CSV header: id,name,kind,region,level,direct,
// perspectives(;-separated),contact_name,contact_phone.
Result<std::vector<Unit>> ParseUnitsYaml(const std::string& text, const std::string& file, const RegionTree& regions);
Result<std::vector<Unit>> ParseUnitsCsv(const std::string& text, const std::string& file, const RegionTree& regions);
// By extension: .csv → CSV, otherwise YAML.
Result<std::vector<Unit>> LoadUnitsFile(const std::string& path, const RegionTree& regions);

// A YAML node as JSON: quoted scalars stay strings; plain scalars become numbers, booleans
// or null when they read as such.
boost::json::value YamlToJson(const YAML::Node& node);

}  // namespace shaobing
