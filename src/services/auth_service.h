#pragma once
// Accounts, passwords (argon2id via libsodium) and sessions. A login issues a random bearer
// token; only its BLAKE2b hash is stored. Sessions end at their lifetime, after an idle
// timeout, at logout, and when the account is disabled or its password changes.
//
// Guessing is throttled per account and per client address (login_throttle.h); unknown names
// cost the same argon2id check as known ones (a dummy hash); hashing runs on a bounded worker
// pool (Offload), never on the HTTP I/O threads. Failed logins and throttling are audited.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/access.h"
#include "core/thread_annotations.h"
#include "services/directory.h"
#include "services/login_throttle.h"
#include "services/worker_pool.h"
#include "store/store.h"

namespace shaobing {

struct AuthOptions {
  std::chrono::minutes session_lifetime{12 * 60};  // a duty shift and then some
  std::chrono::minutes idle_timeout{120};          // no request for this long ends a session
  size_t min_password_length = 12;
  // argon2id cost (libsodium): interactive by default; tests lower it. Each hash records its
  // own cost, so changing these never locks anyone out.
  unsigned long long password_ops = 2;           // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t password_memory = 64ull * 1024 * 1024;  // crypto_pwhash_MEMLIMIT_INTERACTIVE
  int hash_threads = 2;                          // the pool that hashes (memory: threads × password_memory)
  size_t hash_queue = 32;                        // logins waiting beyond this are answered 503 at once
  LoginThrottleOptions throttle;
  // Accounts made by `serve --demo` (origin "demo") may log in only when the data directory
  // is a demo one (the composition root reads that from the store).
  bool allow_demo_accounts = false;
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
  bool must_change_password = false;  // accounts an administrator creates: changed at first login
  std::string origin;                 // "demo" for demo accounts
};

class AuthService {
 public:
  AuthService(Store& store, Directory& directory, const Clock& clock, AuthOptions options = {});
  ~AuthService();

  // Runs `work` on the hashing pool. False when the pool is full (answer 503 "busy").
  bool Offload(std::function<void()> work);

  // Checks a password (call through Offload). kUnauthenticated "bad_credentials" for an
  // unknown name, a wrong password, a disabled account or a demo account outside a demo data
  // directory, alike; kExhausted "too_many_attempts" (arg retry_after, seconds) while the
  // account or `address` must wait.
  Result<LoginResult> Login(std::string_view name, std::string_view password, std::string_view address);
  // kUnauthenticated "unauthenticated" / "session_expired" (lifetime or idle timeout).
  // Counts as activity for the idle timeout.
  Result<Principal> Authenticate(std::string_view token);
  // Whether the session of `token` is still alive, without counting as activity (live streams).
  bool StillValid(std::string_view token);
  Status Logout(std::string_view token, const Principal& who);

  // The caller changes its own password (call through Offload): kInvalidArgument
  // "wrong_password" (current_password) or "weak_password" (new_password). Every other session
  // of the account ends; the one of `token` stays.
  Status ChangePassword(const Principal& who, std::string_view token, std::string_view current,
                        std::string_view replacement);
  // An administrator sets a temporary password (call through Offload); the account must change
  // it at its next login, and every session of it ends. kNotFound "unknown_user".
  Status ResetPassword(const Principal& admin, std::int64_t user_id, std::string_view password);
  // An administrator disables or enables an account, with a reason; disabling ends its sessions.
  Result<User> SetDisabled(const Principal& admin, std::int64_t user_id, bool disabled, std::string_view reason);
  // Ends sessions past their lifetime or idle timeout (housekeeping); returns how many.
  Result<size_t> PurgeExpired();

  // Told of every ended session (token hash), e.g. to close its live streams. Set before serving.
  void OnSessionEnded(std::function<void(const std::string& token_hash)> listener);

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
    TimePoint last_seen;     // in memory, every request
    TimePoint last_written;  // last_seen_at as last stored
  };
  void Ended(const std::vector<std::string>& token_hashes);
  void AuditLater(std::string actor, std::string action, std::string target, boost::json::object detail);
  Status CheckNewPassword(std::string_view password, std::string_view field) const;

  Store& store_;
  Directory& directory_;
  const Clock& clock_;
  AuthOptions options_;
  std::string dummy_hash_;  // checked for unknown names, so that they cost what known ones do
  LoginThrottle throttle_;
  std::function<void(const std::string&)> on_ended_;
  Mutex mu_;
  std::map<std::string, Cached, std::less<>> sessions_ GUARDED_BY(mu_);  // token hash -> session
  std::unique_ptr<WorkerPool> pool_;                                     // last: its threads stop before the rest goes
};

// libsodium must be initialised once before use; safe to call repeatedly.
void InitCrypto();

}  // namespace shaobing
