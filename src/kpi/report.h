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
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/exact.h"
#include "common/period.h"
#include "domain/dataset.h"

namespace agencykpi {

using Ratio = std::optional<double>;

struct ReportPeriod {
  Period period;
  Day as_of = 0;
  Period previous;
  int grace_days = 30;
};

enum class RecurrenceStatus { kSpontaneous, kSolicited, kPending, kLost };
std::string_view RecurrenceStatusName(RecurrenceStatus status);

struct RecurrenceClient {
  RowId client = kNoRow;
  std::string_view client_id;
  RecurrenceStatus status = RecurrenceStatus::kLost;
  std::vector<std::string_view> ending_contracts;  // contract_id order
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
std::string_view ParetoClassName(ParetoClass pareto_class);

struct RevenueClient {
  RowId client = kNoRow;
  std::string_view client_id;
  std::string_view name;
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

// Flags of SPEC §3.3, in their output order.
enum class MarginFlag { kLoss, kLowMargin, kEroding, kUnbilled };
std::string_view MarginFlagName(MarginFlag flag);
constexpr size_t kMarginFlagCount = 4;

// The flags of one mission, in output order: a fixed array, since every
// mission of a large report has some and none has more than four.
class MarginFlags {
 public:
  MarginFlags() = default;
  MarginFlags(std::initializer_list<MarginFlag> flags) {
    for (const MarginFlag flag : flags) push_back(flag);
  }
  void push_back(MarginFlag flag) { items_[count_++] = flag; }
  [[nodiscard]] const MarginFlag* begin() const { return items_.data(); }
  [[nodiscard]] const MarginFlag* end() const { return items_.data() + count_; }
  [[nodiscard]] size_t size() const { return count_; }
  [[nodiscard]] bool empty() const { return count_ == 0; }
  friend bool operator==(const MarginFlags& x, const MarginFlags& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end());
  }

 private:
  std::array<MarginFlag, kMarginFlagCount> items_{};
  uint8_t count_ = 0;
};

struct MissionMargin {
  RowId mission = kNoRow;
  std::string_view mission_id;
  std::string_view client_id;
  std::string_view name;
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
  std::vector<MissionMargin> missions;  // mission_id order
};

enum class ObjectiveStatus { kNotStarted, kNoData, kMet, kMissed, kOnTrack, kBehind, kInProgress };
std::string_view ObjectiveStatusName(ObjectiveStatus status);

struct ObjectiveItem {
  RowId objective = kNoRow;
  std::string_view objective_id;
  std::string_view mission_id;
  std::string_view client_id;
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

struct Report {
  ReportPeriod period;
  std::string currency = "EUR";
  RecurrenceSection recurrence;
  RevenueSection revenue;
  MarginSection margin;
  ObjectivesSection objectives;
};

}  // namespace agencykpi
