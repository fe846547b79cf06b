// Builds small Datasets by hand for engine tests: ids in, RowIds resolved.
#pragma once

#include <string>

#include "common/date.h"
#include "domain/dataset.h"

namespace agencykpi::testing {

inline Day D(const char* text) { return ParseDate(text).value(); }

class DatasetBuilder {
 public:
  RowId Client(const std::string& id, const std::string& name = "") {
    data_.clients.push_back({id, name.empty() ? id : name, ""});
    return Last(data_.clients);
  }
  RowId Contract(const std::string& id, RowId client, const char* start, const char* end,
                 RowId renewal_of = kNoRow, RenewalType type = RenewalType::kNone,
                 const char* signed_on = nullptr) {
    data_.contracts.push_back({id, client, D(start), D(end), renewal_of, type, D(signed_on ? signed_on : start)});
    return Last(data_.contracts);
  }
  RowId Mission(const std::string& id, RowId client, const char* start = "2020-01-01",
                const char* end = "2030-12-31", int complexity = 0) {
    data_.missions.push_back({id, client, "Mission " + id, D(start), D(end), kNoRow, "", static_cast<int8_t>(complexity)});
    return Last(data_.missions);
  }
  RowId Employee(const std::string& id) {
    data_.employees.push_back({id, id, ""});
    return Last(data_.employees);
  }
  void Rate(RowId employee, const char* from, Cents hourly_cost) {
    data_.cost_rates.push_back({employee, D(from), hourly_cost});
  }
  void Entry(RowId employee, const char* date, int64_t hundredths, RowId mission,
             Activity activity = Activity::kField) {
    auto& t = data_.time_entries;
    t.employee.push_back(employee);
    t.date.push_back(D(date));
    t.hours.push_back(static_cast<int16_t>(hundredths));
    t.activity.push_back(activity);
    t.mission.push_back(mission);
  }
  void Expense(const char* date, Cents amount, RowId mission,
               ExpenseCategory category = ExpenseCategory::kTravel) {
    auto& e = data_.expenses;
    e.date.push_back(D(date));
    e.amount.push_back(amount);
    e.category.push_back(category);
    e.mission.push_back(mission);
  }
  void Invoice(RowId client, const char* date, Cents amount, RowId mission = kNoRow) {
    auto& i = data_.invoices;
    i.id.push_back("I" + std::to_string(i.size() + 1));
    i.client.push_back(client);
    i.date.push_back(D(date));
    i.amount.push_back(amount);
    i.mission.push_back(mission);
  }
  void Visit(RowId mission, const char* date) {
    auto& v = data_.visits;
    v.id.push_back("V" + std::to_string(v.size() + 1));
    v.employee.push_back(0);
    v.mission.push_back(mission);
    v.store.push_back(0);
    v.date.push_back(D(date));
    v.action.push_back(VisitAction::kOther);
  }
  RowId Metric(const std::string& key) {
    for (size_t i = 0; i < data_.metrics.size(); ++i) {
      if (data_.metrics[i] == key) return static_cast<RowId>(i);
    }
    data_.metrics.push_back(key);
    return Last(data_.metrics);
  }
  RowId Objective(const std::string& id, RowId mission, const std::string& metric, Aggregation aggregation,
                  Micros target, const char* start, const char* end) {
    data_.objectives.push_back({id, mission, Metric(metric), aggregation, target, D(start), D(end)});
    return Last(data_.objectives);
  }
  void Result(RowId mission, const std::string& metric, const char* date, Micros value) {
    auto& r = data_.results;
    r.mission.push_back(mission);
    r.metric.push_back(Metric(metric));
    r.date.push_back(D(date));
    r.value.push_back(value);
    r.store.push_back(kNoRow);
  }
  Dataset& data() { return data_; }

 private:
  template <typename T>
  static RowId Last(const std::vector<T>& v) { return static_cast<RowId>(v.size() - 1); }
  Dataset data_;
};

}  // namespace agencykpi::testing
