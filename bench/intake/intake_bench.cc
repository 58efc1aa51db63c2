// bench/intake: sustained POSTs of first reports over keep-alive connections against the
// real server (HTTP on loopback, SQLite durable: WAL + synchronous=FULL, group commit),
// driven by wrk; then, in the same run, the same server without the audit anchor (no signed
// checkpoint and its fsync after each commit, store/audit_anchor.h), and the raw SQLite insert
// rate of the same rows with the same durability, and the ratios.
//
// usage: intake_bench [seconds=10] [connections=64] [--no-baseline]
#include <unistd.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <regex>

#include "app/app.h"
#include "raw_sqlite.h"
#include "testing/http_client.h"
#include "testing/process.h"
#include "testing/test_data.h"

namespace shaobing::bench {
namespace {

double ToMillis(const std::string& value, const std::string& unit) {
  const double v = std::stod(value);
  if (unit == "us") return v / 1000;
  if (unit == "s") return v * 1000;
  return v;
}

struct WrkResult {
  double rps = 0, p50_ms = 0, p99_ms = 0;
  long requests = 0, non2xx = 0;
};

WrkResult ParseWrk(const std::string& out) {
  WrkResult r;
  std::smatch m;
  if (std::regex_search(out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) r.rps = std::stod(m[1]);
  if (std::regex_search(out, m, std::regex(R"(\n\s*50%\s+([0-9.]+)(us|ms|s))"))) r.p50_ms = ToMillis(m[1], m[2]);
  if (std::regex_search(out, m, std::regex(R"(\n\s*99%\s+([0-9.]+)(us|ms|s))"))) r.p99_ms = ToMillis(m[1], m[2]);
  if (std::regex_search(out, m, std::regex(R"((\d+) requests in)"))) r.requests = std::stol(m[1]);
  if (std::regex_search(out, m, std::regex(R"(Non-2xx or 3xx responses:\s+(\d+))"))) r.non2xx = std::stol(m[1]);
  return r;
}

struct ServerRun {
  WrkResult wrk;
  double mean_batch = 1;
  long stored = -1;
};

// One server on a fresh data directory under sustained POSTs for `seconds`.
std::optional<ServerRun> RunServer(const std::filesystem::path& dir, bool anchored, int seconds, int connections,
                                   const std::string& body) {
  AppConfig config;
  config.data_dir = dir.string();
  config.files_dir = testing::SourceDir() + "/data";
  config.http.port = 0;
  config.http.access_log = false;
  config.http.threads = 2;
  config.audit_anchor.enabled = anchored;
  // One unit sends every report here: the per-unit limits (ReportLimits) would refuse all but
  // the first hour's few, and this measures intake, not the limiter.
  config.report_limits.per_unit_hour = std::numeric_limits<int>::max();
  config.report_limits.per_unit_event_hour = std::numeric_limits<int>::max();
  auto app = App::Build(config);
  if (!app) {
    std::cerr << "cannot build the app: " << app.error().reason << "\n";
    return std::nullopt;
  }
  if (!(*app)->auth().AddUser({"bench", "", "bench-password-123", "reporter", "640104-dw", ""}, "bench")) return {};
  if (!(*app)->Start()) return std::nullopt;
  const auto port = (*app)->port();
  testing::HttpClient client("127.0.0.1", port);
  if (client.Login("bench", "bench-password-123").status != 200) return std::nullopt;
  const std::string token(client.Login("bench", "bench-password-123").Json().at("token").as_string());

  const auto script = dir / "post.lua";
  std::ofstream(script) << "wrk.method = \"POST\"\nwrk.body = [==[" << body
                        << "]==]\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                        << "wrk.headers[\"Authorization\"] = \"Bearer " << token << "\"\n";
  const auto commits_before = (*app)->sqlite_store().commits();
  const auto jobs_before = (*app)->sqlite_store().committed_jobs();
  auto wrk = testing::RunProcess({"/usr/bin/wrk", "-t1", "-c" + std::to_string(connections),
                                  "-d" + std::to_string(seconds) + "s", "--latency", "-s", script.string(),
                                  "http://127.0.0.1:" + std::to_string(port) + "/api/v1/reports"});
  if (wrk.status != 0) {
    std::cerr << "wrk failed: " << wrk.err << "\n";
    return std::nullopt;
  }
  ServerRun run;
  run.wrk = ParseWrk(wrk.out);
  const auto commits = (*app)->sqlite_store().commits() - commits_before;
  const auto jobs = (*app)->sqlite_store().committed_jobs() - jobs_before;
  run.mean_batch = commits ? static_cast<double>(jobs) / commits : 1;
  auto events = (*app)->store().ListEvents({.limit = 100000000, .unrestricted = true});
  run.stored = events ? static_cast<long>(events->size()) : -1;
  (*app)->Stop();
  return run;
}

int Main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 10;
  const int connections = argc > 2 ? std::atoi(argv[2]) : 64;
  const bool with_baseline = argc <= 3 || std::string(argv[3]) != "--no-baseline";
  const auto dir = std::filesystem::temp_directory_path() / ("shaobing-intake-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  const std::string body = boost::json::serialize(boost::json::parse(testing::FirstReportJson()));
  auto anchored = RunServer(dir / "server", true, seconds, connections, body);
  if (!anchored) return 1;
  const auto& server = anchored->wrk;
  const double mean_batch = anchored->mean_batch;
  const long stored = anchored->stored;
  ServerRun unanchored;
  unanchored.wrk.rps = 1;
  if (with_baseline) {
    auto run = RunServer(dir / "server-unanchored", false, seconds, connections, body);
    if (!run) return 1;
    unanchored = *run;
  }

  const int batch = std::max(1, static_cast<int>(std::lround(mean_batch)));
  RawResult raw_batched{1, 1}, raw_single{1, 1};
  if (with_baseline) {
    raw_batched = RawSqliteInserts((dir / "raw-batched.db").string(), body, batch, seconds);
    raw_single = RawSqliteInserts((dir / "raw-single.db").string(), body, 1, std::min(seconds, 5));
  }
  std::filesystem::remove_all(dir);

  boost::json::object out{
      {"seconds", seconds},
      {"connections", connections},
      {"reports_per_second", std::llround(server.rps)},
      {"p50_ms", server.p50_ms},
      {"p99_ms", server.p99_ms},
      {"requests", server.requests},
      {"non_2xx", server.non2xx},
      {"stored_events", stored},
      {"mean_reports_per_commit", std::round(mean_batch * 10) / 10},
      {"unanchored_reports_per_second", std::llround(unanchored.wrk.rps)},
      {"unanchored_mean_reports_per_commit", std::round(unanchored.mean_batch * 10) / 10},
      {"ratio_anchored_to_unanchored", std::round(server.rps / unanchored.wrk.rps * 100) / 100},
      {"raw_sqlite_same_batch_per_second", std::llround(raw_batched.reports_per_second)},
      {"raw_sqlite_one_per_commit_per_second", std::llround(raw_single.reports_per_second)},
      {"ratio_to_raw_same_batch", std::round(server.rps / raw_batched.reports_per_second * 100) / 100},
      {"ratio_to_raw_one_per_commit", std::round(server.rps / raw_single.reports_per_second * 100) / 100},
  };
  std::cout << boost::json::serialize(out) << std::endl;
  // Every answered request was a 201 and is stored (requests still in flight when wrk
  // stopped may have been stored too).
  return server.non2xx == 0 && stored >= server.requests ? 0 : 2;
}

}  // namespace
}  // namespace shaobing::bench

int main(int argc, char** argv) { return shaobing::bench::Main(argc, argv); }
