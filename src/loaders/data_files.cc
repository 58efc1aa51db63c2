#include "loaders/data_files.h"

#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "core/utf8.h"
#include "i18n/messages.h"

namespace shaobing {
namespace json = boost::json;

namespace {

Error RowError(const std::string& file, int line, const std::vector<FieldError>& problems) {
  std::string detail;
  for (const auto& p : problems) {
    if (!detail.empty()) detail += "；";
    detail += i18n::FieldErrorMessage(i18n::Locale::kZhCn, p);
  }
  return Error::Make(ErrorCode::kInvalidArgument, "import_row", problems.front().field,
                     {{"file", file}, {"line", std::to_string(line)}, {"detail", detail}});
}

std::string Scalar(const YAML::Node& n, const char* key) {
  const auto v = n[key];
  return v && v.IsScalar() ? v.as<std::string>() : std::string();
}

std::optional<double> Number(const YAML::Node& n, const char* key) {
  const auto v = n[key];
  if (!v || !v.IsScalar()) return std::nullopt;
  try {
    return v.as<double>();
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

void RejectUnknownKeys(const YAML::Node& n, std::initializer_list<std::string_view> known,
                       std::vector<FieldError>& problems) {
  for (const auto& kv : n) {
    const auto key = kv.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) == known.end()) problems.push_back({"unknown_field", key, {}});
  }
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

}  // namespace

std::vector<std::string> CsvRecord(const std::string& text, size_t& pos, int& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
        fields.back() += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++pos;
      ++line;
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument, "file_error", "", {{"file", path}, {"detail", "cannot open"}}));
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Error FileSyntaxError(const std::string& file, int line, std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "file_syntax", "",
                     {{"file", file}, {"line", std::to_string(line)}, {"detail", std::move(detail)}});
}

// Data files are UTF-8 text: a registry a spreadsheet program saved as GBK would otherwise be
// stored as names that no client can read and that break every JSON answer quoting them.
std::optional<Error> NotUtf8(const std::string& text, const std::string& file) {
  const size_t at = InvalidUtf8At(text);
  if (at == std::string::npos) return std::nullopt;
  return FileSyntaxError(file, LineAt(text, at),
                         "not UTF-8 text (byte " + std::to_string(at + 1) + "); save the file as UTF-8");
}

Result<std::vector<Region>> ParseRegionsYaml(const std::string& text, const std::string& file) {
  if (auto e = NotUtf8(text, file)) return Fail(*e);
  try {
    const YAML::Node root = YAML::Load(text);
    const YAML::Node list = root["regions"];
    if (!list || !list.IsSequence()) return Fail(FileSyntaxError(file, 1, "missing list 'regions'"));
    std::vector<Region> out;
    for (const auto& n : list) {
      const int line = n.Mark().line + 1;
      std::vector<FieldError> problems;
      RejectUnknownKeys(n, {"code", "name", "level", "parent", "aliases", "lat", "lon"}, problems);
      Region r;
      r.code = Scalar(n, "code");
      r.name = Scalar(n, "name");
      r.parent = Scalar(n, "parent");
      auto level = ParseLevel(Scalar(n, "level"));
      if (!level || *level == Level::kCentre)
        problems.push_back(
            {"invalid_value", "level", {{"value", Scalar(n, "level")}, {"allowed", "region, city, county"}}});
      else
        r.level = *level;
      if (n["aliases"]) {
        for (const auto& a : n["aliases"]) r.aliases.push_back(a.as<std::string>());
      }
      r.lat = Number(n, "lat");
      r.lon = Number(n, "lon");
      if (!problems.empty()) return Fail(RowError(file, line, problems));
      out.push_back(std::move(r));
    }
    return out;
  } catch (const YAML::Exception& e) {
    return Fail(FileSyntaxError(file, e.mark.line + 1, e.msg));
  }
}

Result<RegionTree> LoadGazetteerFile(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text) return Fail(text.error());
  auto regions = ParseRegionsYaml(*text, path);
  if (!regions) return Fail(regions.error());
  return RegionTree::Build(std::move(*regions));
}

Result<std::vector<Unit>> ParseUnitsYaml(const std::string& text, const std::string& file, const RegionTree& regions) {
  if (auto e = NotUtf8(text, file)) return Fail(*e);
  try {
    const YAML::Node root = YAML::Load(text);
    const YAML::Node list = root["units"];
    if (!list || !list.IsSequence()) return Fail(FileSyntaxError(file, 1, "missing list 'units'"));
    std::vector<Unit> out;
    for (const auto& n : list) {
      const int line = n.Mark().line + 1;
      std::vector<FieldError> problems;
      RejectUnknownKeys(n, {"id", "name", "kind", "region", "level", "direct", "perspectives", "contact"}, problems);
      Unit u;
      u.id = Scalar(n, "id");
      u.name = Scalar(n, "name");
      u.kind = Scalar(n, "kind");
      u.region = Scalar(n, "region");
      auto level = ParseLevel(Scalar(n, "level"));
      if (!level)
        problems.push_back(
            {"invalid_value", "level", {{"value", Scalar(n, "level")}, {"allowed", "county, city, region"}}});
      else
        u.level = *level;
      u.direct = n["direct"] && n["direct"].as<bool>();
      if (n["perspectives"]) {
        for (const auto& p : n["perspectives"]) u.perspectives.push_back(p.as<std::string>());
      }
      if (const auto c = n["contact"]) {
        u.contact_name = Scalar(c, "name");
        u.contact_phone = Scalar(c, "phone");
      }
      for (auto& p : ValidateUnit(u, regions)) problems.push_back(std::move(p));
      if (!problems.empty()) return Fail(RowError(file, line, problems));
      out.push_back(std::move(u));
    }
    return out;
  } catch (const YAML::Exception& e) {
    return Fail(FileSyntaxError(file, e.mark.line + 1, e.msg));
  }
}

Result<std::vector<Unit>> ParseUnitsCsv(const std::string& text, const std::string& file, const RegionTree& regions) {
  static const std::vector<std::string> kHeader{"id",     "name",         "kind",         "region",       "level",
                                                "direct", "perspectives", "contact_name", "contact_phone"};
  if (auto e = NotUtf8(text, file)) return Fail(*e);
  size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;  // a UTF-8 BOM from spreadsheet programs
  int line = 1;
  if (CsvRecord(text, pos, line) != kHeader) {
    return Fail(FileSyntaxError(
        file, 1, "header must be: id,name,kind,region,level,direct,perspectives,contact_name,contact_phone"));
  }
  std::vector<Unit> out;
  while (pos < text.size()) {
    const int row_line = line;
    auto f = CsvRecord(text, pos, line);
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    if (f.size() != kHeader.size()) {
      return Fail(FileSyntaxError(file, row_line, std::to_string(f.size()) + " fields, expected 9"));
    }
    std::vector<FieldError> problems;
    Unit u{f[0], f[1], f[2], f[3]};
    auto level = ParseLevel(f[4]);
    if (!level)
      problems.push_back({"invalid_value", "level", {{"value", f[4]}, {"allowed", "county, city, region"}}});
    else
      u.level = *level;
    if (f[5] != "true" && f[5] != "false") {
      problems.push_back({"invalid_value", "direct", {{"value", f[5]}, {"allowed", "true, false"}}});
    }
    u.direct = f[5] == "true";
    u.perspectives = Split(f[6], ';');
    u.contact_name = f[7];
    u.contact_phone = f[8];
    for (auto& p : ValidateUnit(u, regions)) problems.push_back(std::move(p));
    if (!problems.empty()) return Fail(RowError(file, row_line, problems));
    out.push_back(std::move(u));
  }
  return out;
}

Result<std::vector<Unit>> LoadUnitsFile(const std::string& path, const RegionTree& regions) {
  auto text = ReadTextFile(path);
  if (!text) return Fail(text.error());
  const bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  return csv ? ParseUnitsCsv(*text, path, regions) : ParseUnitsYaml(*text, path, regions);
}

json::value YamlToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      json::object o;
      for (const auto& kv : n) o[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      json::array a;
      for (const auto& item : n) a.push_back(YamlToJson(item));
      return a;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") return json::value(s);  // quoted
      if (s == "null" || s == "~") return nullptr;
      if (s == "true") return true;
      if (s == "false") return false;
      boost::system::error_code ec;
      auto v = json::parse(s, ec);
      if (!ec && v.is_number()) return v;
      return json::value(s);
    }
    default:
      return nullptr;
  }
}

}  // namespace shaobing
