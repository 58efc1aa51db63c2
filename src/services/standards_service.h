#pragma once
// The reporting standard in service: catalogue versions (kept in the store, immutable,
// audited), the current one, and judging events with the version in force.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/thread_annotations.h"
#include "services/directory.h"
#include "standards/catalogue.h"
#include "standards/evaluator.h"
#include "standards/obligations.h"
#include "standards/report_clocks.h"
#include "store/store.h"

namespace shaobing {

class StandardsService {
 public:
  explicit StandardsService(Store& store) : store_(store) {}

  // Compiles every stored version, the last one current. Returns false when the store holds
  // none (a first start: the composition root then publishes the default catalogue).
  Result<bool> Load();

  std::shared_ptr<const Catalogue> Current() const;
  std::shared_ptr<const Catalogue> ByVersion(std::string_view version) const;  // nullptr when unknown
  Result<std::vector<CatalogueRecord>> History() { return store_.ListCatalogues(); }
  std::string CurrentYaml() const;

  // Validates `yaml` strictly; stores it as a new version (audited) and makes it current.
  // kInvalidArgument "catalogue_invalid" (with the loader's message) or kConflict
  // "already_exists" when the version was published before.
  Result<std::shared_ptr<const Catalogue>> Publish(const std::string& yaml, std::string_view actor);

 private:
  Store& store_;
  mutable Mutex mu_;
  std::map<std::string, std::shared_ptr<const Catalogue>, std::less<>> versions_ GUARDED_BY(mu_);
  std::shared_ptr<const Catalogue> current_ GUARDED_BY(mu_);
  std::string current_yaml_ GUARDED_BY(mu_);
};

// The facts of an event as its reports tell them now: the opening unit's identity fields,
// the consensus of its sources' figures (EventConsensus, with the desk's rulings), every
// sensitive code any report gave, and all their text; then the desk's adjustments in order
// (a confirmed factor counts as given, a dismissed one never counts, the later adjustment of
// a code wins).
EventFacts FactsOfEvent(const EventRow& event, const std::vector<Report>& reports, const DirectorySnapshot& dir,
                        const std::vector<SensitiveAdjustment>& adjustments = {},
                        const std::vector<FigureResolution>& resolutions = {});

// An event's judgements replayed from its reports and stored evaluation records (each with
// the catalogue version that made it), and the obligations and escalations that follow.
struct EventJudgement {
  std::optional<Evaluation> latest;
  ObligationPlan plan;
  // Every judgement's time, consensus figures and follow-up terms, in time order (the clocks'
  // follow-ups after a change: standards/report_clocks.h).
  std::vector<JudgedMoment> moments;
};
// Each adjustment and each figure resolution is a judgement moment of its own, by the
// version of the judgement before it.
EventJudgement JudgeEvent(const EventRow& event, const std::vector<Report>& reports,
                          const std::vector<EvaluationRecord>& records,
                          const std::vector<SensitiveAdjustment>& adjustments, const StandardsService& standards,
                          const DirectorySnapshot& dir, const std::vector<FigureResolution>& resolutions = {});

}  // namespace shaobing
