#pragma once
// JSON of an evaluation: the `shaobing classify` output of CONTRACTS.md §3 (`grade`,
// `report_to`, `deadlines`, `tags`, `sensitive`, `consultation`) plus `catalogue_version` and
// `explanation`. Each tag is {rule, label, matched}; each sensitive factor
// {kind, code, label, via, words}.
#include <boost/json/object.hpp>

#include "standards/evaluator.h"

namespace shaobing {

boost::json::object EvaluationToJson(const Evaluation& evaluation);

}  // namespace shaobing
