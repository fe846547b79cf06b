// A headline figure in a box: its label, the figure large, and a line under
// it saying how it changed, coloured by whether that is good news.
#pragma once

#include <optional>
#include <string>

#include "report/pdf/document.h"

namespace agencykpi::pdf {

enum class Trend { kNeutral, kUp, kDown };

struct Card {
  std::string label;   // "DN (numeric distribution)"
  std::string value;   // "85,7 %"
  std::string detail;  // "+42,9 pts vs 42,9 %"
  Trend trend = Trend::kNeutral;
};

void DrawCard(Document& document, const Box& box, const Card& card);

// The trend of a change: up if positive, down if negative, neutral if zero
// or undefined.
Trend TrendOf(const std::optional<double>& change);

}  // namespace agencykpi::pdf
