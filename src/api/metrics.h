#pragma once
// Prometheus counters and histograms of the service, rendered in the text format.
#include <array>
#include <atomic>
#include <map>
#include <string>
#include <string_view>

#include "core/bucket_counts.h"
#include "core/thread_annotations.h"
#include "store/store_stats.h"

namespace shaobing::api {

// A label value in the Prometheus text format: backslash, double quote and newline escaped.
std::string EscapeLabelValue(std::string_view value);

// Request series are labelled by route template (the router's pattern, "static" for the web
// app's files, "unmatched" for anything else) and by a method from a fixed set, so that the
// number of series is bounded by the routes, whatever clients send.
class Metrics {
 public:
  void ObserveRequest(const std::string& method, const std::string& route, int status, double seconds);
  void ReportAccepted() { ++reports_accepted_; }
  void ReportRejected() { ++reports_rejected_; }
  std::string Render() const;

  // Limits (http_server.h, live_streams.h).
  void ConnectionRefused() { ++connections_refused_; }
  void StreamClosedSlow() { ++streams_closed_slow_; }
  // Their counters and the gauge of open live streams, in the text format (after Render()).
  std::string RenderLimits(size_t open_streams) const;
  // The store's writer (store/store_stats.h), in the text format.
  static std::string RenderStore(const StoreStats& stats);

 private:
  mutable Mutex mu_;
  std::map<std::string, std::uint64_t> requests_ GUARDED_BY(mu_);                       // key: labels
  std::map<std::string, BucketCounts<kSecondsBounds.size()>> latency_ GUARDED_BY(mu_);  // key: labels
  std::atomic<std::uint64_t> reports_accepted_{0}, reports_rejected_{0};
  std::atomic<std::uint64_t> connections_refused_{0}, streams_closed_slow_{0};
};

}  // namespace shaobing::api
