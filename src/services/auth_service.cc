#include "services/auth_service.h"

#include <sodium.h>

#include <stdexcept>

#include "store/audit_chain.h"

namespace shaobing {

namespace {

// How often a session's last request is written (the idle timeout needs no finer grain).
constexpr auto kTouchEvery = std::chrono::minutes(5);
constexpr size_t kMaxNameBytes = 64;

Error Unauthenticated(const char* reason) { return Error::Make(ErrorCode::kUnauthenticated, reason, ""); }

std::string NewToken() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

}  // namespace

void InitCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

AuthService::AuthService(Store& store, Directory& directory, const Clock& clock, AuthOptions options)
    : store_(store), directory_(directory), clock_(clock), options_(options), throttle_(options.throttle) {
  InitCrypto();
  dummy_hash_ = HashPassword(NewToken());
  pool_ = std::make_unique<WorkerPool>("sb-hash", options_.hash_threads, options_.hash_queue);
}

AuthService::~AuthService() { pool_->Stop(); }

bool AuthService::Offload(std::function<void()> work) { return pool_->Post(std::move(work)); }

void AuthService::OnSessionEnded(std::function<void(const std::string&)> listener) { on_ended_ = std::move(listener); }

std::string AuthService::HashPassword(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), options_.password_ops, options_.password_memory) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool AuthService::CheckPassword(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<Principal> AuthService::PrincipalOf(const User& user) const {
  Principal p{user.id, user.name, user.role, user.unit, "", user.region, user.must_change_password};
  if (user.role == Role::kReporter) {
    auto dir = directory_.Get();
    const Unit* unit = dir->FindUnit(user.unit);
    if (!unit) return Fail(Error::Make(ErrorCode::kUnauthenticated, "unknown_unit", "unit", {{"value", user.unit}}));
    p.unit_kind = unit->kind;
    p.region = unit->region;
  }
  return p;
}

void AuthService::AuditLater(std::string actor, std::string action, std::string target, boost::json::object detail) {
  store_.Submit([actor = std::move(actor), action = std::move(action), target = std::move(target),
                 detail = std::move(detail)](Transaction& tx) { return tx.Audit(actor, action, target, detail); },
                [](Status) {});
}

Result<LoginResult> AuthService::Login(std::string_view name, std::string_view password, std::string_view address) {
  const auto now = clock_.Now();
  if (name.size() > kMaxNameBytes) return Fail(Unauthenticated("bad_credentials"));
  if (auto wait = throttle_.Wait(name, address, now); wait.count() > 0) {
    return Fail(
        Error::Make(ErrorCode::kExhausted, "too_many_attempts", "", {{"retry_after", std::to_string(wait.count())}}));
  }
  auto user = store_.FindUser(name);
  if (!user) return Fail(user.error());
  // The password is checked in every case, so that no answer comes sooner than another.
  const bool password_ok = CheckPassword(*user ? (*user)->password_hash : dummy_hash_, password);
  const char* refusal = !*user                                                         ? "unknown_user"
                        : !password_ok                                                 ? "wrong_password"
                        : (*user)->disabled                                            ? "disabled"
                        : ((*user)->origin == "demo" && !options_.allow_demo_accounts) ? "demo_account"
                                                                                       : nullptr;
  if (refusal) {
    const bool throttled = throttle_.Failed(name, address, now);
    boost::json::object detail{{"reason", refusal}, {"address", address}};
    AuditLater("anonymous", "auth.login_failed", "user:" + std::string(name), detail);
    if (throttled) AuditLater("anonymous", "auth.login_throttled", "user:" + std::string(name), {{"address", address}});
    return Fail(Unauthenticated("bad_credentials"));
  }
  auto principal = PrincipalOf(**user);
  if (!principal) return Fail(principal.error());
  throttle_.Succeeded(name);
  LoginResult out{NewToken(), now + options_.session_lifetime, *principal};
  Session session{Blake2bHex(out.token), (*user)->id, now, out.expires_at, now};
  auto written = store_.Write([&](Transaction& tx) -> Status {
    if (auto s = tx.InsertSession(session); !s) return s;
    if (auto s = tx.TouchSession(session.token_hash, now); !s) return s;
    return tx.Audit("user:" + out.principal.name, "auth.login", "user:" + std::to_string(session.user_id),
                    {{"expires_at", ToUnixMillis(session.expires_at)}, {"address", address}});
  });
  if (!written) return Fail(written.error());
  MutexLock lock(mu_);
  sessions_[session.token_hash] = Cached{out.principal, out.expires_at, now, now};
  return out;
}

Result<Principal> AuthService::Authenticate(std::string_view token) {
  if (token.empty()) return Fail(Unauthenticated("unauthenticated"));
  const std::string key = Blake2bHex(token);
  const auto now = clock_.Now();
  std::optional<Principal> found;
  bool touch = false;
  {
    MutexLock lock(mu_);
    if (auto it = sessions_.find(key); it != sessions_.end()) {
      Cached& c = it->second;
      if (c.expires_at <= now || now - c.last_seen >= options_.idle_timeout) {
        sessions_.erase(it);
        return Fail(Unauthenticated("session_expired"));
      }
      c.last_seen = now;
      touch = now - c.last_written >= kTouchEvery;
      if (touch) c.last_written = now;
      found = c.principal;
    }
  }
  if (found) {
    if (touch) {
      store_.Submit([key, now](Transaction& tx) { return tx.TouchSession(key, now); }, [](Status) {});
    }
    return *found;
  }
  // Not cached (the server restarted, or another process made the session).
  auto session = store_.FindSession(key);
  if (!session) return Fail(session.error());
  if (!*session) return Fail(Unauthenticated("unauthenticated"));
  const TimePoint seen = (*session)->last_seen_at.value_or((*session)->created_at);
  if ((*session)->expires_at <= now || now - seen >= options_.idle_timeout) {
    return Fail(Unauthenticated("session_expired"));
  }
  auto user = store_.GetUser((*session)->user_id);
  if (!user) return Fail(user.error());
  if (!*user || (*user)->disabled) return Fail(Unauthenticated("unauthenticated"));
  auto principal = PrincipalOf(**user);
  if (!principal) return Fail(principal.error());
  MutexLock lock(mu_);
  sessions_[key] = Cached{*principal, (*session)->expires_at, now, seen};
  return *principal;
}

bool AuthService::StillValid(std::string_view token) {
  const std::string key = Blake2bHex(token);
  const auto now = clock_.Now();
  MutexLock lock(mu_);
  auto it = sessions_.find(key);
  return it != sessions_.end() && it->second.expires_at > now && now - it->second.last_seen < options_.idle_timeout;
}

void AuthService::Ended(const std::vector<std::string>& token_hashes) {
  {
    MutexLock lock(mu_);
    for (const auto& h : token_hashes) sessions_.erase(h);
  }
  if (on_ended_) {
    for (const auto& h : token_hashes) on_ended_(h);
  }
}

Status AuthService::Logout(std::string_view token, const Principal& who) {
  const std::string key = Blake2bHex(token);
  Ended({key});
  return store_.Write([&](Transaction& tx) -> Status {
    if (auto s = tx.DeleteSession(key); !s) return s;
    return tx.Audit("user:" + who.name, "auth.logout", "user:" + std::to_string(who.user_id), {});
  });
}

Status AuthService::CheckNewPassword(std::string_view password, std::string_view field) const {
  if (password.size() < options_.min_password_length) {
    return Fail(Error::Invalid(
        {{"weak_password", std::string(field), {{"min", std::to_string(options_.min_password_length)}}}}));
  }
  if (password.size() > 1024) {
    return Fail(Error::Invalid({{"text_too_long", std::string(field), {{"max", "1024"}}}}));
  }
  return {};
}

Status AuthService::ChangePassword(const Principal& who, std::string_view token, std::string_view current,
                                   std::string_view replacement) {
  auto user = store_.GetUser(who.user_id);
  if (!user) return Fail(user.error());
  if (!*user) return Fail(Unauthenticated("unauthenticated"));
  if (!CheckPassword((*user)->password_hash, current)) {
    AuditLater("user:" + who.name, "auth.password_change_failed", "user:" + std::to_string(who.user_id), {});
    return Fail(Error::Invalid({{"wrong_password", "current_password", {}}}));
  }
  if (auto s = CheckNewPassword(replacement, "new_password"); !s) return s;
  if (replacement == current) return Fail(Error::Invalid({{"password_unchanged", "new_password", {}}}));
  const std::string hash = HashPassword(replacement);
  const std::string keep = Blake2bHex(token);
  std::vector<std::string> ended;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    if (auto s = tx.UpdateUserPassword(who.user_id, hash, false); !s) return s;
    auto gone = tx.DeleteSessionsOfUser(who.user_id, keep);
    if (!gone) return Fail(gone.error());
    ended = std::move(*gone);
    return tx.Audit("user:" + who.name, "user.password_change", "user:" + std::to_string(who.user_id),
                    {{"sessions_ended", ended.size()}});
  });
  if (!written) return written;
  Ended(ended);
  MutexLock lock(mu_);
  if (auto it = sessions_.find(keep); it != sessions_.end()) it->second.principal.must_change_password = false;
  return {};
}

Status AuthService::ResetPassword(const Principal& admin, std::int64_t user_id, std::string_view password) {
  if (auto s = CheckNewPassword(password, "password"); !s) return s;
  const std::string hash = HashPassword(password);
  std::vector<std::string> ended;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    if (auto s = tx.UpdateUserPassword(user_id, hash, true); !s) return s;
    auto gone = tx.DeleteSessionsOfUser(user_id, "");
    if (!gone) return Fail(gone.error());
    ended = std::move(*gone);
    return tx.Audit("user:" + admin.name, "user.password_reset", "user:" + std::to_string(user_id),
                    {{"sessions_ended", ended.size()}});
  });
  if (!written) return written;
  Ended(ended);
  return {};
}

Result<User> AuthService::SetDisabled(const Principal& admin, std::int64_t user_id, bool disabled,
                                      std::string_view reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Fail(Error::Invalid({{"missing_field", "reason", {}}}));
  }
  if (disabled && user_id == admin.user_id) {
    return Fail(Error::Make(ErrorCode::kConflict, "cannot_disable_self", "id", {{"value", std::to_string(user_id)}}));
  }
  std::vector<std::string> ended;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    if (auto s = tx.SetUserDisabled(user_id, disabled); !s) return s;
    if (disabled) {
      auto gone = tx.DeleteSessionsOfUser(user_id, "");
      if (!gone) return Fail(gone.error());
      ended = std::move(*gone);
    }
    return tx.Audit("user:" + admin.name, disabled ? "user.disable" : "user.enable", "user:" + std::to_string(user_id),
                    {{"reason", reason}, {"sessions_ended", ended.size()}});
  });
  if (!written) return Fail(written.error());
  Ended(ended);
  auto user = store_.GetUser(user_id);
  if (!user) return Fail(user.error());
  if (!*user)
    return Fail(Error::Make(ErrorCode::kNotFound, "unknown_user", "id", {{"value", std::to_string(user_id)}}));
  return **user;
}

Result<size_t> AuthService::PurgeExpired() {
  const auto now = clock_.Now();
  std::vector<std::string> ended;
  {
    // Sessions idle in memory are older than what the store knows; write what is known first.
    MutexLock lock(mu_);
    for (auto& [key, c] : sessions_) {
      if (c.last_seen > c.last_written && c.expires_at > now && now - c.last_seen < options_.idle_timeout) {
        store_.Submit([key, at = c.last_seen](Transaction& tx) { return tx.TouchSession(key, at); }, [](Status) {});
        c.last_written = c.last_seen;
      }
    }
  }
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto gone = tx.PurgeSessions(now, now - options_.idle_timeout);
    if (!gone) return Fail(gone.error());
    ended = std::move(*gone);
    if (ended.empty()) return {};
    return tx.Audit("system", "auth.sessions_purged", "sessions", {{"count", ended.size()}});
  });
  if (!written) return Fail(written.error());
  Ended(ended);
  return ended.size();
}

Result<std::int64_t> AuthService::AddUser(const NewUser& in, std::string_view actor) {
  std::vector<FieldError> problems;
  if (in.name.empty() || in.name.size() > kMaxNameBytes) problems.push_back({"missing_field", "name", {}});
  if (in.password.size() < options_.min_password_length) {
    problems.push_back({"weak_password", "password", {{"min", std::to_string(options_.min_password_length)}}});
  }
  auto role = ParseRole(in.role);
  if (!role) problems.push_back({"invalid_role", "role", {{"value", in.role}}});
  auto dir = directory_.Get();
  std::optional<Unit> unit;
  if (!in.unit.empty()) {
    if (const Unit* u = dir->FindUnit(in.unit))
      unit = *u;
    else
      problems.push_back({"unknown_unit", "unit", {{"value", in.unit}}});
  }
  if (role) {
    bool unit_flagged = !in.unit.empty() && !unit;
    for (auto& p : ValidateAccount(*role, unit, in.region, dir->regions)) {
      if (!(unit_flagged && p.field == "unit")) problems.push_back(std::move(p));
    }
  }
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  User user;
  user.name = in.name;
  user.display_name = in.display_name;
  user.role = *role;
  user.unit = *role == Role::kReporter ? in.unit : "";
  user.region = in.region;
  user.password_hash = HashPassword(in.password);
  user.must_change_password = in.must_change_password;
  user.origin = in.origin;
  std::int64_t id = 0;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    user.created_at = tx.Now();
    auto inserted = tx.InsertUser(user);
    if (!inserted) return Fail(inserted.error());
    id = *inserted;
    return tx.Audit(actor, "user.create", "user:" + std::to_string(id),
                    {{"name", user.name},
                     {"role", in.role},
                     {"unit", user.unit},
                     {"region", user.region},
                     {"origin", user.origin}});
  });
  if (!written) return Fail(written.error());
  return id;
}

}  // namespace shaobing
