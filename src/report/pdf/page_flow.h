// Pages that fill from top to bottom: the content area inside the margins,
// a running header and footer on every page (title, period, "page n of m"),
// and a cursor that moves down as blocks are drawn, starting a new page when
// a block does not fit.
#pragma once

#include <string>

#include "report/pdf/document.h"

namespace agencykpi::pdf {

inline constexpr double kMargin = 42;           // around the content
inline constexpr double kFurnitureHeight = 24;  // the running header and footer bands
inline constexpr double kBlockGap = 14;         // between two blocks of a page

// What every page repeats. The page label is a pattern with {page} and
// {pages}; while the page count is not known (0) only "{page}" is filled
// and {pages} is dropped with what separates it.
struct Furniture {
  std::string header_left;   // e.g. the brand
  std::string header_right;  // e.g. the period
  std::string footer_left;   // e.g. the document's title and the as-of date
  std::string page_label;    // e.g. "Page {page} / {pages}"
  int total_pages = 0;
};

class PageFlow {
 public:
  PageFlow(Document& document, Furniture furniture);

  // Ends the page in progress (if any) and starts a new one with its
  // furniture; the cursor goes to the top of the content area. With
  // `furniture` false the page is bare (a cover), though it is still
  // numbered in the count.
  void NewPage(bool furniture = true);
  // Starts a new page unless `height` fits below the cursor. Returns true
  // when it started one.
  bool Ensure(double height);
  // Ends the last page.
  void Close();

  // A section's title with a rule under it, kept on the page of the
  // `keep_with` points that follow it (its first block).
  void Heading(std::string_view text, double keep_with);
  // A paragraph across the content width.
  void Paragraph(std::string_view text, const TextStyle& style);

  [[nodiscard]] Document& document() const { return document_; }
  [[nodiscard]] double left() const { return kMargin; }
  [[nodiscard]] double width() const { return kPageWidth - 2 * kMargin; }
  [[nodiscard]] double top() const { return kMargin + kFurnitureHeight; }
  [[nodiscard]] double bottom() const { return kPageHeight - kMargin - kFurnitureHeight; }
  [[nodiscard]] double y() const { return y_; }
  [[nodiscard]] double remaining() const { return bottom() - y_; }
  void Advance(double dy) { y_ += dy; }
  // The number of the page in progress, from 1.
  [[nodiscard]] int page() const { return page_; }

 private:
  void DrawFurniture();

  Document& document_;
  Furniture furniture_;
  int page_ = 0;
  bool open_ = false;
  double y_ = 0;
};

// "Page {page} / {pages}" filled in: "Page 3 / 7"; without a total, "Page 3".
std::string PageLabel(const std::string& pattern, int page, int total);

}  // namespace agencykpi::pdf
