// OpenStore: the one place that maps a store URI to its backend.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "store/postgres/pg_store.h"
#include "store/sqlite_accounts.h"
#include "store/sqlite_store.h"
#include "store/store.h"

namespace agencykpi {
namespace {

constexpr std::string_view kSchemeSeparator = "://";

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool IsSchemeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
}

// The scheme of "SCHEME://…" (RFC 3986 characters, at least
// kMinUriSchemeLength of them, so "C://x" stays a path); "" when `uri` has none.
std::string_view UriScheme(std::string_view uri) {
  const size_t end = uri.find(kSchemeSeparator);
  if (end == std::string_view::npos || end < kMinUriSchemeLength) return {};
  const std::string_view scheme = uri.substr(0, end);
  if (std::isalpha(static_cast<unsigned char>(scheme.front())) == 0) return {};
  if (!std::all_of(scheme.begin(), scheme.end(), IsSchemeChar)) return {};
  return scheme;
}

// True, with PATH in `path`, when `uri` is "sqlite:PATH" (the scheme
// ignoring case); false, `path` untouched, otherwise.
bool StripSqliteScheme(std::string_view uri, std::string_view* path) {
  if (uri.size() <= kSqliteUriScheme.size() || uri[kSqliteUriScheme.size()] != ':') return false;
  if (!EqualsIgnoringCase(uri.substr(0, kSqliteUriScheme.size()), kSqliteUriScheme)) return false;
  *path = uri.substr(kSqliteUriScheme.size() + 1);
  return true;
}

Result<std::unique_ptr<Store>> OpenSqlite(std::string_view path, StoreOpenOptions options) {
  SqliteStoreOptions sqlite_options;
  static_cast<StoreOpenOptions&>(sqlite_options) = std::move(options);
  return OpenSqliteStore(std::filesystem::path(std::string(path)), std::move(sqlite_options));
}

bool IsAgencyIdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-';
}

constexpr std::string_view kOneAgency = "a SQLite store is one agency: agencies are kept in PostgreSQL stores";

}  // namespace

std::string AgencyIdProblem(std::string_view id) {
  // The same rule as the agencies table's CHECK (postgres/pg_schema.cpp).
  if (id.empty() || id.size() > kMaxAgencyIdLength || !std::all_of(id.begin(), id.end(), IsAgencyIdChar)) {
    return "an agency id has 1 to " + std::to_string(kMaxAgencyIdLength) +
           " characters among A-Z a-z 0-9 _ . - (got '" + std::string(id.substr(0, kMaxAgencyIdLength)) + "')";
  }
  return "";
}

std::string DisplayUri(std::string_view uri) {
  static constexpr std::string_view kHidden = "***";
  std::string out(uri);
  const size_t scheme_end = out.find(kSchemeSeparator);
  if (scheme_end == std::string::npos) return out;
  const size_t authority = scheme_end + kSchemeSeparator.size();
  const size_t at = out.find('@', authority);
  const size_t path = out.find_first_of("/?", authority);
  if (at != std::string::npos && (path == std::string::npos || at < path)) {
    const size_t colon = out.find(':', authority);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, kHidden);
  }
  for (size_t key = out.find("password="); key != std::string::npos; key = out.find("password=", key + 1)) {
    if (key == 0 || (out[key - 1] != '?' && out[key - 1] != '&')) continue;
    const size_t value = key + std::string_view("password=").size();
    const size_t end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, kHidden);
  }
  return out;
}

bool IsPostgresUri(std::string_view uri) {
  const std::string_view scheme = UriScheme(uri);
  return EqualsIgnoringCase(scheme, kPostgresUriScheme) || EqualsIgnoringCase(scheme, kPostgresUriSchemeShort);
}

Result<std::unique_ptr<auth::AccountStore>> OpenAccounts(const std::string& uri, const std::string& agency) {
  std::string_view path;
  if (StripSqliteScheme(uri, &path)) return OpenSqliteAccounts(std::filesystem::path(std::string(path)));
  if (IsPostgresUri(uri)) return OpenPgAccounts(uri, agency);
  if (!UriScheme(uri).empty()) return Status::InvalidInput("unknown database scheme '" + std::string(UriScheme(uri)) + "'");
  return OpenSqliteAccounts(std::filesystem::path(uri));
}

Status AddAgency(const std::string& uri, const AgencyRecord& agency) {
  if (!IsPostgresUri(uri)) return Status::InvalidInput(std::string(kOneAgency));
  return AddPgAgency(uri, agency);
}

Result<std::vector<AgencyRecord>> ListAgencies(const std::string& uri) {
  if (!IsPostgresUri(uri)) return Status::InvalidInput(std::string(kOneAgency));
  return ListPgAgencies(uri);
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& uri, StoreOpenOptions options) {
  if (uri.empty()) return Status::InvalidInput("no database given (expected a path or sqlite:PATH)");
  std::string_view path;
  if (StripSqliteScheme(uri, &path)) {
    if (path.empty()) return Status::InvalidInput("'" + uri + "': no database path after 'sqlite:'");
    return OpenSqlite(path, std::move(options));
  }
  const std::string_view scheme = UriScheme(uri);
  if (scheme.empty()) return OpenSqlite(uri, std::move(options));
  if (IsPostgresUri(uri)) {
    PgStoreOptions pg_options;
    static_cast<StoreOpenOptions&>(pg_options) = std::move(options);
    return OpenPgStore(uri, std::move(pg_options));
  }
  return Status::InvalidInput("unknown database scheme '" + std::string(scheme) +
                              "' (expected a path, sqlite:PATH or postgresql://…)");
}

}  // namespace agencykpi
