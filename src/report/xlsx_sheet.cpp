#include "report/xlsx_sheet.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace agencykpi {
namespace {

// Column widths, in characters: room for the longest text, within bounds.
constexpr double kMinColumnWidth = 8;
constexpr double kMaxColumnWidth = 50;
constexpr double kColumnPadding = 2;      // the filter button, a margin
constexpr size_t kNumberDecorations = 4;  // grouping spaces, " €", "%"
constexpr double kTitleFontSize = 14;
// Excel's limit on a cell's text, in characters: libxlsxwriter drops a
// longer string, so it is cut (a field of the files may hold 64 KiB).
constexpr size_t kMaxCellChars = 32767;

// Characters of UTF-8 text: bytes that do not continue a sequence.
size_t CharCount(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `text` cut to its first kMaxCellChars characters, at a character's start.
std::string_view FittedText(std::string_view text) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts && ++chars > kMaxCellChars) return text.substr(0, i);
  }
  return text;
}

// About how many characters the cell shows.
size_t ShownChars(const XlsxCell& cell) {
  switch (cell.kind) {
    case XlsxCell::Kind::kBlank: return 0;
    case XlsxCell::Kind::kText: return CharCount(cell.text);
    case XlsxCell::Kind::kDate: return 10;
    case XlsxCell::Kind::kBoolean: return 5;
    case XlsxCell::Kind::kPercent: return fmt::format("{:.1f}", cell.number * 100).size() + kNumberDecorations;
    default: return fmt::format("{:.2f}", cell.number).size() + kNumberDecorations;
  }
}

lxw_format* NumberFormat(lxw_workbook* workbook, const char* code) {
  lxw_format* format = workbook_add_format(workbook);
  format_set_num_format(format, code);
  return format;
}

}  // namespace

namespace xlsx {
XlsxCell Blank() { return {}; }
XlsxCell Text(std::string_view text) { return {XlsxCell::Kind::kText, 0, std::string(text)}; }
XlsxCell TextOrBlank(std::string_view text) { return text.empty() ? Blank() : Text(text); }
XlsxCell Integer(int64_t value) { return {XlsxCell::Kind::kInteger, static_cast<double>(value), {}}; }
XlsxCell Integer(std::optional<int64_t> value) { return value ? Integer(*value) : Blank(); }
XlsxCell Money(Cents cents) {
  // A correctly rounded quotient: the double nearest the euros, as "12.34" reads.
  return {XlsxCell::Kind::kMoney, static_cast<double>(cents) / kCentsPerEuro, {}};
}
XlsxCell Hundredths(int64_t hundredths) {
  return {XlsxCell::Kind::kDecimal, static_cast<double>(hundredths) / 100.0, {}, 2};
}
XlsxCell Percent(Ratio ratio) {
  return ratio && std::isfinite(*ratio) ? XlsxCell{XlsxCell::Kind::kPercent, *ratio, {}} : Blank();
}
XlsxCell Decimal(Ratio value, int places) {
  return value && std::isfinite(*value) ? XlsxCell{XlsxCell::Kind::kDecimal, *value, {}, places} : Blank();
}
XlsxCell Quantity(std::optional<Micros> micros) {
  return micros ? XlsxCell{XlsxCell::Kind::kDecimal, static_cast<double>(*micros) / kMicrosPerUnit, {}} : Blank();
}
XlsxCell Date(Day day) { return {XlsxCell::Kind::kDate, static_cast<double>(day), {}}; }
XlsxCell Boolean(bool value) { return {XlsxCell::Kind::kBoolean, value ? 1.0 : 0.0, {}}; }
}  // namespace xlsx

XlsxFormats::XlsxFormats(lxw_workbook* workbook, Language language)
    : money_(NumberFormat(workbook, "#,##0.00 \"€\"")),
      percent_(NumberFormat(workbook, "0.0%")),
      decimal_(NumberFormat(workbook, "#,##0.##")),
      integer_(NumberFormat(workbook, "#,##0")),
      date_(NumberFormat(workbook, language == Language::kFrench ? "dd/mm/yyyy" : "yyyy-mm-dd")),
      header_(workbook_add_format(workbook)),
      title_(workbook_add_format(workbook)) {
  for (size_t places = 0; places <= kMaxPlaces; ++places) {
    const std::string code = places == 0 ? "#,##0" : "#,##0." + std::string(places, '0');
    fixed_[places] = NumberFormat(workbook, code.c_str());
  }
  format_set_bold(header_);
  format_set_bottom(header_, LXW_BORDER_THIN);
  format_set_bold(title_);
  format_set_font_size(title_, kTitleFontSize);
}

void XlsxFormats::Put(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const XlsxCell& cell) const {
  switch (cell.kind) {
    case XlsxCell::Kind::kBlank: break;
    case XlsxCell::Kind::kText: {
      const std::string_view text = FittedText(cell.text);
      if (text.size() == cell.text.size()) {
        worksheet_write_string(sheet, row, col, cell.text.c_str(), nullptr);
      } else {
        worksheet_write_string(sheet, row, col, std::string(text).c_str(), nullptr);
      }
      break;
    }
    case XlsxCell::Kind::kInteger: worksheet_write_number(sheet, row, col, cell.number, integer_); break;
    case XlsxCell::Kind::kMoney: worksheet_write_number(sheet, row, col, cell.number, money_); break;
    case XlsxCell::Kind::kPercent: worksheet_write_number(sheet, row, col, cell.number, percent_); break;
    case XlsxCell::Kind::kDecimal: {
      const bool fixed = cell.places >= 0 && static_cast<size_t>(cell.places) <= kMaxPlaces;
      worksheet_write_number(sheet, row, col, cell.number, fixed ? fixed_[static_cast<size_t>(cell.places)] : decimal_);
      break;
    }
    case XlsxCell::Kind::kBoolean: worksheet_write_boolean(sheet, row, col, cell.number != 0, nullptr); break;
    case XlsxCell::Kind::kDate: {
      const CivilDate date = CivilFromDay(static_cast<Day>(cell.number));
      lxw_datetime datetime{date.year, date.month, date.day, 0, 0, 0};
      worksheet_write_datetime(sheet, row, col, &datetime, date_);
      break;
    }
  }
}

XlsxListSheet::XlsxListSheet(lxw_workbook* workbook, const XlsxFormats& formats, std::string_view name,
                             const std::vector<std::string>& headers)
    : sheet_(workbook_add_worksheet(workbook, std::string(name).c_str())), formats_(formats), widths_(headers.size()) {
  for (size_t c = 0; c < headers.size(); ++c) {
    worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), formats_.header());
    widths_[c] = CharCount(headers[c]);
  }
}

void XlsxListSheet::Add(const std::vector<XlsxCell>& cells) {
  ++rows_;
  for (size_t c = 0; c < cells.size() && c < widths_.size(); ++c) {
    formats_.Put(sheet_, rows_, static_cast<lxw_col_t>(c), cells[c]);
    widths_[c] = std::max(widths_[c], ShownChars(cells[c]));
  }
}

void XlsxListSheet::Finish() {
  for (size_t c = 0; c < widths_.size(); ++c) {
    const double width = std::clamp(static_cast<double>(widths_[c]) + kColumnPadding, kMinColumnWidth, kMaxColumnWidth);
    worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
  }
  if (widths_.empty()) return;
  worksheet_freeze_panes(sheet_, 1, 0);
  worksheet_autofilter(sheet_, 0, 0, rows_, static_cast<lxw_col_t>(widths_.size() - 1));
}

void WriteListSheet(lxw_workbook* workbook, const XlsxFormats& formats, std::string_view name,
                    const std::vector<std::string>& headers, const std::vector<std::vector<XlsxCell>>& rows) {
  XlsxListSheet sheet(workbook, formats, name, headers);
  for (const std::vector<XlsxCell>& row : rows) sheet.Add(row);
  sheet.Finish();
}

Status WriteWorkbook(const std::string& path, const XlsxProperties& properties,
                     const std::function<void(lxw_workbook*)>& fill) {
  lxw_workbook_options options{};
  options.constant_memory = properties.constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) return Status::Io("cannot create the workbook " + path);
  lxw_doc_properties doc{};
  doc.title = const_cast<char*>(properties.title.c_str());
  doc.subject = const_cast<char*>(properties.subject.c_str());
  doc.created = static_cast<time_t>(static_cast<int64_t>(properties.created) * kSecondsPerDay);
  workbook_set_properties(workbook, &doc);
  fill(workbook);
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return Status::Io(fmt::format("cannot write the workbook {}: {}", path, lxw_strerror(error)));
  }
  return Status::Ok();
}

Result<std::string> WorkbookBytes(const std::function<Status(const std::string& path)>& write) {
  std::error_code error;
  const std::filesystem::path folder = std::filesystem::temp_directory_path(error);
  if (error) return Status::Internal("no temporary folder for the workbook: " + error.message());
  std::string path = (folder / "agencykpi-workbook-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Status::Internal("cannot create the workbook's temporary file in " + folder.string());
  ::close(fd);
  struct Remove {
    const std::string& path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};
  if (Status written = write(path); !written.ok()) return Status::Internal(written.message());
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::Internal("cannot read the workbook back from " + path);
  return bytes;
}

}  // namespace agencykpi
