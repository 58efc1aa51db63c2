// Feeds: the two files of `shaobing eval link` — a truth file ({"id","event"} per line) and an
// evaluation reports file (a report per line with "id", "unit_kind", "reported_at") — to
// simulate::EvalLinkText, which parses both, links the reports and scores the result. The
// input is the truth file, a form feed (\f), then the reports file; without a form feed it is
// the reports file with an empty truth file.
// Asserts: no crash, leak, hang or undefined behaviour; a refusal is a client error naming a
// file and line; the scores of an accepted pair of files are numbers in [0, 1].
#include <cmath>
#include <cstdint>

#include "fuzz_support.h"
#include "simulate/eval_link.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  shaobing::fuzz::Gazetteer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  const std::string_view input = fuzz::Text(data, size);
  const size_t split = input.find('\f');
  const std::string_view truth = split == std::string_view::npos ? std::string_view() : input.substr(0, split);
  const std::string_view reports = split == std::string_view::npos ? input : input.substr(split + 1);
  auto result = simulate::EvalLinkText(reports, "reports.ndjson", truth, "truth.ndjson", fuzz::Gazetteer());
  if (!result) {
    fuzz::CheckInputError(result.error());
    return 0;
  }
  for (const char* key : {"pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_f1"}) {
    const double score = result->at(key).to_number<double>();
    FUZZ_CHECK(std::isfinite(score) && score >= 0 && score <= 1 + 1e-9, "a score lies in [0, 1]");
  }
  return 0;
}
