#include "fusion/consensus.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace shaobing::fusion {

const char* ConsensusRuleCode(ConsensusRule r) {
  switch (r) {
    case ConsensusRule::kAuthority:
      return "authority";
    case ConsensusRule::kMaxOfLatest:
      return "max_of_latest";
    case ConsensusRule::kLatest:
      return "latest";
    case ConsensusRule::kDesk:
      return "desk";
  }
  return "latest";
}

std::string_view AuthorityFor(Figure f) {
  switch (f) {
    case Figure::kDeaths:
    case Figure::kSeriousInjuries:
    case Figure::kInjuries:
    case Figure::kPoisoned:
      return "health";
    case Figure::kEvacuated:
      return "ecology_environment";
    case Figure::kParticipants:
    case Figure::kOnlookers:
      return "party_office";
    default:
      return "";
  }
}

const FigureConsensus* Consensus::Find(Figure f) const {
  for (const FigureConsensus& c : figures) {
    if (c.figure == f) return &c;
  }
  return nullptr;
}

Consensus BuildConsensus(const std::vector<SourcedReport>& reports, const ConsensusOptions& options) {
  std::vector<const SourcedReport*> ordered;
  ordered.reserve(reports.size());
  for (const SourcedReport& r : reports) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->at < b->at; });

  Consensus out;
  for (const FigureInfo& info : AllFigures()) {
    FigureConsensus c{info.figure, {}, ConsensusRule::kLatest, {}};
    std::map<std::string, FigureValue> latest;  // per unit
    for (const SourcedReport* r : ordered) {
      const auto v = r->draft.figures.Get(info.figure);
      if (!v) continue;
      FigureValue fv{*v, r->unit, r->unit_name, r->unit_kind, r->at};
      c.history.push_back(fv);
      latest[r->unit] = fv;
    }
    if (c.history.empty()) continue;
    const std::string_view authority = AuthorityFor(info.figure);
    const FigureValue* chosen = nullptr;
    for (const FigureValue& v : c.history) {
      if (!authority.empty() && v.unit_kind == authority) chosen = &v;  // latest wins
    }
    if (chosen) {
      c.rule = ConsensusRule::kAuthority;
      c.value = *chosen;
    } else if (info.figure == Figure::kDeaths || info.figure == Figure::kMissing) {
      c.rule = ConsensusRule::kMaxOfLatest;
      for (const auto& [unit, v] : latest) {
        if (!chosen || v.value > chosen->value || (v.value == chosen->value && v.at > chosen->at)) chosen = &v;
      }
      c.value = *chosen;
    } else {
      c.rule = ConsensusRule::kLatest;
      c.value = c.history.back();
    }
    const bool people = info.figure == Figure::kDeaths || info.figure == Figure::kMissing;
    for (const auto& [unit, v] : latest) {
      if (unit == c.value.unit) continue;
      const double allowed = people ? options.absolute_people
                                    : std::max(options.absolute, options.relative * std::max(v.value, c.value.value));
      if (std::abs(v.value - c.value.value) <= allowed) continue;
      if (v.at + options.stale_after < c.value.at) continue;
      out.conflicts.push_back({info.figure, c.value, v});
    }
    out.figures.push_back(std::move(c));
  }
  return out;
}

}  // namespace shaobing::fusion
