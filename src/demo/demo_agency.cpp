// Writes the demo agency as CSV files of SPEC §1 (every table but
// store_sales), each with the catalogue's header and columns in its order,
// in the shape of the tool it typically comes from (see docs/data-format.md):
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
#include "domain/catalogue.h"
#include "domain/dataset.h"
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
                            Objectives(), Results(),     StoreAudits(), StoreSales()};
    for (const Status& status : steps) {
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

 private:
  // A file of catalogue table `table`, its header written.
  static CsvWriter Begin(std::string_view table, const CsvStyle& style, size_t expected_bytes) {
    CsvWriter out(style, expected_bytes);
    out.Header(*FindTable(table));
    return out;
  }
  Status Save(const CsvWriter& out, std::string_view table) { return out.Save(folder_ / FindTable(table)->file); }

  Status Clients() {
    CsvWriter out = Begin("clients", demo::kPlainStyle, agency_.clients.size() * kSmallRowBytes);
    for (const auto& client : agency_.clients) {
      out.Text(client.id);
      out.Text(client.name);
      out.Text(client.sector);
      out.EndRow();
    }
    return Save(out, "clients");
  }

  Status Contracts() {
    CsvWriter out = Begin("contracts", demo::kPlainStyle, agency_.contracts.size() * kSmallRowBytes);
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
    return Save(out, "contracts");
  }

  Status Missions() {
    CsvWriter out = Begin("missions", demo::kPlainStyle, agency_.missions.size() * 2 * kSmallRowBytes);
    for (const auto& mission : agency_.missions) {
      out.Text(mission.id);
      Reference(out, agency_.clients, mission.client);
      out.Text(mission.name);
      out.Date(mission.start);
      out.Date(mission.end);
      Reference(out, agency_.contracts, mission.contract);
      out.Text(NameOf(kMissionTypeNames, mission.type));
      if (mission.complexity == 0) {
        out.Empty();
      } else {
        out.Integer(mission.complexity);
      }
      out.EndRow();
    }
    return Save(out, "missions");
  }

  Status Employees() {
    CsvWriter out = Begin("employees", demo::kFrenchExcelStyle, agency_.employees.size() * kSmallRowBytes);
    for (const auto& employee : agency_.employees) {
      out.Text(employee.id);
      out.Text(employee.name);
      out.Text(NameOf(kRoleNames, employee.role));
      out.EndRow();
    }
    return Save(out, "employees");
  }

  Status CostRates() {
    CsvWriter out = Begin("cost_rates", demo::kFrenchExcelStyle, agency_.cost_rates.size() * kSmallRowBytes);
    for (const auto& rate : agency_.cost_rates) {
      Reference(out, agency_.employees, rate.employee);
      out.Date(rate.valid_from);
      out.Money(rate.hourly_cost);
      out.EndRow();
    }
    return Save(out, "cost_rates");
  }

  Status Stores() {
    CsvWriter out = Begin("stores", demo::kPlainStyle, agency_.stores.size() * kSmallRowBytes);
    for (const auto& store : agency_.stores) {
      out.Text(store.id);
      out.Text(store.name);
      out.Text(store.chain);
      out.Text(agency_.regions[static_cast<size_t>(store.region)]);
      out.EndRow();
    }
    return Save(out, "stores");
  }

  Status TimeEntries() {
    CsvWriter out = Begin("time_entries", demo::kFrenchExcelStyle, agency_.time_entries.size() * kFactRowBytes);
    for (const auto& entry : agency_.time_entries) {
      Reference(out, agency_.employees, entry.employee);
      out.Date(entry.date);
      out.Hours(entry.quarters);
      out.Text(NameOf(kActivityNames, entry.activity));
      Reference(out, agency_.missions, entry.mission);
      out.EndRow();
    }
    return Save(out, "time_entries");
  }

  Status Expenses() {
    CsvWriter out = Begin("expenses", demo::kFrenchExcelStyle, agency_.expenses.size() * kFactRowBytes);
    for (const auto& expense : agency_.expenses) {
      out.Date(expense.date);
      out.Money(expense.amount);
      out.Text(NameOf(kExpenseCategoryNames, expense.category));
      Reference(out, agency_.missions, expense.mission);
      out.EndRow();
    }
    return Save(out, "expenses");
  }

  Status Invoices() {
    CsvWriter out = Begin("invoices", kAccountingStyle, agency_.invoices.size() * kSmallRowBytes);
    for (const auto& invoice : agency_.invoices) {
      out.Text(invoice.id);
      Reference(out, agency_.clients, invoice.client);
      out.Date(invoice.date);
      out.Money(invoice.amount);
      Reference(out, agency_.missions, invoice.mission);
      out.EndRow();
    }
    return Save(out, "invoices");
  }

  Status Visits() {
    CsvWriter out = Begin("visits", demo::kPlainStyle, agency_.visits.size() * kSmallRowBytes);
    int64_t number = 0;
    for (const auto& visit : agency_.visits) {
      out.Text(fmt::format("V{:07}", ++number));
      Reference(out, agency_.employees, visit.employee);
      Reference(out, agency_.missions, visit.mission);
      Reference(out, agency_.stores, visit.store);
      out.Date(visit.date);
      out.Text(NameOf(kVisitActionNames, visit.action));
      out.EndRow();
    }
    return Save(out, "visits");
  }

  Status Objectives() {
    CsvWriter out = Begin("objectives", demo::kPlainStyle, agency_.objectives.size() * kSmallRowBytes);
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
    return Save(out, "objectives");
  }

  Status Results() {
    CsvWriter out = Begin("results", demo::kPlainStyle, agency_.results.size() * kFactRowBytes);
    for (const auto& result : agency_.results) {
      Reference(out, agency_.missions, result.mission);
      out.Text(NameOf(kMetricNames, result.metric));
      out.Date(result.date);
      out.Decimal(result.value_hundredths);
      Reference(out, agency_.stores, result.store);
      out.EndRow();
    }
    return Save(out, "results");
  }

  Status StoreAudits() {
    CsvWriter out = Begin("store_audits", demo::kPlainStyle, agency_.audits.size() * kFactRowBytes);
    for (const auto& audit : agency_.audits) {
      out.Date(audit.date);
      Reference(out, agency_.stores, audit.store);
      Reference(out, agency_.clients, audit.client);
      out.Integer(audit.present ? 1 : 0);
      out.Integer(audit.facings);
      out.EndRow();
    }
    return Save(out, "store_audits");
  }

  // The brands' sell-out as their own exports come: French Excel.
  Status StoreSales() {
    CsvWriter out = Begin("store_sales", demo::kFrenchExcelStyle, agency_.sales.size() * kFactRowBytes);
    for (const auto& sale : agency_.sales) {
      out.Date(sale.date);
      Reference(out, agency_.stores, sale.store);
      Reference(out, agency_.clients, sale.client);
      out.Money(sale.amount);
      out.EndRow();
    }
    return Save(out, "store_sales");
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
