#include "kpi/engine.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "common/executor.h"
#include "kpi/entry_months.h"
#include "kpi/fixed_fees.h"
#include "kpi/renewal_risk.h"
#include "kpi/review_index.h"
#include "kpi/rules.h"
#include "kpi/workload.h"

namespace agencykpi {
namespace {

constexpr size_t kMissionChunk = 2048;  // missions per piece of work shared by the two cores

// Rows in the byte order of their ids: lists are produced by walking this
// order, so no report ever sorts by id.
template <typename Row>
std::vector<RowId> OrderById(const std::vector<Row>& rows) {
  std::vector<RowId> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](RowId x, RowId y) { return rows[x].id < rows[y].id; });
  return order;
}

std::vector<int32_t> RanksOf(const std::vector<RowId>& order) {
  std::vector<int32_t> rank(order.size());
  for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<int32_t>(i);
  return rank;
}

// Indexes of `dates` ordered by date, file order breaking ties. Dates span a
// few thousand days at most, so a counting sort does it in two passes.
constexpr Day kMaxCountingSortSpan = 1 << 20;
std::vector<uint32_t> OrderByDate(const std::vector<Day>& dates) {
  std::vector<uint32_t> order(dates.size());
  if (dates.empty()) return order;
  const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
  const Day first = *lo;
  const Day span = *hi - first + 1;
  if (span > kMaxCountingSortSpan) {
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return dates[x] < dates[y]; });
    return order;
  }
  std::vector<uint32_t> start(static_cast<size_t>(span) + 1, 0);
  for (const Day d : dates) ++start[static_cast<size_t>(d - first) + 1];
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  for (size_t i = 0; i < dates.size(); ++i) order[start[static_cast<size_t>(dates[i] - first)]++] = static_cast<uint32_t>(i);
  return order;
}

// Indexes of the time entries grouped by calendar month, and by mission
// within a month (internal time first); fills the first day and the first
// index of every month from the earliest to the latest. A counting sort on
// (month, mission) when the buckets fit, a stable sort otherwise.
constexpr size_t kMaxCountingBuckets = size_t{1} << 24;
std::vector<uint32_t> OrderByMonthAndMission(const std::vector<Day>& dates, const std::vector<RowId>& missions,
                                             size_t mission_count, std::vector<Day>& month_start,
                                             std::vector<size_t>& month_offset) {
  month_start.clear();
  month_offset.assign(1, 0);
  std::vector<uint32_t> order(dates.size());
  if (dates.empty()) return order;
  const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
  for (Period month = PeriodOf(PeriodKind::kMonth, *lo); month.start <= *hi; month = NextPeriod(month)) {
    month_start.push_back(month.start);
  }
  const size_t months = month_start.size();
  // Month of every day of the span, looked up instead of computed per entry.
  std::vector<uint32_t> month_of_day(static_cast<size_t>(*hi - *lo) + 1);
  for (size_t k = 0, day = 0; day < month_of_day.size(); ++day) {
    while (k + 1 < months && *lo + static_cast<Day>(day) >= month_start[k + 1]) ++k;
    month_of_day[day] = static_cast<uint32_t>(k);
  }
  const Day first_day = *lo;
  const auto month = [&](size_t i) { return month_of_day[static_cast<size_t>(dates[i] - first_day)]; };
  const size_t lanes = mission_count + 1;  // lane 0: internal time
  const auto bucket = [&](size_t i) { return month(i) * lanes + static_cast<size_t>(missions[i] + 1); };
  if (months * lanes <= kMaxCountingBuckets) {
    std::vector<uint32_t> start(months * lanes + 1, 0);
    for (size_t i = 0; i < dates.size(); ++i) ++start[bucket(i) + 1];
    for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    for (size_t k = 0; k < months; ++k) month_offset.push_back(start[(k + 1) * lanes]);
    for (size_t i = 0; i < dates.size(); ++i) order[start[bucket(i)]++] = static_cast<uint32_t>(i);
    return order;
  }
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return bucket(x) < bucket(y); });
  size_t at = 0;
  for (size_t k = 0; k < months; ++k) {
    while (at < order.size() && month(order[at]) == k) ++at;
    month_offset.push_back(at);
  }
  return order;
}

template <typename T>
std::vector<T> Permuted(const std::vector<T>& column, const std::vector<uint32_t>& order) {
  std::vector<T> out;
  out.reserve(order.size());
  for (uint32_t i : order) out.push_back(column[i]);
  return out;
}

// [first, last) of the rows of a date-ordered column within [from, to].
struct RowRange {
  size_t first = 0;
  size_t last = 0;
};
RowRange DateRange(const std::vector<Day>& sorted_dates, Day from, Day to) {
  if (from > to) return {};
  const auto lo = std::lower_bound(sorted_dates.begin(), sorted_dates.end(), from);
  const auto hi = std::upper_bound(lo, sorted_dates.end(), to);
  return {static_cast<size_t>(lo - sorted_dates.begin()), static_cast<size_t>(hi - sorted_dates.begin())};
}

// The Herfindahl–Hirschman index in points: 10,000 × Σ share², from the sum
// of the squared revenues and the total.
constexpr double kHhiPoints = 10000.0;
double HhiOf(Int128 sum_of_squares, Int128 total) { return kHhiPoints * ToDouble(sum_of_squares, total * total); }

Ratio RatioOf(Int128 num, Int128 den) {
  if (den == 0) return std::nullopt;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  return ToDouble(num, den);
}

}  // namespace

// Facts ordered by date, with what every period needs computed once.
struct PreparedDataset {
  // Time entries partitioned by calendar month and, within a month, ordered
  // by mission: a period reads whole months without looking at dates (only
  // its first and last months are filtered day by day) and adds up each
  // mission's entries one after the other, in cache.
  // cost = hours × the rate in force that day, computed once here.
  std::vector<Day> month_start;      // first day of each month, consecutive months
  std::vector<size_t> month_offset;  // entries of month k: [month_offset[k], month_offset[k + 1])
  std::vector<Day> entry_date;
  std::vector<int16_t> entry_hours;
  std::vector<CostUnits> entry_cost;
  std::vector<Activity> entry_activity;
  std::vector<RowId> entry_mission;
  std::vector<RowId> entry_employee;  // for the workload (SPEC §6.1)
  // Per month k, for the periods that take it whole: Σ cost of its entries,
  // Σ cost of its internal entries (no mission), Σ hours of its mission entries.
  std::vector<CostUnits> month_labor;
  std::vector<CostUnits> month_internal_labor;
  std::vector<Hundredths> month_mission_hours;

  std::vector<Day> expense_date;
  std::vector<Cents> expense_amount;
  std::vector<ExpenseCategory> expense_category;
  std::vector<RowId> expense_mission;

  std::vector<Day> invoice_date;
  std::vector<Cents> invoice_amount;
  std::vector<RowId> invoice_client;
  std::vector<RowId> invoice_mission;

  std::vector<Day> visit_date;
  std::vector<RowId> visit_mission;
  std::vector<VisitAction> visit_action;
  std::vector<RowId> visit_employee;

  WorkloadIndex workload;  // per employee and month (SPEC §6.1)

  // Results of one (mission, metric), ordered by (date, value), with running sums.
  struct ResultSeries {
    std::vector<Day> date;
    std::vector<Micros> value;
    std::vector<Micros> running_sum;  // running_sum[i] = Σ value[0..i]
  };
  std::unordered_map<uint64_t, ResultSeries> results;

  std::vector<RowId> renewed_by;  // per contract: the contract renewing it, or kNoRow
  std::vector<RowId> mission_client;
  // The missions of each client that have a complexity, in client order:
  // client c's are [complexity_begin[c], complexity_begin[c + 1]). Compact,
  // so the average complexity of every client is one sequential scan.
  struct RatedMission {
    Day start;
    Day end;
    int8_t complexity;
  };
  std::vector<uint32_t> complexity_begin;
  std::vector<RatedMission> rated_missions;
  std::vector<RowId> client_order, contract_order, mission_order, objective_order;  // by id
  std::vector<int32_t> client_rank, contract_rank;
  BrandFacts brands;  // each client's audits, sales and visits, for the brand review
};

namespace {

uint64_t SeriesKey(RowId mission, RowId metric) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(mission)) << 32) | static_cast<uint32_t>(metric);
}

// Sums of one period's activity, per mission and per client, in exact units.
struct PeriodActivity {
  struct MissionSums {
    Cents revenue = 0;
    Hundredths hours = 0;
    CostUnits labor = 0;
    Cents expenses = 0;
    bool listed = false;      // has an invoice, time entry or expense in the period
    bool has_effort = false;  // has a time entry or expense in the period
  };
  struct ClientSums {
    Cents revenue = 0;
    int64_t invoices = 0;
    Hundredths hours = 0;
    CostUnits labor = 0;
    Cents expenses = 0;
    int64_t visits = 0;
    bool listed = false;
  };
  std::vector<MissionSums> missions;
  std::vector<ClientSums> clients;
  std::vector<CostUnits> cost_by_activity;         // mission × kActivityCount
  std::vector<Cents> expenses_by_category;         // mission × kExpenseCategoryCount
  Cents total_revenue = 0;
  Cents unallocated_revenue = 0;
  CostUnits total_labor = 0;
  Cents total_expenses = 0;
  CostUnits overhead_pool = 0;  // internal labour + expenses without mission (cost units)
  Hundredths mission_hours = 0;  // Σ hours of all missions
};

// Calls visit(k, whole) for every month k of the time entries that overlaps
// [from, to]; whole: the month lies within [from, to], so its entries need no
// date test.
template <typename Visit>
void ForEachEntryMonth(const PreparedDataset& p, Day from, Day to, Visit visit) {
  ForEachMonthOverlapping(p.month_start, from, to, visit);
}

// The time entries as the workload reads them.
EntryView EntriesOf(const PreparedDataset& p) {
  return EntryView{p.month_start, p.month_offset, p.entry_date,    p.entry_hours,
                   p.entry_cost,  p.entry_activity, p.entry_mission, p.entry_employee};
}

PeriodActivity SumActivity(const Dataset& data, const PreparedDataset& p, Day from, Day to,
                           bool with_breakdowns) {
  PeriodActivity act;
  act.missions.resize(data.missions.size());
  act.clients.resize(data.clients.size());
  if (with_breakdowns) {
    act.cost_by_activity.assign(data.missions.size() * kActivityCount, 0);
    act.expenses_by_category.assign(data.missions.size() * kExpenseCategoryCount, 0);
  }

  const auto add_entry = [&](size_t i) {
    const CostUnits cost = p.entry_cost[i];
    act.total_labor += cost;
    const RowId m = p.entry_mission[i];
    if (m == kNoRow) {
      act.overhead_pool += cost;
      return;
    }
    auto& ms = act.missions[m];
    ms.hours += p.entry_hours[i];
    ms.labor += cost;
    ms.listed = true;
    ms.has_effort = true;
    act.mission_hours += p.entry_hours[i];
    if (with_breakdowns) {
      act.cost_by_activity[static_cast<size_t>(m) * kActivityCount + static_cast<size_t>(p.entry_activity[i])] +=
          cost;
    }
  };
  ForEachEntryMonth(p, from, to, [&](size_t k, bool whole) {
    for (size_t i = p.month_offset[k]; i < p.month_offset[k + 1]; ++i) {
      if (whole || (p.entry_date[i] >= from && p.entry_date[i] <= to)) add_entry(i);
    }
  });

  const RowRange expenses = DateRange(p.expense_date, from, to);
  for (size_t i = expenses.first; i < expenses.last; ++i) {
    const Cents amount = p.expense_amount[i];
    act.total_expenses += amount;
    const RowId m = p.expense_mission[i];
    if (m == kNoRow) {
      act.overhead_pool += amount * kCostUnitsPerCent;
      continue;
    }
    act.missions[m].expenses += amount;
    act.missions[m].listed = true;
    act.missions[m].has_effort = true;
    if (with_breakdowns) {
      act.expenses_by_category[static_cast<size_t>(m) * kExpenseCategoryCount +
                               static_cast<size_t>(p.expense_category[i])] += amount;
    }
  }

  const RowRange invoices = DateRange(p.invoice_date, from, to);
  for (size_t i = invoices.first; i < invoices.last; ++i) {
    const Cents amount = p.invoice_amount[i];
    act.total_revenue += amount;
    auto& cs = act.clients[p.invoice_client[i]];
    cs.revenue += amount;
    cs.invoices += 1;
    cs.listed = true;
    const RowId m = p.invoice_mission[i];
    if (m == kNoRow) {
      act.unallocated_revenue += amount;
    } else {
      act.missions[m].revenue += amount;
      act.missions[m].listed = true;
    }
  }

  const RowRange visits = DateRange(p.visit_date, from, to);
  for (size_t i = visits.first; i < visits.last; ++i) {
    auto& cs = act.clients[p.mission_client[p.visit_mission[i]]];
    cs.visits += 1;
    cs.listed = true;
  }

  // Roll missions up to their clients: effort without revenue must show.
  for (size_t m = 0; m < act.missions.size(); ++m) {
    const auto& ms = act.missions[m];
    if (!ms.has_effort) continue;
    auto& cs = act.clients[p.mission_client[m]];
    cs.hours += ms.hours;
    cs.labor += ms.labor;
    cs.expenses += ms.expenses;
    cs.listed = true;
  }
  return act;
}

// A mission's full cost (direct cost + its share of the overhead pool), exact.
Fraction FullCost(const PeriodActivity& act, CostUnits direct_cost, Hundredths hours) {
  if (act.mission_hours == 0) return Fraction{direct_cost, 1};
  return Fraction{static_cast<Int128>(direct_cost) * act.mission_hours +
                      static_cast<Int128>(act.overhead_pool) * hours,
                  act.mission_hours};
}

Fraction Overhead(const PeriodActivity& act, Hundredths hours) {
  if (act.mission_hours == 0) return Fraction{0, 1};
  return Fraction{static_cast<Int128>(act.overhead_pool) * hours, act.mission_hours};
}

// revenue − full cost, exact, over the full cost's denominator.
Fraction FullMargin(Cents revenue, const Fraction& full_cost) {
  return Fraction{static_cast<Int128>(revenue) * kCostUnitsPerCent * full_cost.den - full_cost.num, full_cost.den};
}

// full_margin / revenue as an exact fraction; nullopt when revenue ≤ 0.
std::optional<Fraction> FullMarginRate(const PeriodActivity& act, const PeriodActivity::MissionSums& ms) {
  if (ms.revenue <= 0) return std::nullopt;
  const CostUnits direct = ms.labor + ms.expenses * kCostUnitsPerCent;
  const Fraction full = FullCost(act, direct, ms.hours);
  const Int128 revenue_units = static_cast<Int128>(ms.revenue) * kCostUnitsPerCent;
  return Fraction{revenue_units * full.den - full.num, full.den * revenue_units};
}
std::optional<Fraction> FullMarginRate(const PeriodActivity& act, RowId mission) {
  return FullMarginRate(act, act.missions[mission]);
}

// The status of contract k if it ends in [s, effective_end] and is signed
// (SPEC §3.1 steps 1–3); nullopt otherwise.
std::optional<RecurrenceStatus> EndingContractStatus(const Dataset& data, const PreparedDataset& p,
                                                     const ReportRequest& request, Day effective_end, size_t k) {
  const Contract& c = data.contracts[k];
  const Day a = request.as_of;
  if (c.signed_on > a || c.end < request.period.start || c.end > effective_end) return std::nullopt;
  const RowId renewal = p.renewed_by[k];
  if (renewal != kNoRow && data.contracts[renewal].signed_on <= a) {
    return data.contracts[renewal].renewal_type == RenewalType::kSpontaneous ? RecurrenceStatus::kSpontaneous
                                                                              : RecurrenceStatus::kSolicited;
  }
  if (static_cast<int64_t>(a) < static_cast<int64_t>(c.end) + request.grace_days) return RecurrenceStatus::kPending;
  return RecurrenceStatus::kLost;
}

// A client's best status so far (step 4: spontaneous > solicited > pending >
// lost; a lower enum value is better); -1 before its first ending contract.
void KeepBestStatus(int& best, RecurrenceStatus status) {
  if (best < 0 || static_cast<int>(status) < best) best = static_cast<int>(status);
}

// The recurrence section; its client list only if with_clients.
RecurrenceSection ComputeRecurrence(const Dataset& data, const PreparedDataset& p,
                                    const ReportRequest& request, Day effective_end, bool with_clients) {
  RecurrenceSection out;
  std::vector<int> best(data.clients.size(), -1);
  std::vector<std::vector<RowId>> ending(with_clients ? data.clients.size() : 0);
  for (size_t k = 0; k < data.contracts.size(); ++k) {
    const auto status = EndingContractStatus(data, p, request, effective_end, k);
    if (!status) continue;
    const Contract& c = data.contracts[k];
    KeepBestStatus(best[c.client], *status);
    if (with_clients) ending[c.client].push_back(static_cast<RowId>(k));
  }
  for (const RowId c : p.client_order) {
    if (best[c] < 0) continue;
    const auto status = static_cast<RecurrenceStatus>(best[c]);
    ++out.ending_clients;
    switch (status) {
      case RecurrenceStatus::kSpontaneous: ++out.spontaneous; break;
      case RecurrenceStatus::kSolicited: ++out.solicited; break;
      case RecurrenceStatus::kPending: ++out.pending; break;
      case RecurrenceStatus::kLost: ++out.lost; break;
    }
    if (!with_clients) continue;
    RecurrenceClient rc;
    rc.client = c;
    rc.client_id = data.clients[c].id;
    rc.name = data.clients[c].name;
    rc.status = status;
    auto& contracts = ending[c];
    std::sort(contracts.begin(), contracts.end(),
              [&](RowId x, RowId y) { return p.contract_rank[x] < p.contract_rank[y]; });
    for (RowId k : contracts) rc.ending_contracts.push_back(data.contracts[k].id);
    out.clients.push_back(std::move(rc));
  }
  out.decided = out.spontaneous + out.solicited + out.lost;
  if (out.decided > 0) {
    out.recurrence_rate = RatioOf(out.spontaneous, out.decided);
    out.renewal_rate = RatioOf(out.spontaneous + out.solicited, out.decided);
    out.churn_rate = RatioOf(out.lost, out.decided);
  }
  return out;
}

// Each ending client's revenue in the period, from the revenue section: what
// a lost or pending client puts at stake.
void AttachRevenueAtStake(RecurrenceSection& recurrence, const RevenueSection& revenue, size_t clients) {
  std::vector<Cents> by_client(clients, 0);
  for (const RevenueClient& line : revenue.clients) {
    if (line.client != kNoRow) by_client[static_cast<size_t>(line.client)] = line.revenue;
  }
  for (RecurrenceClient& line : recurrence.clients) line.revenue = by_client[static_cast<size_t>(line.client)];
}

RevenueSection ComputeRevenue(const Dataset& data, const PreparedDataset& p,
                              const PeriodActivity& act, Day from, Day to) {
  RevenueSection out;
  out.total_revenue = act.total_revenue;
  out.unallocated_revenue = act.unallocated_revenue;
  for (const auto& cs : act.clients) out.clients_billed += cs.invoices > 0 ? 1 : 0;
  if (out.clients_billed > 0) {
    out.average_per_client = static_cast<Cents>(RoundDiv(out.total_revenue, out.clients_billed));
  }
  const Int128 total = out.total_revenue;
  const Int128 billed = out.clients_billed;

  for (size_t c = 0; c < act.clients.size(); ++c) {
    const auto& cs = act.clients[c];
    if (!cs.listed) continue;
    RevenueClient rc;
    rc.client = static_cast<RowId>(c);
    rc.client_id = data.clients[c].id;
    rc.name = data.clients[c].name;
    rc.sector = data.clients[c].sector;
    rc.revenue = cs.revenue;
    rc.hours = cs.hours;
    rc.visits = cs.visits;
    rc.labor_cost = CostToCents(cs.labor);
    rc.expenses = cs.expenses;
    const Fraction overhead = Overhead(act, cs.hours);
    rc.overhead = CostToCents(overhead);
    const Fraction full_cost = FullCost(act, cs.labor + cs.expenses * kCostUnitsPerCent, cs.hours);
    rc.full_cost = CostToCents(full_cost);
    const Fraction margin{static_cast<Int128>(cs.revenue) * kCostUnitsPerCent * full_cost.den - full_cost.num,
                          full_cost.den};
    rc.margin = CostToCents(margin);
    if (full_cost.num != 0) rc.roi = RatioOf(margin.num, full_cost.num);
    if (cs.hours != 0) rc.revenue_per_hour = RatioOf(cs.revenue, cs.hours);
    if (total != 0) rc.share = RatioOf(cs.revenue, total);
    // index = revenue / (total / billed), from the exact average.
    if (total != 0 && billed != 0) rc.index_vs_average = RatioOf(cs.revenue * billed, total);
    int64_t complexity_sum = 0;
    int64_t complexity_count = 0;
    for (uint32_t k = p.complexity_begin[c]; k < p.complexity_begin[c + 1]; ++k) {
      const auto& mission = p.rated_missions[k];
      if (mission.start > to || mission.end < from) continue;
      complexity_sum += mission.complexity;
      ++complexity_count;
    }
    if (complexity_count > 0) rc.avg_complexity = RatioOf(complexity_sum, complexity_count);
    out.clients.push_back(std::move(rc));
  }
  std::sort(out.clients.begin(), out.clients.end(), [&](const auto& x, const auto& y) {
    if (x.revenue != y.revenue) return x.revenue > y.revenue;
    return p.client_rank[x.client] < p.client_rank[y.client];
  });

  if (total <= 0) return out;  // every class C, concentration null
  Int128 cumulative = 0;
  Int128 sum_of_squares = 0;
  int pareto_count = 0;
  Int128 top3 = 0;
  for (auto& rc : out.clients) {
    if (rc.revenue <= 0) continue;
    const Int128 before = cumulative;
    cumulative += rc.revenue;
    rc.cumulative_share = RatioOf(cumulative, total);
    // before/total < num/den  <=>  den·before < num·total, exactly.
    if (kParetoClassABelow.den * before < kParetoClassABelow.num * total) {
      rc.pareto_class = ParetoClass::kA;
    } else if (kParetoClassBBelow.den * before < kParetoClassBBelow.num * total) {
      rc.pareto_class = ParetoClass::kB;
    } else {
      rc.pareto_class = ParetoClass::kC;
    }
    if (pareto_count == 0) out.top1_share = RatioOf(rc.revenue, total);
    if (pareto_count < 3) top3 += rc.revenue;
    sum_of_squares += static_cast<Int128>(rc.revenue) * rc.revenue;
    ++pareto_count;
  }
  if (pareto_count > 0) {
    out.top3_share = RatioOf(top3, total);
    out.hhi = HhiOf(sum_of_squares, total);
  }
  return out;
}

// The agency totals of the margin section, without the mission list.
MarginSection ComputeMarginTotals(const PeriodActivity& act) {
  MarginSection out;
  out.revenue = act.total_revenue;
  out.labor_cost = CostToCents(act.total_labor);
  out.expenses = act.total_expenses;
  const CostUnits total_cost = act.total_labor + act.total_expenses * kCostUnitsPerCent;
  out.total_cost = CostToCents(total_cost);
  const CostUnits margin = act.total_revenue * kCostUnitsPerCent - total_cost;
  out.margin = CostToCents(margin);
  if (act.total_revenue > 0) out.margin_rate = RatioOf(margin, act.total_revenue * kCostUnitsPerCent);
  out.overhead_pool = CostToCents(act.overhead_pool);
  out.overhead_unallocated = act.mission_hours == 0 ? out.overhead_pool : 0;
  return out;
}

// Writes the margin lines of the listed missions among
// mission_order[first, last) from `out` on.
// Missions with a fee earning some of it over [from, to] are listed too (SPEC §6.2).
void ComputeMissionMargins(const Dataset& data, const PreparedDataset& p, const PeriodActivity& act,
                           const PeriodActivity& previous, Day from, Day to, size_t first, size_t last,
                           MissionMargin* out) {
  const auto* order = p.mission_order.data();
  for (size_t position = first; position < last; ++position) {
    const RowId mission_row = order[position];
    const auto m = static_cast<size_t>(mission_row);
    const auto& ms = act.missions[m];
    const Mission& mission = data.missions[m];
    if (!ms.listed && !EarnsFee(mission, from, to)) continue;
    MissionMargin mm;
    mm.mission = mission_row;
    mm.mission_id = mission.id;
    mm.client_id = data.clients[mission.client].id;
    mm.client_name = data.clients[mission.client].name;
    mm.name = mission.name;
    mm.type = mission.type;
    mm.revenue = ms.revenue;
    mm.hours = ms.hours;
    mm.labor_cost = CostToCents(ms.labor);
    mm.expenses = ms.expenses;
    const CostUnits direct = ms.labor + ms.expenses * kCostUnitsPerCent;
    const CostUnits revenue_units = ms.revenue * kCostUnitsPerCent;
    mm.direct_cost = CostToCents(direct);
    mm.direct_margin = CostToCents(revenue_units - direct);
    if (ms.revenue > 0) mm.direct_margin_rate = RatioOf(revenue_units - direct, revenue_units);
    mm.overhead = CostToCents(Overhead(act, ms.hours));
    const Fraction full_cost = FullCost(act, direct, ms.hours);
    mm.full_cost = CostToCents(full_cost);
    const Fraction full_margin = FullMargin(ms.revenue, full_cost);
    mm.full_margin = CostToCents(full_margin);
    const auto rate = FullMarginRate(act, mm.mission);
    const auto previous_rate = FullMarginRate(previous, mm.mission);
    if (rate) mm.full_margin_rate = ToDouble(rate->num, rate->den);
    if (previous_rate) mm.previous_full_margin_rate = ToDouble(previous_rate->num, previous_rate->den);
    if (rate && previous_rate) {
      mm.margin_rate_change = *mm.full_margin_rate - *mm.previous_full_margin_rate;
    }
    for (int k = 0; k < kActivityCount; ++k) {
      mm.cost_by_activity[k] = CostToCents(act.cost_by_activity[m * kActivityCount + k]);
    }
    for (int k = 0; k < kExpenseCategoryCount; ++k) {
      mm.expenses_by_category[k] = act.expenses_by_category[m * kExpenseCategoryCount + k];
    }
    // Flags on exact values (SPEC §2: thresholds before any rounding).
    if (full_margin.num < 0) mm.flags.push_back(MarginFlag::kLoss);
    if (full_margin.num >= 0 && rate &&
        CompareFractions(rate->num, rate->den, kThinMarginRate.num, kThinMarginRate.den) < 0) {
      mm.flags.push_back(MarginFlag::kLowMargin);
    }
    // change ≤ num/den  <=>  rate − num/den ≤ previous_rate.
    if (rate && previous_rate &&
        CompareFractions(kErodingRateChange.den * rate->num - kErodingRateChange.num * rate->den,
                         kErodingRateChange.den * rate->den, previous_rate->num, previous_rate->den) <= 0) {
      mm.flags.push_back(MarginFlag::kEroding);
    }
    if (ms.revenue == 0 && full_cost.num > 0) mm.flags.push_back(MarginFlag::kUnbilled);
    FillEarnedFigures(mm, mission, full_cost, from, to);
    *out++ = std::move(mm);
  }
}

// Objective o's item of SPEC §3.4, seen from request.as_of.
ObjectiveItem MeasureObjective(const Dataset& data, const PreparedDataset& p, const ReportRequest& request,
                               RowId o) {
  const Objective& obj = data.objectives[o];
  const Day a = request.as_of;
  ObjectiveItem item;
  item.objective = o;
  item.objective_id = obj.id;
  const Mission& mission = data.missions[obj.mission];
  item.mission_id = mission.id;
  item.mission_name = mission.name;
  item.client_id = data.clients[mission.client].id;
  item.client_name = data.clients[mission.client].name;
  item.metric = data.metrics[obj.metric];
  item.aggregation = obj.aggregation;
  item.target = obj.target;

  const Day window_end = std::min(obj.end, a);
  if (a >= obj.start) {
    const auto series = p.results.find(SeriesKey(obj.mission, obj.metric));
    if (obj.aggregation == Aggregation::kSum) {
      Micros sum = 0;
      if (series != p.results.end()) {
        const RowRange range = DateRange(series->second.date, obj.start, window_end);
        if (range.last > range.first) {
          sum = series->second.running_sum[range.last - 1] -
                (range.first > 0 ? series->second.running_sum[range.first - 1] : 0);
        }
      }
      item.achieved = sum;
    } else if (series != p.results.end()) {
      // Ordered by (date, value): the last one in the window is the latest, greatest.
      const RowRange range = DateRange(series->second.date, obj.start, window_end);
      if (range.last > range.first) item.achieved = series->second.value[range.last - 1];
    }
  }

  const int64_t days = static_cast<int64_t>(obj.end) - obj.start + 1;
  const int64_t days_to_as_of = static_cast<int64_t>(a) - obj.start + 1;  // both ends counted
  if (a < obj.start) {
    item.elapsed = 0;
  } else {
    item.elapsed = days_to_as_of >= days ? 1.0 : RatioOf(days_to_as_of, days).value();
  }
  const bool finished = a >= obj.end;
  if (item.achieved) {
    item.attainment = RatioOf(*item.achieved, obj.target);
    if (finished) {
      item.projected_attainment = item.attainment;
    } else if (obj.aggregation == Aggregation::kSum) {
      // (achieved / target) / (days_to_as_of / days), exactly.
      item.projected_attainment =
          RatioOf(static_cast<Int128>(*item.achieved) * days, static_cast<Int128>(obj.target) * days_to_as_of);
    }
  }

  if (a < obj.start) {
    item.status = ObjectiveStatus::kNotStarted;
  } else if (!item.achieved) {
    item.status = ObjectiveStatus::kNoData;
  } else if (static_cast<Int128>(*item.achieved) * kMetAttainment.den >=
             static_cast<Int128>(obj.target) * kMetAttainment.num) {
    item.status = ObjectiveStatus::kMet;
  } else if (finished) {
    item.status = ObjectiveStatus::kMissed;
  } else if (obj.aggregation == Aggregation::kSum) {
    // (achieved·days) / (target·days_to_as_of) ≥ num/den, exactly.
    const bool on_track = static_cast<Int128>(*item.achieved) * days * kOnTrackProjectedAttainment.den >=
                          static_cast<Int128>(obj.target) * days_to_as_of * kOnTrackProjectedAttainment.num;
    item.status = on_track ? ObjectiveStatus::kOnTrack : ObjectiveStatus::kBehind;
  } else {
    item.status = ObjectiveStatus::kInProgress;
  }

  return item;
}

// The totals of SPEC §3.4 (count, met, mean attainments) over the items added.
class ObjectiveTotals {
 public:
  void Add(const ObjectiveItem& item) {
    if (item.status == ObjectiveStatus::kMet) ++met_;
    if (item.attainment) {
      attainment_sum_ += *item.attainment;
      capped_sum_ += std::min(*item.attainment, 1.0);
      ++attainment_count_;
    }
    ++count_;
  }
  void WriteTo(ObjectivesSection& out) const {
    out.count = count_;
    out.met = met_;
    if (count_ > 0) out.met_share = RatioOf(met_, count_);
    if (attainment_count_ > 0) {
      out.mean_attainment = attainment_sum_ / static_cast<double>(attainment_count_);
      out.mean_capped_attainment = capped_sum_ / static_cast<double>(attainment_count_);
    }
  }

 private:
  int64_t count_ = 0;
  int64_t met_ = 0;
  double attainment_sum_ = 0;
  double capped_sum_ = 0;
  int64_t attainment_count_ = 0;
};

// Whether objective o is listed for the request's nominal period.
bool ObjectiveOverlaps(const Objective& obj, const ReportRequest& request) {
  return obj.start <= request.period.end && obj.end >= request.period.start;
}

// The objectives section; its item list only if with_items.
ObjectivesSection ComputeObjectives(const Dataset& data, const PreparedDataset& p,
                                    const ReportRequest& request, bool with_items) {
  ObjectivesSection out;
  ObjectiveTotals totals;
  for (const RowId o : p.objective_order) {
    if (!ObjectiveOverlaps(data.objectives[o], request)) continue;
    ObjectiveItem item = MeasureObjective(data, p, request, o);
    totals.Add(item);
    if (with_items) out.items.push_back(std::move(item));
  }
  totals.WriteTo(out);
  return out;
}

// SPEC §6.1 over [from, to] = [s, e'], its totals from the period's sums.
WorkloadSection ComputeWorkload(const Dataset& data, const PreparedDataset& p, const PeriodActivity& act, Day from,
                                Day to) {
  const RowRange visits = DateRange(p.visit_date, from, to);
  const WorkloadTotals totals{act.total_labor, act.total_expenses, static_cast<int64_t>(visits.last - visits.first)};
  return p.workload.Compute(data, EntriesOf(p), p.visit_date, p.visit_employee, from, to, totals);
}

// The signals of SPEC §6.3 that depend on the client only, in output order.
RenewalSignals ClientRenewalSignals(const Dataset& data, const PreparedDataset& p,
                                    const ReportRequest& request, const RenewalWindows& windows,
                                    const PeriodActivity& recent, int64_t earlier_visits, Cents earlier_revenue,
                                    RowId client) {
  RenewalSignals signals;
  const Day a = request.as_of;
  const BrandFacts& brands = p.brands;
  const auto c = static_cast<size_t>(client);
  for (uint32_t k = brands.objective_begin[c]; k < brands.objective_begin[c + 1]; ++k) {
    const RowId o = brands.objectives[k];
    const Objective& objective = data.objectives[static_cast<size_t>(o)];
    if (objective.start > a || objective.end < windows.objectives_from) continue;
    if (ObjectiveBehind(MeasureObjective(data, p, request, o).status)) {
      signals.push_back(RenewalSignal::kObjectivesBehind);
      break;
    }
  }
  const PeriodActivity::ClientSums& cs = recent.clients[c];
  if (cs.listed && MarginLow(cs.revenue, FullCost(recent, cs.labor + cs.expenses * kCostUnitsPerCent, cs.hours))) {
    signals.push_back(RenewalSignal::kMarginLow);
  }
  if (ActivityDown(cs.visits, earlier_visits)) signals.push_back(RenewalSignal::kActivityDown);
  if (RevenueDown(cs.revenue, earlier_revenue)) signals.push_back(RenewalSignal::kRevenueDown);
  // The review of L as of a: its previous period is L0.
  if (DnDown(ShelfDnChangeSign(brands, client, windows.recent.start, a, windows.before.start, windows.before.end))) {
    signals.push_back(RenewalSignal::kDnDown);
  }
  return signals;
}

// SPEC §6.3: the contracts at risk with their signals. The figures of L and
// L0 are summed only when some contract is at risk, and the per-client
// signals (objectives, margin, activity, revenue, DN) worked out only for
// the clients of those contracts, once each.
RenewalRiskSection ComputeRenewalRisk(const Dataset& data, const PreparedDataset& p,
                                      const ReportRequest& request) {
  RenewalRiskSection out;
  out.horizon_days = request.horizon_days;
  const Day a = request.as_of;
  out.contracts = ContractsAtRisk(data, p.renewed_by, p.contract_rank, a, request.grace_days, request.horizon_days);
  if (out.contracts.empty()) return out;
  const RenewalWindows windows = RenewalWindowsOf(a);
  const PeriodActivity recent = SumActivity(data, p, windows.recent.start, a, /*with_breakdowns=*/false);
  std::vector<uint8_t> at_risk(data.clients.size(), 0);
  for (const RenewalContract& line : out.contracts) {
    at_risk[static_cast<size_t>(data.contracts[static_cast<size_t>(line.contract)].client)] = 1;
  }
  std::vector<int64_t> earlier_visits(data.clients.size(), 0);
  std::vector<Cents> earlier_revenue(data.clients.size(), 0);
  const RowRange visits = DateRange(p.visit_date, windows.before.start, windows.before.end);
  for (size_t i = visits.first; i < visits.last; ++i) {
    const auto c = static_cast<size_t>(p.mission_client[static_cast<size_t>(p.visit_mission[i])]);
    if (at_risk[c] != 0) ++earlier_visits[c];
  }
  const RowRange invoices = DateRange(p.invoice_date, windows.before.start, windows.before.end);
  for (size_t i = invoices.first; i < invoices.last; ++i) {
    const auto c = static_cast<size_t>(p.invoice_client[i]);
    if (at_risk[c] != 0) earlier_revenue[c] += p.invoice_amount[i];
  }
  std::vector<std::optional<RenewalSignals>> client_signals(data.clients.size());
  for (RenewalContract& line : out.contracts) {
    const Contract& contract = data.contracts[static_cast<size_t>(line.contract)];
    const auto c = static_cast<size_t>(contract.client);
    if (!client_signals[c]) {
      client_signals[c] = ClientRenewalSignals(data, p, request, windows, recent, earlier_visits[c],
                                               earlier_revenue[c], contract.client);
    }
    if (ChasedBefore(contract)) line.signals.push_back(RenewalSignal::kChasedBefore);
    for (const RenewalSignal signal : *client_signals[c]) line.signals.push_back(signal);
    GradeRisk(line);
  }
  return out;
}

}  // namespace

namespace {

// Time entries: month partitions, each entry priced once. The gather is split
// in two halves, the second on the shared executor.
void PrepareTimeEntries(Dataset& d, PreparedDataset& p) {
  // Rates of all employees in one array, by employee then valid_from, to
  // price every entry once.
  std::vector<CostRate> rates = d.cost_rates;
  std::sort(rates.begin(), rates.end(), [](const CostRate& x, const CostRate& y) {
    return std::tie(x.employee, x.valid_from) < std::tie(y.employee, y.valid_from);
  });
  std::vector<uint32_t> rates_begin(d.employees.size() + 1, 0);
  for (const CostRate& r : rates) ++rates_begin[static_cast<size_t>(r.employee) + 1];
  for (size_t e = 1; e < rates_begin.size(); ++e) rates_begin[e] += rates_begin[e - 1];
  // The rate with the greatest valid_from ≤ date; ingest guarantees one exists.
  const auto rate_on = [&](RowId employee, Day date) -> Cents {
    const auto* first = rates.data() + rates_begin[static_cast<size_t>(employee)];
    const auto* last = rates.data() + rates_begin[static_cast<size_t>(employee) + 1];
    const auto* after = std::upper_bound(first, last, date, [](Day day, const CostRate& r) { return day < r.valid_from; });
    return after == first ? 0 : (after - 1)->hourly_cost;
  };

  TimeEntries& te = d.time_entries;
  const auto entry_order = OrderByMonthAndMission(te.date, te.mission, d.missions.size(), p.month_start, p.month_offset);
  const size_t entries = entry_order.size();
  // One column at a time, each source column freed once gathered, so the
  // entries are never held twice; each gather in two halves, the second on
  // the shared executor.
  const auto in_halves = [entries](auto&& gather) {
    auto second_half = SharedExecutor().Run([&gather, entries] { gather(entries / 2, entries); });
    gather(0, entries / 2);
    second_half.Get();
  };
  const auto release = [](auto& column) { std::decay_t<decltype(column)>().swap(column); };
  p.entry_cost.resize(entries);
  in_halves([&](size_t first, size_t last) {
    for (size_t k = first; k < last; ++k) {
      const uint32_t i = entry_order[k];
      p.entry_cost[k] = static_cast<CostUnits>(te.hours[i]) * rate_on(te.employee[i], te.date[i]);
    }
  });
  const auto move_column = [&](auto& source, auto& target) {
    target.resize(entries);
    in_halves([&](size_t first, size_t last) {
      for (size_t k = first; k < last; ++k) target[k] = source[entry_order[k]];
    });
    release(source);
  };
  move_column(te.hours, p.entry_hours);
  move_column(te.date, p.entry_date);
  move_column(te.activity, p.entry_activity);
  move_column(te.mission, p.entry_mission);
  move_column(te.employee, p.entry_employee);
}

// Everything but the time entries: other facts by date, result series, and
// the orders and indexes of the reference tables.
void PrepareOtherFacts(Dataset& d, PreparedDataset& p) {
  const auto expense_order = OrderByDate(d.expenses.date);
  p.expense_date = Permuted(d.expenses.date, expense_order);
  p.expense_amount = Permuted(d.expenses.amount, expense_order);
  p.expense_category = Permuted(d.expenses.category, expense_order);
  p.expense_mission = Permuted(d.expenses.mission, expense_order);

  const auto invoice_order = OrderByDate(d.invoices.date);
  p.invoice_date = Permuted(d.invoices.date, invoice_order);
  p.invoice_amount = Permuted(d.invoices.amount, invoice_order);
  p.invoice_client = Permuted(d.invoices.client, invoice_order);
  p.invoice_mission = Permuted(d.invoices.mission, invoice_order);
  // Held in the engine's layout now; the dataset's copies are not needed.
  d.expenses = Expenses{};
  d.invoices = Invoices{};

  const auto visit_order = OrderByDate(d.visits.date);
  p.visit_date = Permuted(d.visits.date, visit_order);
  p.visit_mission = Permuted(d.visits.mission, visit_order);
  p.visit_action = Permuted(d.visits.action, visit_order);
  p.visit_employee = Permuted(d.visits.employee, visit_order);

  Results& res = d.results;
  std::vector<uint32_t> result_order(res.size());
  std::iota(result_order.begin(), result_order.end(), 0U);
  std::sort(result_order.begin(), result_order.end(), [&](uint32_t x, uint32_t y) {
    return std::tie(res.date[x], res.value[x]) < std::tie(res.date[y], res.value[y]);
  });
  for (uint32_t i : result_order) {
    auto& series = p.results[SeriesKey(res.mission[i], res.metric[i])];
    series.date.push_back(res.date[i]);
    series.value.push_back(res.value[i]);
    series.running_sum.push_back((series.running_sum.empty() ? 0 : series.running_sum.back()) + res.value[i]);
  }
  d.results = Results{};  // held as series now

  p.renewed_by.assign(d.contracts.size(), kNoRow);
  for (size_t k = 0; k < d.contracts.size(); ++k) {
    const RowId renewed = d.contracts[k].renewal_of;
    if (renewed != kNoRow) p.renewed_by[renewed] = static_cast<RowId>(k);
  }
  p.complexity_begin.assign(d.clients.size() + 1, 0);
  for (const Mission& m : d.missions) {
    if (m.complexity != 0) ++p.complexity_begin[static_cast<size_t>(m.client) + 1];
  }
  for (size_t c = 1; c < p.complexity_begin.size(); ++c) p.complexity_begin[c] += p.complexity_begin[c - 1];
  p.rated_missions.resize(p.complexity_begin.back());
  std::vector<uint32_t> next(p.complexity_begin.begin(), p.complexity_begin.end() - 1);
  for (const Mission& m : d.missions) {
    if (m.complexity != 0) p.rated_missions[next[static_cast<size_t>(m.client)]++] = {m.start, m.end, m.complexity};
  }
  p.mission_client.reserve(d.missions.size());
  for (const Mission& m : d.missions) p.mission_client.push_back(m.client);
  p.client_order = OrderById(d.clients);
  p.contract_order = OrderById(d.contracts);
  p.mission_order = OrderById(d.missions);
  p.objective_order = OrderById(d.objectives);
  p.client_rank = RanksOf(p.client_order);
  p.contract_rank = RanksOf(p.contract_order);
}

}  // namespace

namespace {

// The per-month sums of the time entries (PreparedDataset::month_labor …).
void SumMonths(PreparedDataset& p) {
  const size_t months = p.month_start.size();
  p.month_labor.assign(months, 0);
  p.month_internal_labor.assign(months, 0);
  p.month_mission_hours.assign(months, 0);
  for (size_t k = 0; k < months; ++k) {
    for (size_t i = p.month_offset[k]; i < p.month_offset[k + 1]; ++i) {
      const CostUnits cost = p.entry_cost[i];
      p.month_labor[k] += cost;
      if (p.entry_mission[i] == kNoRow) {
        p.month_internal_labor[k] += cost;
      } else {
        p.month_mission_hours[k] += p.entry_hours[i];
      }
    }
  }
}

// The agency totals of [from, to] — revenue, unallocated revenue, labour,
// expenses, overhead pool, mission hours — without per-mission or per-client
// sums: whole months from the per-month sums, the others entry by entry.
PeriodActivity SumTotals(const PreparedDataset& p, Day from, Day to) {
  PeriodActivity act;
  ForEachEntryMonth(p, from, to, [&](size_t k, bool whole) {
    if (whole) {
      act.total_labor += p.month_labor[k];
      act.overhead_pool += p.month_internal_labor[k];
      act.mission_hours += p.month_mission_hours[k];
      return;
    }
    for (size_t i = p.month_offset[k]; i < p.month_offset[k + 1]; ++i) {
      if (p.entry_date[i] < from || p.entry_date[i] > to) continue;
      act.total_labor += p.entry_cost[i];
      if (p.entry_mission[i] == kNoRow) {
        act.overhead_pool += p.entry_cost[i];
      } else {
        act.mission_hours += p.entry_hours[i];
      }
    }
  });
  const RowRange expenses = DateRange(p.expense_date, from, to);
  for (size_t i = expenses.first; i < expenses.last; ++i) {
    act.total_expenses += p.expense_amount[i];
    if (p.expense_mission[i] == kNoRow) act.overhead_pool += p.expense_amount[i] * kCostUnitsPerCent;
  }
  const RowRange invoices = DateRange(p.invoice_date, from, to);
  for (size_t i = invoices.first; i < invoices.last; ++i) {
    act.total_revenue += p.invoice_amount[i];
    if (p.invoice_mission[i] == kNoRow) act.unallocated_revenue += p.invoice_amount[i];
  }
  return act;
}

// The revenue headlines of [from, to] (total, average per billed client, top
// client's share, HHI) as ComputeRevenue gives them, from per-client sums
// only: the top client is the greatest revenue, and the sum of squares does
// not depend on the order. `scratch` has one zeroed slot per client and is
// left zeroed.
RevenueSection RevenueHeadlines(const PreparedDataset& p, Day from, Day to,
                                std::vector<PeriodActivity::ClientSums>& scratch) {
  RevenueSection out;
  std::vector<RowId> billed;
  const RowRange invoices = DateRange(p.invoice_date, from, to);
  for (size_t i = invoices.first; i < invoices.last; ++i) {
    auto& cs = scratch[p.invoice_client[i]];
    if (cs.invoices++ == 0) billed.push_back(p.invoice_client[i]);
    cs.revenue += p.invoice_amount[i];
    out.total_revenue += p.invoice_amount[i];
  }
  out.clients_billed = static_cast<int64_t>(billed.size());
  if (out.clients_billed > 0) {
    out.average_per_client = static_cast<Cents>(RoundDiv(out.total_revenue, out.clients_billed));
  }
  const Int128 total = out.total_revenue;
  Cents top = 0;
  Int128 sum_of_squares = 0;
  for (const RowId c : billed) {
    const Cents revenue = scratch[c].revenue;
    scratch[c] = PeriodActivity::ClientSums{};
    if (total <= 0 || revenue <= 0) continue;
    top = std::max(top, revenue);
    sum_of_squares += static_cast<Int128>(revenue) * revenue;
  }
  if (top > 0) {
    out.top1_share = RatioOf(top, total);
    out.hhi = HhiOf(sum_of_squares, total);
  }
  return out;
}

// Calls fn(i) for each row of a date-ordered table dated in [from, to]
// whose mission is `mission`.
template <typename Missions, typename Fn>
void ForMissionRowsIn(const std::vector<Day>& dates, const Missions& missions, RowId mission, Day from, Day to,
                      Fn fn) {
  const RowRange range = DateRange(dates, from, to);
  for (size_t i = range.first; i < range.last; ++i) {
    if (missions[i] == mission) fn(i);
  }
}

// One mission's sums over [from, to]: its invoices, its entries (a binary
// search in each month, where entries are ordered by mission) and expenses.
PeriodActivity::MissionSums SumMission(const PreparedDataset& p, RowId mission, Day from, Day to) {
  PeriodActivity::MissionSums ms;
  ForEachEntryMonth(p, from, to, [&](size_t k, bool whole) {
    const auto first = p.entry_mission.begin() + static_cast<std::ptrdiff_t>(p.month_offset[k]);
    const auto last = p.entry_mission.begin() + static_cast<std::ptrdiff_t>(p.month_offset[k + 1]);
    const auto [lo, hi] = std::equal_range(first, last, mission);
    for (auto i = static_cast<size_t>(lo - p.entry_mission.begin()); i < static_cast<size_t>(hi - p.entry_mission.begin()); ++i) {
      if (!whole && (p.entry_date[i] < from || p.entry_date[i] > to)) continue;
      ms.hours += p.entry_hours[i];
      ms.labor += p.entry_cost[i];
      ms.listed = true;
      ms.has_effort = true;
    }
  });
  ForMissionRowsIn(p.expense_date, p.expense_mission, mission, from, to, [&](size_t i) {
    ms.expenses += p.expense_amount[i];
    ms.listed = true;
    ms.has_effort = true;
  });
  ForMissionRowsIn(p.invoice_date, p.invoice_mission, mission, from, to, [&](size_t i) {
    ms.revenue += p.invoice_amount[i];
    ms.listed = true;
  });
  return ms;
}

}  // namespace

KpiEngine::KpiEngine(Dataset dataset) : dataset_(std::move(dataset)), prepared_(std::make_unique<PreparedDataset>()) {
  // One after the other, not side by side, to bound memory: the other facts
  // first (their source columns freed), then the time entries column by column.
  PrepareOtherFacts(dataset_, *prepared_);
  prepared_->brands = IndexBrandFacts(dataset_, prepared_->contract_order, prepared_->objective_order, OrderByDate);
  prepared_->brands.store_rank = RanksOf(OrderById(dataset_.stores));
  PrepareTimeEntries(dataset_, *prepared_);
  SumMonths(*prepared_);
  prepared_->workload = WorkloadIndex(dataset_, EntriesOf(*prepared_));
}

KpiEngine::~KpiEngine() = default;

Report KpiEngine::Compute(const ReportRequest& request) const {
  Report report;
  report.period.period = request.period;
  report.period.as_of = request.as_of;
  report.period.previous = PreviousPeriod(request.period);
  report.period.grace_days = request.grace_days;

  const Day effective_end = std::min(request.period.end, request.as_of);
  const Period& prev = report.period.previous;
  const Day previous_end = std::min(prev.end, request.as_of);

  // The previous period's sums on the shared executor while this one is summed here.
  auto previous_future = SharedExecutor().Run([&] {
    return SumActivity(dataset_, *prepared_, prev.start, previous_end, /*with_breakdowns=*/false);
  });
  const PeriodActivity current =
      SumActivity(dataset_, *prepared_, request.period.start, effective_end, /*with_breakdowns=*/true);
  const PeriodActivity previous = previous_future.Get();

  // Two threads build the report: this one the revenue section, a task on the
  // shared executor the objectives and recurrence; then both take chunks of
  // the mission list (the largest piece) until none is left, each writing its
  // chunk's lines in place, so both finish together and no line is copied.
  const size_t missions = prepared_->mission_order.size();
  const size_t chunks = (missions + kMissionChunk - 1) / kMissionChunk;
  std::vector<size_t> chunk_start(chunks + 1, 0);  // first line of each chunk
  for (size_t k = 0; k < chunks; ++k) {
    const auto* order = prepared_->mission_order.data();
    chunk_start[k + 1] = chunk_start[k] + static_cast<size_t>(std::count_if(
        order + k * kMissionChunk, order + std::min(missions, (k + 1) * kMissionChunk),
        [&](RowId m) {
          return current.missions[static_cast<size_t>(m)].listed ||
                 EarnsFee(dataset_.missions[static_cast<size_t>(m)], request.period.start, effective_end);
        }));
  }
  report.margin = ComputeMarginTotals(current);
  report.margin.missions.resize(chunk_start[chunks]);
  std::atomic<size_t> next_chunk{0};
  const auto build_mission_lines = [&] {
    for (size_t k; (k = next_chunk.fetch_add(1)) < chunks;) {
      ComputeMissionMargins(dataset_, *prepared_, current, previous, request.period.start, effective_end,
                            k * kMissionChunk,
                            std::min(missions, (k + 1) * kMissionChunk), report.margin.missions.data() + chunk_start[k]);
    }
  };
  auto other_core = SharedExecutor().Run([&] {
    report.objectives = ComputeObjectives(dataset_, *prepared_, request, /*with_items=*/true);
    report.recurrence = ComputeRecurrence(dataset_, *prepared_, request, effective_end, /*with_clients=*/true);
    report.workload = ComputeWorkload(dataset_, *prepared_, current, request.period.start, effective_end);
    build_mission_lines();
  });
  report.revenue = ComputeRevenue(dataset_, *prepared_, current, request.period.start, effective_end);
  report.renewal_risk = ComputeRenewalRisk(dataset_, *prepared_, request);
  build_mission_lines();
  other_core.Get();
  AttachRevenueAtStake(report.recurrence, report.revenue, dataset_.clients.size());
  FillEarnedTotals(report.margin, dataset_.missions, current.unallocated_revenue,
                   current.total_labor + current.total_expenses * kCostUnitsPerCent, request.period.start,
                   effective_end);
  report.period.horizon_days = request.horizon_days;
  return report;
}

std::vector<TrendPoint> KpiEngine::Trend(Day from, Day to, PeriodKind granularity, Day as_of, int grace_days) const {
  std::vector<TrendPoint> points;
  if (from > to || granularity == PeriodKind::kCustom) return points;
  const Period last = PeriodOf(granularity, to);
  for (Period period = PeriodOf(granularity, from); period.start <= last.start; period = NextPeriod(period)) {
    TrendPoint& point = points.emplace_back();
    point.period = period;
    point.label = FormatPeriod(period);
  }
  // Points [first, end) with their own scratch: the points are independent,
  // so the later half is computed on the shared executor, as a report uses
  // both cores.
  const auto compute = [&](size_t first, size_t end) {
    std::vector<PeriodActivity::ClientSums> scratch(dataset_.clients.size());
    for (size_t i = first; i < end; ++i) {
      TrendPoint& point = points[i];
      const Period& period = point.period;
      // What Compute() would be asked for this point, and its effective end.
      const ReportRequest request{period, std::min(period.end, as_of), grace_days};
      const Day effective_end = std::min(period.end, request.as_of);
      const RecurrenceSection recurrence =
          ComputeRecurrence(dataset_, *prepared_, request, effective_end, /*with_clients=*/false);
      point.recurrence_rate = recurrence.recurrence_rate;
      point.renewal_rate = recurrence.renewal_rate;
      point.churn_rate = recurrence.churn_rate;
      const RevenueSection revenue = RevenueHeadlines(*prepared_, period.start, effective_end, scratch);
      point.total_revenue = revenue.total_revenue;
      point.average_per_client = revenue.average_per_client;
      point.top1_share = revenue.top1_share;
      point.hhi = revenue.hhi;
      const MarginSection margin = ComputeMarginTotals(SumTotals(*prepared_, period.start, effective_end));
      point.margin = margin.margin;
      point.margin_rate = margin.margin_rate;
      const ObjectivesSection objectives = ComputeObjectives(dataset_, *prepared_, request, /*with_items=*/false);
      point.met_share = objectives.met_share;
      point.mean_capped_attainment = objectives.mean_capped_attainment;
    }
  };
  const size_t half = points.size() / 2;
  auto later = SharedExecutor().Run([&] { compute(half, points.size()); });
  compute(0, half);
  later.Get();
  return points;
}

std::vector<MissionMonth> KpiEngine::MissionMonths(RowId mission, Day as_of, int months) const {
  std::vector<MissionMonth> out;
  for (const Period& month : TrailingMonths(as_of, months)) {
    const Day to = std::min(month.end, as_of);
    MissionMonth line;
    line.month = month;
    const PeriodActivity::MissionSums ms = SumMission(*prepared_, mission, month.start, to);
    if (ms.listed) {
      // As ComputeMissionMargins writes the mission's line of that month.
      const PeriodActivity totals = SumTotals(*prepared_, month.start, to);
      const Fraction full_cost = FullCost(totals, ms.labor + ms.expenses * kCostUnitsPerCent, ms.hours);
      line.listed = true;
      line.revenue = ms.revenue;
      line.full_cost = CostToCents(full_cost);
      line.full_margin = CostToCents(FullMargin(ms.revenue, full_cost));
      if (const auto rate = FullMarginRate(totals, ms)) line.full_margin_rate = ToDouble(rate->num, rate->den);
    }
    out.push_back(line);
  }
  return out;
}

MissionActivity KpiEngine::MissionOver(RowId mission, Day from, Day to) const {
  MissionActivity out;
  const PeriodActivity::MissionSums ms = SumMission(*prepared_, mission, from, to);
  out.revenue = ms.revenue;
  out.hours = ms.hours;
  // The overhead share needs the window's pool and all missions' hours.
  out.full_cost = FullCost(SumTotals(*prepared_, from, to), ms.labor + ms.expenses * kCostUnitsPerCent, ms.hours);
  const RowRange visits = DateRange(prepared_->visit_date, from, to);
  for (size_t i = visits.first; i < visits.last; ++i) out.visits += prepared_->visit_mission[i] == mission ? 1 : 0;
  return out;
}

std::vector<ClientContract> KpiEngine::ClientContracts(RowId client) const {
  std::vector<ClientContract> out;
  for (size_t k = 0; k < dataset_.contracts.size(); ++k) {
    if (dataset_.contracts[k].client == client) out.push_back({static_cast<RowId>(k), prepared_->renewed_by[k]});
  }
  const auto& contracts = dataset_.contracts;
  std::sort(out.begin(), out.end(), [&](const ClientContract& x, const ClientContract& y) {
    return std::tie(contracts[x.contract].start, contracts[x.contract].id) <
           std::tie(contracts[y.contract].start, contracts[y.contract].id);
  });
  return out;
}

VisitCounts KpiEngine::VisitsByAction(RowId client, Day from, Day to) const {
  VisitCounts counts{};
  const RowRange visits = DateRange(prepared_->visit_date, from, to);
  for (size_t i = visits.first; i < visits.last; ++i) {
    if (prepared_->mission_client[prepared_->visit_mission[i]] == client) {
      ++counts[static_cast<size_t>(prepared_->visit_action[i])];
    }
  }
  return counts;
}

std::vector<BrandActivity> KpiEngine::ActiveBrands(Day first, Day last) const {
  return agencykpi::ActiveBrands(dataset_, prepared_->brands, first, last);
}

Result<Review> KpiEngine::BrandReview(std::string_view client_id, const ReportRequest& request) const {
  const auto& order = prepared_->client_order;
  const auto found = std::lower_bound(order.begin(), order.end(), client_id, [&](RowId c, std::string_view id) {
    return std::string_view(dataset_.clients[c].id) < id;
  });
  if (found == order.end() || dataset_.clients[*found].id != client_id) {
    return Status::NotFound("unknown client '" + std::string(client_id) + "'");
  }
  const RowId c = *found;
  Review review;
  review.period.period = request.period;
  review.period.as_of = request.as_of;
  review.period.previous = PreviousPeriod(request.period);
  review.period.grace_days = request.grace_days;
  const Client& client = dataset_.clients[c];
  review.client = {c, client.id, client.name, client.sector};
  FillBrandFigures(dataset_, prepared_->brands, review);

  // The report's objective items and totals (§3.4), over the brand's missions.
  const BrandFacts& brands = prepared_->brands;
  ObjectiveTotals totals;
  for (uint32_t k = brands.objective_begin[c]; k < brands.objective_begin[c + 1]; ++k) {
    const RowId o = brands.objectives[k];
    if (!ObjectiveOverlaps(dataset_.objectives[o], request)) continue;
    review.objectives.items.push_back(MeasureObjective(dataset_, *prepared_, request, o));
    totals.Add(review.objectives.items.back());
  }
  totals.WriteTo(review.objectives);

  // The client's status of §3.1: the best of its contracts ending in P.
  const Day effective_end = std::min(request.period.end, request.as_of);
  int best = -1;
  for (uint32_t k = brands.contract_begin[c]; k < brands.contract_begin[c + 1]; ++k) {
    const auto status = EndingContractStatus(dataset_, *prepared_, request, effective_end,
                                             static_cast<size_t>(brands.contracts[k]));
    if (status) KeepBestStatus(best, *status);
  }
  if (best >= 0) review.recurrence_status = static_cast<RecurrenceStatus>(best);
  return review;
}

}  // namespace agencykpi
