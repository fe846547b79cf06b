#include "sample_report.h"

namespace agencykpi::testing {

Report SampleReport() {
  Report report;
  report.period.period = {PeriodKind::kHalf, DayFromCivil(2026, 1, 1), DayFromCivil(2026, 6, 30)};
  report.period.as_of = DayFromCivil(2026, 6, 30);
  report.period.previous = {PeriodKind::kHalf, DayFromCivil(2025, 7, 1), DayFromCivil(2025, 12, 31)};

  auto& recurrence = report.recurrence;
  recurrence.ending_clients = 3;
  recurrence.spontaneous = 1;
  recurrence.pending = 1;
  recurrence.lost = 1;
  recurrence.decided = 2;
  recurrence.recurrence_rate = 0.5;
  recurrence.renewal_rate = 0.5;
  recurrence.churn_rate = 0.5;
  recurrence.clients = {
      {0, "C01", RecurrenceStatus::kSpontaneous, {"K01", "K02"}},
      {1, "C02", RecurrenceStatus::kPending, {"K03"}},
      {2, "C03", RecurrenceStatus::kLost, {"K04"}},
  };

  auto& revenue = report.revenue;
  revenue.total_revenue = 1234567;
  revenue.clients_billed = 2;
  revenue.average_per_client = 617284;
  revenue.top1_share = 0.8;
  revenue.top3_share = 1.0;
  revenue.hhi = 6800.0;
  RevenueClient first;
  first.client_id = "C01";
  first.name = "Bières Ébène";
  first.revenue = 987654;
  first.share = 0.8;
  first.cumulative_share = 0.8;
  first.pareto_class = ParetoClass::kA;
  first.hours = 3750;
  first.visits = 12;
  first.labor_cost = 500000;
  first.full_cost = 600000;
  first.margin = 387654;
  first.roi = 0.64609;
  first.revenue_per_hour = 263.3744;
  first.avg_complexity = 3.0;
  RevenueClient second;
  second.client_id = "C02";
  second.name = "Dupont; \"fils\"";
  second.revenue = 246913;
  second.share = 0.2;
  second.cumulative_share = 1.0;
  second.pareto_class = ParetoClass::kB;
  second.hours = 1025;
  second.visits = 3;
  second.full_cost = 300000;
  second.margin = -53087;
  second.roi = -0.125;
  RevenueClient third;
  third.client_id = "C03";
  third.name = "Œufs & Cie";
  third.hours = 200;
  third.full_cost = 10000;
  third.margin = -10000;
  revenue.clients = {first, second, third};

  auto& margin = report.margin;
  margin.revenue = 1234567;
  margin.labor_cost = 800000;
  margin.expenses = 110000;
  margin.total_cost = 910000;
  margin.margin = 324567;
  margin.margin_rate = 0.2629;
  margin.overhead_pool = 50000;
  MissionMargin loss;
  loss.mission_id = "M01";
  loss.client_id = "C02";
  loss.name = "Implantation été";
  loss.revenue = 246913;
  loss.hours = 1025;
  loss.full_margin = -53087;
  loss.full_margin_rate = -0.215;
  loss.previous_full_margin_rate = 0.035;
  loss.margin_rate_change = -0.25;
  loss.cost_by_activity[0] = 150050;
  loss.expenses_by_category[1] = 2500;
  loss.flags = {MarginFlag::kLoss, MarginFlag::kEroding};
  MissionMargin unbilled;
  unbilled.mission_id = "M02";
  unbilled.client_id = "C03";
  unbilled.name = "Audit";
  unbilled.hours = 200;
  unbilled.full_cost = 10000;
  unbilled.full_margin = -10000;
  unbilled.flags = {MarginFlag::kLoss, MarginFlag::kUnbilled};
  MissionMargin low;
  low.mission_id = "M03";
  low.client_id = "C01";
  low.name = "Animation";
  low.revenue = 100000;
  low.full_margin = 10000;
  low.full_margin_rate = 0.1;
  low.flags = {MarginFlag::kLowMargin};
  margin.missions = {loss, unbilled, low};

  auto& objectives = report.objectives;
  objectives.count = 3;
  objectives.met = 1;
  objectives.met_share = 1.0 / 3.0;
  objectives.mean_attainment = 0.875;
  objectives.mean_capped_attainment = 0.875;
  ObjectiveItem met;
  met.objective_id = "O01";
  met.mission_id = "M01";
  met.client_id = "C02";
  met.metric = "implantations";
  met.target = 100 * kMicrosPerUnit;
  met.achieved = 100 * kMicrosPerUnit;
  met.attainment = 1.0;
  met.elapsed = 1.0;
  met.projected_attainment = 1.0;
  met.status = ObjectiveStatus::kMet;
  ObjectiveItem behind;
  behind.objective_id = "O02";
  behind.mission_id = "M03";
  behind.client_id = "C01";
  behind.metric = "référencements";
  behind.target = 12500000;
  behind.achieved = 9375000;
  behind.attainment = 0.75;
  behind.elapsed = 0.9;
  behind.projected_attainment = 0.8333333333333334;
  behind.status = ObjectiveStatus::kBehind;
  ObjectiveItem not_started;
  not_started.objective_id = "O03";
  not_started.mission_id = "M03";
  not_started.client_id = "C01";
  not_started.metric = "=cmd";
  not_started.aggregation = Aggregation::kLast;
  not_started.target = 5 * kMicrosPerUnit;
  not_started.status = ObjectiveStatus::kNotStarted;
  objectives.items = {met, behind, not_started};
  return report;
}

}  // namespace agencykpi::testing
