#pragma once
// A real server for integration tests: the App on a port-0 loopback socket over a fresh
// SQLite file, with the gazetteer and units bootstrapped, a manual clock and one account per
// role, and a small web app in `dir()/web`. The clock timer runs no passes of its own (tests
// call app().clock_timer().Tick()). Each fixture instance owns its own temporary directory.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/app.h"
#include "testing/http_client.h"

namespace shaobing::testing {

inline constexpr char kPassword[] = "correct-horse-battery";

class TestServer {
 public:
  // `configure` may change the configuration (limits, heartbeat) before the app is built.
  explicit TestServer(const std::function<void(AppConfig&)>& configure = {});
  ~TestServer();
  App& app() { return *app_; }
  ManualClock& clock() { return clock_; }
  std::uint16_t port() const { return app_->port(); }
  const std::filesystem::path& dir() const { return dir_; }
  // A client logged in as one of: admin, desk (region 640000), desk-yinchuan (640100),
  // leader, expert, xingqing (reporter 640104-dw), yjt (reporter 640000-yjt),
  // lingwu (reporter 640181-dw), dawukou (reporter 640202-dw).
  std::unique_ptr<HttpClient> ClientAs(const std::string& account);
  std::unique_ptr<HttpClient> Anonymous();
  // Rows in the audit log and events (to prove that a refused request wrote nothing). The
  // audit count leaves out security events (denials, failed logins), which refusals do write.
  std::int64_t AuditCount();
  // Audit records of `action` (e.g. "access.denied"), once every queued write has committed.
  std::int64_t SecurityEventCount(const std::string& action);
  std::vector<AuditRecord> AuditRecords();
  std::int64_t EventCount();

 private:
  std::filesystem::path dir_;
  ManualClock clock_;
  std::unique_ptr<App> app_;
};

}  // namespace shaobing::testing
