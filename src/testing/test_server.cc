#include "testing/test_server.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <stdexcept>

#include "testing/test_data.h"

namespace shaobing::testing {

namespace {
std::filesystem::path FreshDir() {
  static std::atomic<int> n{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("shaobing-it-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(dir);
  return dir;
}
}  // namespace

TestServer::TestServer(const std::function<void(AppConfig&)>& configure)
    : dir_(FreshDir()), clock_(ParseIsoTime("2026-11-29T14:10:00+08:00").value()) {
  // A small built web app inside the data directory, beside the database (static-file tests).
  std::filesystem::create_directories(dir_ / "web" / "assets");
  std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>哨兵</title>";
  std::ofstream(dir_ / "web" / "assets" / "app.js") << "export default 1;";
  AppConfig config;
  config.data_dir = dir_.string();
  config.web_root = (dir_ / "web").string();
  config.files_dir = SourceDir() + "/data";
  config.clock = &clock_;
  config.http.port = 0;
  config.http.access_log = false;
  config.http.max_body_bytes = size_t{256} * 1024;
  config.auth.password_ops = 1;  // argon2id at its minimum cost: tests log in often
  config.auth.password_memory = size_t{8} * 1024;
  // No clock passes of their own: a test that wants them calls app().clock_timer().Tick(), so
  // that no other test sees "clock" changes it did not ask for.
  config.clock_timer.period = std::chrono::milliseconds(0);
  if (configure) configure(config);
  auto app = App::Build(config);
  if (!app) throw std::runtime_error("cannot build the app: " + app.error().reason);
  app_ = std::move(*app);
  struct Account {
    const char *name, *role, *unit, *region;
  };
  for (const Account& a :
       {Account{"admin", "admin", "", ""}, Account{"desk", "desk", "", "640000"},
        Account{"desk-b", "desk", "", "640000"}, Account{"desk-yinchuan", "desk", "", "640100"},
        Account{"leader", "leader", "", "640000"}, Account{"expert", "expert", "", "640000"},
        Account{"xingqing", "reporter", "640104-dw", ""}, Account{"yjt", "reporter", "640000-yjt", ""},
        Account{"lingwu", "reporter", "640181-dw", ""}, Account{"dawukou", "reporter", "640202-dw", ""}}) {
    auto id = app_->auth().AddUser({a.name, "", kPassword, a.role, a.unit, a.region}, "test");
    if (!id) throw std::runtime_error(std::string("cannot add ") + a.name + ": " + id.error().reason);
  }
  if (auto s = app_->Start(); !s) throw std::runtime_error("cannot start: " + s.error().reason);
}

TestServer::~TestServer() {
  app_->Stop();
  app_.reset();
  std::filesystem::remove_all(dir_);
}

std::unique_ptr<HttpClient> TestServer::ClientAs(const std::string& account) {
  auto c = Anonymous();
  auto r = c->Login(account, kPassword);
  if (r.status != 200) throw std::runtime_error("login failed for " + account + ": " + r.body);
  return c;
}

std::unique_ptr<HttpClient> TestServer::Anonymous() { return std::make_unique<HttpClient>("127.0.0.1", port()); }

namespace {
bool IsSecurityEvent(const std::string& action) {
  return action == "access.denied" || action == "auth.login_failed" || action == "auth.login_throttled" ||
         action == "auth.password_change_failed";
}
}  // namespace

std::vector<AuditRecord> TestServer::AuditRecords() {
  // Security events are written without waiting: an empty job queued behind them commits after them.
  (void)app_->store().Write([](Transaction&) -> Status { return {}; });
  auto records = app_->store().ReadAudit(0, 1000000);
  return records ? *records : std::vector<AuditRecord>{};
}

std::int64_t TestServer::AuditCount() {
  auto records = app_->store().ReadAudit(0, 1000000);
  if (!records) return -1;
  return std::count_if(records->begin(), records->end(),
                       [](const AuditRecord& r) { return !IsSecurityEvent(r.action); });
}

std::int64_t TestServer::SecurityEventCount(const std::string& action) {
  const auto records = AuditRecords();
  return std::count_if(records.begin(), records.end(), [&](const AuditRecord& r) { return r.action == action; });
}

std::int64_t TestServer::EventCount() {
  auto events = app_->store().ListEvents({.limit = 1000000, .unrestricted = true});
  return events ? static_cast<std::int64_t>(events->size()) : -1;
}

}  // namespace shaobing::testing
