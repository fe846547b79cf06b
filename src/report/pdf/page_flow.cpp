#include "report/pdf/page_flow.h"

#include <utility>

namespace agencykpi::pdf {
namespace {

constexpr double kFurnitureTextSize = 8;
constexpr double kHeadingTextSize = 15;
constexpr double kHeadingRuleGap = 4;  // between a heading's text and its rule, and after the rule

void Replace(std::string& text, std::string_view key, const std::string& value) {
  const size_t at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
}

}  // namespace

std::string PageLabel(const std::string& pattern, int page, int total) {
  std::string label = pattern;
  if (total <= 0) {
    // Drop "{pages}" and what joins it to "{page}" (" / ", " of ", " sur ").
    const size_t page_at = label.find("{page}");
    const size_t pages_at = label.find("{pages}");
    if (page_at != std::string::npos && pages_at != std::string::npos && pages_at > page_at) {
      const size_t joint = page_at + std::string_view("{page}").size();
      label.erase(joint, pages_at + std::string_view("{pages}").size() - joint);
    }
  }
  Replace(label, "{page}", std::to_string(page));
  Replace(label, "{pages}", std::to_string(total));
  return label;
}

PageFlow::PageFlow(Document& document, Furniture furniture)
    : document_(document), furniture_(std::move(furniture)) {}

void PageFlow::NewPage(bool furniture) {
  if (open_) document_.EndPage();
  open_ = true;
  ++page_;
  y_ = top();
  if (furniture) DrawFurniture();
}

bool PageFlow::Ensure(double height) {
  if (open_ && height <= remaining()) return false;
  NewPage();
  return true;
}

void PageFlow::Close() {
  if (open_) document_.EndPage();
  open_ = false;
}

void PageFlow::Heading(std::string_view text, double keep_with) {
  const TextStyle style{kHeadingTextSize, true, palette::kCurrent, Align::kLeft};
  const double height = document_.TextHeight(width(), text, style) + 2 * kHeadingRuleGap;
  Ensure(height + keep_with);
  y_ += document_.DrawText(left(), y_, width(), text, style) + kHeadingRuleGap;
  document_.Line(left(), y_, left() + width(), y_, palette::kCurrent, 0.8);
  y_ += kHeadingRuleGap * 2;
}

void PageFlow::Paragraph(std::string_view text, const TextStyle& style) {
  const double height = document_.TextHeight(width(), text, style);
  Ensure(height);
  y_ += document_.DrawText(left(), y_, width(), text, style) + kBlockGap / 2;
}

void PageFlow::DrawFurniture() {
  const TextStyle strong{kFurnitureTextSize, true, palette::kInk, Align::kLeft};
  const TextStyle right{kFurnitureTextSize, false, palette::kMuted, Align::kRight};
  const double half = width() / 2;
  document_.DrawText(left(), kMargin, half, furniture_.header_left, strong);
  document_.DrawText(left() + half, kMargin, half, furniture_.header_right, right);
  document_.Line(left(), kMargin + kFurnitureHeight - 8, left() + width(), kMargin + kFurnitureHeight - 8,
                 palette::kRule, 0.5);

  const double footer_y = kPageHeight - kMargin - kFurnitureHeight + 8;
  document_.Line(left(), footer_y, left() + width(), footer_y, palette::kRule, 0.5);
  const TextStyle muted{kFurnitureTextSize, false, palette::kMuted, Align::kLeft};
  document_.DrawText(left(), footer_y + 4, half * 1.5, furniture_.footer_left, muted);
  document_.DrawText(left() + half, footer_y + 4, half,
                     PageLabel(furniture_.page_label, page_, furniture_.total_pages), right);
}

}  // namespace agencykpi::pdf
