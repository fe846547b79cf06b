#include "report/pdf/card.h"

namespace agencykpi::pdf {
namespace {

constexpr double kCardPadding = 8;
constexpr double kLabelSize = 8;
constexpr double kValueSize = 20;
constexpr double kDetailSize = 8;
constexpr double kAccentWidth = 3;  // the coloured bar on the card's left

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
  y += document.DrawText(x, y, width, card.label, {kLabelSize, false, palette::kMuted, Align::kLeft});
  y += document.DrawText(x, y, width, card.value, {kValueSize, true, palette::kInk, Align::kLeft});
  const Rgb detail = card.trend == Trend::kNeutral ? palette::kMuted : accent;
  document.DrawText(x, y, width, card.detail, {kDetailSize, false, detail, Align::kLeft});
}

}  // namespace agencykpi::pdf
