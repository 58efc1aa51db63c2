#include "app/auth_service.h"

#include <sodium.h>

#include <stdexcept>

#include "store/audit_chain.h"

namespace shaobing {

void InitCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

AuthService::AuthService(Store& store, Directory& directory, const Clock& clock, AuthOptions options)
    : store_(store), directory_(directory), clock_(clock), options_(options) {
  InitCrypto();
}

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
  Principal p{user.id, user.name, user.role, user.unit, "", user.region};
  if (user.role == Role::kReporter) {
    auto dir = directory_.Get();
    const Unit* unit = dir->FindUnit(user.unit);
    if (!unit) return Fail(Error::Make(ErrorCode::kUnauthenticated, "unknown_unit", "unit", {{"value", user.unit}}));
    p.unit_kind = unit->kind;
    p.region = unit->region;
  }
  return p;
}

Result<LoginResult> AuthService::Login(std::string_view name, std::string_view password) {
  const auto bad = Error::Make(ErrorCode::kUnauthenticated, "bad_credentials", "password");
  auto user = store_.FindUser(name);
  if (!user) return Fail(user.error());
  if (!*user || (*user)->disabled || !CheckPassword((*user)->password_hash, password)) return Fail(bad);
  auto principal = PrincipalOf(**user);
  if (!principal) return Fail(principal.error());
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  LoginResult out{hex, clock_.Now() + options_.session_lifetime, *principal};
  Session session{Blake2bHex(out.token), (*user)->id, clock_.Now(), out.expires_at};
  auto written = store_.Write([&](Transaction& tx) -> Status {
    if (auto s = tx.InsertSession(session); !s) return s;
    return tx.Audit("user:" + out.principal.name, "auth.login", "user:" + std::to_string(session.user_id),
                    {{"expires_at", ToUnixMillis(session.expires_at)}});
  });
  if (!written) return Fail(written.error());
  std::lock_guard lock(mu_);
  sessions_[session.token_hash] = Cached{out.principal, out.expires_at};
  return out;
}

Result<Principal> AuthService::Authenticate(std::string_view token) {
  if (token.empty()) return Fail(Error::Make(ErrorCode::kUnauthenticated, "unauthenticated", ""));
  const std::string key = Blake2bHex(token);
  const auto now = clock_.Now();
  {
    std::lock_guard lock(mu_);
    if (auto it = sessions_.find(key); it != sessions_.end()) {
      if (it->second.expires_at <= now) {
        sessions_.erase(it);
        return Fail(Error::Make(ErrorCode::kUnauthenticated, "session_expired", ""));
      }
      return it->second.principal;
    }
  }
  // Not cached (server restarted, or a session made by another process).
  auto session = store_.FindSession(key);
  if (!session) return Fail(session.error());
  if (!*session) return Fail(Error::Make(ErrorCode::kUnauthenticated, "unauthenticated", ""));
  if ((*session)->expires_at <= now) return Fail(Error::Make(ErrorCode::kUnauthenticated, "session_expired", ""));
  auto user = store_.GetUser((*session)->user_id);
  if (!user) return Fail(user.error());
  if (!*user || (*user)->disabled) return Fail(Error::Make(ErrorCode::kUnauthenticated, "unauthenticated", ""));
  auto principal = PrincipalOf(**user);
  if (!principal) return Fail(principal.error());
  std::lock_guard lock(mu_);
  sessions_[key] = Cached{*principal, (*session)->expires_at};
  return *principal;
}

Status AuthService::Logout(std::string_view token, const Principal& who) {
  const std::string key = Blake2bHex(token);
  {
    std::lock_guard lock(mu_);
    sessions_.erase(key);
  }
  return store_.Write([&](Transaction& tx) -> Status {
    if (auto s = tx.DeleteSession(key); !s) return s;
    return tx.Audit("user:" + who.name, "auth.logout", "user:" + std::to_string(who.user_id), {});
  });
}

Result<std::int64_t> AuthService::AddUser(const NewUser& in, std::string_view actor) {
  std::vector<FieldError> problems;
  if (in.name.empty() || in.name.size() > 64) problems.push_back({"missing_field", "name", {}});
  if (in.password.size() < options_.min_password_length) problems.push_back({"weak_password", "password", {}});
  auto role = ParseRole(in.role);
  if (!role) problems.push_back({"invalid_role", "role", {{"value", in.role}}});
  auto dir = directory_.Get();
  std::optional<Unit> unit;
  if (!in.unit.empty()) {
    if (const Unit* u = dir->FindUnit(in.unit)) unit = *u;
    else problems.push_back({"unknown_unit", "unit", {{"value", in.unit}}});
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
  std::int64_t id = 0;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    user.created_at = tx.Now();
    auto inserted = tx.InsertUser(user);
    if (!inserted) return Fail(inserted.error());
    id = *inserted;
    return tx.Audit(actor, "user.create", "user:" + std::to_string(id),
                    {{"name", user.name}, {"role", in.role}, {"unit", user.unit}, {"region", user.region}});
  });
  if (!written) return Fail(written.error());
  return id;
}

}  // namespace shaobing
