#include "report/pdf/chart.h"

#include <algorithm>
#include <cmath>

namespace agencykpi::pdf {
namespace {

// The chart's texts, in points: the value axis, the categories under the
// plot, the legend above it, and a bar's or a point's value.
constexpr double kAxisTextSize = 7.5;
constexpr TextStyle kAxisStyle{kAxisTextSize, false, palette::kMuted, Align::kRight};
constexpr TextStyle kCategoryStyle{kAxisTextSize, false, palette::kInk, Align::kCenter};
constexpr TextStyle kLegendStyle{kAxisTextSize, false, palette::kInk, Align::kLeft};
constexpr TextStyle kValueStyle{7, false, palette::kInk, Align::kCenter};
constexpr double kSmallestText = 5.5;  // a label shrinks to fit its room, down to this size
constexpr double kLegendHeight = 16;
constexpr double kCategoryHeight = 14;
constexpr int kAxisSteps = 4;

// `style` made smaller, down to kSmallestText, until `text` fits `width` on
// one line (below that it wraps at words).
TextStyle FitStyle(const Document& document, std::string_view text, double width, TextStyle style) {
  const double natural = document.TextWidth(text, style);
  if (natural > width && natural > 0) style.size = std::max(kSmallestText, style.size * width / natural);
  return style;
}

// The plot inside the box, once the legend, the axis labels and the
// category labels have their room; and the value range it shows.
struct Plot {
  Box area;
  double low = 0;
  double high = 1;
  double step = 1;
  double slot = 0;  // the width of one category
  [[nodiscard]] double Y(double value) const {
    return area.y + area.height - (value - low) / (high - low) * area.height;
  }
  [[nodiscard]] int Ticks() const { return static_cast<int>(std::lround((high - low) / step)); }
  [[nodiscard]] double Tick(int k) const { return low + step * k; }
};

Plot LayOut(Document& document, const Box& box, const ChartSpec& spec) {
  double low = 0;
  double high = spec.axis_max.value_or(0);
  for (const Series& series : spec.series) {
    for (const auto& value : series.values) {
      if (!value || !std::isfinite(*value)) continue;
      low = std::min(low, *value);
      high = std::max(high, *value);
    }
  }
  if (high <= low) high = low + 1;
  Plot plot;
  plot.step = std::max(NiceStep(high - low, kAxisSteps), spec.min_step);
  plot.low = std::floor(low / plot.step) * plot.step;
  plot.high = std::ceil(high / plot.step) * plot.step;
  const TextStyle& axis = kAxisStyle;
  double label_width = 0;
  for (int k = 0; k <= plot.Ticks(); ++k) {
    label_width = std::max(label_width, document.TextWidth(spec.format(plot.Tick(k)), axis));
  }
  // Room above the top for the value labels of the highest points.
  const double headroom = spec.value_labels ? kValueStyle.size * 2 : 0;
  plot.area = Box{box.x + label_width + 6, box.y + kLegendHeight + headroom, box.width - label_width - 6,
                  box.height - kLegendHeight - headroom - kCategoryHeight};
  plot.slot = plot.area.width / static_cast<double>(std::max<size_t>(spec.categories.size(), 1));
  return plot;
}

void DrawAxes(Document& document, const Box& box, const Plot& plot, const ChartSpec& spec) {
  const TextStyle& axis = kAxisStyle;
  const double label_width = plot.area.x - 6 - box.x;
  for (int k = 0; k <= plot.Ticks(); ++k) {
    const double tick = plot.Tick(k);
    const double y = plot.Y(tick);
    const bool zero = std::abs(tick) < plot.step / 2;
    document.Line(plot.area.x, y, plot.area.x + plot.area.width, y, zero ? palette::kMuted : palette::kRule,
                  zero ? 0.8 : 0.4);
    const double height = document.TextHeight(0, spec.format(tick), axis);
    document.DrawText(box.x, y - height / 2, label_width, spec.format(tick), axis);
  }
  const double slot = plot.slot;
  for (size_t i = 0; i < spec.categories.size(); ++i) {
    const TextStyle category = FitStyle(document, spec.categories[i], slot - 2, kCategoryStyle);
    document.DrawText(plot.area.x + slot * static_cast<double>(i), plot.area.y + plot.area.height + 3, slot,
                      spec.categories[i], category);
  }
}

void DrawLegend(Document& document, const Box& box, const ChartSpec& spec) {
  const TextStyle& style = kLegendStyle;
  double x = box.x + box.width;
  // Right-aligned: the last series rightmost.
  for (auto it = spec.series.rbegin(); it != spec.series.rend(); ++it) {
    const double width = document.TextWidth(it->label, style);
    x -= width;
    document.DrawText(x, box.y, width + 1, it->label, style);
    x -= 12;
    document.FillRect(x, box.y + 2, 8, 6, it->color);
    x -= 10;
  }
}

// A point's or a bar's value, centred on it, shrunk to `room` if needed.
void ValueLabel(Document& document, double center_x, double y, bool below, const std::string& text,
                double room) {
  const TextStyle style = FitStyle(document, text, room, kValueStyle);
  const double width = document.TextWidth(text, style) + 2;
  const double height = document.TextHeight(0, text, style);
  document.DrawText(center_x - width / 2, below ? y + 1 : y - height - 1, width, text, style);
}

// The chart's frame: the plot laid out, its legend and its axes drawn.
Plot DrawFrame(Document& document, const Box& box, const ChartSpec& spec) {
  const Plot plot = LayOut(document, box, spec);
  DrawLegend(document, box, spec);
  DrawAxes(document, box, plot, spec);
  return plot;
}

}  // namespace

double NiceStep(double span, int steps) {
  if (!(span > 0) || steps <= 0) return 1;
  const double raw = span / steps;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (raw <= factor * power) return factor * power;
  }
  return 10 * power;
}

void DrawLineChart(Document& document, const Box& box, const ChartSpec& spec) {
  constexpr double kLineWidth = 1.6;  // points, as the points' radius
  constexpr double kPointRadius = 2.2;
  const Plot plot = DrawFrame(document, box, spec);
  const size_t count = spec.categories.size();
  const double slot = plot.slot;
  cairo_t* cr = document.cairo();
  for (size_t s = 0; s < spec.series.size(); ++s) {
    const Series& series = spec.series[s];
    cairo_set_source_rgb(cr, series.color.r, series.color.g, series.color.b);
    cairo_set_line_width(cr, kLineWidth);
    bool drawing = false;
    for (size_t i = 0; i < count && i < series.values.size(); ++i) {
      const auto& value = series.values[i];
      if (!value) {
        drawing = false;
        continue;
      }
      const double x = plot.area.x + slot * (static_cast<double>(i) + 0.5);
      if (drawing) {
        cairo_line_to(cr, x, plot.Y(*value));
      } else {
        cairo_move_to(cr, x, plot.Y(*value));
      }
      drawing = true;
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < count && i < series.values.size(); ++i) {
      if (!series.values[i]) continue;
      const double x = plot.area.x + slot * (static_cast<double>(i) + 0.5);
      cairo_set_source_rgb(cr, series.color.r, series.color.g, series.color.b);
      cairo_arc(cr, x, plot.Y(*series.values[i]), kPointRadius, 0, 2 * M_PI);
      cairo_fill(cr);
      // Only the first series is labelled: two labels per month would collide.
      if (spec.value_labels && s == 0) {
        ValueLabel(document, x, plot.Y(*series.values[i]) - 2, false, spec.format(*series.values[i]), slot);
      }
    }
  }
}

void DrawBarChart(Document& document, const Box& box, const ChartSpec& spec) {
  constexpr double kBarGroupShare = 0.7;  // of a category's width; the rest separates groups
  const Plot plot = DrawFrame(document, box, spec);
  const size_t count = spec.categories.size();
  const double slot = plot.slot;
  const double bar = slot * kBarGroupShare / static_cast<double>(std::max<size_t>(spec.series.size(), 1));
  const double zero = plot.Y(std::clamp(0.0, plot.low, plot.high));
  for (size_t i = 0; i < count; ++i) {
    const double group_x = plot.area.x + slot * static_cast<double>(i) + slot * (1 - kBarGroupShare) / 2;
    for (size_t s = 0; s < spec.series.size(); ++s) {
      const Series& series = spec.series[s];
      if (i >= series.values.size() || !series.values[i]) continue;
      const double value = *series.values[i];
      const double x = group_x + bar * static_cast<double>(s);
      const double y = plot.Y(value);
      document.FillRect(x, std::min(y, zero), bar * 0.92, std::abs(zero - y), series.color);
      if (spec.value_labels) ValueLabel(document, x + bar * 0.46, y, value < 0, spec.format(value), bar);
    }
  }
}

}  // namespace agencykpi::pdf
