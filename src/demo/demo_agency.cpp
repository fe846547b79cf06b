// Writes the demo agency as the 13 CSV files of SPEC §1, each in the shape
// of the tool it typically comes from (see docs/data-format.md):
//   CRM               clients, contracts, missions, stores, visits,
//                     objectives, results, store_audits: plain `,`, ISO dates
//   time-sheet tool   employees, cost_rates, time_entries: French Excel
//                     (`;`, BOM, CRLF, DD/MM/YYYY, decimal comma)
//   accounting        invoices, expenses: French Excel, invoices with
//                     "4 200,00" amounts (no-break space thousands)
#include "demo/demo_agency.h"

#include <fmt/format.h>

#include <array>
#include <string_view>
#include <system_error>

#include "demo/demo_csv.h"
#include "demo/demo_model.h"

namespace agencykpi {
namespace {

using demo::CsvStyle;
using demo::CsvWriter;
using demo::DemoAgency;
using demo::kNoRef;

// Rough bytes per row, to reserve each file's buffer once.
constexpr size_t kSmallRowBytes = 64;
constexpr size_t kFactRowBytes = 48;

constexpr CsvStyle kAccountingStyle{';', true, true, true, true, true};

constexpr std::array<std::string_view, 4> kRoleNames{"field rep", "merchandiser", "coordinator", "manager"};
constexpr std::array<std::string_view, 4> kMissionTypeNames{"merchandising", "prospection", "animation",
                                                            "implantation"};
constexpr std::array<std::string_view, 8> kActivityNames{
    "field", "preparation", "followup", "coordination", "reporting", "travel", "management", "other"};
constexpr std::array<std::string_view, 4> kExpenseNames{"travel", "tools", "subcontracting", "other"};
constexpr std::array<std::string_view, 7> kActionNames{
    "implantation", "negotiation", "promotion", "merchandising", "audit", "order", "other"};
constexpr std::array<std::string_view, 4> kMetricNames{"implantations", "orders", "volume", "dn"};

template <typename Array, typename Enum>
std::string_view NameOf(const Array& names, Enum value) {
  return names[static_cast<size_t>(value)];
}

// A reference to a row, or an empty cell.
template <typename Rows>
void Reference(CsvWriter& out, const Rows& rows, int32_t index) {
  if (index == kNoRef) {
    out.Empty();
  } else {
    out.Text(rows[static_cast<size_t>(index)].id);
  }
}

class FolderWriter {
 public:
  FolderWriter(std::filesystem::path folder, const DemoAgency& agency)
      : folder_(std::move(folder)), agency_(agency) {}

  Status WriteAll() {
    const Status steps[] = {Clients(),    Contracts(),   Missions(),   Employees(), CostRates(),
                            Stores(),     TimeEntries(), Expenses(),   Invoices(),  Visits(),
                            Objectives(), Results(),     StoreAudits()};
    for (const Status& status : steps) {
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

 private:
  Status Save(const CsvWriter& out, std::string_view name) { return out.Save(folder_ / name); }

  Status Clients() {
    CsvWriter out(demo::kPlainStyle, agency_.clients.size() * kSmallRowBytes);
    out.Header({"client_id", "name", "sector"});
    for (const auto& client : agency_.clients) {
      out.Text(client.id);
      out.Text(client.name);
      out.Text(client.sector);
      out.EndRow();
    }
    return Save(out, "clients.csv");
  }

  Status Contracts() {
    CsvWriter out(demo::kPlainStyle, agency_.contracts.size() * kSmallRowBytes);
    out.Header(
        {"contract_id", "client_id", "start_date", "end_date", "renewal_of", "renewal_type", "signed_on"});
    for (const auto& contract : agency_.contracts) {
      out.Text(contract.id);
      Reference(out, agency_.clients, contract.client);
      out.Date(contract.start);
      out.Date(contract.end);
      Reference(out, agency_.contracts, contract.renewal_of);
      switch (contract.renewal) {
        case demo::RenewalKind::kNotRenewal: out.Empty(); break;
        case demo::RenewalKind::kSpontaneous: out.Text("spontaneous"); break;
        case demo::RenewalKind::kSolicited: out.Text("solicited"); break;
      }
      if (contract.write_signed_on) {
        out.Date(contract.signed_on);
      } else {
        out.Empty();
      }
      out.EndRow();
    }
    return Save(out, "contracts.csv");
  }

  Status Missions() {
    CsvWriter out(demo::kPlainStyle, agency_.missions.size() * 2 * kSmallRowBytes);
    out.Header(
        {"mission_id", "client_id", "contract_id", "name", "type", "start_date", "end_date", "complexity"});
    for (const auto& mission : agency_.missions) {
      out.Text(mission.id);
      Reference(out, agency_.clients, mission.client);
      Reference(out, agency_.contracts, mission.contract);
      out.Text(mission.name);
      out.Text(NameOf(kMissionTypeNames, mission.type));
      out.Date(mission.start);
      out.Date(mission.end);
      if (mission.complexity == 0) {
        out.Empty();
      } else {
        out.Integer(mission.complexity);
      }
      out.EndRow();
    }
    return Save(out, "missions.csv");
  }

  Status Employees() {
    CsvWriter out(demo::kFrenchExcelStyle, agency_.employees.size() * kSmallRowBytes);
    out.Header({"employee_id", "name", "role"});
    for (const auto& employee : agency_.employees) {
      out.Text(employee.id);
      out.Text(employee.name);
      out.Text(NameOf(kRoleNames, employee.role));
      out.EndRow();
    }
    return Save(out, "employees.csv");
  }

  Status CostRates() {
    CsvWriter out(demo::kFrenchExcelStyle, agency_.cost_rates.size() * kSmallRowBytes);
    out.Header({"employee_id", "valid_from", "hourly_cost"});
    for (const auto& rate : agency_.cost_rates) {
      Reference(out, agency_.employees, rate.employee);
      out.Date(rate.valid_from);
      out.Money(rate.hourly_cost);
      out.EndRow();
    }
    return Save(out, "cost_rates.csv");
  }

  Status Stores() {
    CsvWriter out(demo::kPlainStyle, agency_.stores.size() * kSmallRowBytes);
    out.Header({"store_id", "name", "chain", "region"});
    for (const auto& store : agency_.stores) {
      out.Text(store.id);
      out.Text(store.name);
      out.Text(store.chain);
      out.Text(agency_.regions[static_cast<size_t>(store.region)]);
      out.EndRow();
    }
    return Save(out, "stores.csv");
  }

  Status TimeEntries() {
    CsvWriter out(demo::kFrenchExcelStyle, agency_.time_entries.size() * kFactRowBytes);
    out.Header({"date", "employee_id", "mission_id", "activity", "hours"});
    for (const auto& entry : agency_.time_entries) {
      out.Date(entry.date);
      Reference(out, agency_.employees, entry.employee);
      Reference(out, agency_.missions, entry.mission);
      out.Text(NameOf(kActivityNames, entry.activity));
      out.Hours(entry.quarters);
      out.EndRow();
    }
    return Save(out, "time_entries.csv");
  }

  Status Expenses() {
    CsvWriter out(demo::kFrenchExcelStyle, agency_.expenses.size() * kFactRowBytes);
    out.Header({"date", "category", "mission_id", "amount"});
    for (const auto& expense : agency_.expenses) {
      out.Date(expense.date);
      out.Text(NameOf(kExpenseNames, expense.category));
      Reference(out, agency_.missions, expense.mission);
      out.Money(expense.amount);
      out.EndRow();
    }
    return Save(out, "expenses.csv");
  }

  Status Invoices() {
    CsvWriter out(kAccountingStyle, agency_.invoices.size() * kSmallRowBytes);
    out.Header({"invoice_id", "date", "client_id", "mission_id", "amount"});
    for (const auto& invoice : agency_.invoices) {
      out.Text(invoice.id);
      out.Date(invoice.date);
      Reference(out, agency_.clients, invoice.client);
      Reference(out, agency_.missions, invoice.mission);
      out.Money(invoice.amount);
      out.EndRow();
    }
    return Save(out, "invoices.csv");
  }

  Status Visits() {
    CsvWriter out(demo::kPlainStyle, agency_.visits.size() * kSmallRowBytes);
    out.Header({"visit_id", "date", "employee_id", "store_id", "mission_id", "action"});
    int64_t number = 0;
    for (const auto& visit : agency_.visits) {
      out.Text(fmt::format("V{:07}", ++number));
      out.Date(visit.date);
      Reference(out, agency_.employees, visit.employee);
      Reference(out, agency_.stores, visit.store);
      Reference(out, agency_.missions, visit.mission);
      out.Text(NameOf(kActionNames, visit.action));
      out.EndRow();
    }
    return Save(out, "visits.csv");
  }

  Status Objectives() {
    CsvWriter out(demo::kPlainStyle, agency_.objectives.size() * kSmallRowBytes);
    out.Header({"objective_id", "mission_id", "metric", "aggregation", "target", "start_date", "end_date"});
    for (const auto& objective : agency_.objectives) {
      out.Text(objective.id);
      Reference(out, agency_.missions, objective.mission);
      out.Text(NameOf(kMetricNames, objective.metric));
      // Results add up, except the DN which is a level: the latest counts.
      out.Text(objective.metric == demo::Metric::kDn ? "last" : "sum");
      out.Decimal(objective.target_hundredths);
      out.Date(objective.start);
      out.Date(objective.end);
      out.EndRow();
    }
    return Save(out, "objectives.csv");
  }

  Status Results() {
    CsvWriter out(demo::kPlainStyle, agency_.results.size() * kFactRowBytes);
    out.Header({"date", "mission_id", "store_id", "metric", "value"});
    for (const auto& result : agency_.results) {
      out.Date(result.date);
      Reference(out, agency_.missions, result.mission);
      Reference(out, agency_.stores, result.store);
      out.Text(NameOf(kMetricNames, result.metric));
      out.Decimal(result.value_hundredths);
      out.EndRow();
    }
    return Save(out, "results.csv");
  }

  Status StoreAudits() {
    CsvWriter out(demo::kPlainStyle, agency_.audits.size() * kFactRowBytes);
    out.Header({"date", "store_id", "client_id", "present", "facings"});
    for (const auto& audit : agency_.audits) {
      out.Date(audit.date);
      Reference(out, agency_.stores, audit.store);
      Reference(out, agency_.clients, audit.client);
      out.Integer(audit.present ? 1 : 0);
      out.Integer(audit.facings);
      out.EndRow();
    }
    return Save(out, "store_audits.csv");
  }

  std::filesystem::path folder_;
  const DemoAgency& agency_;
};

}  // namespace

Status WriteDemoAgency(const std::filesystem::path& folder, const DemoOptions& options) {
  if (options.scale < 1) {
    return Status::InvalidInput(fmt::format("scale must be at least 1, not {}", options.scale));
  }
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Status::Io(fmt::format("cannot create {}: {}", folder.string(), error.message()));
  const DemoAgency agency = demo::BuildDemoAgency(options);
  return FolderWriter(folder, agency).WriteAll();
}

}  // namespace agencykpi
