#include "cli/commands.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "cli/progress.h"
#include "common/memory.h"
#include "common/period.h"
#include "demo/demo_agency.h"
#include "ingest/agency_reader.h"
#include "kpi/engine.h"
#include "report/csv_report.h"
#include "report/json_report.h"
#include "report/table_report.h"
#include "server/http_server.h"
#include "server/static_files.h"
#include "store/store.h"

namespace agencykpi {
namespace {

// Reads and validates a folder, printing every warning and error to stderr.
// Returns nullopt (after printing) when the folder is refused.
std::optional<Dataset> ReadFolder(const std::string& folder, bool show_progress) {
  auto source = FolderSource(folder);
  std::optional<ProgressBar> bar;
  ProgressFn progress;
  if (show_progress) {
    bar.emplace("reading");
    progress = [&bar](uint64_t done, uint64_t total) { bar->Update(done, total); };
  }
  IngestOutcome outcome = ReadAgency(*source, progress);
  bar.reset();
  for (const auto& w : outcome.warnings) std::fprintf(stderr, "warning: %s\n", w.ToString().c_str());
  for (const auto& e : outcome.errors) std::fprintf(stderr, "%s\n", e.ToString().c_str());
  if (!outcome.ok()) {
    std::fprintf(stderr, "%s: refused, %zu error%s\n", folder.c_str(), outcome.errors.size(),
                 outcome.errors.size() == 1 ? "" : "s");
    return std::nullopt;
  }
  return std::move(outcome.dataset);
}

int Fail(const Status& status) {
  std::fprintf(stderr, "agencykpi: %s\n", status.message().c_str());
  return ExitCodeFor(status.code());
}

void PrintCounts(const Dataset& d) {
  std::fprintf(stderr,
               "%zu clients, %zu contracts, %zu missions, %zu employees, %zu time entries, "
               "%zu invoices, %zu expenses, %zu visits, %zu objectives, %zu results\n",
               d.clients.size(), d.contracts.size(), d.missions.size(), d.employees.size(),
               d.time_entries.size(), d.invoices.size(), d.expenses.size(), d.visits.size(),
               d.objectives.size(), d.results.size());
}

}  // namespace

int RunCheck(const CheckArgs& args) {
  const auto dataset = ReadFolder(args.folder, /*show_progress=*/true);
  if (!dataset) return 2;
  PrintCounts(*dataset);
  std::fprintf(stderr, "%s: valid\n", args.folder.c_str());
  return 0;
}

int RunImport(const ImportArgs& args) {
  const auto started = std::chrono::steady_clock::now();
  const auto dataset = ReadFolder(args.folder, /*show_progress=*/true);
  if (!dataset) return 2;  // nothing was written
  auto store = OpenSqliteStore(args.db);
  if (!store.ok()) return Fail(store.status());
  const Status written = (*store)->ReplaceDataset(*dataset, args.folder);
  if (!written.ok()) return Fail(written);
  PrintCounts(*dataset);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "imported %s into %s in %.2f s\n", args.folder.c_str(), args.db.c_str(), seconds);
  return 0;
}

int RunReport(const ReportArgs& args) {
  // Parameters first, so a bad period fails before any data is read.
  Day as_of = Today();
  if (!args.as_of.empty()) {
    const auto parsed = ParseDate(args.as_of);
    if (!parsed) {
      return Fail(Status::InvalidInput("invalid --as-of '" + args.as_of + "': expected YYYY-MM-DD or DD/MM/YYYY"));
    }
    as_of = *parsed;
  }
  Period period = HalfYearOf(as_of);
  if (!args.period.empty()) {
    auto parsed = ParsePeriod(args.period);
    if (!parsed.ok()) return Fail(parsed.status());
    period = *parsed;
  }
  if (args.grace_days < 0) return Fail(Status::InvalidInput("--grace-days must not be negative"));
  std::optional<Section> section;
  if (!args.section.empty()) section = ParseSection(args.section);
  if (args.format == "csv" && !section) {
    return Fail(Status::InvalidInput("--format csv needs --section recurrence|revenue|margin|objectives"));
  }
  const Language language = args.lang.empty() ? LanguageFromEnv()
                                              : (args.lang == "fr" ? Language::kFrench : Language::kEnglish);

  Dataset dataset;
  if (!args.data.empty()) {
    auto read = ReadFolder(args.data, /*show_progress=*/false);
    if (!read) return 2;
    dataset = std::move(*read);
  } else {
    auto store = OpenSqliteStore(args.db);
    if (!store.ok()) return Fail(store.status());
    auto loaded = (*store)->LoadDataset();
    if (!loaded.ok()) return Fail(loaded.status());
    dataset = std::move(*loaded);
  }

  const KpiEngine engine(std::move(dataset));
  const Report report = engine.Compute(ReportRequest{period, as_of, args.grace_days});

  std::string out;
  if (args.format == "json") {
    // Streamed: a 100,000-mission report is a hundred megabytes of JSON.
    bool written = true;
    RenderJson(report, /*pretty=*/true, [&written](std::string_view piece) {
      written = written && std::fwrite(piece.data(), 1, piece.size(), stdout) == piece.size();
    });
    return written && std::fflush(stdout) == 0 ? 0 : Fail(Status::Io("cannot write the report"));
  }
  if (args.format == "csv") {
    auto csv = RenderCsv(report, *section, language);
    if (!csv.ok()) return Fail(csv.status());
    out = std::move(*csv);
  } else {
    TableOptions options;
    options.language = language;
    options.color = isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
    options.section = section;
    out = RenderTable(report, options);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

int RunServe(const ServeArgs& args) {
  auto store = OpenSqliteStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto service = AgencyService::Open(std::move(*store));
  if (!service.ok()) return Fail(service.status());
  KeepFreedMemoryForReuse();  // from now on, each report reuses the last one's memory
  ServerOptions options;
  options.host = args.host;
  options.port = static_cast<uint16_t>(args.port);
  options.threads = args.threads;
  options.web_root = args.web.empty() ? DefaultWebRoot(std::filesystem::absolute(args.executable))
                                      : std::filesystem::path(args.web);
  auto server = HttpServer::Start(**service, options);
  if (!server.ok()) return Fail(server.status());
  if (options.web_root.empty()) {
    std::fprintf(stderr, "note: no dashboard found (build it with `make build`); serving the API only\n");
  }
  std::fprintf(stderr, "agencykpi: serving %s on http://%s:%u/ (Ctrl-C to stop)\n", args.db.c_str(),
               args.host.c_str(), static_cast<unsigned>((*server)->port()));
  (*server)->Run(/*handle_signals=*/true);
  std::fprintf(stderr, "agencykpi: stopped\n");
  return 0;
}

int RunDemoData(const DemoDataArgs& args) {
  const Status status = WriteDemoAgency(args.folder, DemoOptions{args.seed, args.scale});
  if (!status.ok()) return Fail(status);
  std::fprintf(stderr, "wrote demo agency to %s (seed %llu, scale %d)\n", args.folder.c_str(),
               static_cast<unsigned long long>(args.seed), args.scale);
  return 0;
}

}  // namespace agencykpi
