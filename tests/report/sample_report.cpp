#include "sample_report.h"

// gcc 12 warns of every field a designated initializer leaves to its default.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace agencykpi::testing {

// One row per client, mission and objective.
// clang-format off
Report SampleReport() {
  Report report;
  report.period.period = {PeriodKind::kHalf, DayFromCivil(2026, 1, 1), DayFromCivil(2026, 6, 30)};
  report.period.as_of = DayFromCivil(2026, 6, 30);
  report.period.previous = {PeriodKind::kHalf, DayFromCivil(2025, 7, 1), DayFromCivil(2025, 12, 31)};

  report.recurrence = {
      .ending_clients = 3, .spontaneous = 1, .pending = 1, .lost = 1, .decided = 2,
      .recurrence_rate = 0.5, .renewal_rate = 0.5, .churn_rate = 0.5,
      .clients = {
          {.client = 0, .client_id = "C01", .name = "Bières Ébène", .status = RecurrenceStatus::kSpontaneous,
           .ending_contracts = {"K01", "K02"}, .revenue = 987654},
          {.client = 1, .client_id = "C02", .name = "Dupont; \"fils\"", .status = RecurrenceStatus::kPending,
           .ending_contracts = {"K03"}, .revenue = 246913},
          {.client = 2, .client_id = "C03", .name = "Œufs & Cie", .status = RecurrenceStatus::kLost,
           .ending_contracts = {"K04"}},
      },
  };

  report.revenue = {
      .total_revenue = 1234567, .clients_billed = 2, .average_per_client = 617284,
      .top1_share = 0.8, .top3_share = 1.0, .hhi = 6800.0,
      .clients = {
          {.client_id = "C01", .name = "Bières Ébène", .revenue = 987654, .share = 0.8,
           .cumulative_share = 0.8, .pareto_class = ParetoClass::kA, .hours = 3750, .visits = 12,
           .labor_cost = 500000, .full_cost = 600000, .margin = 387654, .roi = 0.64609,
           .revenue_per_hour = 263.3744, .avg_complexity = 3.0},
          {.client_id = "C02", .name = "Dupont; \"fils\"", .revenue = 246913, .share = 0.2,
           .cumulative_share = 1.0, .pareto_class = ParetoClass::kB, .hours = 1025, .visits = 3,
           .full_cost = 300000, .margin = -53087, .roi = -0.125},
          {.client_id = "C03", .name = "Œufs & Cie", .hours = 200, .full_cost = 10000, .margin = -10000},
      },
  };

  report.margin = {
      .revenue = 1234567, .labor_cost = 800000, .expenses = 110000, .total_cost = 910000, .margin = 324567,
      .margin_rate = 0.2629, .overhead_pool = 50000,
      .missions = {
          {.mission_id = "M01", .client_id = "C02", .client_name = "Dupont; \"fils\"", .name = "Implantation été", .revenue = 246913,
           .hours = 1025, .full_margin = -53087, .full_margin_rate = -0.215,
           .previous_full_margin_rate = 0.035, .margin_rate_change = -0.25, .cost_by_activity = {150050},
           .expenses_by_category = {0, 2500}, .flags = {MarginFlag::kLoss, MarginFlag::kEroding}},
          {.mission_id = "M02", .client_id = "C03", .client_name = "Œufs & Cie", .name = "Audit", .hours = 200, .full_cost = 10000,
           .full_margin = -10000, .flags = {MarginFlag::kLoss, MarginFlag::kUnbilled}},
          {.mission_id = "M03", .client_id = "C01", .client_name = "Bières Ébène", .name = "Animation", .revenue = 100000,
           .full_margin = 10000, .full_margin_rate = 0.1, .flags = {MarginFlag::kLowMargin}},
      },
  };

  report.objectives = {
      .count = 3, .met = 1, .met_share = 1.0 / 3.0, .mean_attainment = 0.875, .mean_capped_attainment = 0.875,
      .items = {
          {.objective_id = "O01", .mission_id = "M01", .client_id = "C02", .metric = "implantations",
           .target = 100 * kMicrosPerUnit, .achieved = 100 * kMicrosPerUnit, .attainment = 1.0,
           .elapsed = 1.0, .projected_attainment = 1.0, .status = ObjectiveStatus::kMet},
          {.objective_id = "O02", .mission_id = "M03", .client_id = "C01", .metric = "référencements",
           .target = 12500000, .achieved = 9375000, .attainment = 0.75, .elapsed = 0.9,
           .projected_attainment = 0.8333333333333334, .status = ObjectiveStatus::kBehind},
          {.objective_id = "O03", .mission_id = "M03", .client_id = "C01", .metric = "=cmd",
           .aggregation = Aggregation::kLast, .target = 5 * kMicrosPerUnit,
           .status = ObjectiveStatus::kNotStarted},
      },
  };
  return report;
}
// clang-format on

}  // namespace agencykpi::testing
