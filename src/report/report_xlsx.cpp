#include "report/report_xlsx.h"

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "report/rows.h"
#include "report/xlsx_sheet.h"

namespace agencykpi {
namespace {

constexpr std::string_view kJoiner = "|";  // inside a cell: flags, contract lists (as in the CSV)

// The section's member of the report's JSON ("renewal_risk" for renewals).
std::string_view JsonKeyOf(Section section) {
  return section == Section::kRenewals ? std::string_view("renewal_risk") : SectionName(section);
}

std::string Joined(std::span<const std::string_view> texts) {
  std::string joined;
  for (const std::string_view text : texts) {
    if (!joined.empty()) joined += kJoiner;
    joined += text;
  }
  return joined;
}

// The cells of one field's value: an object takes one per member.
template <typename Row>
void AppendCells(std::vector<XlsxCell>& cells, const RowField<Row>& field, const FieldValue& value) {
  if (IsObject(field.kind)) {
    for (size_t m = 0; m < field.names->names.size(); ++m) {
      const int64_t amount = m < value.amounts.size() ? value.amounts[m] : 0;
      cells.push_back(field.kind == FieldKind::kObject        ? xlsx::Money(amount)
                      : field.kind == FieldKind::kHoursObject ? xlsx::Hundredths(amount)
                                                              : xlsx::Integer(amount));
    }
    return;
  }
  if (value.is_null) return cells.push_back(xlsx::Blank());
  switch (field.kind) {
    case FieldKind::kId:
    case FieldKind::kText: return cells.push_back(xlsx::Text(value.text));
    case FieldKind::kEnum: return cells.push_back(xlsx::Text(field.names->names[static_cast<size_t>(value.integer)]));
    case FieldKind::kMoney: return cells.push_back(xlsx::Money(value.integer));
    case FieldKind::kHours: return cells.push_back(xlsx::Hundredths(value.integer));
    case FieldKind::kCount: return cells.push_back(xlsx::Integer(value.integer));
    case FieldKind::kRatio:
      return cells.push_back(field.decimals >= 0 ? xlsx::Decimal(value.ratio, field.decimals)
                                                 : xlsx::Percent(value.ratio));
    case FieldKind::kQuantity: return cells.push_back(xlsx::Quantity(value.integer));
    case FieldKind::kFlags: {
      std::vector<std::string_view> names;
      for (const uint8_t flag : value.flags) names.push_back(field.names->names[flag]);
      return cells.push_back(xlsx::Text(Joined(names)));
    }
    case FieldKind::kIdList: return cells.push_back(xlsx::Text(Joined(value.texts)));
    case FieldKind::kBool: return cells.push_back(xlsx::Boolean(value.integer != 0));
    case FieldKind::kDate: return cells.push_back(xlsx::Date(static_cast<Day>(value.integer)));
    case FieldKind::kObject:
    case FieldKind::kCounts:
    case FieldKind::kHoursObject:
    case FieldKind::kNested: return;  // objects above; nested rows are sheets of their own
  }
}

// The headers of a list of `Row`: one per field, objects one per member.
template <typename Row>
std::vector<std::string> HeadersOf(Language language) {
  std::vector<std::string> headers;
  for (const RowField<Row>& field : RowDescriptionOf<Row>().fields) {
    if (field.kind == FieldKind::kNested) continue;
    if (!IsObject(field.kind)) {
      headers.push_back(ColumnTitle(field, language));
      continue;
    }
    for (const std::string_view member : field.names->names) headers.push_back(ColumnTitle(field, language, member));
  }
  return headers;
}

class ReportWorkbook {
 public:
  ReportWorkbook(const Report& report, const ReportXlsxOptions& options, lxw_workbook* workbook)
      : report_(report), options_(options), language_(options.language), workbook_(workbook),
        formats_(workbook, language_) {}

  void Write() {
    Summary();
    for (const Section section : kAllSections) {
      if (!options_.section || *options_.section == section) SectionSheet(section);
    }
  }

 private:
  // The Summary: one line per headline figure — the section, the figure's
  // words, its value, its key in the report's JSON ("revenue.total_revenue").
  void Summary() {
    const bool fr = language_ == Language::kFrench;
    XlsxListSheet sheet(workbook_, formats_, fr ? "Synthèse" : "Summary",
                        {"Section", fr ? "Indicateur" : "Figure", fr ? "Valeur" : "Value",
                         fr ? "Clé" : "Key"});
    SummaryLines(sheet, fr ? "Période" : "Period", "period", report_.period);
    for (const Section section : kAllSections) {
      if (options_.section && *options_.section != section) continue;
      const std::string_view title = SectionTitle(section, language_);
      const std::string_view key = JsonKeyOf(section);
      switch (section) {
        case Section::kRecurrence: SummaryLines(sheet, title, key, report_.recurrence); break;
        case Section::kRevenue: SummaryLines(sheet, title, key, report_.revenue); break;
        case Section::kMargin: SummaryLines(sheet, title, key, report_.margin); break;
        case Section::kObjectives: SummaryLines(sheet, title, key, report_.objectives); break;
        case Section::kWorkload: SummaryLines(sheet, title, key, report_.workload); break;
        case Section::kRenewals: SummaryLines(sheet, title, key, report_.renewal_risk); break;
      }
    }
    sheet.Finish();
  }

  template <typename Part>
  void SummaryLines(XlsxListSheet& sheet, std::string_view title, std::string_view key, const Part& part) {
    for (const RowField<Part>& field : RowDescriptionOf<Part>().fields) {
      if (field.kind == FieldKind::kNested || IsObject(field.kind)) continue;
      std::vector<XlsxCell> line = {xlsx::Text(title), xlsx::Text(ColumnTitle(field, language_))};
      AppendCells(line, field, field.read(part));
      line.push_back(xlsx::Text(fmt::format("{}.{}", key, field.key)));
      sheet.Add(line);
    }
  }

  void SectionSheet(Section section) {
    switch (section) {
      case Section::kRecurrence: return List(section, report_.recurrence.clients);
      case Section::kRevenue: return List(section, report_.revenue.clients);
      case Section::kMargin: return List(section, report_.margin.missions);
      case Section::kObjectives: return List(section, report_.objectives.items);
      case Section::kWorkload: return List(section, report_.workload.items);
      case Section::kRenewals: return List(section, report_.renewal_risk.contracts);
    }
  }

  template <typename Row>
  void List(Section section, const std::vector<Row>& rows) {
    XlsxListSheet sheet(workbook_, formats_, SectionSheetName(section, language_), HeadersOf<Row>(language_));
    std::vector<XlsxCell> cells;
    for (const Row& row : rows) {
      cells.clear();
      for (const RowField<Row>& field : RowDescriptionOf<Row>().fields) {
        if (field.kind != FieldKind::kNested) AppendCells(cells, field, field.read(row));
      }
      sheet.Add(cells);
    }
    sheet.Finish();
  }

  const Report& report_;
  const ReportXlsxOptions& options_;
  Language language_;
  lxw_workbook* workbook_;
  XlsxFormats formats_;
};

// The longest list of the sections written, against a sheet's rows.
Status CheckSheetRows(const Report& report, const ReportXlsxOptions& options) {
  for (const Section section : kAllSections) {
    if (options.section && *options.section != section) continue;
    size_t rows = 0;
    switch (section) {
      case Section::kRecurrence: rows = report.recurrence.clients.size(); break;
      case Section::kRevenue: rows = report.revenue.clients.size(); break;
      case Section::kMargin: rows = report.margin.missions.size(); break;
      case Section::kObjectives: rows = report.objectives.items.size(); break;
      case Section::kWorkload: rows = report.workload.items.size(); break;
      case Section::kRenewals: rows = report.renewal_risk.contracts.size(); break;
    }
    if (rows > kMaxSheetRows) {
      return Status::InvalidInput(fmt::format("the {} section has {} rows, more than a sheet holds ({}); the CSV export has no such limit",
                                              SectionName(section), rows, kMaxSheetRows));
    }
  }
  return Status::Ok();
}

}  // namespace

Status WriteReportXlsx(const Report& report, const ReportXlsxOptions& options, const std::string& path) {
  if (Status rows = CheckSheetRows(report, options); !rows.ok()) return rows;
  XlsxProperties properties;
  properties.title = fmt::format("{} \u2014 {}", options.language == Language::kFrench ? "Rapport" : "Report",
                                 FormatPeriod(report.period.period));
  properties.subject = FormatPeriod(report.period.period);
  properties.created = report.period.as_of;
  properties.constant_memory = true;
  return WriteWorkbook(path, properties,
                       [&](lxw_workbook* workbook) { ReportWorkbook(report, options, workbook).Write(); });
}

Result<std::string> RenderReportXlsx(const Report& report, const ReportXlsxOptions& options) {
  if (Status rows = CheckSheetRows(report, options); !rows.ok()) return rows;
  return WorkbookBytes([&](const std::string& path) { return WriteReportXlsx(report, options, path); });
}

}  // namespace agencykpi
