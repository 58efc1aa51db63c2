// bench/live: live push latency. The real server (App in-process, HTTP on loopback, SQLite
// durable, audit anchor on) with N SSE clients of one desk open on GET /api/v1/stream, while
// a reporter POSTs first reports over HTTP at a modest rate. For each report notice each
// client receives, latency = the receipt time minus the change's `at` in the notice (the
// job's clock reading, taken on the writer before the commit, in whole milliseconds): so it
// holds the commit's fsync, the anchor, the fan-out and the delivery, and overstates by up to
// 1 ms of truncation. Server and clients share the machine's clock. First one client (the
// baseline), then N, in the same run and on the same server.
//
// usage: live_bench [clients=1000] [reports=150] [reports_per_second=15]
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <thread>

#include "app/app.h"
#include "testing/http_client.h"
#include "testing/test_data.h"

namespace shaobing::bench {
namespace {
using std::chrono::system_clock;

constexpr char kPassword[] = "bench-password-123";

// One SSE client: a non-blocking socket and what it has read but not parsed.
struct Client {
  int fd = -1;
  std::string in;
  bool open = false;
};

int Connect(std::uint16_t port, const std::string& token) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  const std::string req =
      "GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    ::close(fd);
    return -1;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

// Reads every client until `stop`, recording the latency of each report notice (ms).
void ReadAll(std::vector<Client>& clients, const std::atomic<bool>& stop, std::vector<double>& latencies,
             std::atomic<int>& connected) {
  std::vector<pollfd> fds;
  fds.reserve(clients.size());
  for (const auto& c : clients) fds.push_back({c.fd, POLLIN, 0});
  char buf[64 * 1024];
  while (!stop) {
    if (::poll(fds.data(), fds.size(), 50) <= 0) continue;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
      const auto now = system_clock::now();
      if (n <= 0) {
        fds[i].fd = -1;  // closed: poll skips it
        continue;
      }
      Client& c = clients[i];
      c.in.append(buf, static_cast<size_t>(n));
      for (size_t end; (end = c.in.find("\n\n")) != std::string::npos; c.in.erase(0, end + 2)) {
        const std::string_view block(c.in.data(), end);
        if (!c.open && block.find(": connected") != std::string_view::npos) {
          c.open = true;
          ++connected;
        }
        if (block.find("event: report\n") == std::string_view::npos) continue;
        const auto data = block.find("data: ");
        if (data == std::string_view::npos) continue;
        const auto notice = boost::json::parse(block.substr(data + 6));
        const auto at = ParseIsoTime(notice.at("at").as_string());
        if (!at) continue;
        latencies.push_back(std::chrono::duration<double, std::milli>(now - *at).count());
      }
    }
  }
}

struct Phase {
  int clients = 0;
  long notices = 0, expected = 0, refused = 0;
  double p50 = 0, p99 = 0, max = 0;
};

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// Opens `n` streams, posts `reports` at `rate` per second, and measures.
std::optional<Phase> Run(App& app, const std::string& desk_token, testing::HttpClient& reporter, int n, int reports,
                         int rate, int& sequence) {
  std::vector<Client> clients(static_cast<size_t>(n));
  for (auto& c : clients) {
    c.fd = Connect(app.port(), desk_token);
    if (c.fd < 0) {
      std::cerr << "cannot connect a stream client\n";
      return std::nullopt;
    }
  }
  std::atomic<bool> stop = false;
  std::atomic<int> connected = 0;
  std::vector<double> latencies;
  latencies.reserve(static_cast<size_t>(n) * static_cast<size_t>(reports));
  std::thread reader([&] { ReadAll(clients, stop, latencies, connected); });
  for (int i = 0; i < 1000 && connected < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  Phase phase{.clients = n};
  if (connected < n) std::cerr << "only " << connected << " of " << n << " streams opened\n";
  auto body = boost::json::parse(testing::FirstReportJson()).as_object();
  const auto period = std::chrono::microseconds(1'000'000 / std::max(1, rate));
  auto next = std::chrono::steady_clock::now();
  for (int i = 0; i < reports; ++i) {
    std::this_thread::sleep_until(next);
    next += period;
    body["title"] = "实时推送基准 " + std::to_string(++sequence);
    if (reporter.PostJson("/api/v1/reports", body).status != 201) ++phase.refused;
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the last notices arrive
  stop = true;
  reader.join();
  for (auto& c : clients) ::close(c.fd);
  phase.expected = static_cast<long>(connected) * (reports - phase.refused);
  phase.notices = static_cast<long>(latencies.size());
  phase.p50 = Percentile(latencies, 0.50);
  phase.p99 = Percentile(latencies, 0.99);
  phase.max = latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end());
  // Let the server see the hang-ups before the next phase opens its streams.
  for (int i = 0; i < 500 && app.live_streams().open() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return phase;
}

boost::json::object PhaseJson(const Phase& p) {
  auto r = [](double v) { return std::round(v * 100) / 100; };
  return {{"clients", p.clients}, {"notices", p.notices}, {"expected", p.expected}, {"refused_reports", p.refused},
          {"p50_ms", r(p.p50)},   {"p99_ms", r(p.p99)},   {"max_ms", r(p.max)}};
}

int Main(int argc, char** argv) {
  const int clients = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int reports = argc > 2 ? std::atoi(argv[2]) : 150;
  const int rate = argc > 3 ? std::atoi(argv[3]) : 15;
  // Two descriptors a stream (client and server side), and some to spare.
  rlimit fds{};
  ::getrlimit(RLIMIT_NOFILE, &fds);
  fds.rlim_cur = fds.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &fds);
  if (fds.rlim_cur < 2 * static_cast<rlim_t>(clients) + 256) {
    std::cerr << "the descriptor limit " << fds.rlim_cur << " is too low for " << clients << " clients\n";
    return 1;
  }
  const auto dir = std::filesystem::temp_directory_path() / ("shaobing-live-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  AppConfig config;
  config.data_dir = dir.string();
  config.files_dir = testing::SourceDir() + "/data";
  config.http.port = 0;
  config.http.access_log = false;
  config.http.threads = 2;
  // Every stream comes from 127.0.0.1 and belongs to one desk account.
  config.http.max_connections = static_cast<size_t>(clients) + 64;
  config.http.max_connections_per_address = 0;
  config.live_streams.max_per_user = clients + 1;
  config.report_limits.per_unit_hour = std::numeric_limits<int>::max();
  config.report_limits.per_unit_event_hour = std::numeric_limits<int>::max();
  auto app = App::Build(config);
  if (!app) {
    std::cerr << "cannot build the app: " << app.error().reason << "\n";
    return 1;
  }
  if (!(*app)->auth().AddUser({"bench", "", kPassword, "reporter", "640104-dw", ""}, "bench")) return 1;
  if (!(*app)->auth().AddUser({"benchdesk", "", kPassword, "desk", "", "640000"}, "bench")) return 1;
  if (!(*app)->Start()) return 1;
  testing::HttpClient reporter("127.0.0.1", (*app)->port());
  if (reporter.Login("bench", kPassword).status != 200) return 1;
  testing::HttpClient desk("127.0.0.1", (*app)->port());
  auto login = desk.Login("benchdesk", kPassword);
  if (login.status != 200) return 1;
  const std::string token(login.Json().at("token").as_string());

  int sequence = 0;
  auto baseline = Run(**app, token, reporter, 1, reports, rate, sequence);
  if (!baseline) return 1;
  auto many = Run(**app, token, reporter, clients, reports, rate, sequence);
  if (!many) return 1;
  (*app)->Stop();
  std::filesystem::remove_all(dir);

  boost::json::object out{{"reports", reports},
                          {"reports_per_second", rate},
                          {"baseline", PhaseJson(*baseline)},
                          {"many", PhaseJson(*many)},
                          {"ratio_p50", baseline->p50 > 0 ? std::round(many->p50 / baseline->p50 * 100) / 100 : 0},
                          {"ratio_p99", baseline->p99 > 0 ? std::round(many->p99 / baseline->p99 * 100) / 100 : 0}};
  std::cout << boost::json::serialize(out) << std::endl;
  // Every client got every report's notice.
  const bool complete = baseline->notices == baseline->expected && many->notices == many->expected;
  return complete && baseline->refused == 0 && many->refused == 0 ? 0 : 2;
}

}  // namespace
}  // namespace shaobing::bench

int main(int argc, char** argv) { return shaobing::bench::Main(argc, argv); }
