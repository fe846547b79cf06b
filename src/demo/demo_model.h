// The demo agency in memory, before it is written as CSV files.
//
// BuildDemoAgency draws a whole agency from a seed: stores, a field team with
// cost rates, brands with renewal chains of contracts, missions with their
// pricing, and the activity of 2024-01-01..2026-06-30 (time entries, visits,
// results, expenses, invoices, objectives, shelf audits). Everything is
// integers (cents, quarter hours, hundredths), so the same seed and scale
// give the same agency on every machine. Rows refer to each other by index.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/exact.h"
#include "demo/demo_agency.h"

namespace agencykpi::demo {

constexpr int32_t kNoRef = -1;  // an absent reference (no mission, no store)

enum class Role : uint8_t { kFieldRep, kMerchandiser, kCoordinator, kManager };
enum class MissionType : uint8_t { kMerchandising, kProspection, kAnimation, kImplantation };
// How a mission's hours behave against its flat monthly fee.
enum class Profile : uint8_t {
  kNormal,
  kUnderpriced,  // sold below cost: loses money from the first month
  kOverrun,      // steadily takes far more hours than sold
  kEroding,      // hours grow month after month at a flat fee
};
enum class RenewalKind : uint8_t { kNotRenewal, kSpontaneous, kSolicited };

// Values of the enum columns, in SPEC §1.2's lowercase spelling.
enum class ActivityKind : uint8_t {
  kField,
  kPreparation,
  kFollowup,
  kCoordination,
  kReporting,
  kTravel,
  kManagement,
  kOther,
};
enum class ExpenseKind : uint8_t { kTravel, kTools, kSubcontracting, kOther };
enum class ActionKind : uint8_t {
  kImplantation,
  kNegotiation,
  kPromotion,
  kMerchandising,
  kAudit,
  kOrder,
  kOther,
};
enum class Metric : uint8_t { kImplantations, kOrders, kVolume, kDn };

struct StoreRow {
  std::string id;
  std::string name;
  std::string chain;  // empty for independent cafés and restaurants (CHR)
  int region = 0;
};

struct EmployeeRow {
  std::string id;
  std::string name;
  Role role = Role::kFieldRep;
  int region = 0;
  Day hired = 0;  // first day of work and of the first cost rate
  Day left = 0;   // last day of work
  int64_t weekly_hours = 0;  // contract hours a week, in hundredths; 0: none (a manager on a day-count contract)
};

struct CostRateRow {
  int32_t employee = 0;
  Day valid_from = 0;
  Cents hourly_cost = 0;
};

struct ClientRow {
  std::string id;
  std::string name;
  std::string sector;
  int size_per_mille = 1000;  // how much work the brand buys, relative to an average one
};

struct ContractRow {
  std::string id;
  int32_t client = 0;
  Day start = 0;
  Day end = 0;
  int32_t renewal_of = kNoRef;
  RenewalKind renewal = RenewalKind::kNotRenewal;
  Day signed_on = 0;
  bool write_signed_on = true;  // CRMs often leave it empty when it is the start date
};

struct MissionRow {
  std::string id;
  int32_t client = 0;
  int32_t contract = kNoRef;
  std::string name;
  MissionType type = MissionType::kMerchandising;
  Day start = 0;
  Day end = 0;
  int complexity = 0;  // 1..5, 0 = not filled in
  Profile profile = Profile::kNormal;
  bool billed = true;                  // false for a free trial
  int planned_quarters_per_month = 0;  // hours sold per month × 4
  Cents hour_price = 0;                // what an hour is sold at
  Cents monthly_fee = 0;               // invoiced every month, flat
  Cents fee = 0;                       // the fixed price of a one-off mission (forfait); 0: none
  std::vector<int32_t> team;           // field employees, the lead first
  int32_t coordinator = kNoRef;
};

struct TimeEntryRow {
  Day date = 0;
  int32_t employee = 0;
  int32_t mission = kNoRef;  // kNoRef = internal time
  ActivityKind activity = ActivityKind::kField;
  uint8_t quarters = 0;  // hours × 4
};

struct VisitRow {
  Day date = 0;
  int32_t employee = 0;
  int32_t mission = 0;
  int32_t store = 0;
  ActionKind action = ActionKind::kOther;
};

struct ExpenseRow {
  Day date = 0;
  int32_t mission = kNoRef;  // kNoRef = overhead
  ExpenseKind category = ExpenseKind::kTravel;
  Cents amount = 0;
};

struct InvoiceRow {
  std::string id;
  Day date = 0;
  int32_t client = 0;
  int32_t mission = kNoRef;  // kNoRef = billed to the brand, not to a mission
  Cents amount = 0;          // negative = credit note
};

struct ResultRow {
  Day date = 0;
  int32_t mission = 0;
  Metric metric = Metric::kImplantations;
  int64_t value_hundredths = 0;
  int32_t store = kNoRef;
};

struct ObjectiveRow {
  std::string id;
  int32_t mission = 0;
  Metric metric = Metric::kImplantations;
  int64_t target_hundredths = 0;
  Day start = 0;
  Day end = 0;
};

struct AuditRow {
  Day date = 0;
  int32_t store = 0;
  int32_t client = 0;
  bool present = false;
  int facings = 0;
};

// A brand's sell-out in one store for one month (store_sales.csv).
struct SalesRow {
  Day date = 0;  // the month's last day
  int32_t store = 0;
  int32_t client = 0;
  Cents amount = 0;  // negative: a month of returns
};

struct DemoAgency {
  std::vector<std::string> regions;
  std::vector<StoreRow> stores;
  std::vector<EmployeeRow> employees;
  std::vector<CostRateRow> cost_rates;
  std::vector<ClientRow> clients;
  std::vector<ContractRow> contracts;
  std::vector<MissionRow> missions;
  std::vector<TimeEntryRow> time_entries;
  std::vector<VisitRow> visits;
  std::vector<ExpenseRow> expenses;
  std::vector<InvoiceRow> invoices;
  std::vector<ResultRow> results;
  std::vector<ObjectiveRow> objectives;
  std::vector<AuditRow> audits;
  std::vector<SalesRow> sales;
};

// The first and last day of the demo activity.
Day DemoFirstDay();
Day DemoLastDay();

// Draws the whole agency; options.scale >= 1.
DemoAgency BuildDemoAgency(const DemoOptions& options);

}  // namespace agencykpi::demo
