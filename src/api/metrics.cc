#include "api/metrics.h"

#include <cstdio>

namespace shaobing::api {

namespace {

// The method as a label: one of a fixed set, so that no request can add a series of its own.
std::string_view MethodLabel(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return known;
  }
  return "other";
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void Header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void Sample(std::string& out, std::string_view name, const std::string& value) {
  out.append(name).append(" ").append(value).append("\n");
}

// The samples of one histogram series; `labels` ("" or `a="b",c="d"`) go before `le`.
template <size_t N>
void HistogramSamples(std::string& out, std::string_view name, const std::string& labels, const BucketCounts<N>& h) {
  const std::string base(name);
  const std::string before_le = labels.empty() ? "" : labels + ",";
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  auto bucket = [&](const std::string& le, std::uint64_t count) {
    out.append(base).append("_bucket{").append(before_le).append("le=\"").append(le).append("\"} ");
    out.append(std::to_string(count)).append("\n");
  };
  for (size_t i = 0; i < N; ++i) bucket(Number(h.bounds[i]), h.at_or_below[i]);
  bucket("+Inf", h.count);
  Sample(out, base + "_sum" + braces, Number(h.sum));
  Sample(out, base + "_count" + braces, std::to_string(h.count));
}

template <size_t N>
void RenderHistogram(std::string& out, std::string_view name, std::string_view help, const BucketCounts<N>& h) {
  Header(out, name, "histogram", help);
  HistogramSamples(out, name, "", h);
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status, double seconds) {
  const std::string r = route.empty() ? "unmatched" : route;
  const std::string labels =
      "method=\"" + std::string(MethodLabel(method)) + "\",route=\"" + EscapeLabelValue(r) + "\"";
  MutexLock lock(mu_);
  ++requests_[labels + ",status=\"" + std::to_string(status) + "\""];
  latency_.try_emplace(labels, BucketCounts<kSecondsBounds.size()>{kSecondsBounds}).first->second.Observe(seconds);
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP shaobing_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE shaobing_http_requests_total counter\n";
  MutexLock lock(mu_);
  for (const auto& [labels, n] : requests_)
    out += "shaobing_http_requests_total{" + labels + "} " + std::to_string(n) + "\n";
  Header(out, "shaobing_http_request_duration_seconds", "histogram", "Time from request read to response queued.");
  for (const auto& [labels, h] : latency_) HistogramSamples(out, "shaobing_http_request_duration_seconds", labels, h);
  out += "# HELP shaobing_reports_accepted_total Reports accepted and durably stored.\n";
  out += "# TYPE shaobing_reports_accepted_total counter\n";
  out += "shaobing_reports_accepted_total " + std::to_string(reports_accepted_.load()) + "\n";
  out += "# HELP shaobing_reports_rejected_total Reports refused with a 4xx.\n";
  out += "# TYPE shaobing_reports_rejected_total counter\n";
  out += "shaobing_reports_rejected_total " + std::to_string(reports_rejected_.load()) + "\n";
  return out;
}

std::string Metrics::RenderLimits(size_t open_streams) const {
  std::string out;
  out += "# HELP shaobing_http_connections_refused_total Connections answered 503 at max_connections(_per_address).\n";
  out += "# TYPE shaobing_http_connections_refused_total counter\n";
  out += "shaobing_http_connections_refused_total " + std::to_string(connections_refused_.load()) + "\n";
  out += "# HELP shaobing_live_streams_open Open live streams (GET /api/v1/stream).\n";
  out += "# TYPE shaobing_live_streams_open gauge\n";
  out += "shaobing_live_streams_open " + std::to_string(open_streams) + "\n";
  out += "# HELP shaobing_live_streams_closed_slow_total Live streams closed because their reader fell behind.\n";
  out += "# TYPE shaobing_live_streams_closed_slow_total counter\n";
  out += "shaobing_live_streams_closed_slow_total " + std::to_string(streams_closed_slow_.load()) + "\n";
  return out;
}

std::string Metrics::RenderStore(const StoreStats& stats) {
  std::string out;
  Header(out, "shaobing_store_queue_depth", "gauge", "Write jobs submitted and not yet taken into a batch.");
  Sample(out, "shaobing_store_queue_depth", std::to_string(stats.queue_depth));
  Header(out, "shaobing_store_anchor_waiting", "gauge", "Committed batches waiting for the audit anchor.");
  Sample(out, "shaobing_store_anchor_waiting", std::to_string(stats.anchor_waiting));
  Header(out, "shaobing_store_commits_total", "counter", "Write batches committed (one fsync each).");
  Sample(out, "shaobing_store_commits_total", std::to_string(stats.commits));
  Header(out, "shaobing_store_jobs_total", "counter", "Write jobs in the committed batches.");
  Sample(out, "shaobing_store_jobs_total", std::to_string(stats.jobs));
  Header(out, "shaobing_store_writer_busy_seconds_total", "counter",
         "Time the store's writer spent running batches; its rate is the writer's utilisation.");
  Sample(out, "shaobing_store_writer_busy_seconds_total", Number(stats.writer_busy_seconds));
  RenderHistogram(out, "shaobing_store_batch_size", "Jobs per committed batch.", stats.batch_size);
  RenderHistogram(out, "shaobing_store_commit_duration_seconds", "From BEGIN to the durable COMMIT of a batch.",
                  stats.commit_seconds);
  return out;
}

}  // namespace shaobing::api
