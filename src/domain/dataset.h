// The agency's data in memory (SPEC §1.2), as validated by ingest and loaded
// by a store. Plain data, no I/O.
//
// Reference tables (clients, contracts, …) are vectors of structs; a row is
// referred to by its dense index in its vector (int32, kNoRow when absent).
// Fact tables (time entries, invoices, …) are columnar: one vector per
// column, all of the same length, so the KPI engine scans only what it uses.
// Identifiers keep their text for output; the engine never compares them
// except to order lists.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/date.h"
#include "common/exact.h"

namespace agencykpi {

using RowId = int32_t;
constexpr RowId kNoRow = -1;
// What an optional money column holds when absent: 0 € is a value there (a
// fee of nothing), so absence needs its own. Every other optional number is
// absent as 0, which none of them may be.
constexpr Cents kNoMoney = std::numeric_limits<Cents>::min();

enum class RenewalType : uint8_t { kNone, kSpontaneous, kSolicited };
enum class Aggregation : uint8_t { kSum, kLast };

enum class Activity : uint8_t {
  kField, kPreparation, kFollowup, kCoordination, kReporting, kTravel, kManagement, kOther,
};
constexpr int kActivityCount = 8;

enum class ExpenseCategory : uint8_t { kTravel, kTools, kSubcontracting, kOther };
constexpr int kExpenseCategoryCount = 4;

enum class VisitAction : uint8_t {
  kImplantation, kNegotiation, kPromotion, kMerchandising, kAudit, kOrder, kOther,
};
constexpr int kVisitActionCount = 7;

// Lowercase names of SPEC §1.2, indexed by the enum's value (renewal types
// from kSpontaneous: kNone has no name).
inline constexpr std::array<std::string_view, kActivityCount> kActivityNames = {
    "field", "preparation", "followup", "coordination", "reporting", "travel", "management", "other",
};
inline constexpr std::array<std::string_view, kExpenseCategoryCount> kExpenseCategoryNames = {
    "travel", "tools", "subcontracting", "other",
};
inline constexpr std::array<std::string_view, kVisitActionCount> kVisitActionNames = {
    "implantation", "negotiation", "promotion", "merchandising", "audit", "order", "other",
};
inline constexpr std::array<std::string_view, 2> kRenewalTypeNames = {"spontaneous", "solicited"};
inline constexpr std::array<std::string_view, 2> kAggregationNames = {"sum", "last"};
std::string_view RenewalTypeName(RenewalType type);    // "" for kNone
std::string_view AggregationName(Aggregation aggregation);

// The value of enum E named by the code-th of its names above (a file's
// value, as ingest matched it): RenewalType's names start at kSpontaneous.
template <typename E>
constexpr E EnumOfCode(size_t code) {
  if constexpr (std::is_same_v<E, RenewalType>) {
    return static_cast<E>(code + 1);
  } else {
    return static_cast<E>(code);
  }
}

struct Client {
  std::string id;
  std::string name;
  std::string sector;
};

struct Contract {
  std::string id;
  RowId client = kNoRow;
  Day start = 0;
  Day end = 0;                  // inclusive
  RowId renewal_of = kNoRow;    // the contract this one renews
  RenewalType renewal_type = RenewalType::kNone;
  Day signed_on = 0;            // start when absent in the file
};

struct Mission {
  std::string id;
  RowId client = kNoRow;
  std::string name;
  Day start = 0;
  Day end = 0;
  RowId contract = kNoRow;
  std::string type;
  int8_t complexity = 0;  // 1..5, 0 when absent
  Cents fee = kNoMoney;   // the fixed price of the whole mission (>= 0); kNoMoney when absent
};

struct Employee {
  std::string id;
  std::string name;
  std::string role;
  Hundredths weekly_hours = 0;  // contract hours per week, 1..8000 hundredths; 0 when absent
};

struct CostRate {
  RowId employee = kNoRow;
  Day valid_from = 0;
  Cents hourly_cost = 0;
};

struct RetailStore {  // a shop where visits and audits happen (stores.csv)
  std::string id;
  std::string name;
  std::string chain;
  std::string region;
};

struct Objective {
  std::string id;
  RowId mission = kNoRow;
  RowId metric = kNoRow;  // index into Dataset::metrics
  Aggregation aggregation = Aggregation::kSum;
  Micros target = 0;
  Day start = 0;
  Day end = 0;
};

struct TimeEntries {
  std::vector<RowId> employee;
  std::vector<Day> date;
  std::vector<int16_t> hours;  // hundredths of an hour, 1..2400
  std::vector<Activity> activity;
  std::vector<RowId> mission;  // kNoRow = internal time (overhead)
  [[nodiscard]] size_t size() const { return date.size(); }
};

struct Expenses {
  std::vector<Day> date;
  std::vector<Cents> amount;  // >= 0
  std::vector<ExpenseCategory> category;
  std::vector<RowId> mission;  // kNoRow = overhead
  [[nodiscard]] size_t size() const { return date.size(); }
};

struct Invoices {
  std::vector<std::string> id;
  std::vector<RowId> client;
  std::vector<Day> date;
  std::vector<Cents> amount;   // negative = credit note
  std::vector<RowId> mission;  // kNoRow = not tied to a mission
  [[nodiscard]] size_t size() const { return date.size(); }
};

struct Visits {
  std::vector<std::string> id;
  std::vector<RowId> employee;
  std::vector<RowId> mission;
  std::vector<RowId> store;
  std::vector<Day> date;
  std::vector<VisitAction> action;
  [[nodiscard]] size_t size() const { return date.size(); }
};

struct Results {
  std::vector<RowId> mission;
  std::vector<RowId> metric;  // index into Dataset::metrics
  std::vector<Day> date;
  std::vector<Micros> value;
  std::vector<RowId> store;  // kNoRow when absent
  [[nodiscard]] size_t size() const { return date.size(); }
};

struct StoreAudits {
  std::vector<Day> date;
  std::vector<RowId> store;
  std::vector<RowId> client;
  std::vector<uint8_t> present;  // 0 or 1
  std::vector<int32_t> facings;  // >= 0
  [[nodiscard]] size_t size() const { return date.size(); }
};

// The brand's sell-out in one store (store_sales.csv): what the store sold of
// the brand's products, excluding tax; any sign (returns). Feeds the brand
// review (SPEC §5), not the four KPIs.
struct StoreSales {
  std::vector<Day> date;
  std::vector<RowId> store;
  std::vector<RowId> client;
  std::vector<Cents> amount;
  [[nodiscard]] size_t size() const { return date.size(); }
};

// One agency's whole dataset. Movable, not shared between threads while
// being modified; const access from many threads is safe.
struct Dataset {
  std::vector<Client> clients;
  std::vector<Contract> contracts;
  std::vector<Mission> missions;
  std::vector<Employee> employees;
  std::vector<CostRate> cost_rates;
  std::vector<RetailStore> stores;
  std::vector<std::string> metrics;  // distinct metric keys of objectives and results
  std::vector<Objective> objectives;
  TimeEntries time_entries;
  Expenses expenses;
  Invoices invoices;
  Visits visits;
  Results results;
  StoreAudits store_audits;
  StoreSales store_sales;
};

}  // namespace agencykpi
