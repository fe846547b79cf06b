// Workload per employee (SPEC §6.1, *charge et taux d'occupation*): hours,
// billable share, hours by activity, labour cost, visits, missions, capacity
// and occupancy of every employee with a time entry in the period.
//
// The engine's time entries are partitioned by month (ordered by mission
// within a month) and no longer say whose they are once priced, so the
// index built with the engine keeps each entry's employee and, per employee
// and month, the sums a whole month contributes (hours per activity, mission
// hours, labour cost, its distinct missions). A period then reads its whole
// months from those sums, employee by employee, and only the months it cuts
// entry by entry.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "common/exact.h"
#include "domain/dataset.h"
#include "kpi/report.h"

namespace agencykpi {

// The time entries as the engine holds them: month k is
// [month_offset[k], month_offset[k + 1]), ordered by mission.
struct EntryView {
  std::span<const Day> month_start;
  std::span<const size_t> month_offset;
  std::span<const Day> date;
  std::span<const int16_t> hours;
  std::span<const CostUnits> cost;
  std::span<const Activity> activity;
  std::span<const RowId> mission;
  std::span<const RowId> employee;
};

// The agency-wide sums of the period the workload's totals need.
struct WorkloadTotals {
  CostUnits labor = 0;     // every entry in P, internal ones included
  Cents expenses = 0;      // every expense in P
  int64_t visits = 0;      // every visit in P
};

// Mondays to Fridays of [from, to]; 0 when from > to.
int64_t WorkingDays(Day from, Day to);

class WorkloadIndex {
 public:
  WorkloadIndex() = default;
  WorkloadIndex(const Dataset& data, const EntryView& entries);

  // SPEC §6.1 over [s, e'] (= [from, to]): `visit_date` ordered, with each
  // visit's employee. Const, thread-safe.
  [[nodiscard]] WorkloadSection Compute(const Dataset& data, const EntryView& entries,
                                        std::span<const Day> visit_date, std::span<const RowId> visit_employee,
                                        Day from, Day to, const WorkloadTotals& totals) const;

 private:
  // Sums of some entries of one employee.
  struct EntrySums {
    std::array<Hundredths, kActivityCount> hours_by_activity{};
    Hundredths mission_hours = 0;
    CostUnits labor = 0;
    void Add(const EntryView& entries, size_t i);
    void Add(const EntrySums& other);
  };
  // One employee's entries of one month.
  struct EmployeeMonth {
    uint32_t month = 0;
    uint32_t missions_first = 0;  // its distinct missions: mission_lists_[first, first + count)
    uint32_t missions_count = 0;
    EntrySums sums;
  };
  std::vector<RowId> employee_order_;           // by employee_id
  std::vector<int32_t> employee_rank_;          // an employee's place in employee_order_
  std::vector<uint32_t> employee_begin_;        // employee e's months: [begin[e], begin[e + 1]) of months_
  std::vector<EmployeeMonth> months_;           // by employee, then month
  std::vector<RowId> mission_lists_;
};

}  // namespace agencykpi
