#include "report/pdf/card.h"

namespace agencykpi::pdf {
namespace {

// In points: the room around the texts, and the coloured bar on the card's left.
constexpr double kCardPadding = 8;
constexpr double kAccentWidth = 3;
// The label above, the figure in large bold; the detail below takes the
// trend's colour (DrawCard).
constexpr TextStyle kLabelStyle{8, false, palette::kMuted, Align::kLeft};
constexpr TextStyle kValueStyle{20, true, palette::kInk, Align::kLeft};
constexpr double kDetailSize = 8;

}  // namespace

Trend TrendOf(const std::optional<double>& change) {
  if (!change || *change == 0) return Trend::kNeutral;
  return *change > 0 ? Trend::kUp : Trend::kDown;
}

void DrawCard(Document& document, const Box& box, const Card& card) {
  document.FillRect(box.x, box.y, box.width, box.height, palette::kBand);
  const Rgb accent = card.trend == Trend::kUp     ? palette::kGood
                     : card.trend == Trend::kDown ? palette::kBad
                                                  : palette::kPrevious;
  document.FillRect(box.x, box.y, kAccentWidth, box.height, accent);
  const double x = box.x + kAccentWidth + kCardPadding;
  const double width = box.width - kAccentWidth - 2 * kCardPadding;
  double y = box.y + kCardPadding;
  y += document.DrawText(x, y, width, card.label, kLabelStyle);
  y += document.DrawText(x, y, width, card.value, kValueStyle);
  const Rgb detail = card.trend == Trend::kNeutral ? palette::kMuted : accent;
  document.DrawText(x, y, width, card.detail, {kDetailSize, false, detail, Align::kLeft});
}

}  // namespace agencykpi::pdf
