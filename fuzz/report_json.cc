// Feeds: one report as JSON (CONTRACTS.md §1) to ParseReport, checked against the gazetteer
// data/regions/ningxia.yaml, in the three ways outside input reaches it: the API
// (require_fields on: POST /api/v1/reports, `shaobing report submit`), a dry run of the
// standard (require_fields off: POST /api/v1/standards/evaluate, `shaobing classify`) and an
// evaluation file line (`shaobing eval link`).
// Asserts: no crash, leak or undefined behaviour; a refusal is a client error that renders;
// and a draft that parses serialises (DraftToJson) to JSON that parses again, in the same mode,
// to an equal draft — what the store writes back and the evaluation files hold.
#include "core/report_json.h"

#include <boost/json/serialize.hpp>
#include <cstdint>

#include "fuzz_support.h"

namespace shaobing::fuzz {
namespace {

bool SameDraft(const ReportDraft& a, const ReportDraft& b) {
  return a.kind == b.kind && a.event_id == b.event_id && a.unit == b.unit && a.channel == b.channel &&
         a.reported_at == b.reported_at && a.category == b.category && a.title == b.title &&
         a.occurred_at == b.occurred_at && a.location.region == b.location.region &&
         a.location.address == b.location.address && a.location.lat == b.location.lat &&
         a.location.lon == b.location.lon && a.parties == b.parties && a.description == b.description &&
         a.cause == b.cause && a.measures == b.measures && a.figures == b.figures && a.sensitive == b.sensitive &&
         a.supersedes == b.supersedes && a.external_id == b.external_id && a.unit_kind == b.unit_kind;
}

void ParseAndRoundTrip(std::string_view text, const ReportParseOptions& options) {
  auto draft = ParseReport(text, Gazetteer(), options);
  if (!draft) return CheckInputError(draft.error());
  boost::json::object json = DraftToJson(*draft);
  if (options.evaluation_file) {  // as simulate::ReportsNdjson writes a line
    json["id"] = draft->external_id;
    json["unit_kind"] = draft->unit_kind;
  }
  const std::string again_text = boost::json::serialize(json);
  auto again = ParseReport(again_text, Gazetteer(), options);
  if (!again) {
    std::fprintf(stderr, "serialised draft: %s\nrefused: %s (%s)\n", again_text.c_str(), again.error().reason.c_str(),
                 again.error().field.c_str());
  }
  FUZZ_CHECK(again.has_value(), "a parsed draft serialises to a report that parses");
  if (!SameDraft(*draft, *again)) std::fprintf(stderr, "serialised draft: %s\n", again_text.c_str());
  FUZZ_CHECK(SameDraft(*draft, *again), "a parsed draft survives DraftToJson and ParseReport unchanged");
}

}  // namespace
}  // namespace shaobing::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  shaobing::fuzz::Gazetteer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  const auto text = fuzz::Text(data, size);
  fuzz::ParseAndRoundTrip(text, {});
  fuzz::ParseAndRoundTrip(text, {.require_fields = false});
  fuzz::ParseAndRoundTrip(text, {.evaluation_file = true, .require_fields = false});
  return 0;
}
