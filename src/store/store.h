// The Store: where an agency's dataset is kept between commands. Nothing
// above this interface knows which database is behind it.
//
// Failure behaviour: ReplaceDataset is all or nothing — on any error, or a
// crash, the previously stored dataset is left exactly as it was.
// A Store is used from one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/account.h"
#include "common/cancel.h"
#include "common/status.h"
#include "domain/dataset.h"

namespace agencykpi {

struct TableCount {
  std::string table;  // "clients", "time_entries", …
  int64_t rows = 0;
};

// An agency (tenant) of a PostgreSQL store; a SQLite store is one agency.
struct AgencyRecord {
  std::string id;    // 1 to kMaxAgencyIdLength of A-Z a-z 0-9 _ . -
  std::string name;  // 1 to kMaxAgencyNameLength bytes
  std::string created_at;       // ISO 8601 UTC
  int64_t dataset_version = 0;  // 0: never imported
  std::string imported_at;
};
inline constexpr size_t kMaxAgencyIdLength = 64;
inline constexpr size_t kMaxAgencyNameLength = 200;

// Why an agency id is refused, "" when it is valid.
std::string AgencyIdProblem(std::string_view id);

struct StoreMeta {
  int64_t dataset_version = 0;     // increases at every successful import; 0 = never imported
  std::string imported_at;         // ISO 8601 UTC time of the last import, "" if none
  std::string source;              // what was imported (folder path or upload name)
  std::vector<TableCount> counts;  // rows per table
  Day first_date = 0;              // date range of the dated facts (0 when none)
  Day last_date = 0;
};

// Waits for imports by other processes. Used from one thread at a time.
class StoreWatcher {
 public:
  virtual ~StoreWatcher() = default;
  // Waits at most `timeout` for the dataset version to differ from `known`
  // and returns the stored version (`known` when nothing changed).
  // kUnavailable while the database cannot be reached; the next call
  // reconnects.
  virtual Result<int64_t> WaitForVersion(int64_t known, std::chrono::milliseconds timeout) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Replaces the whole dataset in one transaction; `source` is recorded in meta.
  // When `cancel` is raised during the write, the transaction is rolled back
  // and kCancelled returned: the previous dataset stays as it was.
  virtual Status ReplaceDataset(const Dataset& dataset, const std::string& source,
                                const CancelToken* cancel = nullptr) = 0;
  // Loads the current dataset (empty if never imported).
  virtual Result<Dataset> LoadDataset() = 0;
  virtual Result<StoreMeta> Meta() = 0;
  // A watcher that tells this process when another one has imported into
  // the same store (serve reloads then); null when the backend has none.
  virtual Result<std::unique_ptr<StoreWatcher>> Watch() { return std::unique_ptr<StoreWatcher>(); }
};


enum class StoreAccess {
  // import, serve: a missing store is created, an older schema migrated,
  // and whatever the backend keeps beside its data kept up to date.
  kReadWrite,
  // report: the store must exist and nothing is ever written (no migration,
  // no store created). An older schema is read as it is. ReplaceDataset
  // fails (kInternal).
  kReadOnly,
};

// What every backend is opened with; a backend's own settings live in its
// header (sqlite_store.h).
struct StoreOpenOptions {
  StoreAccess access = StoreAccess::kReadWrite;
  // Problems that fail nothing but deserve a line in the log (the backend
  // says which). Callers print them; ignored when empty. Called on the
  // thread that called the store.
  std::function<void(const Status&)> on_warning;
  // The agency to work for (a PostgreSQL store holds many; pg_store.h says
  // how an empty one is resolved). A SQLite store is one agency and
  // ignores it.
  std::string agency;
};

// The URI schemes OpenStore knows, compared ignoring case.
inline constexpr std::string_view kSqliteUriScheme = "sqlite";
inline constexpr std::string_view kPostgresUriScheme = "postgresql";
inline constexpr std::string_view kPostgresUriSchemeShort = "postgres";
// A scheme shorter than this before ":" is a Windows drive letter ("C:/…"),
// so the URI is a plain path.
constexpr size_t kMinUriSchemeLength = 2;

// Opens the store `uri` names, choosing the backend by its scheme:
//  - "sqlite:PATH" or a plain PATH (no "SCHEME://" in front): the SQLite
//    store of OpenSqliteStore (sqlite_store.h), with its defaults and
//    `options`; its errors are OpenSqliteStore's.
//  - "postgresql://…" or "postgres://…": the PostgreSQL store of
//    OpenPgStore (postgres/pg_store.h); its errors never repeat the URI,
//    which may hold a password.
//  - any other "SCHEME://…" (SCHEME: a letter, then letters, digits, "+",
//    "-" or "."; at least kMinUriSchemeLength characters): kInvalidInput
//    naming the scheme.
//  - "" or "sqlite:" with no path: kInvalidInput.
// The returned Store is used from one thread at a time.
Result<std::unique_ptr<Store>> OpenStore(const std::string& uri, StoreOpenOptions options = {});

// The accounts, sessions and audit log kept in the store at `uri` (which
// OpenStore has created) for `agency` (PostgreSQL; "" resolved as
// OpenStore does): auth/account.h.
Result<std::unique_ptr<auth::AccountStore>> OpenAccounts(const std::string& uri, const std::string& agency = "");

// `uri` as it may be shown (logs, messages): a password in it, as
// user:PASSWORD@ or a password= parameter, replaced by ***.
std::string DisplayUri(std::string_view uri);

// Whether `uri` names a PostgreSQL store.
bool IsPostgresUri(std::string_view uri);

// The agencies of a PostgreSQL store (kInvalidInput for a SQLite one: it is
// one agency). AddAgency refuses an id that exists or is malformed.
Status AddAgency(const std::string& uri, const AgencyRecord& agency);
Result<std::vector<AgencyRecord>> ListAgencies(const std::string& uri);

}  // namespace agencykpi
