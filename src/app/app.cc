#include "app/app.h"

#include <filesystem>

namespace shaobing {

Result<std::unique_ptr<App>> App::Build(AppConfig config) {
  std::unique_ptr<App> app(new App(std::move(config)));
  const Clock& clock = app->config_.clock ? *app->config_.clock : app->system_clock_;
  std::error_code ec;
  std::filesystem::create_directories(app->config_.data_dir, ec);
  if (ec) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "file_error", "data",
                            {{"file", app->config_.data_dir}, {"detail", ec.message()}}));
  }
  auto store = SqliteStore::Open(
      {.path = app->config_.data_dir + "/shaobing.db", .clock = &clock, .audit_anchor = app->config_.audit_anchor});
  if (!store) return Fail(store.error());
  app->store_ = std::move(*store);
  app->registry_ = std::make_unique<RegistryService>(*app->store_, app->directory_);
  if (app->config_.bootstrap_registry) {
    if (auto s = app->registry_->Bootstrap(app->config_.files_dir); !s) return Fail(s.error());
  } else if (auto s = app->directory_.Reload(*app->store_); !s) {
    return Fail(s.error());
  }
  app->standards_ = std::make_unique<StandardsService>(*app->store_, app->directory_);
  if (auto s = app->standards_->Bootstrap(app->config_.files_dir); !s) return Fail(s.error());
  app->auth_ = std::make_unique<AuthService>(*app->store_, app->directory_, clock, app->config_.auth);
  app->links_ = std::make_unique<LinkIndex>(*app->store_, app->directory_);
  if (auto s = app->links_->Rebuild(clock.Now()); !s) return Fail(s.error());
  app->reports_ = std::make_unique<ReportService>(*app->store_, app->directory_, app->bus_, app->standards_.get(),
                                                  app->links_.get());
  app->fusion_ = std::make_unique<FusionService>(*app->store_, app->directory_, app->bus_, *app->standards_,
                                                 *app->links_);
  app->deps_ = std::make_unique<api::ApiDeps>(api::ApiDeps{*app->store_, app->directory_, *app->auth_, *app->reports_,
                                                           *app->fusion_, *app->registry_, *app->standards_, app->bus_,
                                                           app->metrics_, clock, app->config_.web_root});
  app->deps_->audit_anchor = app->store_->audit_anchor();
  app->router_ = api::BuildRouter(*app->deps_);
  return app;
}

App::~App() { Stop(); }

Status App::Start() {
  auto options = config_.http;
  options.observe = [this](const std::string& method, const std::string& route, int status, double seconds) {
    metrics_.ObserveRequest(method, route, status, seconds);
  };
  auto server = api::HttpServer::Create(options, [this](api::HttpRequest& req, std::shared_ptr<api::Responder> out) {
    router_->Dispatch(req, std::move(out));
  });
  if (!server) return Fail(server.error());
  server_ = std::move(*server);
  server_->Start();
  return {};
}

void App::Stop() {
  if (server_) server_->Stop();
  // Live-push subscribers hold connections of the server: release them while it still exists.
  bus_.Clear();
  if (store_) store_->Close();
}

std::uint16_t App::port() const { return server_ ? server_->port() : 0; }

}  // namespace shaobing
