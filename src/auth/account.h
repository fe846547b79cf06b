// Accounts, sessions and audit events as the server and the CLI see them, and
// the store that keeps them (AccountStore; the SQLite one is
// store/sqlite_accounts.h, in the same file as the agency's data).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace agencykpi::auth {

// What an account may do (docs/security.md):
//  - admin: everything, accounts and the audit log included;
//  - manager: every figure, and imports;
//  - viewer: every figure, read-only;
//  - brand: the brand review of its own clients only.
enum class Role : uint8_t { kAdmin, kManager, kViewer, kBrand };
inline constexpr size_t kRoleCount = 4;

std::string_view RoleName(Role role);
std::optional<Role> RoleNamed(std::string_view name);  // ignoring ASCII case

inline constexpr size_t kMaxEmailLength = 254;
inline constexpr size_t kMaxDisplayNameLength = 200;
inline constexpr size_t kMaxClientsPerAccount = 1000;

struct Account {
  int64_t id = 0;
  std::string email;  // lower case
  std::string name;
  Role role = Role::kViewer;
  std::vector<std::string> clients;  // a brand account's client ids (SPEC §1 clients.client_id)
  bool disabled = false;
  std::string password_hash;
  std::string created_at;     // UTC, ISO 8601
  std::string last_login_at;  // "" before the first login
};

// An email as accounts keep it: trimmed, lower case; InvalidInput unless it
// has one '@' with text on both sides and at most kMaxEmailLength bytes.
Result<std::string> NormalizedEmail(std::string_view email);

// A signed-in session, as stored: its token's hash (never the token), its
// CSRF token, and its times in seconds since 1970 UTC.
struct SessionRecord {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
};

// Every account store keeps the newest kMaxAuditEvents events; older ones are dropped.
inline constexpr int64_t kMaxAuditEvents = 100000;

struct AuditEvent {
  std::string at;     // UTC, ISO 8601
  std::string actor;  // the account's email; "" for the CLI or an unknown account
  std::string event;  // "login", "login_failed", "import", "review_pack", "user_added", …
  std::string detail;
  std::string address;  // the client's IP address; "" from the CLI
};

// Accounts, sessions and the audit log. Thread-safe: every method may be
// called from many threads; each runs in its own transaction.
class AccountStore {
 public:
  virtual ~AccountStore() = default;

  virtual Result<int64_t> CountUsers() = 0;
  virtual Result<std::optional<Account>> FindUser(std::string_view email) = 0;
  virtual Result<std::vector<Account>> ListUsers() = 0;
  // AlreadyExists-like InvalidInput when the email is taken.
  virtual Result<int64_t> AddUser(const Account& account) = 0;
  // Writes name, role, clients, disabled and password hash of account.id.
  virtual Status UpdateUser(const Account& account) = 0;
  virtual Status RecordLogin(int64_t user_id, std::string_view at) = 0;

  virtual Status CreateSession(const SessionRecord& session) = 0;
  // The session and its account, when the session exists.
  virtual Result<std::optional<std::pair<SessionRecord, Account>>> FindSession(std::string_view token_hash) = 0;
  virtual Status TouchSession(std::string_view token_hash, int64_t last_seen_at) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Status DeleteSessionsOf(int64_t user_id) = 0;

  virtual Status Audit(const AuditEvent& event) = 0;
  // The newest `limit` events, newest first.
  virtual Result<std::vector<AuditEvent>> RecentAudit(size_t limit) = 0;
};

}  // namespace agencykpi::auth
