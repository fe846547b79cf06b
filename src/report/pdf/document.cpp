#include "report/pdf/document.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <string>

namespace agencykpi::pdf {
namespace {

// Texts kept laid out to be drawn again, at most: a few hundred in a long
// table (its columns' repeated values), a few kB each.
constexpr size_t kMaxKeptLayouts = 2048;

// A text whose line is narrower than its box by this much (pango units: a
// quarter point) is taken to fit on that line without laying it out
// wrapped; one closer to the edge is laid out wrapped, to be sure.
constexpr int kFitSlack = PANGO_SCALE / 4;

double Points(int pango_units) {
  return static_cast<double>(pango_units) / PANGO_SCALE;
}

// A box `width` points wide in pango units (<= 0: one line, -1).
int WrapWidth(double width) {
  return width > 0 ? static_cast<int>(width * PANGO_SCALE) : -1;
}

}  // namespace

Document::Document(const DocumentInfo& info, TextMetrics* metrics)
    : metrics_(metrics != nullptr ? metrics : &own_metrics_), count_only_(info.count_only) {
  if (count_only_) {
    const cairo_rectangle_t page{0, 0, kPageWidth, kPageHeight};
    surface_ = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
  } else {
    surface_ = cairo_pdf_surface_create_for_stream(&Document::Append, this, kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "agencykpi");
    // Without these, cairo writes the time of the run and no two files match.
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, info.date.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_MOD_DATE, info.date.c_str());
  }
  cr_ = cairo_create(surface_);
  pango_ = pango_cairo_create_context(cr_);
  // Font sizes in points: one point per PDF unit (pango's default is 96 dpi).
  pango_cairo_context_set_resolution(pango_, kPointsPerInch);
  // Unhinted metrics: the layout is the same whatever the output resolution.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_, options);
  cairo_font_options_destroy(options);
  layout_ = pango_layout_new(pango_);
}

Document::~Document() {
  drawn_.ForEach([](Drawn& drawn) {
    if (drawn.layout != nullptr) g_object_unref(drawn.layout);
  });
  for (const auto& [key, font] : fonts_) pango_font_description_free(font);
  if (layout_ != nullptr) g_object_unref(layout_);
  if (pango_ != nullptr) g_object_unref(pango_);
  if (cr_ != nullptr) cairo_destroy(cr_);
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

cairo_status_t Document::Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<Document*>(closure)->bytes_.append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// The document's shared layout set to `text` in the document's font,
// wrapped at `wrap_width` (pango units, -1: one line).
PangoLayout* Document::Layout(int wrap_width, std::string_view text, const TextStyle& style) const {
  SetUp(layout_, wrap_width, text, style);
  return layout_;
}

void Document::SetUp(PangoLayout* layout, int wrap_width, std::string_view text,
                     const TextStyle& style) const {
  const std::pair<double, bool> key{style.size, style.bold};
  PangoFontDescription* font = nullptr;
  for (const auto& [font_key, description] : fonts_) {
    if (font_key == key) font = description;
  }
  if (font == nullptr) {
    font = pango_font_description_new();
    pango_font_description_set_family(font, std::string(kFontFamily).c_str());
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(font, static_cast<gint>(style.size * PANGO_SCALE));
    fonts_.emplace_back(key, font);
  }
  pango_layout_set_font_description(layout, font);
  pango_layout_set_width(layout, wrap_width);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, style.align == Align::kRight    ? PANGO_ALIGN_RIGHT
                                     : style.align == Align::kCenter ? PANGO_ALIGN_CENTER
                                                                     : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
}

PangoLayout* Document::LayoutToDraw(int wrap_width, std::string_view text, const TextStyle& style) {
  Drawn& drawn =
      drawn_.Get(text, DrawnFit{{style.size, style.bold, wrap_width}, style.align}, [] { return Drawn{}; });
  if (drawn.layout == nullptr && ++drawn.draws > 1 && kept_layouts_ < kMaxKeptLayouts) {
    drawn.layout = pango_layout_new(pango_);
    SetUp(drawn.layout, wrap_width, text, style);
    ++kept_layouts_;
  }
  return drawn.layout != nullptr ? drawn.layout : Layout(wrap_width, text, style);
}

TextExtents Document::Extents(int wrap_width, std::string_view text, const TextStyle& style) const {
  return metrics_->Get(text, TextFit{style.size, style.bold, wrap_width}, [&] {
    TextExtents extents;
    pango_layout_get_size(Layout(wrap_width, text, style), &extents.width, &extents.height);
    return extents;
  });
}

double Document::DrawText(double x, double y, double width, std::string_view text, const TextStyle& style) {
  // Counting pages needs the heights only.
  if (count_only_) return TextHeight(width, text, style);
  PangoLayout* layout = LayoutToDraw(WrapWidth(width), text, style);
  cairo_set_source_rgb(cr_, style.color.r, style.color.g, style.color.b);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
  int height = 0;
  pango_layout_get_size(layout, nullptr, &height);
  return Points(height);
}

double Document::TextHeight(double width, std::string_view text, const TextStyle& style) const {
  const TextExtents line = Extents(-1, text, style);
  const int wrap_width = WrapWidth(width);
  // Most texts fit their box: the height of their line, measured once
  // whatever the box.
  if (wrap_width < 0 || line.width + kFitSlack <= wrap_width) return Points(line.height);
  return Points(Extents(wrap_width, text, style).height);
}

double Document::TextWidth(std::string_view text, const TextStyle& style) const {
  return Points(Extents(-1, text, style).width);
}

void Document::FillRect(double x, double y, double width, double height, Rgb color) {
  cairo_set_source_rgb(cr_, color.r, color.g, color.b);
  cairo_rectangle(cr_, x, y, width, height);
  cairo_fill(cr_);
}

void Document::Line(double x0, double y0, double x1, double y1, Rgb color, double line_width) {
  cairo_set_source_rgb(cr_, color.r, color.g, color.b);
  cairo_set_line_width(cr_, line_width);
  cairo_move_to(cr_, x0, y0);
  cairo_line_to(cr_, x1, y1);
  cairo_stroke(cr_);
}

void Document::EndPage() {
  // A recording surface keeps every operation: clear it instead of piling
  // up the pages.
  if (count_only_) {
    cairo_save(cr_);
    cairo_set_operator(cr_, CAIRO_OPERATOR_CLEAR);
    cairo_paint(cr_);
    cairo_restore(cr_);
  } else {
    cairo_show_page(cr_);
  }
  ++pages_;
}

Result<std::string> Document::Finish() {
  if (finished_) return Status::Internal("the PDF document was already finished");
  finished_ = true;
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  const cairo_status_t status = cairo_surface_status(surface_);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(std::string("cannot write the PDF: ") + cairo_status_to_string(status));
  }
  return std::move(bytes_);
}

}  // namespace agencykpi::pdf
