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

// The two cells of a period: its first and last day.
void Period(CsvWriter& out, Day start, Day end) {
  out.Date(start);
  out.Date(end);
}

class FolderWriter {
 public:
  FolderWriter(std::filesystem::path folder, const DemoAgency& agency)
      : folder_(std::move(folder)), agency_(agency) {}

  // Every table, in the shape of the tool it comes from, in catalogue order.
  Status WriteAll() {
    const Status steps[] = {
        Write("clients", demo::kPlainStyle, kSmallRowBytes, agency_.clients),
        Write("contracts", demo::kPlainStyle, kSmallRowBytes, agency_.contracts),
        Write("missions", demo::kPlainStyle, 2 * kSmallRowBytes, agency_.missions),
        Write("employees", demo::kFrenchExcelStyle, kSmallRowBytes, agency_.employees),
        Write("cost_rates", demo::kFrenchExcelStyle, kSmallRowBytes, agency_.cost_rates),
        Write("stores", demo::kPlainStyle, kSmallRowBytes, agency_.stores),
        Write("time_entries", demo::kFrenchExcelStyle, kFactRowBytes, agency_.time_entries),
        Write("expenses", demo::kFrenchExcelStyle, kFactRowBytes, agency_.expenses),
        Write("invoices", kAccountingStyle, kSmallRowBytes, agency_.invoices),
        Write("visits", demo::kPlainStyle, kSmallRowBytes, agency_.visits),
        Write("objectives", demo::kPlainStyle, kSmallRowBytes, agency_.objectives),
        Write("results", demo::kPlainStyle, kFactRowBytes, agency_.results),
        Write("store_audits", demo::kPlainStyle, kFactRowBytes, agency_.audits),
        // The brands' sell-out as their own exports come: French Excel.
        Write("store_sales", demo::kFrenchExcelStyle, kFactRowBytes, agency_.sales),
    };
    for (const Status& status : steps) {
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

 private:
  // Writes catalogue table TABLE in STYLE: its header, then a row per item of
  // ROWS, its cells written by the Cells overload of the item's type (about
  // ROW_BYTES of them).
  template <typename Rows>
  Status Write(std::string_view table, const CsvStyle& style, size_t row_bytes, const Rows& rows) const {
    const TableDesc& desc = *FindTable(table);
    CsvWriter out(style, rows.size() * row_bytes);
    out.Header(desc);
    for (const auto& row : rows) {
      Cells(out, row);
      out.EndRow();
    }
    return out.Save(folder_ / desc.file);
  }

  static void Cells(CsvWriter& out, const demo::ClientRow& client) {
    out.Text(client.id);
    out.Text(client.name);
    out.Text(client.sector);
  }

  void Cells(CsvWriter& out, const demo::ContractRow& contract) const {
    out.Text(contract.id);
    Reference(out, agency_.clients, contract.client);
    Period(out, contract.start, contract.end);
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
  }

  void Cells(CsvWriter& out, const demo::MissionRow& mission) const {
    out.Text(mission.id);
    Reference(out, agency_.clients, mission.client);
    out.Text(mission.name);
    Period(out, mission.start, mission.end);
    Reference(out, agency_.contracts, mission.contract);
    out.Text(NameOf(kMissionTypeNames, mission.type));
    if (mission.complexity == 0) {
      out.Empty();
    } else {
      out.Integer(mission.complexity);
    }
    if (mission.fee == 0) {
      out.Empty();
    } else {
      out.Money(mission.fee);
    }
  }

  static void Cells(CsvWriter& out, const demo::EmployeeRow& employee) {
    out.Text(employee.id);
    out.Text(employee.name);
    out.Text(NameOf(kRoleNames, employee.role));
    if (employee.weekly_hours == 0) {
      out.Empty();
    } else {
      out.Decimal(employee.weekly_hours);
    }
  }

  void Cells(CsvWriter& out, const demo::CostRateRow& rate) const {
    Reference(out, agency_.employees, rate.employee);
    out.Date(rate.valid_from);
    out.Money(rate.hourly_cost);
  }

  void Cells(CsvWriter& out, const demo::StoreRow& store) const {
    out.Text(store.id);
    out.Text(store.name);
    out.Text(store.chain);
    out.Text(agency_.regions[static_cast<size_t>(store.region)]);
  }

  void Cells(CsvWriter& out, const demo::TimeEntryRow& entry) const {
    Reference(out, agency_.employees, entry.employee);
    out.Date(entry.date);
    out.Hours(entry.quarters);
    out.Text(NameOf(kActivityNames, entry.activity));
    Reference(out, agency_.missions, entry.mission);
  }

  void Cells(CsvWriter& out, const demo::ExpenseRow& expense) const {
    out.Date(expense.date);
    out.Money(expense.amount);
    out.Text(NameOf(kExpenseCategoryNames, expense.category));
    Reference(out, agency_.missions, expense.mission);
  }

  void Cells(CsvWriter& out, const demo::InvoiceRow& invoice) const {
    out.Text(invoice.id);
    Reference(out, agency_.clients, invoice.client);
    out.Date(invoice.date);
    out.Money(invoice.amount);
    Reference(out, agency_.missions, invoice.mission);
  }

  // Visits are numbered in file order.
  void Cells(CsvWriter& out, const demo::VisitRow& visit) const {
    out.Text(fmt::format("V{:07}", out.RowCount() + 1));
    Reference(out, agency_.employees, visit.employee);
    Reference(out, agency_.missions, visit.mission);
    Reference(out, agency_.stores, visit.store);
    out.Date(visit.date);
    out.Text(NameOf(kVisitActionNames, visit.action));
  }

  void Cells(CsvWriter& out, const demo::ObjectiveRow& objective) const {
    out.Text(objective.id);
    Reference(out, agency_.missions, objective.mission);
    out.Text(NameOf(kMetricNames, objective.metric));
    // Results add up, except the DN which is a level: the latest counts.
    out.Text(objective.metric == demo::Metric::kDn ? "last" : "sum");
    out.Decimal(objective.target_hundredths);
    Period(out, objective.start, objective.end);
  }

  void Cells(CsvWriter& out, const demo::ResultRow& result) const {
    Reference(out, agency_.missions, result.mission);
    out.Text(NameOf(kMetricNames, result.metric));
    out.Date(result.date);
    out.Decimal(result.value_hundredths);
    Reference(out, agency_.stores, result.store);
  }

  void Cells(CsvWriter& out, const demo::AuditRow& audit) const {
    out.Date(audit.date);
    Reference(out, agency_.stores, audit.store);
    Reference(out, agency_.clients, audit.client);
    out.Integer(audit.present ? 1 : 0);
    out.Integer(audit.facings);
  }

  void Cells(CsvWriter& out, const demo::SalesRow& sale) const {
    out.Date(sale.date);
    Reference(out, agency_.stores, sale.store);
    Reference(out, agency_.clients, sale.client);
    out.Money(sale.amount);
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
