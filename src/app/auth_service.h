#pragma once
// Accounts, passwords (argon2id via libsodium) and sessions. A login issues a random bearer
// token; only its BLAKE2b hash is stored. Sessions expire; logout ends one at once.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "app/directory.h"
#include "core/access.h"
#include "store/store.h"

namespace shaobing {

struct AuthOptions {
  std::chrono::minutes session_lifetime{12 * 60};  // a duty shift and then some
  size_t min_password_length = 12;
  // argon2id cost (libsodium): interactive by default; tests lower it. Each hash records its
  // own cost, so changing these never locks anyone out.
  unsigned long long password_ops = 2;           // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t password_memory = 64ull * 1024 * 1024;  // crypto_pwhash_MEMLIMIT_INTERACTIVE
};

struct LoginResult {
  std::string token;
  TimePoint expires_at{};
  Principal principal;
};

struct NewUser {
  std::string name;
  std::string display_name;
  std::string password;
  std::string role;
  std::string unit;
  std::string region;
};

class AuthService {
 public:
  AuthService(Store& store, Directory& directory, const Clock& clock, AuthOptions options = {});

  // kUnauthenticated "bad_credentials" for an unknown name, a wrong password or a disabled account.
  Result<LoginResult> Login(std::string_view name, std::string_view password);
  // kUnauthenticated "unauthenticated" / "session_expired".
  Result<Principal> Authenticate(std::string_view token);
  Status Logout(std::string_view token, const Principal& who);

  // Validates and creates an account; `actor` is who does it (audited).
  Result<std::int64_t> AddUser(const NewUser& user, std::string_view actor);

  Result<Principal> PrincipalOf(const User& user) const;
  std::chrono::seconds session_lifetime() const { return options_.session_lifetime; }

  std::string HashPassword(std::string_view password) const;  // argon2id string
  static bool CheckPassword(const std::string& hash, std::string_view password);

 private:
  struct Cached {
    Principal principal;
    TimePoint expires_at;
  };
  Store& store_;
  Directory& directory_;
  const Clock& clock_;
  AuthOptions options_;
  std::mutex mu_;
  std::map<std::string, Cached, std::less<>> sessions_;  // token hash -> session; GUARDED_BY(mu_)
};

// libsodium must be initialised once before use; safe to call repeatedly.
void InitCrypto();

}  // namespace shaobing
