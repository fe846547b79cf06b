#include "report/csv_report.h"

#include <cmath>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

#include "report/rows.h"
#include "report/section.h"

namespace agencykpi {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";
constexpr std::string_view kJoiner = "|";  // inside a field: flags, contract lists
constexpr int kMicrosDigits = 6;
constexpr int kPercentDecimals = 2;  // a readable ratio: 83.33%

// Fixed-notation text of the shortest decimal that reads back to `value`:
// fmt's shortest form, with any exponent written out ("1.5e-07" →
// "0.00000015"), since spreadsheets misread exponents under a decimal comma.
std::string ShortestFixed(double value) {
  std::string text = fmt::format("{}", value);
  const size_t e = text.find_first_of("eE");
  if (e == std::string::npos) return text;
  const int exponent = std::atoi(text.c_str() + e + 1);
  std::string mantissa = text.substr(0, e);
  std::string sign;
  if (!mantissa.empty() && mantissa[0] == '-') {
    sign = "-";
    mantissa.erase(0, 1);
  }
  const size_t dot = mantissa.find('.');
  // Digits of the mantissa and where the decimal point sits among them.
  std::string digits = mantissa;
  int point = static_cast<int>(dot == std::string::npos ? mantissa.size() : dot);
  if (dot != std::string::npos) digits.erase(dot, 1);
  point += exponent;
  const int count = static_cast<int>(digits.size());
  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= count) {
    out = digits + std::string(static_cast<size_t>(point - count), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(point)) + "." +
          digits.substr(static_cast<size_t>(point));
  }
  return sign + out;
}

// How a list is written: the report's export for people (a title row, the
// columns' words, ratios as percentages) or a plain table of SPEC keys and
// unrounded ratios (the brand review's stores).
enum class CsvStyle { kReadable, kKeys };

class CsvWriter {
 public:
  CsvWriter(Language language, CsvStyle style)
      : language_(language),
        style_(style),
        separator_(language == Language::kFrench ? ';' : ','),
        decimal_(language == Language::kFrench ? ',' : '.') {
    out_ += kUtf8Bom;
  }

  [[nodiscard]] Language language() const { return language_; }
  [[nodiscard]] bool readable() const { return style_ == CsvStyle::kReadable; }

  // A text field from the data (an id, a name, a metric).
  void Text(std::string_view text) {
    std::string field;
    // Excel runs a cell starting with one of these as a formula.
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
      field += '\'';
    }
    field += text;
    Field(field);
  }

  // A field whose text we made (a key, a number): no formula guard needed.
  void Raw(std::string_view text) { Field(text); }

  void Count(int64_t value) { Raw(std::to_string(value)); }

  // Cents and hundredths alike: two decimals, no grouping.
  void TwoDecimals(int64_t hundredths) { Raw(Localize(FormatCents(hundredths))); }

  void OptionalCents(const std::optional<Cents>& cents) {
    cents ? TwoDecimals(*cents) : Raw("");
  }

  // Readable: a percentage to 0.01 % ("21,5%", a form spreadsheets read as
  // 0.215), or with `decimals` places a plain number; keys: unrounded.
  void Ratio(const std::optional<double>& ratio, int decimals) {
    if (!ratio || !std::isfinite(*ratio)) return Raw("");
    if (!readable()) return Raw(Localize(ShortestFixed(*ratio)));
    if (decimals >= 0) return Raw(Localize(fmt::format("{:.{}f}", *ratio, decimals)));
    std::string percent = fmt::format("{:.{}f}", *ratio * 100.0, kPercentDecimals);
    while (percent.back() == '0') percent.pop_back();
    if (percent.back() == '.') percent.pop_back();
    if (percent == "-0") percent = "0";
    Raw(Localize(percent) + "%");
  }

  void Quantity(const std::optional<Micros>& micros) {
    if (!micros) return Raw("");
    const Micros value = *micros;
    const uint64_t magnitude =
        value < 0 ? 0ULL - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    const auto per_unit = static_cast<uint64_t>(kMicrosPerUnit);
    std::string text = value < 0 ? "-" : "";
    text += std::to_string(magnitude / per_unit);
    std::string fraction = fmt::format("{:0{}}", magnitude % per_unit, kMicrosDigits);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) text += decimal_ + fraction;
    Raw(text);
  }

  void EndRow() {
    out_ += kLineEnd;
    first_in_row_ = true;
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string Localize(std::string text) const {
    for (char& c : text) {
      if (c == '.') c = decimal_;
    }
    return text;
  }

  void Field(std::string_view text) {
    if (!first_in_row_) out_ += separator_;
    first_in_row_ = false;
    const bool quote = text.find_first_of(std::string{separator_, '"', '\r', '\n'}) !=
                       std::string_view::npos;
    if (!quote) {
      out_ += text;
      return;
    }
    out_ += '"';
    for (char c : text) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
  }

  Language language_;
  CsvStyle style_;
  char separator_;
  char decimal_;
  bool first_in_row_ = true;
  std::string out_;
};

// One value of a field: objects take one column per member.
template <typename Row>
void WriteField(CsvWriter& csv, const RowField<Row>& field, const FieldValue& value) {
  if (value.is_null) return csv.Raw("");
  const NameSet* names = field.names;
  switch (field.kind) {
    case FieldKind::kId:
    case FieldKind::kText: return csv.Text(value.text);
    case FieldKind::kEnum: return csv.Raw(names->names[static_cast<size_t>(value.integer)]);
    case FieldKind::kMoney:
    case FieldKind::kHours: return csv.TwoDecimals(value.integer);
    case FieldKind::kCount: return csv.Count(value.integer);
    case FieldKind::kRatio: return csv.Ratio(value.ratio, field.decimals);
    case FieldKind::kQuantity:
      return csv.Quantity(value.is_null ? std::nullopt : std::optional<Micros>(value.integer));
    case FieldKind::kFlags: {
      std::string flags;
      for (const uint8_t flag : value.flags) {
        if (!flags.empty()) flags += kJoiner;
        flags += names->names[flag];
      }
      return csv.Raw(flags);
    }
    case FieldKind::kIdList: {
      std::string texts;
      for (const std::string_view text : value.texts) {
        if (!texts.empty()) texts += kJoiner;
        texts += text;
      }
      return csv.Text(texts);
    }
    case FieldKind::kObject:
    case FieldKind::kHoursObject:
      for (const int64_t amount : value.amounts) csv.TwoDecimals(amount);
      return;
    case FieldKind::kCounts:
      for (const int64_t count : value.amounts) csv.Count(count);
      return;
    case FieldKind::kBool: return csv.Raw(value.integer != 0 ? "true" : "false");
    case FieldKind::kDate: return csv.Raw(FormatDate(static_cast<Day>(value.integer)));
    case FieldKind::kNested: return;  // sections are not CSV rows
  }
}

// A column's title: readable, the field's words in the CSV's language; else
// the SPEC key (objects: prefix + member).
template <typename Row>
std::string CsvColumnTitle(const CsvWriter& csv, const RowField<Row>& field, std::string_view member = {}) {
  if (csv.readable()) return ColumnTitle(field, csv.language(), member);
  return member.empty() ? std::string(field.key) : fmt::format("{}{}", field.csv_prefix, member);
}

// The header line (objects one column per member), then one line per row.
template <typename Row>
void WriteRows(const std::vector<Row>& rows, CsvWriter& csv) {
  const auto fields = RowDescriptionOf<Row>().fields;
  for (const RowField<Row>& field : fields) {
    if (!IsObject(field.kind)) {
      csv.Text(CsvColumnTitle(csv, field));
      continue;
    }
    for (std::string_view member : field.names->names) csv.Text(CsvColumnTitle(csv, field, member));
  }
  csv.EndRow();
  for (const Row& row : rows) {
    for (const RowField<Row>& field : fields) WriteField(csv, field, field.read(row));
    csv.EndRow();
  }
}

// The title row of a report's export: the section, the period and the as-of
// day ("Marge par prestation — du 1 janv. 2026 au 30 juin 2026 · arrêté au 30 juin 2026").
void WriteTitle(CsvWriter& csv, Section section, const ReportPeriod& period) {
  const Language language = csv.language();
  const bool fr = language == Language::kFrench;
  csv.Text(fmt::format("{} — {} {} {} {} · {} {}", SectionTitle(section, language), fr ? "du" : "from",
                       FormatDay(period.period.start, language), fr ? "au" : "to",
                       FormatDay(period.period.end, language), fr ? "arrêté au" : "as of",
                       FormatDay(period.as_of, language)));
  csv.EndRow();
}

}  // namespace

template <typename Row>
std::string RenderRowsCsv(const std::vector<Row>& rows, Language language) {
  CsvWriter csv(language, CsvStyle::kKeys);
  WriteRows(rows, csv);
  return csv.Take();
}
template std::string RenderRowsCsv(const std::vector<ReviewStore>& rows, Language language);

Result<std::string> RenderCsv(const Report& report, Section section, Language language) {
  CsvWriter csv(language, CsvStyle::kReadable);
  if (SectionName(section).empty()) {
    return Status::InvalidInput(fmt::format("unknown report section {}", static_cast<int>(section)));
  }
  WriteTitle(csv, section, report.period);
  switch (section) {
    case Section::kRecurrence: WriteRows(report.recurrence.clients, csv); return csv.Take();
    case Section::kRevenue: WriteRows(report.revenue.clients, csv); return csv.Take();
    case Section::kMargin: WriteRows(report.margin.missions, csv); return csv.Take();
    case Section::kObjectives: WriteRows(report.objectives.items, csv); return csv.Take();
    case Section::kWorkload: WriteRows(report.workload.items, csv); return csv.Take();
    case Section::kRenewals: WriteRows(report.renewal_risk.contracts, csv); return csv.Take();
  }
  return Status::InvalidInput(
      fmt::format("unknown report section {}", static_cast<int>(section)));
}

}  // namespace agencykpi
