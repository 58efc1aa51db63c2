#pragma once
// JSON views of consultations (会商): as the event view carries them and as the consultation
// routes answer. Pure.
#include <boost/json/object.hpp>
#include <vector>

#include "core/directory_snapshot.h"
#include "i18n/messages.h"
#include "services/consultation_service.h"
#include "standards/consultation_clocks.h"

namespace shaobing::views {

// {"id","event_id","question","deadline","opened_by","opened_region","opened_at","state":
//  "open"|"decided","invitees":[{"kind","id","name","clock":{state,due_at,since}}],"answers":[…],
//  "decision":{…}|null,"decision_clock":{…}}; `clocks` may hold other consultations' clocks.
boost::json::object ConsultationJson(const Consultation& c, const std::vector<ConsultationClock>& clocks,
                                     const DirectorySnapshot& dir, i18n::Locale locale);

// The consultation with the event's facts an invitee needs to answer (title, category, place,
// occurrence, grade) and what the caller may do: "answering_as", "may_answer", "may_decide".
boost::json::object ConsultationViewJson(const ConsultationView& v, TimePoint now, const DirectorySnapshot& dir,
                                         i18n::Locale locale);

}  // namespace shaobing::views
