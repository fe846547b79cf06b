#include "report/csv_report.h"

#include <cmath>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

#include "report/labels.h"

namespace agencykpi {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";
constexpr std::string_view kJoiner = "|";  // inside a field: flags, contract lists
constexpr int kMicrosDigits = 6;

// Fixed-notation text of the shortest decimal that reads back to `value`:
// fmt's shortest form, with any exponent written out ("1.5e-07" →
// "0.00000015"), since spreadsheets misread exponents under a decimal comma.
std::string ShortestFixed(double value) {
  std::string text = fmt::format("{}", value);
  const size_t e = text.find_first_of("eE");
  if (e == std::string::npos) return text;
  const int exponent = std::atoi(text.c_str() + e + 1);
  std::string mantissa = text.substr(0, e);
  std::string sign;
  if (!mantissa.empty() && mantissa[0] == '-') {
    sign = "-";
    mantissa.erase(0, 1);
  }
  const size_t dot = mantissa.find('.');
  // Digits of the mantissa and where the decimal point sits among them.
  std::string digits = mantissa;
  int point = static_cast<int>(dot == std::string::npos ? mantissa.size() : dot);
  if (dot != std::string::npos) digits.erase(dot, 1);
  point += exponent;
  const int count = static_cast<int>(digits.size());
  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= count) {
    out = digits + std::string(static_cast<size_t>(point - count), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(point)) + "." +
          digits.substr(static_cast<size_t>(point));
  }
  return sign + out;
}

class CsvWriter {
 public:
  explicit CsvWriter(Language language)
      : separator_(language == Language::kFrench ? ';' : ','),
        decimal_(language == Language::kFrench ? ',' : '.') {
    out_ += kUtf8Bom;
  }

  // A text field from the data (an id, a name, a metric).
  void Text(std::string_view text) {
    std::string field;
    // Excel runs a cell starting with one of these as a formula.
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
      field += '\'';
    }
    field += text;
    Field(field);
  }

  // A field whose text we made (a key, a number): no formula guard needed.
  void Raw(std::string_view text) { Field(text); }

  void Count(int64_t value) { Raw(std::to_string(value)); }

  // Cents and hundredths alike: two decimals, no grouping.
  void TwoDecimals(int64_t hundredths) { Raw(Localize(FormatCents(hundredths))); }

  void OptionalCents(const std::optional<Cents>& cents) {
    cents ? TwoDecimals(*cents) : Raw("");
  }

  void Ratio(const std::optional<double>& ratio) {
    if (!ratio || !std::isfinite(*ratio)) return Raw("");
    Raw(Localize(ShortestFixed(*ratio)));
  }

  void Quantity(const std::optional<Micros>& micros) {
    if (!micros) return Raw("");
    const Micros value = *micros;
    const uint64_t magnitude =
        value < 0 ? 0ULL - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    const auto per_unit = static_cast<uint64_t>(kMicrosPerUnit);
    std::string text = value < 0 ? "-" : "";
    text += std::to_string(magnitude / per_unit);
    std::string fraction = fmt::format("{:0{}}", magnitude % per_unit, kMicrosDigits);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) text += decimal_ + fraction;
    Raw(text);
  }

  void EndRow() {
    out_ += kLineEnd;
    first_in_row_ = true;
  }

  void Header(std::initializer_list<std::string_view> keys) {
    for (std::string_view key : keys) Raw(key);
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string Localize(std::string text) const {
    for (char& c : text) {
      if (c == '.') c = decimal_;
    }
    return text;
  }

  void Field(std::string_view text) {
    if (!first_in_row_) out_ += separator_;
    first_in_row_ = false;
    const bool quote = text.find_first_of(std::string{separator_, '"', '\r', '\n'}) !=
                       std::string_view::npos;
    if (!quote) {
      out_ += text;
      return;
    }
    out_ += '"';
    for (char c : text) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
  }

  char separator_;
  char decimal_;
  bool first_in_row_ = true;
  std::string out_;
};

void WriteRecurrence(const RecurrenceSection& section, CsvWriter& csv) {
  csv.Header({"client_id", "status", "ending_contracts"});
  csv.EndRow();
  for (const auto& client : section.clients) {
    std::string contracts;
    for (const auto& contract : client.ending_contracts) {
      if (!contracts.empty()) contracts += kJoiner;
      contracts += contract;
    }
    csv.Text(client.client_id);
    csv.Raw(RecurrenceStatusName(client.status));
    csv.Text(contracts);
    csv.EndRow();
  }
}

void WriteRevenue(const RevenueSection& section, CsvWriter& csv) {
  csv.Header({"client_id", "name", "revenue", "share", "index_vs_average", "cumulative_share",
              "pareto_class", "hours", "visits", "labor_cost", "expenses", "overhead", "full_cost",
              "margin", "roi", "revenue_per_hour", "avg_complexity"});
  csv.EndRow();
  for (const auto& client : section.clients) {
    csv.Text(client.client_id);
    csv.Text(client.name);
    csv.TwoDecimals(client.revenue);
    csv.Ratio(client.share);
    csv.Ratio(client.index_vs_average);
    csv.Ratio(client.cumulative_share);
    csv.Raw(ParetoClassName(client.pareto_class));
    csv.TwoDecimals(client.hours);
    csv.Count(client.visits);
    csv.TwoDecimals(client.labor_cost);
    csv.TwoDecimals(client.expenses);
    csv.TwoDecimals(client.overhead);
    csv.TwoDecimals(client.full_cost);
    csv.TwoDecimals(client.margin);
    csv.Ratio(client.roi);
    csv.Ratio(client.revenue_per_hour);
    csv.Ratio(client.avg_complexity);
    csv.EndRow();
  }
}

void WriteMargin(const MarginSection& section, CsvWriter& csv) {
  csv.Header({"mission_id", "client_id", "name", "revenue", "hours", "labor_cost", "expenses",
              "direct_cost", "direct_margin", "direct_margin_rate", "overhead", "full_cost",
              "full_margin", "full_margin_rate", "previous_full_margin_rate",
              "margin_rate_change"});
  for (std::string_view activity : kActivityNames) csv.Raw(fmt::format("cost_{}", activity));
  for (std::string_view category : kExpenseCategoryNames) {
    csv.Raw(fmt::format("expenses_{}", category));
  }
  csv.Raw("flags");
  csv.EndRow();
  for (const auto& mission : section.missions) {
    csv.Text(mission.mission_id);
    csv.Text(mission.client_id);
    csv.Text(mission.name);
    csv.TwoDecimals(mission.revenue);
    csv.TwoDecimals(mission.hours);
    csv.TwoDecimals(mission.labor_cost);
    csv.TwoDecimals(mission.expenses);
    csv.TwoDecimals(mission.direct_cost);
    csv.TwoDecimals(mission.direct_margin);
    csv.Ratio(mission.direct_margin_rate);
    csv.TwoDecimals(mission.overhead);
    csv.TwoDecimals(mission.full_cost);
    csv.TwoDecimals(mission.full_margin);
    csv.Ratio(mission.full_margin_rate);
    csv.Ratio(mission.previous_full_margin_rate);
    csv.Ratio(mission.margin_rate_change);
    for (Cents cost : mission.cost_by_activity) csv.TwoDecimals(cost);
    for (Cents amount : mission.expenses_by_category) csv.TwoDecimals(amount);
    std::string flags;
    for (MarginFlag flag : mission.flags) {
      if (!flags.empty()) flags += kJoiner;
      flags += MarginFlagName(flag);
    }
    csv.Raw(flags);
    csv.EndRow();
  }
}

void WriteObjectives(const ObjectivesSection& section, CsvWriter& csv) {
  csv.Header({"objective_id", "mission_id", "client_id", "metric", "aggregation", "target",
              "achieved", "attainment", "elapsed", "projected_attainment", "status"});
  csv.EndRow();
  for (const auto& item : section.items) {
    csv.Text(item.objective_id);
    csv.Text(item.mission_id);
    csv.Text(item.client_id);
    csv.Text(item.metric);
    csv.Raw(AggregationName(item.aggregation));
    csv.Quantity(item.target);
    csv.Quantity(item.achieved);
    csv.Ratio(item.attainment);
    csv.Ratio(item.elapsed);
    csv.Ratio(item.projected_attainment);
    csv.Raw(ObjectiveStatusName(item.status));
    csv.EndRow();
  }
}

}  // namespace

Result<std::string> RenderCsv(const Report& report, Section section, Language language) {
  CsvWriter csv(language);
  switch (section) {
    case Section::kRecurrence: WriteRecurrence(report.recurrence, csv); return csv.Take();
    case Section::kRevenue: WriteRevenue(report.revenue, csv); return csv.Take();
    case Section::kMargin: WriteMargin(report.margin, csv); return csv.Take();
    case Section::kObjectives: WriteObjectives(report.objectives, csv); return csv.Take();
  }
  return Status::InvalidInput(
      fmt::format("unknown report section {}", static_cast<int>(section)));
}

}  // namespace agencykpi
