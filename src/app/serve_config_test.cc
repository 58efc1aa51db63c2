#include "app/serve_config.h"

#include <gtest/gtest.h>

#include "i18n/messages.h"

namespace shaobing {
namespace {

std::string Message(const Error& e) { return i18n::ErrorMessage(i18n::Locale::kEn, e); }

TEST(ServeConfig, AFullFileSetsEveryKey) {
  ServeSettings s;
  const auto r = ApplyServeConfig(R"(# the operator's file
listen: 0.0.0.0:9090
data: /var/lib/shaobing
files: /usr/share/shaobing/data
web: /usr/share/shaobing/web
demo: false
tls_proxy: true
log_format: text
audit_key: /etc/shaobing/audit.key
audit_anchor: /var/log/shaobing/anchor.log
sessions:
  lifetime_minutes: 600
  idle_minutes: 30
limits:
  max_connections: 500
  max_connections_per_address: 0
  max_header_bytes: 8192
  max_body_bytes: 2048
  max_stream_buffer_bytes: 65536
  read_timeout_seconds: 10
  write_timeout_seconds: 20
  streams_per_user: 3
  reports_per_unit_event_hour: 5
  reports_per_unit_hour: 50
escalation:
  step1_minutes: 5
  step2_minutes: 20
  step3_minutes: 45
  hold_minutes: 15
)",
                                  "shaobing.yaml", s);
  ASSERT_TRUE(r) << Message(r.error());
  EXPECT_EQ(s.listen, "0.0.0.0:9090");
  EXPECT_EQ(s.app.data_dir, "/var/lib/shaobing");
  EXPECT_EQ(s.app.files_dir, "/usr/share/shaobing/data");
  EXPECT_EQ(s.app.web_root, "/usr/share/shaobing/web");
  EXPECT_FALSE(s.demo);
  EXPECT_TRUE(s.app.tls_proxy);
  EXPECT_EQ(s.log_format, log::Format::kText);
  EXPECT_EQ(s.app.audit_anchor.key_file, "/etc/shaobing/audit.key");
  EXPECT_EQ(s.app.audit_anchor.anchor_file, "/var/log/shaobing/anchor.log");
  EXPECT_EQ(s.app.auth.session_lifetime, std::chrono::minutes(600));
  EXPECT_EQ(s.app.auth.idle_timeout, std::chrono::minutes(30));
  EXPECT_EQ(s.app.http.max_connections, 500u);
  EXPECT_EQ(s.app.http.max_connections_per_address, 0u);
  EXPECT_EQ(s.app.http.max_header_bytes, 8192u);
  EXPECT_EQ(s.app.http.max_body_bytes, 2048u);
  EXPECT_EQ(s.app.http.max_stream_buffer_bytes, 65536u);
  EXPECT_EQ(s.app.http.read_timeout_seconds, 10);
  EXPECT_EQ(s.app.http.write_timeout_seconds, 20);
  EXPECT_EQ(s.app.live_streams.max_per_user, 3);
  EXPECT_EQ(s.app.report_limits.per_unit_event_hour, 5);
  EXPECT_EQ(s.app.report_limits.per_unit_hour, 50);
  EXPECT_EQ(s.app.escalation.step_minutes[0], 5);
  EXPECT_EQ(s.app.escalation.step_minutes[1], 20);
  EXPECT_EQ(s.app.escalation.step_minutes[2], 45);
  EXPECT_EQ(s.app.escalation.hold_minutes, 15);
}

TEST(ServeConfig, TheNotifySectionSetsWebhooksMailSmsAndRetries) {
  ServeSettings s;
  const auto r = ApplyServeConfig(R"(notify:
  webhooks:
    - {name: ops, url: "https://hooks.example/sb", secret_file: /etc/shaobing/ops.secret,
       regions: ["640000", "640100"], kinds: [desk_report.recorded]}
    - {name: all, url: "http://10.0.0.5:9000/in", secret_file: /etc/shaobing/all.secret, regions: ["*"]}
  smtp: {url: "smtps://mail.example:465", from: shaobing@example.org, username: sb,
         password_file: /etc/shaobing/smtp.password}
  email: {"640000": [duty@example.org, chief@example.org]}
  sms: {url: "https://sms.example/send", body: '{"to":"{phone}","msg":"{text}"}',
        content_type: application/json, recipients: {"640100": ["+8613800000000"]}}
  retry: {first_delay_seconds: 10, max_delay_seconds: 600, max_attempts: 5, batch: 8, concurrency: 2}
  timeouts: {connect_seconds: 3, total_seconds: 20}
)",
                                  "notify.yaml", s);
  ASSERT_TRUE(r) << r.error().reason;
  const auto& n = s.app.notify;
  ASSERT_EQ(n.webhooks.size(), 2u);
  EXPECT_EQ(n.webhooks[0].name, "ops");
  EXPECT_EQ(n.webhooks[0].regions, (std::vector<std::string>{"640000", "640100"}));
  EXPECT_EQ(n.webhooks[0].kinds, std::vector<std::string>{"desk_report.recorded"});
  EXPECT_EQ(n.webhooks[1].secret_file, "/etc/shaobing/all.secret");
  EXPECT_TRUE(n.webhooks[1].kinds.empty());
  EXPECT_EQ(n.smtp.url, "smtps://mail.example:465");
  EXPECT_EQ(n.smtp.username, "sb");
  EXPECT_EQ(n.smtp_password_file, "/etc/shaobing/smtp.password");
  EXPECT_EQ(n.email.at("640000").size(), 2u);
  EXPECT_EQ(n.sms.body_template, R"({"to":"{phone}","msg":"{text}"})");
  EXPECT_EQ(n.sms_recipients.at("640100"), std::vector<std::string>{"+8613800000000"});
  EXPECT_EQ(n.dispatch.retry.first_delay, std::chrono::seconds(10));
  EXPECT_EQ(n.dispatch.retry.max_attempts, 5);
  EXPECT_EQ(n.dispatch.concurrency, 2);
  EXPECT_EQ(n.total_timeout, std::chrono::seconds(20));
}

TEST(ServeConfig, AnEmptyFileKeepsTheDefaults) {
  ServeSettings s;
  ASSERT_TRUE(ApplyServeConfig("# nothing set\n", "empty.yaml", s));
  EXPECT_EQ(s.listen, "127.0.0.1:8080");
  EXPECT_EQ(s.app.http.max_connections, ServeSettings{}.app.http.max_connections);
}

struct Bad {
  const char* text;
  const char* code;
  const char* message;  // in English
};

class ServeConfigRejects : public ::testing::TestWithParam<Bad> {};

TEST_P(ServeConfigRejects, NamingFileLineKeyAndWhatIsAllowedAndChangesNothing) {
  ServeSettings s;
  s.listen = "127.0.0.1:1";
  const auto r = ApplyServeConfig(GetParam().text, "/etc/shaobing/shaobing.yaml", s);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, GetParam().code);
  EXPECT_EQ(Message(r.error()), GetParam().message);
  EXPECT_EQ(s.listen, "127.0.0.1:1") << "nothing applied from a file with an error";
  EXPECT_EQ(s.app.http.max_body_bytes, ServeSettings{}.app.http.max_body_bytes);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ServeConfigRejects,
    ::testing::Values(
        Bad{"listen: 127.0.0.1:0\nlimits:\n  max_body_bytes: 4096\n  max_bodybytes: 1\n", "config_unknown_key",
            "/etc/shaobing/shaobing.yaml line 4: unknown key \"limits.max_bodybytes\"; allowed here: "
            "attachment_bytes_per_user_day, attachment_max_bytes, attachments_per_user_day, max_body_bytes, "
            "max_connections, max_connections_per_address, max_header_bytes, max_stream_buffer_bytes, "
            "read_timeout_seconds, reports_per_unit_event_hour, reports_per_unit_hour, streams_per_user, "
            "write_timeout_seconds"},
        Bad{"lisen: 127.0.0.1:80\n", "config_unknown_key",
            "/etc/shaobing/shaobing.yaml line 1: unknown key \"lisen\"; allowed here: audit_anchor, audit_key, data, "
            "demo, escalation, files, limits, listen, log_format, notify, sessions, tls_proxy, web"},
        Bad{"log_format: JSON\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 1: \"JSON\" is not valid for log_format; allowed: json, text"},
        Bad{"listen: 127.0.0.1\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 1: \"127.0.0.1\" is not valid for listen; allowed: HOST:PORT"},
        Bad{"data: /srv\ntls_proxy: yes\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 2: \"yes\" is not valid for tls_proxy; allowed: true, false"},
        Bad{"limits:\n  max_connections: -5\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 2: \"-5\" is not valid for limits.max_connections; allowed: 1–1000000"},
        Bad{"sessions:\n  idle_minutes: 1e3\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 2: \"1e3\" is not valid for sessions.idle_minutes; allowed: 1–10080"},
        Bad{"limits: 5\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 1: \"5\" is not valid for limits; allowed: {"
            "attachment_bytes_per_user_day, attachment_max_bytes, attachments_per_user_day, max_body_bytes, "
            "max_connections, max_connections_per_address, max_header_bytes, max_stream_buffer_bytes, "
            "read_timeout_seconds, reports_per_unit_event_hour, reports_per_unit_hour, streams_per_user, "
            "write_timeout_seconds}"},
        Bad{"data: [a, b]\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 1: \"[…]\" is not valid for data; allowed: PATH"},
        Bad{"data: /srv\n  listen: x\n", "file_syntax", "/etc/shaobing/shaobing.yaml line 2: illegal map value"},
        Bad{"- listen\n", "file_syntax", "/etc/shaobing/shaobing.yaml line 1: expected a mapping of keys"},
        Bad{"notify:\n  webhooks:\n    - {name: ops, url: \"ftp://x/\", secret_file: /s, regions: [\"640000\"]}\n",
            "config_value",
            "/etc/shaobing/shaobing.yaml line 3: \"ftp://x/\" is not valid for notify.webhooks[0].url; allowed: "
            "http(s)://…"},
        Bad{"notify:\n  webhooks:\n    - name: ops\n      url: https://h/x\n      regions: [\"640000\"]\n",
            "config_missing", "/etc/shaobing/shaobing.yaml line 3: the key notify.webhooks[0].secret_file is missing"},
        Bad{"notify:\n  smtp: {url: \"smtp://m:25\", from: a@b, pasword_file: /p}\n", "config_unknown_key",
            "/etc/shaobing/shaobing.yaml line 2: unknown key \"notify.smtp.pasword_file\"; allowed here: from, "
            "password_file, url, username"},
        Bad{"notify:\n  email: {\"640000\": [\"duty@x.org\"]}\n", "config_missing",
            "/etc/shaobing/shaobing.yaml line 2: the key notify.smtp is missing"},
        Bad{"notify:\n  retry: {max_attempts: 0}\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 2: \"0\" is not valid for notify.retry.max_attempts; allowed: 1–100"},
        Bad{"escalation:\n  step1_minutes: 40\n  step2_minutes: 30\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 2: \"{…}\" is not valid for escalation; allowed: step1_minutes <= "
            "step2_minutes <= step3_minutes"},
        Bad{"escalation:\n  hold_minutes: 0\n", "config_value",
            "/etc/shaobing/shaobing.yaml line 2: \"0\" is not valid for escalation.hold_minutes; allowed: 1–1440"},
        Bad{"data: /srv\nweb: \xff\n", "file_syntax",
            "/etc/shaobing/shaobing.yaml line 2: not UTF-8 text (byte 17); save the file as UTF-8"}));

}  // namespace
}  // namespace shaobing
