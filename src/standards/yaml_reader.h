#pragma once
// Strict reading of YAML nodes for the catalogue loader (internal). The first problem wins:
// after a failure every call returns false and the error is kept for the caller.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "standards/catalogue.h"

namespace shaobing::standards_internal {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  bool ok() const { return !error_.has_value(); }
  Error TakeError() { return std::move(*error_); }
  const std::string& file() const { return file_; }

  // 1-based line of a node; `fallback` when the node has no position.
  static int Line(const YAML::Node& node, int fallback = 0);
  // "\"text\"" for scalars, else "列表" / "映射" / "空值".
  static std::string Describe(const YAML::Node& node);

  // Records the first error; always returns false.
  bool Fail(int line, std::string_view reason, std::string where, std::string value, std::vector<ErrorArg> extra = {});

  // `node` (the value of `key` in `where`) must be a map whose keys are all in `allowed`, each
  // at most once, with every key of `required`.
  bool Map(const YAML::Node& node, const std::string& where, std::string_view key,
           std::initializer_list<std::string_view> allowed, std::initializer_list<std::string_view> required = {});
  // `node` must be a sequence (an empty one when `allow_empty`).
  bool Seq(const YAML::Node& node, const std::string& where, std::string_view key, bool allow_empty = false);

  // Typed reads of a scalar value. `key` names it in messages.
  bool Str(const YAML::Node& node, const std::string& where, std::string_view key, std::string* out,
           bool allow_empty = false);
  bool Num(const YAML::Node& node, const std::string& where, std::string_view key, double* out);
  bool Int(const YAML::Node& node, const std::string& where, std::string_view key, int* out);
  bool Flag(const YAML::Node& node, const std::string& where, std::string_view key, bool* out);
  bool Day(const YAML::Node& node, const std::string& where, std::string_view key, Date* out);
  // A scalar or a sequence of scalars.
  bool Strs(const YAML::Node& node, const std::string& where, std::string_view key, std::vector<std::string>* out,
            bool allow_empty = false);
  // Enumerations: the error reason names the kind of bad value.
  bool LevelOf(const YAML::Node& node, const std::string& where, Level* out);
  bool GradeOf(const YAML::Node& node, const std::string& where, Grade* out);
  bool FigureOf(const YAML::Node& node, const std::string& where, Figure* out);
  bool ChannelOf(const YAML::Node& node, const std::string& where, Channel* out);

 private:
  bool Scalar(const YAML::Node& node, const std::string& where, std::string_view key, std::string_view expected);

  std::string file_;
  std::optional<Error> error_;
};

// Parses "YYYY-MM-DD".
std::optional<Date> ParseDate(std::string_view text);

// Parts of the loader split by topic (catalogue_loader.cc, sensitive_loader.cc, follow_up_loader.cc).
bool ReadSensitive(YamlReader& r, const YAML::Node& node, SensitivePolicy* out);
bool ReadFollowUps(YamlReader& r, const YAML::Node& node, FollowUpPolicy* out);  // follow_up_loader.cc
bool ReadDeadlineLevels(YamlReader& r, const YAML::Node& node, const std::string& where,
                        std::vector<DeadlineEntry>* out);

}  // namespace shaobing::standards_internal
