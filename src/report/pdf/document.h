// A PDF document of A4 pages drawn with cairo, its text laid out by pango in
// DejaVu Sans (Debian's fonts-dejavu-core). The bytes depend only on what is
// drawn and on DocumentInfo: the creation and modification dates are fixed
// by the caller, so the same drawing gives the same file.
//
// Not thread-safe: one thread draws one document. Pango and cairo keep their
// own thread-safe font caches, so documents may be drawn in parallel.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "report/pdf/text_metrics.h"

typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoFontDescription PangoFontDescription;

namespace agencykpi::pdf {

// A4 in points (1/72 inch).
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.890;
inline constexpr std::string_view kFontFamily = "DejaVu Sans";
inline constexpr double kPointsPerInch = 72;

struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
};

// The few colours of the packs: ink, muted text, rules and bands, the current
// and previous period, good and bad changes.
namespace palette {
inline constexpr Rgb kInk{0.13, 0.15, 0.18};
inline constexpr Rgb kMuted{0.42, 0.45, 0.50};
inline constexpr Rgb kRule{0.80, 0.82, 0.85};
inline constexpr Rgb kBand{0.94, 0.95, 0.97};
inline constexpr Rgb kCurrent{0.12, 0.30, 0.52};
inline constexpr Rgb kPrevious{0.66, 0.72, 0.80};
inline constexpr Rgb kGood{0.13, 0.52, 0.30};
inline constexpr Rgb kBad{0.75, 0.20, 0.17};
inline constexpr Rgb kWhite{1, 1, 1};
}  // namespace palette

struct Box {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  double size = 9;  // points
  bool bold = false;
  Rgb color = palette::kInk;
  Align align = Align::kLeft;
};

// The document's properties, written in its Info dictionary.
struct DocumentInfo {
  std::string title;
  std::string subject;
  std::string date;  // ISO 8601, "2026-06-30T00:00:00Z": creation and modification date
  // Lay the pages out and count them without writing a PDF (paths drawn on
  // a recording surface, texts measured but not drawn, with the same
  // unhinted metrics, so the pages break where they will in the file);
  // Finish then gives no bytes.
  bool count_only = false;
};

class Document {
 public:
  // `metrics`: the extents of texts already measured, shared with another
  // document in the same fonts (the counting drawing's with the file's);
  // without it, the document keeps its own.
  explicit Document(const DocumentInfo& info, TextMetrics* metrics = nullptr);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // The drawing context of the current page, for paths (charts, rules).
  [[nodiscard]] cairo_t* cairo() const { return cr_; }

  // Draws `text` in a box `width` wide whose top-left corner is (x, y),
  // wrapping at words (inside a word when one is wider than the box), so no
  // text is ever cut. Returns the height used.
  double DrawText(double x, double y, double width, std::string_view text, const TextStyle& style);
  // The height DrawText would use, drawing nothing.
  [[nodiscard]] double TextHeight(double width, std::string_view text, const TextStyle& style) const;
  // The width of `text` on one line.
  [[nodiscard]] double TextWidth(std::string_view text, const TextStyle& style) const;

  void FillRect(double x, double y, double width, double height, Rgb color);
  void Line(double x0, double y0, double x1, double y1, Rgb color, double line_width);

  // Ends the current page; the next drawing goes on a new one.
  void EndPage();
  // Pages ended so far.
  [[nodiscard]] int pages() const { return pages_; }

  // Ends the document and returns the bytes of the file, or the error cairo
  // reports. The document is unusable afterwards.
  Result<std::string> Finish();

 private:
  static cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length);

  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* pango_ = nullptr;
  // One layout for every text, set anew for each (a new layout per cell
  // costs as much as shaping it), and the font of each size and weight.
  PangoLayout* layout_ = nullptr;
  mutable std::vector<std::pair<std::pair<double, bool>, PangoFontDescription*>> fonts_;
  PangoLayout* Layout(int wrap_width, std::string_view text, const TextStyle& style) const;
  void SetUp(PangoLayout* layout, int wrap_width, std::string_view text, const TextStyle& style) const;
  // The layout to draw `text` with: its own, kept laid out, once it is
  // drawn again (a chain, a region, "oui" down a column), so that a repeat
  // is not shaped again; else the shared one.
  PangoLayout* LayoutToDraw(int wrap_width, std::string_view text, const TextStyle& style);
  struct DrawnFit {
    TextFit fit;
    Align align = Align::kLeft;
    bool operator==(const DrawnFit&) const = default;
  };
  struct Drawn {
    int draws = 0;
    PangoLayout* layout = nullptr;  // kept from the second drawing on
  };
  TextMap<DrawnFit, Drawn> drawn_;
  size_t kept_layouts_ = 0;
  // The extents of `text` wrapped at `wrap_width` (pango units, -1: one
  // line), measured once.
  [[nodiscard]] TextExtents Extents(int wrap_width, std::string_view text, const TextStyle& style) const;
  TextMetrics own_metrics_;
  TextMetrics* metrics_;
  bool count_only_ = false;
  int pages_ = 0;
  bool finished_ = false;
};

}  // namespace agencykpi::pdf
