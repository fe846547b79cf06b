#include "report/table_report.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "report/labels.h"
#include "report/rows.h"

namespace agencykpi {
namespace {

constexpr std::string_view kColumnGap = "  ";
constexpr std::string_view kIndent = "  ";
constexpr std::string_view kRule = "\u2500";        // "─" under column headers
constexpr std::string_view kTitleRule = "\u2550";   // "═" under section titles
constexpr std::string_view kListSeparator = ", ";
constexpr std::string_view kAnsiReset = "\x1b[0m";
constexpr std::string_view kAnsiBold = "\x1b[1m";
constexpr std::string_view kAnsiRed = "\x1b[31m";
constexpr std::string_view kAnsiGreen = "\x1b[32m";
constexpr std::string_view kAnsiYellow = "\x1b[33m";

std::string_view AnsiFor(Tone tone) {
  switch (tone) {
    case Tone::kBad: return kAnsiRed;
    case Tone::kWarning: return kAnsiYellow;
    case Tone::kGood: return kAnsiGreen;
    case Tone::kPlain: break;
  }
  return "";
}

// Replaces C0 and C1 control characters (ESC included) by '?': names come
// from the agency's files and must not drive the terminal.
std::string Sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) {
      out += '?';
    } else if (byte == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += '?';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Repeat(std::string_view piece, size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (size_t i = 0; i < count; ++i) out += piece;
  return out;
}

enum class Align { kLeft, kRight };

// How a column of a row list is aligned, from its field's kind: words and
// identifiers to the left, figures to the right.
constexpr Align AlignOf(FieldKind kind) {
  switch (kind) {
    case FieldKind::kId:
    case FieldKind::kText:
    case FieldKind::kEnum:
    case FieldKind::kFlags:
    case FieldKind::kIdList:
    case FieldKind::kObject:
    case FieldKind::kCounts:
    case FieldKind::kHoursObject:
    case FieldKind::kBool:
    case FieldKind::kDate:
    case FieldKind::kNested: return Align::kLeft;
    case FieldKind::kMoney:
    case FieldKind::kHours:
    case FieldKind::kCount:
    case FieldKind::kRatio:
    case FieldKind::kQuantity: return Align::kRight;
  }
  return Align::kLeft;
}

// A cell: the text that is measured, and what is printed (the same text,
// possibly with color codes that take no room on screen).
struct Cell {
  std::string text;
  std::string shown;
};

Cell Plain(std::string text) {
  Cell cell{std::move(text), {}};
  cell.shown = cell.text;
  return cell;
}

Cell TextCell(std::string_view text) { return Plain(Sanitize(text)); }

class CellWriter {
 public:
  explicit CellWriter(bool color) : color_(color) {}

  // Appends `word` (and its color when on) to a cell.
  void Append(Cell& cell, std::string_view word, Tone tone) const {
    cell.text += word;
    const std::string_view ansi = color_ ? AnsiFor(tone) : std::string_view();
    if (ansi.empty()) {
      cell.shown += word;
    } else {
      cell.shown += ansi;
      cell.shown += word;
      cell.shown += kAnsiReset;
    }
  }

  Cell Toned(std::string_view word, Tone tone) const {
    Cell cell;
    Append(cell, word, tone);
    return cell;
  }

 private:
  bool color_;
};

// Columns sized to their widest cell; cells padded by display width.
class TextTable {
 public:
  void AddColumn(std::string header, Align align) {
    headers_.push_back(std::move(header));
    aligns_.push_back(align);
  }
  void AddRow(std::vector<Cell> cells) { rows_.push_back(std::move(cells)); }

  // Writes every row, each line starting with kIndent; the header line and
  // its rule only when `with_header`.
  void Render(std::string& out, bool with_header) const {
    std::vector<size_t> widths(aligns_.size(), 0);
    if (with_header) {
      for (size_t col = 0; col < headers_.size(); ++col) widths[col] = DisplayWidth(headers_[col]);
    }
    for (const auto& row : rows_) {
      for (size_t col = 0; col < row.size() && col < widths.size(); ++col) {
        widths[col] = std::max(widths[col], DisplayWidth(row[col].text));
      }
    }
    if (with_header) {
      std::vector<Cell> header_cells;
      std::vector<Cell> rule_cells;
      for (size_t col = 0; col < headers_.size(); ++col) {
        header_cells.push_back(Plain(headers_[col]));
        rule_cells.push_back(Plain(Repeat(kRule, widths[col])));
      }
      RenderLine(out, header_cells, widths);
      RenderLine(out, rule_cells, widths);
    }
    for (const auto& row : rows_) RenderLine(out, row, widths);
  }

 private:
  void RenderLine(std::string& out, const std::vector<Cell>& cells,
                  const std::vector<size_t>& widths) const {
    std::string line(kIndent);
    for (size_t col = 0; col < widths.size(); ++col) {
      const Cell empty;
      const Cell& cell = col < cells.size() ? cells[col] : empty;
      const size_t used = DisplayWidth(cell.text);
      const std::string padding(widths[col] > used ? widths[col] - used : 0, ' ');
      if (col > 0) line += kColumnGap;
      if (aligns_[col] == Align::kRight) line += padding;
      line += cell.shown;
      if (aligns_[col] == Align::kLeft) line += padding;
    }
    // Left-aligned last columns leave spaces at the end of the line.
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  }

  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<Cell>> rows_;
};

class TableWriter {
 public:
  explicit TableWriter(const TableOptions& options)
      : language_(options.language), color_(options.color), cells_(options.color) {}

  std::string Render(const Report& report, std::optional<Section> only) {
    WriteHeader(report.period);
    for (Section section : kAllSections) {
      if (only && *only != section) continue;
      out_ += '\n';
      switch (section) {
        case Section::kRecurrence:
          WriteSection(SectionTitle(Section::kRecurrence, language_), report.recurrence, report.recurrence.clients,
                       Tr("Aucun contrat ne finit sur la période.", "No contract ends in this period."));
          break;
        case Section::kRevenue:
          WriteSection(SectionTitle(Section::kRevenue, language_), report.revenue, report.revenue.clients,
                       Tr("Aucun client actif sur la période.", "No client activity in this period."));
          break;
        case Section::kMargin:
          WriteSection(SectionTitle(Section::kMargin, language_), report.margin, report.margin.missions,
                       Tr("Aucune prestation active sur la période.", "No mission activity in this period."));
          break;
        case Section::kObjectives: WriteObjectives(report.objectives); break;
        case Section::kWorkload:
          WriteSection(SectionTitle(Section::kWorkload, language_), report.workload,
                       report.workload.items,
                       Tr("Aucun temps saisi sur la période.", "No time entered in this period."));
          break;
        case Section::kRenewals: WriteRenewals(report.renewal_risk); break;
      }
    }
    return std::move(out_);
  }

  // The pieces below are also TableDocument's, which lays out other
  // documents (the brand review) like the report.
  std::string Take() { return std::move(out_); }

  using Figures = std::vector<std::pair<std::string_view, std::string>>;

  std::string_view Tr(std::string_view french, std::string_view english) const {
    return language_ == Language::kFrench ? french : english;
  }

  std::string Money(Cents cents) const { return FormatMoney(cents, language_); }
  std::string Percent(std::optional<double> ratio) const { return FormatPercent(ratio, language_); }
  std::string Count(int64_t value) const { return FormatInteger(value, language_); }

  void WriteHeader(const ReportPeriod& period) {
    const std::string span = fmt::format(
        "{} {} {} {}", Tr("du", "from"), FormatDay(period.period.start, language_), Tr("au", "to"),
        FormatDay(period.period.end, language_));
    const std::string previous = fmt::format(
        "{} {} {} {}", Tr("du", "from"), FormatDay(period.previous.start, language_),
        Tr("au", "to"), FormatDay(period.previous.end, language_));
    WriteStrong(fmt::format("{} \u2014 {}", Tr("Indicateurs commerciaux", "Sales KPIs"), span));
    out_ += '\n';
    out_ += fmt::format("{} {} \u00B7 {} {}\n", Tr("Arrêté au", "As of"),
                        FormatDay(period.as_of, language_),
                        Tr("période précédente\u00A0:", "previous period:"), previous);
  }

  void WriteStrong(std::string_view text) {
    if (color_) out_ += kAnsiBold;
    out_ += text;
    if (color_) out_ += kAnsiReset;
  }

  void WriteTitle(std::string_view title) {
    WriteStrong(title);
    out_ += '\n';
    out_ += Repeat(kTitleRule, DisplayWidth(title));
    out_ += "\n\n";
  }

  void WriteFigures(const Figures& figures) {
    TextTable table;
    table.AddColumn("", Align::kLeft);
    table.AddColumn("", Align::kRight);
    for (const auto& [label, value] : figures) {
      table.AddRow({Plain(std::string(label)), Plain(value)});
    }
    table.Render(out_, /*with_header=*/false);
    out_ += '\n';
  }

  void WriteList(const TextTable& table, size_t rows, std::string_view none) {
    if (rows == 0) {
      out_ += kIndent;
      out_ += none;
      out_ += '\n';
      return;
    }
    table.Render(out_, /*with_header=*/true);
  }

  // A field's value as the table shows it: money, hours, counts and
  // quantities in the locale's format, ratios as percentages (as points when
  // the field says so), enums and flags as their colored words (an enum
  // without words as its SPEC name), id lists joined with kListSeparator.
  // Texts from the agency's files are sanitized.
  template <typename Row>
  Cell FieldCell(const RowField<Row>& field, const FieldValue& value) const {
    return FieldCell(field.kind, field.names, field.as_points, field.decimals, value);
  }

  Cell FieldCell(FieldKind kind, const NameSet* names, bool as_points, int decimals,
                 const FieldValue& value) const {
    if (value.is_null) return Plain(std::string(kNullText));
    const auto ratio = value.is_null ? std::nullopt : std::optional<double>(value.ratio);
    switch (kind) {
      case FieldKind::kId:
      case FieldKind::kText: return TextCell(value.text);
      case FieldKind::kEnum: {
        const auto ordinal = static_cast<size_t>(value.integer);
        if (names->word == nullptr) return Plain(std::string(names->names[ordinal]));
        return cells_.Toned(names->word(ordinal, language_),
                            names->tone == nullptr ? Tone::kPlain : names->tone(ordinal));
      }
      case FieldKind::kMoney: return Plain(Money(value.integer));
      case FieldKind::kHours: return Plain(FormatHours(value.integer, language_));
      case FieldKind::kCount: return Plain(Count(value.integer));
      case FieldKind::kRatio:
        if (decimals >= 0) return Plain(FormatDecimal(ratio, language_, decimals));
        return Plain(as_points ? FormatPoints(ratio, language_) : Percent(ratio));
      case FieldKind::kQuantity:
        return Plain(FormatQuantity(
            value.is_null ? std::nullopt : std::optional<Micros>(value.integer), language_));
      case FieldKind::kFlags: {
        Cell cell;
        for (const uint8_t flag : value.flags) {
          if (!cell.text.empty()) cells_.Append(cell, kListSeparator, Tone::kPlain);
          const size_t ordinal = flag;
          cells_.Append(cell, names->word(ordinal, language_), names->tone(ordinal));
        }
        return cell;
      }
      case FieldKind::kIdList: {
        std::string joined;
        for (const std::string_view text : value.texts) {
          if (!joined.empty()) joined += kListSeparator;
          joined += text;
        }
        return TextCell(joined);
      }
      case FieldKind::kBool: return Plain(std::string(YesNoWord(value.integer != 0, language_)));
      case FieldKind::kDate: return Plain(FormatDay(static_cast<Day>(value.integer), language_));
      case FieldKind::kObject:
      case FieldKind::kCounts:
      case FieldKind::kHoursObject:
      case FieldKind::kNested: break;  // never labelled: no table column
    }
    return Cell{};
  }

  // The list of a section: one column per field of the row's description
  // that has a table label, in description order; `none` when empty.
  // The row's figures (its labelled fields but lists), as the lists show them.
  template <typename Row>
  Figures FiguresOf(const Row& row) const {
    Figures figures;
    for (const RowField<Row>& field : RowDescriptionOf<Row>().fields) {
      if (field.label.empty() || field.kind == FieldKind::kNested) continue;
      figures.emplace_back(field.label.In(language_), FieldCell(field, field.read(row)).text);
    }
    return figures;
  }

  template <typename Row>
  void WriteRows(const std::vector<Row>& rows, std::string_view none) {
    const auto fields = RowDescriptionOf<Row>().fields;
    TextTable table;
    for (const RowField<Row>& field : fields) {
      if (field.label.empty()) continue;
      table.AddColumn(std::string(field.label.In(language_)), AlignOf(field.kind));
    }
    for (const Row& row : rows) {
      std::vector<Cell> cells;
      for (const RowField<Row>& field : fields) {
        if (field.label.empty()) continue;
        cells.push_back(FieldCell(field, field.read(row)));
      }
      table.AddRow(std::move(cells));
    }
    WriteList(table, rows.size(), none);
  }

  // A section: its title, its headline figures, then its list.
  template <typename Section, typename Item>
  void WriteSection(std::string_view title, const Section& section, const std::vector<Item>& items,
                    std::string_view none) {
    WriteTitle(title);
    WriteFigures(FiguresOf(section));
    WriteRows(items, none);
  }

  void WriteObjectives(const ObjectivesSection& section) {
    WriteSection(SectionTitle(Section::kObjectives, language_), section, section.items,
                 Tr("Aucun objectif sur la période.", "No objective in this period."));
  }

  void WriteRenewals(const RenewalRiskSection& section) {
    WriteTitle(SectionTitle(Section::kRenewals, language_));
    Figures figures = FiguresOf(section);
    figures.emplace_back(Tr("Contrats à risque", "Contracts at risk"),
                         Count(static_cast<int64_t>(section.contracts.size())));
    WriteFigures(figures);
    WriteRows(section.contracts,
              Tr("Aucun contrat à échéance sur l'horizon.", "No contract ends within the horizon."));
  }

 private:
  Language language_;
  bool color_;
  CellWriter cells_;
  std::string out_;
};

}  // namespace

size_t DisplayWidth(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string RenderTable(const Report& report, const TableOptions& options) {
  return TableWriter(options).Render(report, options.section);
}

TableDocument::TableDocument(const TableOptions& options) : options_(options) {}

// Exactly one blank line before a part, whatever came before it.
void TableDocument::StartPart() {
  while (out_.size() >= 2 && out_.ends_with("\n\n")) out_.pop_back();
  if (!out_.empty()) out_ += '\n';
}

void TableDocument::Title(std::string_view title) {
  StartPart();
  TableWriter writer(options_);
  writer.WriteTitle(title);
  out_ += writer.Take();
}

void TableDocument::Line(std::string_view text) {
  out_ += text;
  out_ += '\n';
}

void TableDocument::Figures(const std::vector<std::pair<std::string_view, std::string>>& figures) {
  TableWriter writer(options_);
  writer.WriteFigures(figures);
  out_ += writer.Take();
}

void TableDocument::Objectives(const ObjectivesSection& objectives) {
  StartPart();
  TableWriter writer(options_);
  writer.WriteObjectives(objectives);
  out_ += writer.Take();
}

template <typename Row>
void TableDocument::Rows(const std::vector<Row>& rows, std::string_view none) {
  TableWriter writer(options_);
  writer.WriteRows(rows, none);
  out_ += writer.Take();
}
template void TableDocument::Rows(const std::vector<ReviewDnMonth>&, std::string_view);
template void TableDocument::Rows(const std::vector<ReviewSalesMonth>&, std::string_view);
template void TableDocument::Rows(const std::vector<ReviewChain>&, std::string_view);
template void TableDocument::Rows(const std::vector<ReviewStore>&, std::string_view);
template void TableDocument::Rows(const std::vector<ReviewContract>&, std::string_view);

}  // namespace agencykpi
