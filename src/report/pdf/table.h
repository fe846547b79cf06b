// A table drawn down a PageFlow: a header row, banded rows whose cells wrap
// at words (nothing is cut), and, when a row does not fit at the bottom of a
// page, a new page that repeats the header row before it. Column widths
// come from the content: each column gets its cells' width on one line when
// the page is wide enough, else shrinks towards its longest word.
#pragma once

#include <string>
#include <vector>

#include "report/pdf/page_flow.h"

namespace agencykpi::pdf {

inline constexpr double kCellPadding = 3;
inline constexpr size_t kLeadRows = 3;
inline constexpr double kDenseCellPadding = 1.5;  // for long lists: more rows on a page

struct TableColumn {
  std::string header;
  Align align = Align::kLeft;
};

using TableRow = std::vector<std::string>;  // a cell per column; missing cells are blank

class Table {
 public:
  // The table spans the flow's width; `text_size` and `padding` (around each
  // cell's text) in points.
  Table(PageFlow& flow, std::vector<TableColumn> columns, std::vector<TableRow> rows, double text_size,
        double padding = kCellPadding);

  // The height of the header and the first rows (kLeadRows at most): what a
  // heading above the table keeps on its page, so no header is left alone
  // at the bottom of one.
  [[nodiscard]] double LeadHeight() const;
  // Draws every row from the flow's cursor on, then leaves the gap after
  // the table. The header and its first rows start on the same page.
  void Draw();
  // The header rows drawn: one per page the table spans.
  [[nodiscard]] int headers() const { return headers_; }
  [[nodiscard]] const std::vector<double>& widths() const { return widths_; }

 private:
  void Fit();
  [[nodiscard]] double Height(const TableRow& cells, const TextStyle& style) const;
  void DrawRow(const TableRow& cells, const TextStyle& style, bool band, double height);
  void Header();
  [[nodiscard]] TextStyle BodyStyle() const { return {text_size_, false, palette::kInk, Align::kLeft}; }
  [[nodiscard]] TextStyle HeaderStyle() const { return {text_size_, true, palette::kInk, Align::kLeft}; }

  PageFlow& flow_;
  std::vector<TableColumn> columns_;
  std::vector<TableRow> rows_;
  std::vector<double> widths_;
  std::vector<double> row_heights_;  // each row's, from the widths
  TableRow header_cells_;
  double header_height_ = 0;
  double text_size_;
  double padding_;
  int headers_ = 0;
  int header_page_ = 0;  // the page whose header row is drawn
};

}  // namespace agencykpi::pdf
