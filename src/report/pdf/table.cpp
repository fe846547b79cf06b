#include "report/pdf/table.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace agencykpi::pdf {
namespace {

std::string_view CellOf(const TableRow& cells, size_t i) {
  return i < cells.size() ? std::string_view(cells[i]) : std::string_view();
}

// The widest word of `text` (words split at ASCII spaces: a no-break space
// keeps a number and its unit together).
double LongestWord(const Document& document, std::string_view text, const TextStyle& style) {
  double widest = 0;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(' ', start), text.size());
    widest = std::max(widest, document.TextWidth(text.substr(start, end - start), style));
    start = end + 1;
  }
  return widest;
}

}  // namespace

Table::Table(PageFlow& flow, std::vector<TableColumn> columns, std::vector<TableRow> rows, double text_size,
             double padding)
    : flow_(flow),
      columns_(std::move(columns)),
      rows_(std::move(rows)),
      text_size_(text_size),
      padding_(padding) {
  for (const TableColumn& column : columns_) header_cells_.push_back(column.header);
  Fit();
}

void Table::Fit() {
  const Document& document = flow_.document();
  const size_t count = columns_.size();
  std::vector<double> desired(count, 0);
  std::vector<double> least(count, 0);
  for (size_t i = 0; i < count; ++i) {
    // A header may wrap at its words; a cell would rather not.
    least[i] = LongestWord(document, header_cells_[i], HeaderStyle());
    desired[i] = least[i];
    for (const TableRow& row : rows_) {
      const std::string_view cell = CellOf(row, i);
      desired[i] = std::max(desired[i], document.TextWidth(cell, BodyStyle()));
      least[i] = std::max(least[i], LongestWord(document, cell, BodyStyle()));
    }
    desired[i] += 2 * padding_ + 1;
    least[i] += 2 * padding_ + 1;
  }
  const double width = flow_.width();
  const double desired_sum = std::accumulate(desired.begin(), desired.end(), 0.0);
  const double least_sum = std::accumulate(least.begin(), least.end(), 0.0);
  widths_.assign(count, 0);
  for (size_t i = 0; i < count; ++i) {
    if (desired_sum <= width) {
      widths_[i] = desired[i] * width / desired_sum;  // room to spare: shared out
    } else if (least_sum <= width) {
      widths_[i] = least[i] + (desired[i] - least[i]) * (width - least_sum) / (desired_sum - least_sum);
    } else {
      widths_[i] = least[i] * width / least_sum;  // words break inside; still nothing is cut
    }
  }
  // The rows' heights once, for the page breaks and the drawing.
  header_height_ = Height(header_cells_, HeaderStyle());
  row_heights_.clear();
  row_heights_.reserve(rows_.size());
  for (const TableRow& row : rows_) row_heights_.push_back(Height(row, BodyStyle()));
}

double Table::Height(const TableRow& cells, const TextStyle& style) const {
  double height = 0;
  for (size_t i = 0; i < columns_.size(); ++i) {
    height =
        std::max(height, flow_.document().TextHeight(widths_[i] - 2 * padding_, CellOf(cells, i), style));
  }
  return height + 2 * padding_;
}

void Table::DrawRow(const TableRow& cells, const TextStyle& style, bool band, double height) {
  Document& document = flow_.document();
  if (band) document.FillRect(flow_.left(), flow_.y(), flow_.width(), height, palette::kBand);
  double x = flow_.left();
  for (size_t i = 0; i < columns_.size(); ++i) {
    TextStyle cell = style;
    cell.align = columns_[i].align;
    document.DrawText(x + padding_, flow_.y() + padding_, widths_[i] - 2 * padding_, CellOf(cells, i), cell);
    x += widths_[i];
  }
  flow_.Advance(height);
}

void Table::Header() {
  DrawRow(header_cells_, HeaderStyle(), /*band=*/false, header_height_);
  flow_.document().Line(flow_.left(), flow_.y(), flow_.left() + flow_.width(), flow_.y(), palette::kInk, 0.6);
  header_page_ = flow_.page();
  ++headers_;
}

double Table::LeadHeight() const {
  double height = header_height_;
  for (size_t r = 0; r < rows_.size() && r < kLeadRows; ++r) height += row_heights_[r];
  return height;
}

void Table::Draw() {
  flow_.Ensure(LeadHeight());
  for (size_t r = 0; r < rows_.size(); ++r) {
    // A row needs the header above it on its page.
    flow_.Ensure(row_heights_[r] + (header_page_ == flow_.page() ? 0 : header_height_));
    if (header_page_ != flow_.page()) Header();
    DrawRow(rows_[r], BodyStyle(), r % 2 == 1, row_heights_[r]);
  }
  flow_.Advance(kBlockGap);
}

}  // namespace agencykpi::pdf
