#pragma once
// Shared by evaluator.cc and explain.cc (internal).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "standards/evaluator.h"
#include "standards/program.h"

namespace shaobing::standards_internal {

struct EvalContext {
  const Catalogue* catalogue = nullptr;
  const Program* program = nullptr;
  const EventFacts* facts = nullptr;
  size_t category_slot = 0;
  bool has_time = false;
  double occurred_ms = 0;
  SensitiveBits bits;
};

// Whether the event's region is `code` or lies below it (see EventFacts::region_lineage).
bool RegionWithin(const EventFacts& facts, std::string_view code);

// Whether the condition node holds for the facts.
bool Test(const EvalContext& c, std::uint32_t node);

// Appends one line per true comparison under `node` (which must hold), with its value.
// The bit a match sets: its factor's, or its kind's "other" bit (thresholds by their code).
std::uint16_t BitOfMatch(const SensitiveProgram& p, const SensitiveMatch& m);

void CollectMatched(const EvalContext& c, std::uint32_t node, const std::vector<SensitiveMatch>& sensitive,
                    std::vector<std::string>* out);

// The explanation paragraph of `out` (its other fields complete); `rules` are the matched
// rule indices, in the order of out->tags.
void Explain(const EvalContext& c, std::span<const std::uint16_t> rules, Evaluation* out);

}  // namespace shaobing::standards_internal
