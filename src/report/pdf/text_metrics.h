// The extents of the texts a document has laid out, kept so that each text
// is shaped once: a table measures every cell to fit its columns and again
// for its row's height, and a document numbered "page n of m" is laid out
// twice (once to count its pages). Shaping is nearly all the cost of a PDF;
// a lookup is a hash of the text.
//
// Extents depend only on the text, the font size and weight and the width
// it wraps in (alignment moves lines, not their size), so one TextMetrics
// may serve several documents drawn with the same fonts. Not thread-safe.
#pragma once

#include "report/pdf/text_map.h"

namespace agencykpi::pdf {

struct TextExtents {
  int width = 0;   // pango units (1/PANGO_SCALE point)
  int height = 0;  // pango units
};

// How a text is measured: its font and the width it wraps in.
struct TextFit {
  double size = 0;
  bool bold = false;
  int width = -1;  // pango units; -1: one line

  bool operator==(const TextFit&) const = default;
};

using TextMetrics = TextMap<TextFit, TextExtents>;

}  // namespace agencykpi::pdf
