// bench_hot_report: times the report computation itself, with the dataset
// already in memory — what a long-running server pays per request.
//
//   bench_hot_report DB [--period 2026-H1] [--as-of 2026-06-30] [--runs 30]
//
// Opens the store, loads the dataset, prepares the engine, then computes the
// report `runs` times (after one warm-up run) and renders its JSON apart.
// Prints `key value…` lines: load_ms, prepare_ms, compute_ms (median min
// max), trend_ms (median min max: the monthly headline series of the
// kTrendMonths months ending with the as-of month, KpiEngine::Trend) with
// trend_by_reports_ms (the same series from one whole report per month, as
// /trend was computed before) and trend_over_report (trend_ms / compute_ms,
// medians), review_ms (median min max: KpiEngine::BrandReview of the brand
// with the most store audits, review_brand naming it with its audits and
// review lines) with review_over_report, pdf_ms (median min max of
// kPdfRuns: PackOptionsFor and RenderReviewPdf of that review, as the
// command does; pack_options_ms and render_pdf_ms, the medians of each
// part) and pdf_bytes, render_json_ms, json_bytes, peak_rss_kib (VmHWM, also after each
// step: peak_rss_after_{load,prepare,compute}_kib), and one
// `checksum` line of the report's figures, compared by bench/run with the
// same figures computed by DuckDB.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/memory.h"
#include "common/period.h"
#include "kpi/engine.h"
#include "report/json_report.h"
#include "report/review_pack.h"
#include "report/review_pdf.h"
#include "store/sqlite_store.h"

namespace agencykpi::bench {
namespace {

constexpr int kDefaultRuns = 30;
constexpr int kTrendMonths = 24;  // the dashboard's longest monthly trend
constexpr int kPdfRuns = 5;       // a PDF takes far longer than a review: fewer runs

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Median of sorted times.
double MedianOf(const std::vector<double>& sorted) {
  const size_t n = sorted.size();
  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

// A `Name:  123 kB` field of /proc/self/status in KiB (0 if absent).
int64_t StatusKib(std::string_view name) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 && line[name.size()] == ':') {
      int64_t kib = 0;
      const auto first = line.find_first_of("0123456789");
      if (first == std::string::npos) return 0;
      std::from_chars(line.data() + first, line.data() + line.size(), kib);
      return kib;
    }
  }
  return 0;
}

// Runs `run` once to warm up, then `runs` times; the sorted times in ms.
template <typename Run>
std::vector<double> TimeRuns(int runs, Run&& run) {
  run();
  std::vector<double> times;
  times.reserve(static_cast<size_t>(runs));
  for (int i = 0; i < runs; ++i) {
    const auto started = Clock::now();
    run();
    times.push_back(MillisSince(started));
  }
  std::sort(times.begin(), times.end());
  return times;
}

void PrintTimes(const char* key, const std::vector<double>& sorted) {
  std::printf("%s %.3f %.3f %.3f runs %zu\n", key, MedianOf(sorted), sorted.front(), sorted.back(), sorted.size());
}

// The client with the most store audits, all dates (the first of them on a
// tie): the brand whose review reads the most rows.
RowId BiggestBrand(const KpiEngine& engine, size_t& audits) {
  RowId biggest = 0;
  audits = 0;
  for (const BrandActivity& brand :
       engine.ActiveBrands(std::numeric_limits<Day>::min(), std::numeric_limits<Day>::max())) {
    const auto count = static_cast<size_t>(brand.audits);
    if (count > audits || (count == audits && brand.client < biggest)) {
      audits = count;
      biggest = brand.client;
    }
  }
  return biggest;
}

// The brand review of the biggest brand, hot, and its PDF pack. False
// (with a message) if the dataset has no client or the review fails.
bool TimeReview(const KpiEngine& engine, const ReportRequest& request, int runs, double report_ms) {
  if (engine.dataset().clients.empty()) {
    std::fprintf(stderr, "bench_hot_report: no client to review\n");
    return false;
  }
  size_t audits = 0;
  const std::string& brand = engine.dataset().clients[static_cast<size_t>(BiggestBrand(engine, audits))].id;
  Result<Review> review = engine.BrandReview(brand, request);
  if (!review.ok()) {
    std::fprintf(stderr, "bench_hot_report: review of %s: %s\n", brand.c_str(), review.status().message().c_str());
    return false;
  }
  const std::vector<double> times = TimeRuns(runs, [&] { review = engine.BrandReview(brand, request); });
  std::printf("review_brand %s audits %zu stores %zu\n", brand.c_str(), audits, review->stores.size());
  PrintTimes("review_ms", times);
  std::printf("review_over_report %.3f\n", MedianOf(times) / report_ms);

  ReviewPackOptions options;
  std::string pdf;
  const std::vector<double> option_times =
      TimeRuns(kPdfRuns, [&] { options = PackOptionsFor(engine, *review, Language::kFrench); });
  const std::vector<double> render_times = TimeRuns(kPdfRuns, [&] {
    Result<std::string> rendered = RenderReviewPdf(*review, options);
    pdf = rendered.ok() ? std::move(*rendered) : std::string();
  });
  const std::vector<double> pdf_times = TimeRuns(kPdfRuns, [&] {
    const ReviewPackOptions pack = PackOptionsFor(engine, *review, Language::kFrench);
    Result<std::string> rendered = RenderReviewPdf(*review, pack);
    pdf = rendered.ok() ? std::move(*rendered) : std::string();
  });
  if (pdf.empty()) {
    std::fprintf(stderr, "bench_hot_report: the PDF of %s could not be drawn\n", brand.c_str());
    return false;
  }
  PrintTimes("pdf_ms", pdf_times);
  std::printf("pack_options_ms %.3f\nrender_pdf_ms %.3f\npdf_bytes %zu\n", MedianOf(option_times),
              MedianOf(render_times), pdf.size());
  return true;
}

// Peak resident set of this process in KiB.
int64_t PeakRssKib() {
  return StatusKib("VmHWM");
}

// Prints " NAME=SUM" for each field of ROWS, summed over them.
template <typename Row>
void PrintSums(const std::vector<Row>& rows,
               std::initializer_list<std::pair<const char*, int64_t Row::*>> fields) {
  for (const auto& [name, field] : fields) {
    int64_t sum = 0;
    for (const Row& row : rows) sum += row.*field;
    std::printf(" %s=%lld", name, static_cast<long long>(sum));
  }
}

// The figures both agencykpi and DuckDB compute, summed. Money in cents as
// written (each mission's and client's figure rounded once), hours in
// hundredths; the previous-period rates are summed as doubles.
void PrintChecksum(const Report& report) {
  std::printf("checksum missions=%zu", report.margin.missions.size());
  PrintSums(report.margin.missions, {{"m_revenue", &MissionMargin::revenue},
                                     {"m_hours", &MissionMargin::hours},
                                     {"m_labor", &MissionMargin::labor_cost},
                                     {"m_expenses", &MissionMargin::expenses},
                                     {"m_overhead", &MissionMargin::overhead},
                                     {"m_full_margin", &MissionMargin::full_margin}});
  int64_t previous_count = 0;
  double previous_rate_sum = 0;
  for (const MissionMargin& m : report.margin.missions) {
    if (m.previous_full_margin_rate) {
      ++previous_count;
      previous_rate_sum += *m.previous_full_margin_rate;
    }
  }
  std::printf(" overhead_pool=%lld prev_rates=%lld prev_rate_sum=%.6f clients=%zu",
              static_cast<long long>(report.margin.overhead_pool), static_cast<long long>(previous_count),
              previous_rate_sum, report.revenue.clients.size());
  PrintSums(report.revenue.clients, {{"c_revenue", &RevenueClient::revenue},
                                     {"c_hours", &RevenueClient::hours},
                                     {"c_labor", &RevenueClient::labor_cost},
                                     {"c_expenses", &RevenueClient::expenses},
                                     {"c_visits", &RevenueClient::visits}});
  std::printf("\n");
}

int Usage() {
  std::fprintf(stderr, "usage: bench_hot_report DB [--period 2026-H1] [--as-of 2026-06-30] [--runs 30]\n");
  return 2;
}

int Main(int argc, char** argv) {
  std::string db;
  std::string period_text = "2026-H1";
  std::string as_of_text = "2026-06-30";
  int runs = kDefaultRuns;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--period" && i + 1 < argc) {
      period_text = argv[++i];
    } else if (arg == "--as-of" && i + 1 < argc) {
      as_of_text = argv[++i];
    } else if (arg == "--runs" && i + 1 < argc) {
      const std::string_view value = argv[++i];
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), runs);
      if (error != std::errc() || end != value.data() + value.size() || runs < 1) return Usage();
    } else if (db.empty() && !arg.empty() && arg[0] != '-') {
      db = arg;
    } else {
      return Usage();
    }
  }
  if (db.empty()) return Usage();
  const Result<Period> period = ParsePeriod(period_text);
  const std::optional<Day> as_of = ParseDate(as_of_text);
  if (!period.ok() || !as_of) {
    std::fprintf(stderr, "bench_hot_report: bad period or as-of date\n");
    return 2;
  }

  auto started = Clock::now();
  auto store = OpenSqliteStore(db);
  if (!store.ok()) {
    std::fprintf(stderr, "bench_hot_report: %s\n", store.status().message().c_str());
    return 1;
  }
  auto dataset = (*store)->LoadDataset();
  if (!dataset.ok()) {
    std::fprintf(stderr, "bench_hot_report: %s\n", dataset.status().message().c_str());
    return 1;
  }
  std::printf("load_ms %.3f\n", MillisSince(started));
  std::printf("peak_rss_after_load_kib %lld\n", static_cast<long long>(PeakRssKib()));

  started = Clock::now();
  const KpiEngine engine(std::move(*dataset));
  KeepFreedMemoryForReuse();  // as `agencykpi serve` does once its data is prepared
  std::printf("prepare_ms %.3f\n", MillisSince(started));
  std::printf("peak_rss_after_prepare_kib %lld\n", static_cast<long long>(PeakRssKib()));

  const ReportRequest request{*period, *as_of, kDefaultGraceDays};
  Report report = engine.Compute(request);  // warm-up
  std::vector<double> times;
  times.reserve(static_cast<size_t>(runs));
  for (int i = 0; i < runs; ++i) {
    report = Report{};  // one report alive at a time, as in the command
    started = Clock::now();
    report = engine.Compute(request);
    times.push_back(MillisSince(started));
  }
  std::sort(times.begin(), times.end());
  const double median = MedianOf(times);
  std::printf("compute_ms %.3f %.3f %.3f runs %d\n", median, times.front(), times.back(), runs);
  std::printf("peak_rss_after_compute_kib %lld\n", static_cast<long long>(PeakRssKib()));

  // The monthly trend of the last kTrendMonths months, as /trend asks for it.
  const std::vector<Period> months = TrailingMonths(*as_of, kTrendMonths);
  const auto trend = [&] {
    return engine.Trend(months.front().start, months.back().end, PeriodKind::kMonth, *as_of, kDefaultGraceDays);
  };
  size_t points = 0;
  const std::vector<double> trend_times = TimeRuns(runs, [&] { points = trend().size(); });
  std::printf("trend_ms %.3f %.3f %.3f points %zu runs %d\n", MedianOf(trend_times), trend_times.front(),
              trend_times.back(), points, runs);
  started = Clock::now();
  for (const Period& month : months) {
    report = Report{};
    report = engine.Compute(ReportRequest{month, std::min(month.end, *as_of), kDefaultGraceDays});
  }
  std::printf("trend_by_reports_ms %.3f\n", MillisSince(started));
  std::printf("trend_over_report %.2f\n", MedianOf(trend_times) / median);
  if (!TimeReview(engine, request, runs, median)) return 1;
  report = engine.Compute(request);  // the period's report again, for the JSON and checksum

  // Rendered as the command writes it: streamed in pieces (here to nowhere).
  started = Clock::now();
  size_t json_bytes = 0;
  RenderJson(report, /*pretty=*/true, [&json_bytes](std::string_view piece) { json_bytes += piece.size(); });
  std::printf("render_json_ms %.3f\n", MillisSince(started));
  std::printf("json_bytes %zu\n", json_bytes);
  std::printf("peak_rss_kib %lld\n", static_cast<long long>(PeakRssKib()));
  // What is resident now: heap (anonymous) and mapped files (the store's).
  std::printf("rss_anon_file_kib %lld %lld\n", static_cast<long long>(StatusKib("RssAnon")),
              static_cast<long long>(StatusKib("RssFile")));
  PrintChecksum(report);
  return 0;
}

}  // namespace
}  // namespace agencykpi::bench

int main(int argc, char** argv) {
  return agencykpi::bench::Main(argc, argv);
}
