#pragma once
// Sensitive-factor detection (internal): the report's codes, the calendar, geofences, the text
// (lexicon words, crowd and duration figures) and the duration/crowd thresholds.
#include <vector>

#include "standards/evaluator.h"
#include "standards/program.h"

namespace shaobing::standards_internal {

// Sets the bit of every factor found in `bits` and appends one SensitiveMatch per factor
// (a factor found several ways keeps its first source and gathers all the evidence).
void DetectSensitive(const SensitiveProgram& program, const EventFacts& facts, bool detect_text, SensitiveBits* bits,
                     std::vector<SensitiveMatch>* out);

}  // namespace shaobing::standards_internal
