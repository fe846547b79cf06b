// Charts drawn as vector paths: a line chart (series over months) and a
// grouped bar chart (categories, one bar per series), with a value axis of
// round steps, a legend and, on request, the value of each point or bar.
// A missing value (nullopt) leaves a gap; negative values go below zero.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "report/pdf/document.h"

namespace agencykpi::pdf {

struct Series {
  std::string label;
  Rgb color;
  std::vector<std::optional<double>> values;  // one per category
};

struct ChartSpec {
  std::vector<std::string> categories;
  std::vector<Series> series;
  std::function<std::string(double)> format;  // values and axis labels
  std::optional<double> axis_max;             // e.g. 1 for a share, whatever the values
  double min_step = 0;                        // e.g. 1 (euro) so that rounded labels never repeat
  bool value_labels = true;                   // the value beside each point or bar
};

void DrawLineChart(Document& document, const Box& box, const ChartSpec& spec);
void DrawBarChart(Document& document, const Box& box, const ChartSpec& spec);

// A round step for an axis spanning `span` in about `steps` steps: 1, 2 or 5
// times a power of ten.
double NiceStep(double span, int steps);

}  // namespace agencykpi::pdf
