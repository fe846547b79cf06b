// The computed report (SPEC §4) as plain structs: what the engine hands to
// the renderers (table, JSON, CSV) and the server. Money is already rounded
// to cents, once, from exact values; ratios are unrounded doubles;
// std::nullopt is an undefined figure (JSON null).
//
// Identifiers and names are views into the Dataset the engine was built on
// (a large report lists 100,000 missions; copying their names would cost more
// than computing them): a Report is valid while that Dataset lives.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/date.h"
#include "common/exact.h"
#include "common/period.h"
#include "domain/dataset.h"

namespace agencykpi {

using Ratio = std::optional<double>;

// SPEC §6.3: "a horizon of H days (`--horizon-days`, default 90)".
constexpr int kDefaultHorizonDays = 90;

struct ReportPeriod {
  Period period;
  Day as_of = 0;
  Period previous;
  int grace_days = 30;
  int horizon_days = kDefaultHorizonDays;  // SPEC §6.3
};

enum class RecurrenceStatus { kSpontaneous, kSolicited, kPending, kLost };
constexpr size_t kRecurrenceStatusCount = 4;
std::string_view RecurrenceStatusName(RecurrenceStatus status);

struct RecurrenceClient {
  RowId client = kNoRow;
  std::string_view client_id;
  std::string_view name;  // the client's, from clients.csv
  RecurrenceStatus status = RecurrenceStatus::kLost;
  std::vector<std::string_view> ending_contracts;  // contract_id order
  Cents revenue = 0;  // the client's revenue in the period: what is at stake when it is lost or pending
};

struct RecurrenceSection {
  int ending_clients = 0;
  int spontaneous = 0;
  int solicited = 0;
  int pending = 0;
  int lost = 0;
  int decided = 0;
  Ratio recurrence_rate;
  Ratio renewal_rate;
  Ratio churn_rate;
  std::vector<RecurrenceClient> clients;  // client_id order
};

enum class ParetoClass { kA, kB, kC };
constexpr size_t kParetoClassCount = 3;
std::string_view ParetoClassName(ParetoClass pareto_class);

struct RevenueClient {
  RowId client = kNoRow;
  std::string_view client_id;
  std::string_view name;
  std::string_view sector;  // "" when absent
  Cents revenue = 0;
  Ratio share;
  Ratio index_vs_average;
  Ratio cumulative_share;
  ParetoClass pareto_class = ParetoClass::kC;
  Hundredths hours = 0;
  int64_t visits = 0;
  Cents labor_cost = 0;
  Cents expenses = 0;
  Cents overhead = 0;
  Cents full_cost = 0;
  Cents margin = 0;
  Ratio roi;
  Ratio revenue_per_hour;
  Ratio avg_complexity;
};

struct RevenueSection {
  Cents total_revenue = 0;
  int64_t clients_billed = 0;
  std::optional<Cents> average_per_client;
  Cents unallocated_revenue = 0;
  Ratio top1_share;
  Ratio top3_share;
  Ratio hhi;
  std::vector<RevenueClient> clients;  // revenue desc, then client_id
};

// A short list of an enum's values in output order, held as a fixed array:
// every mission of a large report has flags and every contract at risk its
// signals, and none has more than the enum has values. The enum's
// underlying type is uint8_t, so the list reads as ordinals too.
template <typename Enum, size_t kCapacity>
class EnumList {
  static_assert(std::is_same_v<std::underlying_type_t<Enum>, uint8_t>);

 public:
  EnumList() = default;
  EnumList(std::initializer_list<Enum> items) {
    for (const Enum item : items) push_back(item);
  }
  void push_back(Enum item) { items_[count_++] = item; }
  [[nodiscard]] const Enum* begin() const { return items_.data(); }
  [[nodiscard]] const Enum* end() const { return items_.data() + count_; }
  [[nodiscard]] size_t size() const { return count_; }
  [[nodiscard]] bool empty() const { return count_ == 0; }
  // The items as their enum's ordinals (uint8_t may alias any object).
  [[nodiscard]] std::span<const uint8_t> ordinals() const {
    return {reinterpret_cast<const uint8_t*>(items_.data()), count_};
  }
  friend bool operator==(const EnumList& x, const EnumList& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end());
  }

 private:
  std::array<Enum, kCapacity> items_{};
  uint8_t count_ = 0;
};

// Flags of SPEC §3.3, in their output order.
enum class MarginFlag : uint8_t { kLoss, kLowMargin, kEroding, kUnbilled };
std::string_view MarginFlagName(MarginFlag flag);
constexpr size_t kMarginFlagCount = 4;

// The flags of one mission, in output order.
using MarginFlags = EnumList<MarginFlag, kMarginFlagCount>;

struct MissionMargin {
  RowId mission = kNoRow;
  std::string_view mission_id;
  std::string_view client_id;
  std::string_view client_name;
  std::string_view name;
  std::string_view type;  // the mission's type; "" when absent
  Cents revenue = 0;
  Hundredths hours = 0;
  Cents labor_cost = 0;
  Cents expenses = 0;
  Cents direct_cost = 0;
  Cents direct_margin = 0;
  Ratio direct_margin_rate;
  Cents overhead = 0;
  Cents full_cost = 0;
  Cents full_margin = 0;
  Ratio full_margin_rate;
  Ratio previous_full_margin_rate;
  Ratio margin_rate_change;
  std::array<Cents, kActivityCount> cost_by_activity{};
  std::array<Cents, kExpenseCategoryCount> expenses_by_category{};
  MarginFlags flags;
  // SPEC §6.2: a fixed fee earned day by day over the mission.
  std::optional<Cents> fee;  // nullopt: no fee
  Cents earned_revenue = 0;  // fee × d / D with a fee, revenue without
  Cents billing_gap = 0;     // revenue − earned_revenue
  Cents earned_full_margin = 0;
  Ratio earned_full_margin_rate;
};

struct MarginSection {
  Cents revenue = 0;
  Cents labor_cost = 0;
  Cents expenses = 0;
  Cents total_cost = 0;
  Cents margin = 0;
  Ratio margin_rate;
  Cents overhead_pool = 0;
  Cents overhead_unallocated = 0;
  // SPEC §6.2: Σ earned revenue of the listed missions + unallocated revenue.
  Cents earned_revenue = 0;
  Cents earned_margin = 0;
  Ratio earned_margin_rate;
  std::vector<MissionMargin> missions;  // mission_id order
};

enum class ObjectiveStatus { kNotStarted, kNoData, kMet, kMissed, kOnTrack, kBehind, kInProgress };
constexpr size_t kObjectiveStatusCount = 7;
std::string_view ObjectiveStatusName(ObjectiveStatus status);

struct ObjectiveItem {
  RowId objective = kNoRow;
  std::string_view objective_id;
  std::string_view mission_id;
  std::string_view mission_name;
  std::string_view client_id;
  std::string_view client_name;
  std::string_view metric;
  Aggregation aggregation = Aggregation::kSum;
  Micros target = 0;
  std::optional<Micros> achieved;
  Ratio attainment;
  double elapsed = 0;
  Ratio projected_attainment;
  ObjectiveStatus status = ObjectiveStatus::kNotStarted;
};

struct ObjectivesSection {
  int64_t count = 0;
  int64_t met = 0;
  Ratio met_share;
  Ratio mean_attainment;
  Ratio mean_capped_attainment;
  std::vector<ObjectiveItem> items;  // objective_id order
};

// SPEC §6.1: one employee's workload over P.
struct WorkloadEmployee {
  RowId employee = kNoRow;
  std::string_view employee_id;
  std::string_view name;
  std::string_view role;  // "" when absent
  Hundredths hours = 0;
  Hundredths mission_hours = 0;
  Hundredths internal_hours = 0;
  Ratio billable_share;
  std::array<Hundredths, kActivityCount> hours_by_activity{};
  Cents labor_cost = 0;
  int64_t visits = 0;
  int64_t missions = 0;                     // distinct missions of its entries
  std::optional<Hundredths> capacity_hours;  // nullopt without weekly_hours
  Ratio occupancy;
};

struct WorkloadSection {
  int64_t employees = 0;
  Hundredths hours = 0;
  Hundredths mission_hours = 0;
  Hundredths internal_hours = 0;
  Ratio billable_share;
  Ratio cost_per_visit;  // euros per visit, unrounded (SPEC §6.5: a ratio)
  std::vector<WorkloadEmployee> items;  // employee_id order
};

// Signals of SPEC §6.3, in their output order.
enum class RenewalSignal : uint8_t {
  kChasedBefore, kObjectivesBehind, kMarginLow, kActivityDown, kRevenueDown, kDnDown,
};
std::string_view RenewalSignalName(RenewalSignal signal);
constexpr size_t kRenewalSignalCount = 6;
using RenewalSignals = EnumList<RenewalSignal, kRenewalSignalCount>;

enum class RenewalLevel : uint8_t { kLow, kMedium, kHigh };
std::string_view RenewalLevelName(RenewalLevel level);
constexpr size_t kRenewalLevelCount = 3;

// SPEC §6.3: a contract at risk of not being renewed.
struct RenewalContract {
  RowId contract = kNoRow;
  std::string_view contract_id;
  std::string_view client_id;
  std::string_view name;  // the client's
  Day end_date = 0;
  int64_t days_left = 0;  // end_date − a; negative when already ended
  RenewalSignals signals;
  int64_t risk = 0;       // the number of signals
  RenewalLevel level = RenewalLevel::kLow;
};

struct RenewalRiskSection {
  int64_t horizon_days = 0;
  std::vector<RenewalContract> contracts;  // days_left, then contract_id
};

struct Report {
  ReportPeriod period;
  std::string currency = "EUR";
  RecurrenceSection recurrence;
  RevenueSection revenue;
  MarginSection margin;
  ObjectivesSection objectives;
  WorkloadSection workload;
  RenewalRiskSection renewal_risk;
};

}  // namespace agencykpi
