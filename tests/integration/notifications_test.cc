// Notifications (issue 11, point 6) end to end, with real receivers on loopback ports: the
// outbox is written in the change's own write job, the dispatcher delivers it signed and with
// its idempotency key, retries with backoff on the manual clock, and after a restart delivers
// what was committed before it exactly once.
#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <fstream>

#include "core/report_json.h"
#include "loopback_receivers.h"
#include "testing/scratch_dir.h"
#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace json = boost::json;
using std::chrono::seconds;

constexpr char kSecret[] = "webhook-shared-secret-for-tests";

// A fire with 3 deaths in 兴庆区: reportable to the region (the "event.reportable" trigger).
// The receiving side's check: HMAC-SHA256 of the raw body with the shared secret.
std::string ExpectedSignature(const std::string& body) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(kSecret), sizeof kSecret - 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

std::string DecodeBase64Body(const std::string& message) {
  const auto start = message.find("\r\n\r\n");
  std::string b64;
  for (char c : message.substr(start + 4)) {
    if (c != '\r' && c != '\n') b64 += c;
  }
  std::string out(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return "";
  }
  out.resize(len);
  return out;
}

std::string WriteSecret(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const auto path = (dir / "hook.secret").string();
  std::ofstream(path) << kSecret << "\n";
  return path;
}

// Rows of the outbox, oldest first.
std::vector<OutboxEntry> Outbox(Store& store) {
  auto rows = store.ListNotifications({.limit = 1000}).value();
  std::reverse(rows.begin(), rows.end());
  return rows;
}

// Waits until row `id` has `n` attempts recorded (the dispatcher's thread records them).
bool WaitForAttempts(Store& store, std::int64_t id, size_t n) {
  for (int i = 0; i < 2000; ++i) {
    auto a = store.AttemptsOfNotification(id);
    if (a && a->size() >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

class NotificationsTest : public ::testing::Test {
 protected:
  testing::ScratchDir secrets_{"notify-secrets"};
};

TEST_F(NotificationsTest, WebhookEmailAndSmsAreDeliveredOnceSignedAndWithTheirKeys) {
  testing::HttpReceiver hook;
  testing::HttpReceiver sms;
  testing::SmtpReceiver smtp;
  const std::string secret_file = WriteSecret(secrets_.path());
  testing::TestServer server([&](AppConfig& c) {
    c.notify.webhooks.push_back(
        {.name = "ops", .url = hook.Url("/hook"), .secret_file = secret_file, .regions = {"640000"}, .kinds = {}});
    c.notify.smtp = {.url = smtp.Url(), .from = "shaobing@example.org"};
    c.notify.email["640000"] = {"duty@example.org"};
    c.notify.sms = {.url = sms.Url("/send"), .body_template = R"({"to":"{phone}","msg":"{text}"})"};
    c.notify.sms_recipients["640100"] = {"+8613800000000"};
  });
  // The report makes the event reportable to the region: the region desk is told.
  auto first =
      server.ClientAs("xingqing")->PostJson("/api/v1/reports", testing::FireReport("2026-11-29T13:10:00+08:00", 3, 2));
  ASSERT_EQ(first.status, 201) << first.body;
  const auto event = first.Json().at("event_id").as_int64();
  ASSERT_TRUE(hook.WaitFor(1));
  ASSERT_TRUE(smtp.WaitFor(1));

  // The city desk reports to the region: the region desk is told again.
  auto city = server.ClientAs("desk-yinchuan");
  auto call = city->PostJson("/api/v1/events/" + std::to_string(event) + "/desk-reports",
                             json::object{{"to", "region"}, {"channel", "phone"}, {"told", "自治区值班室 李某"}});
  ASSERT_EQ(call.status, 201) << call.body;
  ASSERT_TRUE(hook.WaitFor(2));
  ASSERT_TRUE(smtp.WaitFor(2));

  const auto rows = Outbox(server.app().store());
  ASSERT_EQ(rows.size(), 4u);  // webhook + e-mail for each change; no SMS for 640000
  for (const auto& row : rows) {
    EXPECT_TRUE(WaitForAttempts(server.app().store(), row.id, 1));
  }
  std::map<std::string, OutboxEntry> by_key;
  for (const auto& row : Outbox(server.app().store())) {
    EXPECT_EQ(row.state, OutboxState::kSent) << row.destination << " " << row.last_error;
    EXPECT_EQ(row.attempts, 1);
    EXPECT_EQ(row.event_id, event);
    by_key[row.idempotency_key] = row;
  }
  EXPECT_EQ(by_key.size(), 4u);

  // The webhook: signed with the secret, its key and delivery id in the headers.
  const auto requests = hook.Requests();
  ASSERT_EQ(requests.size(), 2u);
  std::vector<std::string> kinds;
  for (const auto& r : requests) {
    EXPECT_EQ(r.target, "/hook");
    EXPECT_EQ(r.headers.at("x-shaobing-signature"), ExpectedSignature(r.body));
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
    const auto& row = by_key.at(r.headers.at("idempotency-key"));
    EXPECT_EQ(row.channel, NotifyChannel::kWebhook);
    EXPECT_EQ(r.headers.at("x-shaobing-delivery"), std::to_string(row.id));
    const auto payload = json::parse(r.body).as_object();
    EXPECT_EQ(payload.at("event_id").as_int64(), event);
    EXPECT_EQ(payload.at("region"), "640000");
    EXPECT_EQ(std::string(payload.at("idempotency_key").as_string()), r.headers.at("idempotency-key"));
    kinds.emplace_back(payload.at("kind").as_string());
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"event.reportable", "desk_report.recorded"}));
  const auto desk_text = json::parse(requests[1].body).at("text").as_string();
  EXPECT_NE(desk_text.find("银川市党委值班台已于"), std::string::npos) << desk_text;
  EXPECT_NE(desk_text.find("以电话方式向宁夏回族自治区报告"), std::string::npos) << desk_text;

  // The e-mail: the SMTP dialogue's envelope, an RFC 2047 subject, Message-ID from the key.
  const auto mails = smtp.Mails();
  ASSERT_EQ(mails.size(), 2u);
  for (const auto& m : mails) {
    EXPECT_EQ(m.from, "<shaobing@example.org>");
    EXPECT_EQ(m.to, std::vector<std::string>{"<duty@example.org>"});
    EXPECT_NE(m.data.find("Subject: =?UTF-8?B?"), std::string::npos) << m.data;
    const auto id_at = m.data.find("Message-ID: <");
    ASSERT_NE(id_at, std::string::npos);
    const std::string key = m.data.substr(id_at + 13, m.data.find('@', id_at) - id_at - 13);
    ASSERT_TRUE(by_key.contains(key)) << key;
    EXPECT_EQ(by_key.at(key).channel, NotifyChannel::kEmail);
  }
  EXPECT_NE(DecodeBase64Body(mails[0].data).find("按报送标准须报至宁夏回族自治区"), std::string::npos)
      << DecodeBase64Body(mails[0].data);

  // Each delivery's end is audited.
  const auto audit = server.AuditRecords();
  EXPECT_EQ(
      std::count_if(audit.begin(), audit.end(), [](const AuditRecord& r) { return r.action == "notification.sent"; }),
      4);
  EXPECT_TRUE(sms.Requests().empty());
}

TEST_F(NotificationsTest, TheSmsGatewayGetsItsTemplateFilledJsonEscaped) {
  testing::HttpReceiver sms;
  testing::TestServer server([&](AppConfig& c) {
    c.notify.sms = {.url = sms.Url("/send"), .body_template = R"({"to":"{phone}","msg":"{text}"})"};
    c.notify.sms_recipients["640000"] = {"+8613800000000"};
  });
  auto first =
      server.ClientAs("xingqing")->PostJson("/api/v1/reports", testing::FireReport("2026-11-29T13:10:00+08:00", 3, 2));
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_TRUE(sms.WaitFor(1));
  const auto r = sms.Requests().at(0);
  const auto body = json::parse(r.body).as_object();  // the escaped text is valid JSON
  EXPECT_EQ(body.at("to"), "+8613800000000");
  EXPECT_NE(body.at("msg").as_string().find("兴庆区一居民楼发生火灾"), std::string::npos) << r.body;
  EXPECT_EQ(r.headers.at("idempotency-key").substr(0, 3), "sb-");
}

TEST_F(NotificationsTest, AReceiverThatFailsTwiceGetsItOnTheThirdAttemptAfterTheBackoff) {
  testing::HttpReceiver hook(/*failures=*/2);
  const std::string secret_file = WriteSecret(secrets_.path());
  testing::TestServer server([&](AppConfig& c) {
    c.notify.webhooks.push_back({.name = "ops",
                                 .url = hook.Url("/hook"),
                                 .secret_file = secret_file,
                                 .regions = {"640000"},
                                 .kinds = {"event.reportable"}});
    c.notify.dispatch.poll = std::chrono::hours(1);  // rounds only when woken or run here
  });
  auto first =
      server.ClientAs("xingqing")->PostJson("/api/v1/reports", testing::FireReport("2026-11-29T13:10:00+08:00", 3, 2));
  ASSERT_EQ(first.status, 201) << first.body;
  Store& store = server.app().store();
  auto& dispatcher = server.app().notifications();
  ASSERT_TRUE(hook.WaitFor(1));
  const auto id = Outbox(store).at(0).id;
  ASSERT_TRUE(WaitForAttempts(store, id, 1));
  auto row = store.GetNotification(id).value().value();
  EXPECT_EQ(row.state, OutboxState::kPending);
  EXPECT_EQ(row.next_attempt_at - server.clock().Now(), seconds(30));
  EXPECT_EQ(row.last_error, "HTTP 500");

  server.clock().Advance(seconds(29));
  EXPECT_EQ(dispatcher.RunOnce(), 0);  // not due yet
  server.clock().Advance(seconds(1));
  EXPECT_EQ(dispatcher.RunOnce(), 1);  // the second attempt: 500 again, due in 60 s
  row = store.GetNotification(id).value().value();
  EXPECT_EQ(row.state, OutboxState::kPending);
  EXPECT_EQ(row.next_attempt_at - server.clock().Now(), seconds(60));
  server.clock().Advance(seconds(60));
  EXPECT_EQ(dispatcher.RunOnce(), 1);
  server.clock().Advance(std::chrono::hours(2));
  EXPECT_EQ(dispatcher.RunOnce(), 0);  // sent: never again

  row = store.GetNotification(id).value().value();
  EXPECT_EQ(row.state, OutboxState::kSent);
  EXPECT_EQ(row.attempts, 3);
  const auto attempts = store.AttemptsOfNotification(id).value();
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[0].status, 500);
  EXPECT_FALSE(attempts[0].ok);
  EXPECT_EQ(attempts[1].status, 500);
  EXPECT_EQ(attempts[2].status, 200);
  EXPECT_TRUE(attempts[2].ok);
  const auto requests = hook.Requests();
  ASSERT_EQ(requests.size(), 3u);  // three tries, one acknowledged delivery, one key
  for (const auto& r : requests) EXPECT_EQ(r.headers.at("idempotency-key"), row.idempotency_key);
}

TEST_F(NotificationsTest, AfterTheLastAttemptTheRowIsDeadAndAudited) {
  testing::HttpReceiver hook(/*failures=*/100);
  const std::string secret_file = WriteSecret(secrets_.path());
  testing::TestServer server([&](AppConfig& c) {
    c.notify.webhooks.push_back(
        {.name = "ops", .url = hook.Url("/hook"), .secret_file = secret_file, .regions = {"*"}, .kinds = {}});
    c.notify.dispatch.poll = std::chrono::hours(1);
    c.notify.dispatch.retry = {.first_delay = seconds(10), .max_delay = seconds(15), .max_attempts = 3};
  });
  auto first =
      server.ClientAs("xingqing")->PostJson("/api/v1/reports", testing::FireReport("2026-11-29T13:10:00+08:00", 3, 2));
  ASSERT_EQ(first.status, 201) << first.body;
  Store& store = server.app().store();
  ASSERT_TRUE(hook.WaitFor(1));
  const auto id = Outbox(store).at(0).id;
  ASSERT_TRUE(WaitForAttempts(store, id, 1));
  server.clock().Advance(seconds(10));
  EXPECT_EQ(server.app().notifications().RunOnce(), 1);
  EXPECT_EQ(store.GetNotification(id).value()->next_attempt_at - server.clock().Now(), seconds(15));  // capped
  server.clock().Advance(seconds(15));
  EXPECT_EQ(server.app().notifications().RunOnce(), 1);
  server.clock().Advance(std::chrono::hours(24));
  EXPECT_EQ(server.app().notifications().RunOnce(), 0);
  const auto row = store.GetNotification(id).value().value();
  EXPECT_EQ(row.state, OutboxState::kDead);
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(server.SecurityEventCount("notification.dead"), 1);
  EXPECT_EQ(hook.Requests().size(), 3u);

  // The delivery log: the admin and the desks of the event's region see it, a unit does not.
  auto admin = server.ClientAs("admin");
  auto log = admin->Get("/api/v1/notifications?state=dead&limit=10");
  ASSERT_EQ(log.status, 200) << log.body;
  const auto items = log.Json().at("notifications").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("id").as_int64(), id);
  EXPECT_EQ(items[0].at("attempts").as_int64(), 3);
  EXPECT_EQ(items[0].at("last_error"), "HTTP 500");
  EXPECT_TRUE(items[0].at("next_attempt_at").is_null());
  EXPECT_EQ(server.ClientAs("desk-yinchuan")->Get("/api/v1/notifications").Json().at("notifications").as_array().size(),
            1u);
  EXPECT_EQ(server.ClientAs("xingqing")->Get("/api/v1/notifications").status, 403);
  EXPECT_EQ(admin->Get("/api/v1/notifications?state=lost").status, 400);

  // The administrator sends it again (audited); it fails once more and is dead again.
  EXPECT_EQ(
      admin->PostJson("/api/v1/notifications/" + std::to_string(id) + "/retry", json::object{{"reason", ""}}).status,
      400);
  auto retry = admin->PostJson("/api/v1/notifications/" + std::to_string(id) + "/retry",
                               json::object{{"reason", "接收方已恢复"}});
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.Json().at("state"), "pending");
  EXPECT_EQ(server.SecurityEventCount("notification.retry"), 1);
  ASSERT_TRUE(WaitForAttempts(store, id, 4));
  EXPECT_EQ(hook.Requests().size(), 4u);
  EXPECT_EQ(admin->PostJson("/api/v1/notifications/999/retry", json::object{{"reason", "x"}}).status, 404);
}

// The change commits while no dispatcher runs; the server is stopped and built again on the
// same data directory; the receiver then gets the message exactly once.
TEST_F(NotificationsTest, WhatWasCommittedBeforeARestartIsDeliveredAfterItExactlyOnce) {
  testing::HttpReceiver hook;
  testing::ScratchDir data("notify-restart");
  ManualClock clock(ParseIsoTime("2026-11-29T14:10:00+08:00").value());
  AppConfig config;
  config.data_dir = (data.path() / "data").string();
  config.files_dir = testing::SourceDir() + "/data";
  config.clock = &clock;
  config.http.port = 0;
  config.http.access_log = false;
  config.notify.webhooks.push_back({.name = "ops",
                                    .url = hook.Url("/hook"),
                                    .secret_file = WriteSecret(data.path()),
                                    .regions = {"640000"},
                                    .kinds = {"event.reportable"}});
  config.notify.dispatch.poll = std::chrono::hours(1);
  std::string key;
  {
    auto app = App::Build(config).value();  // built, never started: no dispatcher runs
    auto dir = app->directory().Get();
    const Unit* unit = dir->FindUnit("640104-dw");
    ASSERT_NE(unit, nullptr);
    Principal who{
        .name = "xingqing", .role = Role::kReporter, .unit = unit->id, .unit_kind = unit->kind, .region = unit->region};
    auto draft =
        ParseReport(json::serialize(testing::FireReport("2026-11-29T13:10:00+08:00", 3, 2)), dir->regions).value();
    ASSERT_TRUE(app->reports().SubmitAndWait(who, draft));
    const auto rows = Outbox(app->store());
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].state, OutboxState::kPending);
    EXPECT_EQ(rows[0].attempts, 0);
    key = rows[0].idempotency_key;
    app->Stop();
  }
  EXPECT_TRUE(hook.Requests().empty());
  clock.Advance(std::chrono::minutes(5));
  auto app = App::Build(config).value();
  ASSERT_TRUE(app->Start());  // its dispatcher finds the pending row at once
  ASSERT_TRUE(hook.WaitFor(1));
  const auto id = Outbox(app->store()).at(0).id;
  ASSERT_TRUE(WaitForAttempts(app->store(), id, 1));
  for (int i = 0; i < 3; ++i) {
    clock.Advance(std::chrono::hours(1));
    EXPECT_EQ(app->notifications().RunOnce(), 0);
  }
  const auto row = app->store().GetNotification(id).value().value();
  EXPECT_EQ(row.state, OutboxState::kSent);
  EXPECT_EQ(row.attempts, 1);
  app->Stop();
  const auto requests = hook.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers.at("idempotency-key"), key);
}

}  // namespace
}  // namespace shaobing
