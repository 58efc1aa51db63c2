#include "services/link_index.h"

#include <boost/json.hpp>
#include <cmath>

namespace shaobing {
namespace json = boost::json;

LinkIndex::LinkIndex(Store& store, Directory& directory, Millis window)
    : store_(store),
      window_(window),
      dir_(directory.Get()),
      reader_(std::make_unique<const fusion::Linker>(dir_->regions)) {}

std::shared_ptr<const fusion::Linker::ReportText> LinkIndex::Read(const ReportDraft& report) const {
  return std::make_shared<const fusion::Linker::ReportText>(reader_->Read(report));
}

Status LinkIndex::Rebuild(TimePoint now) {
  MutexLock lock(mu_);
  return RebuildLocked(now);
}

// An empty index first: when the store cannot be read, reports open events (the desk merges).
Status LinkIndex::RebuildLocked(TimePoint now) {
  linker_ = std::make_unique<fusion::Linker>(dir_->regions);
  stale_ = false;
  auto reports = store_.ReportsReceivedSince(now - window_);
  if (!reports) return Fail(reports.error());
  for (const Report& r : *reports) linker_->Add(r.event_id, r.draft, r.received_at);
  return {};
}

void LinkIndex::MarkStale() {
  MutexLock lock(mu_);
  stale_ = true;
}

fusion::Decision LinkIndex::Decide(const ReportDraft& report, TimePoint arrival,
                                   const fusion::Linker::ReportText* text) {
  MutexLock lock(mu_);
  if (stale_ || !linker_) (void)RebuildLocked(arrival);
  return linker_->Decide(report, arrival, text);
}

void LinkIndex::Add(EventId event, const ReportDraft& report, TimePoint arrival,
                    const fusion::Linker::ReportText* text) {
  MutexLock lock(mu_);
  if (linker_ && !stale_) linker_->Add(event, report, arrival, text);
}

void LinkIndex::Reset(const std::vector<EventId>& events, const std::vector<Report>& reports) {
  MutexLock lock(mu_);
  if (!linker_ || stale_) return;
  for (EventId e : events) linker_->Remove(e);
  for (const Report& r : reports) linker_->Add(r.event_id, r.draft, r.received_at);
}

std::string EvidenceJson(const fusion::Decision& d) {
  const auto& p = d.evidence;
  auto round = [](double x) { return std::round(x * 1000) / 1000; };
  json::array shared;
  for (const auto& e : p.shared_entities) shared.emplace_back(e);
  json::array runners;
  for (const auto& c : d.runners_up)
    runners.push_back(json::object{{"event_id", c.event}, {"total", round(c.parts.total)}});
  json::object out{
      {"total", round(p.total)},
      {"parts", json::object{{"text", round(p.text)},
                             {"entities", round(p.entities)},
                             {"place", round(p.place)},
                             {"time", round(p.time)},
                             {"category", round(p.category)},
                             {"figures", round(p.figures)},
                             {"series", round(p.series)}}},
      {"shared_entities", std::move(shared)},
      {"runners_up", std::move(runners)},
      {"candidates", d.candidates},
  };
  return json::serialize(out);
}

}  // namespace shaobing
