#pragma once
// The linker's in-memory index of recent events (B3), kept in step with the store. It lives
// on the store's writer: report jobs decide and record inside their transaction, the desk's
// merges and splits rebuild the events they touch, and a failed commit makes the index stale
// so that the next use rebuilds it from what is durable. Thread-safe (one mutex; the writer
// is its only regular user).
#include <memory>
#include <optional>

#include "core/thread_annotations.h"
#include "fusion/linker.h"
#include "services/directory.h"
#include "store/store.h"

namespace shaobing {

class LinkIndex {
 public:
  // `window`: how far back (by receipt) reports are indexed on rebuild.
  LinkIndex(Store& store, Directory& directory, Millis window = Millis(14LL * 24 * 3'600'000));

  // Loads the reports received within the window before `now`.
  Status Rebuild(TimePoint now);
  void MarkStale();

  // What linking reads from a report, computed on the caller's thread (any thread, no lock):
  // the text work stays off the store's writer.
  std::shared_ptr<const fusion::Linker::ReportText> Read(const ReportDraft& report) const;

  // Where a first report without event_id belongs (kNamed for one that names its event).
  fusion::Decision Decide(const ReportDraft& report, TimePoint arrival,
                          const fusion::Linker::ReportText* text = nullptr);
  // Records an accepted report of root event `event`.
  void Add(EventId event, const ReportDraft& report, TimePoint arrival,
           const fusion::Linker::ReportText* text = nullptr);
  // Replaces what the index knows of `events` by `reports` (each with its root in event_id).
  void Reset(const std::vector<EventId>& events, const std::vector<Report>& reports);

 private:
  Status RebuildLocked(TimePoint now) REQUIRES(mu_);
  Store& store_;
  Millis window_;
  Mutex mu_;
  // The region tree both linkers use (regions are bootstrapped once; imports change units).
  const std::shared_ptr<const DirectorySnapshot> dir_;
  const std::unique_ptr<const fusion::Linker> reader_;  // an empty linker used only to Read()
  std::unique_ptr<fusion::Linker> linker_ GUARDED_BY(mu_);
  bool stale_ GUARDED_BY(mu_) = true;
};

// The decision's evidence as stored with it and shown to the desk:
// {"total","parts":{text,entities,place,time,category,figures,series},"shared_entities",
//  "runners_up":[{"event_id","total"}],"candidates"}.
std::string EvidenceJson(const fusion::Decision& d);

}  // namespace shaobing
