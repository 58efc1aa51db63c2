#include "standards/evaluation_json.h"

#include <boost/json/array.hpp>

namespace shaobing {
namespace {

boost::json::array Strings(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

}  // namespace

boost::json::object EvaluationToJson(const Evaluation& e) {
  boost::json::object out;
  out["grade"] = e.grade ? boost::json::value(GradeCode(*e.grade)) : boost::json::value(nullptr);
  out["report_to"] = e.report_to ? boost::json::value(LevelCode(*e.report_to)) : boost::json::value(nullptr);
  boost::json::array deadlines;
  for (const auto& d : e.deadlines) {
    deadlines.emplace_back(boost::json::object{
        {"level", LevelCode(d.level)}, {"channel", ChannelCode(d.channel)}, {"minutes", d.minutes}});
  }
  out["deadlines"] = std::move(deadlines);
  boost::json::array tags;
  for (const auto& t : e.tags) {
    tags.emplace_back(boost::json::object{{"rule", t.rule}, {"label", t.label}, {"matched", Strings(t.matched)}});
  }
  out["tags"] = std::move(tags);
  boost::json::array sensitive;
  for (const auto& s : e.sensitive) {
    sensitive.emplace_back(boost::json::object{{"kind", SensitiveKindCode(s.kind)},
                                               {"code", s.code},
                                               {"label", s.label},
                                               {"via", SensitiveViaCode(s.via)},
                                               {"words", Strings(s.words)}});
  }
  out["sensitive"] = std::move(sensitive);
  out["consultation"] = e.consultation;
  out["catalogue_version"] = e.catalogue_version;
  out["explanation"] = e.explanation;
  return out;
}

}  // namespace shaobing
