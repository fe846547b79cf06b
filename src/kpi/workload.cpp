#include "kpi/workload.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "kpi/entry_months.h"

namespace agencykpi {
namespace {

constexpr int64_t kDaysPerWeek = 7;
constexpr int64_t kWorkingDaysPerWeek = 5;
// Day 0 (1970-01-01) was a Thursday: Monday is 0 after this shift.
constexpr int64_t kMondayShift = 3;
// No mission yet in a month's scan (kNoRow is internal time).
constexpr RowId kNoMissionYet = kNoRow - 1;

bool IsWorkingDay(Day day) {
  const int64_t weekday = ((static_cast<int64_t>(day) + kMondayShift) % kDaysPerWeek + kDaysPerWeek) % kDaysPerWeek;
  return weekday < kWorkingDaysPerWeek;
}

// An (employee rank, mission) pair as one sortable key.
uint64_t PairKey(int32_t rank, RowId mission) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(rank)) << 32) | static_cast<uint32_t>(mission);
}

}  // namespace

int64_t WorkingDays(Day from, Day to) {
  if (from > to) return 0;
  const int64_t days = static_cast<int64_t>(to) - from + 1;
  int64_t count = days / kDaysPerWeek * kWorkingDaysPerWeek;
  for (Day day = static_cast<Day>(from + days / kDaysPerWeek * kDaysPerWeek); day <= to; ++day) {
    count += IsWorkingDay(day) ? 1 : 0;
  }
  return count;
}

void WorkloadIndex::EntrySums::Add(const EntryView& entries, size_t i) {
  hours_by_activity[static_cast<size_t>(entries.activity[i])] += entries.hours[i];
  labor += entries.cost[i];
  if (entries.mission[i] != kNoRow) mission_hours += entries.hours[i];
}

void WorkloadIndex::EntrySums::Add(const EntrySums& other) {
  for (size_t a = 0; a < hours_by_activity.size(); ++a) hours_by_activity[a] += other.hours_by_activity[a];
  mission_hours += other.mission_hours;
  labor += other.labor;
}

WorkloadIndex::WorkloadIndex(const Dataset& data, const EntryView& entries) {
  const size_t employees = data.employees.size();
  employee_order_.resize(employees);
  std::iota(employee_order_.begin(), employee_order_.end(), 0);
  std::sort(employee_order_.begin(), employee_order_.end(),
            [&](RowId x, RowId y) { return data.employees[x].id < data.employees[y].id; });
  employee_rank_.resize(employees);
  for (size_t i = 0; i < employees; ++i) employee_rank_[employee_order_[i]] = static_cast<int32_t>(i);

  // Each employee's months and their distinct missions, then laid out flat.
  std::vector<std::vector<EmployeeMonth>> months(employees);
  std::vector<std::vector<RowId>> missions(employees);
  std::vector<RowId> last_mission(employees, kNoMissionYet);
  const size_t month_count = entries.month_start.size();
  for (size_t k = 0; k < month_count; ++k) {
    for (size_t i = entries.month_offset[k]; i < entries.month_offset[k + 1]; ++i) {
      const auto e = static_cast<size_t>(entries.employee[i]);
      if (months[e].empty() || months[e].back().month != k) {
        EmployeeMonth started;
        started.month = static_cast<uint32_t>(k);
        started.missions_first = static_cast<uint32_t>(missions[e].size());
        months[e].push_back(started);
        last_mission[e] = kNoMissionYet;
      }
      EmployeeMonth& month = months[e].back();
      month.sums.Add(entries, i);
      const RowId mission = entries.mission[i];
      if (mission == kNoRow) continue;
      // Entries are ordered by mission within a month: a new mission is a new one.
      if (last_mission[e] != mission) {
        missions[e].push_back(mission);
        ++month.missions_count;
        last_mission[e] = mission;
      }
    }
  }
  employee_begin_.assign(employees + 1, 0);
  for (size_t e = 0; e < employees; ++e) {
    employee_begin_[e + 1] = employee_begin_[e] + static_cast<uint32_t>(months[e].size());
    const auto offset = static_cast<uint32_t>(mission_lists_.size());
    for (EmployeeMonth& month : months[e]) {
      month.missions_first += offset;
      months_.push_back(month);
    }
    mission_lists_.insert(mission_lists_.end(), missions[e].begin(), missions[e].end());
    std::vector<EmployeeMonth>().swap(months[e]);
    std::vector<RowId>().swap(missions[e]);
  }
}

WorkloadSection WorkloadIndex::Compute(const Dataset& data, const EntryView& entries,
                                       std::span<const Day> visit_date, std::span<const RowId> visit_employee,
                                       Day from, Day to, const WorkloadTotals& totals) const {
  WorkloadSection out;
  const size_t employees = data.employees.size();
  // The whole months of [from, to] come from the per-month sums; the months
  // it cuts are read entry by entry into `cut`, with their distinct
  // (employee, mission) pairs.
  uint32_t whole_first = std::numeric_limits<uint32_t>::max();
  uint32_t whole_last = 0;
  std::vector<EntrySums> cut;
  std::vector<uint64_t> cut_pairs;
  std::vector<RowId> last_mission;
  ForEachMonthOverlapping(entries.month_start, from, to, [&](size_t k, bool whole) {
    if (whole) {
      whole_first = std::min(whole_first, static_cast<uint32_t>(k));
      whole_last = std::max(whole_last, static_cast<uint32_t>(k));
      return;
    }
    if (cut.empty()) cut.resize(employees);
    last_mission.assign(employees, kNoMissionYet);
    for (size_t i = entries.month_offset[k]; i < entries.month_offset[k + 1]; ++i) {
      if (entries.date[i] < from || entries.date[i] > to) continue;
      const auto e = static_cast<size_t>(entries.employee[i]);
      cut[e].Add(entries, i);
      const RowId mission = entries.mission[i];
      if (mission == kNoRow) continue;
      if (last_mission[e] != mission) {
        cut_pairs.push_back(PairKey(employee_rank_[e], mission));
        last_mission[e] = mission;
      }
    }
  });
  std::sort(cut_pairs.begin(), cut_pairs.end());

  std::vector<int64_t> visits(employees, 0);
  const auto first_visit = std::lower_bound(visit_date.begin(), visit_date.end(), from) - visit_date.begin();
  const auto last_visit = std::upper_bound(visit_date.begin(), visit_date.end(), to) - visit_date.begin();
  for (auto i = first_visit; i < last_visit; ++i) {
    // A hand-built dataset may hold visits of no employee row; ingest never does.
    const auto e = static_cast<size_t>(visit_employee[static_cast<size_t>(i)]);
    if (e < employees) ++visits[e];
  }

  const int64_t working_days = WorkingDays(from, to);
  std::vector<RowId> counted_by(data.missions.size(), kNoRow);  // the employee that counted the mission
  size_t pair_at = 0;
  for (size_t rank = 0; rank < employee_order_.size(); ++rank) {
    const RowId e = employee_order_[rank];
    WorkloadEmployee line;
    const auto count_mission = [&](RowId mission) {
      if (counted_by[static_cast<size_t>(mission)] == e) return;
      counted_by[static_cast<size_t>(mission)] = e;
      ++line.missions;
    };
    EntrySums sums;
    for (uint32_t r = employee_begin_[e]; r < employee_begin_[e + 1]; ++r) {
      const EmployeeMonth& month = months_[r];
      if (month.month < whole_first || month.month > whole_last) continue;
      sums.Add(month.sums);
      for (uint32_t m = 0; m < month.missions_count; ++m) count_mission(mission_lists_[month.missions_first + m]);
    }
    if (!cut.empty()) sums.Add(cut[static_cast<size_t>(e)]);
    for (; pair_at < cut_pairs.size() && (cut_pairs[pair_at] >> 32) == rank; ++pair_at) {
      count_mission(static_cast<RowId>(cut_pairs[pair_at] & 0xFFFFFFFFU));
    }
    line.hours_by_activity = sums.hours_by_activity;
    line.mission_hours = sums.mission_hours;
    const CostUnits labor = sums.labor;
    for (const Hundredths hours : line.hours_by_activity) line.hours += hours;
    if (line.hours == 0) continue;  // no time entry in P (every entry has hours > 0)
    const Employee& employee = data.employees[static_cast<size_t>(e)];
    line.employee = e;
    line.employee_id = employee.id;
    line.name = employee.name;
    line.role = employee.role;
    line.internal_hours = line.hours - line.mission_hours;
    line.billable_share = ToDouble(line.mission_hours, line.hours);
    line.labor_cost = CostToCents(labor);
    line.visits = visits[static_cast<size_t>(e)];
    if (employee.weekly_hours > 0) {
      // weekly_hours × working_days / 5, in hundredths, rounded once.
      const Int128 capacity_num = static_cast<Int128>(employee.weekly_hours) * working_days;
      line.capacity_hours = static_cast<Hundredths>(RoundDiv(capacity_num, kWorkingDaysPerWeek));
      if (capacity_num > 0) line.occupancy = ToDouble(static_cast<Int128>(line.hours) * kWorkingDaysPerWeek, capacity_num);
    }
    out.hours += line.hours;
    out.mission_hours += line.mission_hours;
    out.items.push_back(line);
  }
  out.employees = static_cast<int64_t>(out.items.size());
  out.internal_hours = out.hours - out.mission_hours;
  if (out.hours > 0) out.billable_share = ToDouble(out.mission_hours, out.hours);
  if (totals.visits > 0) {
    const Int128 all_costs = static_cast<Int128>(totals.labor) + static_cast<Int128>(totals.expenses) * kCostUnitsPerCent;
    out.cost_per_visit =
        ToDouble(all_costs, static_cast<Int128>(totals.visits) * kCostUnitsPerCent * kCentsPerEuro);
  }
  return out;
}

}  // namespace agencykpi
