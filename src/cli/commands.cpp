#include "cli/commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/command_support.h"
#include "cli/profile_command.h"
#include "cli/profiled_folder.h"
#include "cli/progress.h"
#include "cli/review_packs.h"
#include "common/memory.h"
#include "common/period.h"
#include "demo/demo_agency.h"
#include "domain/catalogue.h"
#include "ingest/agency_reader.h"
#include "ingest/messages.h"
#include "ingest/open_records.h"
#include "kpi/engine.h"
#include "report/csv_report.h"
#include "report/json_report.h"
#include "report/report_xlsx.h"
#include "report/review_csv.h"
#include "report/review_json.h"
#include "report/review_table.h"
#include "report/rows.h"
#include "report/table_report.h"
#include "auth/authenticator.h"
#include "server/http_server.h"
#include "server/static_files.h"
#include "store/store.h"

namespace agencykpi {
namespace {

Language LanguageOf(const std::string& lang) {
  return lang.empty() ? LanguageFromEnv() : (lang == "fr" ? Language::kFrench : Language::kEnglish);
}

// Reads and validates a folder, printing every warning and error to stderr
// in `language`. Returns nullopt (after printing) when the folder is
// refused. When given, `empty_tables` gets the tables without a row.
std::optional<Dataset> ReadFolder(const std::string& folder, bool show_progress, Language language,
                                  std::vector<std::string>* empty_tables = nullptr,
                                  const std::string& profile_path = {}) {
  // A workbook file is the agency as one workbook, a sheet per table.
  const std::filesystem::path path(folder);
  ReadOptions options;
  std::unique_ptr<FileSource> source;
  if (std::error_code error; std::filesystem::is_regular_file(path, error)) {
    if (!IsWorkbookName(path.filename().string())) {
      std::fprintf(stderr, "%s\n", Message(MessageId::kXlsxAgencyFile, {folder}).Render(language).c_str());
      return std::nullopt;
    }
    source = FolderSource(path.has_parent_path() ? path.parent_path() : std::filesystem::path("."));
    options.workbook = path.filename().string();
  } else {
    source = FolderSource(folder);
  }
  // A profile is read and checked whole before any file is.
  std::optional<Profile> profile;
  std::unique_ptr<ProfiledFolder> profiled;
  if (!profile_path.empty() && !options.workbook.empty()) {
    std::fprintf(stderr, "%s\n", Message(MessageId::kProfileWithWorkbook, {folder}).Render(language).c_str());
    return std::nullopt;
  }
  if (!profile_path.empty()) {
    size_t errors = 0;
    profile = LoadProfile(profile_path, language, &errors);
    if (!profile) {
      const Message refused = errors == 1 ? Message(MessageId::kFolderRefusedOne)
                                          : Message(MessageId::kFolderRefused, {GroupThousands(errors)});
      std::fprintf(stderr, "%s: %s\n", folder.c_str(), refused.Render(language).c_str());
      return std::nullopt;
    }
    profiled = std::make_unique<ProfiledFolder>(*source, *profile, language);
  }
  std::optional<ProgressBar> bar;
  ProgressFn progress;
  if (show_progress) {
    bar.emplace("reading");
    progress = [&bar](uint64_t done, uint64_t total) { bar->Update(done, total); };
  }
  IngestOutcome outcome = ReadAgency(profiled ? *profiled : *source, progress, nullptr, options);
  if (profiled) profiled->Restore(outcome);
  bar.reset();
  const char* warning = language == Language::kFrench ? "avertissement : " : "warning: ";
  for (const auto& w : outcome.warnings) std::fprintf(stderr, "%s%s\n", warning, w.ToString(language).c_str());
  for (const auto& e : outcome.errors) std::fprintf(stderr, "%s\n", e.ToString(language).c_str());
  if (!outcome.ok()) {
    const Message refused = outcome.error_count == 1
                                ? Message(MessageId::kFolderRefusedOne)
                                : Message(MessageId::kFolderRefused, {GroupThousands(outcome.error_count)});
    std::fprintf(stderr, "%s: %s\n", folder.c_str(), refused.Render(language).c_str());
    return std::nullopt;
  }
  if (empty_tables != nullptr) *empty_tables = std::move(outcome.empty_tables);
  return std::move(outcome.dataset);
}

int Fail(const Status& status) {
  std::fprintf(stderr, "agencykpi: %s\n", status.message().c_str());
  return ExitCodeFor(status.code());
}

// The store as a command opens it, from --db (a path, sqlite:PATH, or a URI
// whose scheme OpenStore refuses): report reads only (a missing or foreign
// file is refused, nothing is written); import and serve read and write.
// What fails nothing but deserves notice (a snapshot not written, and why)
// goes to stderr.
StoreOpenOptions StoreOptions(StoreAccess access, const std::string& agency) {
  StoreOpenOptions options;
  options.access = access;
  options.agency = agency;
  options.on_warning = [](const Status& warning) {
    std::fprintf(stderr, "warning: %s\n", warning.message().c_str());
  };
  return options;
}

// The rows read, per table of the catalogue in its order ("3 clients, 4
// contracts, …, 0 store audits"), then the tables without any (an empty
// invoices table must be seen, not taken for zero revenue).
void PrintCounts(const Dataset& d, const std::vector<std::string>& empty_tables, Language language) {
  std::string counts;
  for (const TableDesc& table : Catalogue()) {
    counts += (counts.empty() ? "" : ", ") + std::to_string(RowCount(d, table)) + " " +
              std::string(TableCountLabel(table.name, language));
  }
  std::fprintf(stderr, "%s\n", counts.c_str());
  if (empty_tables.empty()) return;
  std::string names;
  for (const std::string& table : empty_tables) names += (names.empty() ? "" : ", ") + table;
  std::fprintf(stderr, "%s\n", Message(MessageId::kEmptyTables, {names}).Render(language).c_str());
}

}  // namespace

int RunCheck(const CheckArgs& args) {
  const Language language = LanguageOf(args.lang);
  std::vector<std::string> empty_tables;
  const auto dataset = ReadFolder(args.folder, /*show_progress=*/true, language, &empty_tables, args.profile);
  if (!dataset) return ExitCodeFor(ErrorCode::kInvalidData);
  PrintCounts(*dataset, empty_tables, language);
  std::fprintf(stderr, "%s: %s\n", args.folder.c_str(), Message(MessageId::kFolderValid).Render(language).c_str());
  return ExitCodeFor(ErrorCode::kOk);
}

int RunImport(const ImportArgs& args) {
  const auto started = std::chrono::steady_clock::now();
  const Language language = LanguageOf(args.lang);
  std::vector<std::string> empty_tables;
  const auto dataset = ReadFolder(args.folder, /*show_progress=*/true, language, &empty_tables, args.profile);
  if (!dataset) return ExitCodeFor(ErrorCode::kInvalidData);  // nothing was written
  auto store = OpenStore(args.db, StoreOptions(StoreAccess::kReadWrite, args.agency));
  if (!store.ok()) return Fail(store.status());
  const Status written = (*store)->ReplaceDataset(*dataset, args.folder);
  if (!written.ok()) return Fail(written);
  PrintCounts(*dataset, empty_tables, language);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string duration = fmt::format("{:.2f}", seconds);
  if (language == Language::kFrench) std::replace(duration.begin(), duration.end(), '.', ',');
  std::fprintf(stderr, "%s\n", Message(MessageId::kImported, {args.folder, DisplayUri(args.db), duration}).Render(language).c_str());
  return ExitCodeFor(ErrorCode::kOk);
}

namespace {

// --period, --as-of and --grace-days as report and review take them: the
// as-of date defaults to today, the period to the half-year holding it.
Result<ReportRequest> ParseRequest(const std::string& period_text, const std::string& as_of_text, int grace_days) {
  Day as_of = Today();
  if (!as_of_text.empty()) {
    const auto parsed = ParseDate(as_of_text);
    if (!parsed) {
      return Status::InvalidInput("invalid --as-of '" + as_of_text + "': expected YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY");
    }
    as_of = *parsed;
  }
  Period period = HalfYearOf(as_of);
  if (!period_text.empty()) {
    auto parsed = ParsePeriod(period_text);
    if (!parsed.ok()) return parsed.status();
    period = *parsed;
  }
  if (grace_days < 0) return Status::InvalidInput("--grace-days must not be negative");
  return ReportRequest{period, as_of, grace_days};
}

// The dataset of --data (read and validated, diagnostics on stderr in the
// language of LANG) or of --db; nullopt once the refusal is printed, with its
// exit status in `exit_code`.
std::optional<Dataset> LoadData(const std::string& data, const std::string& db, const std::string& agency,
                                int& exit_code) {
  if (!data.empty()) {
    auto read = ReadFolder(data, /*show_progress=*/false, LanguageFromEnv());
    if (!read) exit_code = ExitCodeFor(ErrorCode::kInvalidData);
    return read;
  }
  auto store = OpenStore(db, StoreOptions(StoreAccess::kReadOnly, agency));
  if (!store.ok()) {
    exit_code = Fail(store.status());
    return std::nullopt;
  }
  auto loaded = (*store)->LoadDataset();
  if (!loaded.ok()) {
    exit_code = Fail(loaded.status());
    return std::nullopt;
  }
  return std::move(*loaded);
}

// The engine over the dataset of --data or --db; nullptr once the refusal is
// printed, with its exit status in `exit_code`.
// The engine of --data or --db, and the last day of its dated facts in
// `data_end` (nullopt when it has none), read before the engine takes them.
std::unique_ptr<const KpiEngine> LoadEngine(const std::string& data, const std::string& db, const std::string& agency,
                                            int& exit_code, std::optional<Day>* data_end = nullptr) {
  auto dataset = LoadData(data, db, agency, exit_code);
  if (!dataset) return nullptr;
  if (data_end != nullptr) *data_end = LastFactDate(*dataset);
  return std::make_unique<const KpiEngine>(std::move(*dataset));
}

// A report whose period runs past the last dated fact shows zeros there:
// said on stderr, with the as-of date that shows the data at its last day.
void NoteStaleData(const ReportRequest& request, std::optional<Day> data_end, Language language) {
  const Day seen_until = std::min(request.period.end, request.as_of);
  if (!data_end || seen_until <= *data_end) return;
  const std::string note =
      language == Language::kFrench
          ? fmt::format("note : les données s'arrêtent au {} ; --as-of {} les montre à leur dernier jour\n",
                        FormatDay(*data_end, language), FormatDate(*data_end))
          : fmt::format("note: the data ends on {}; --as-of {} shows it as of its last day\n",
                        FormatDay(*data_end, language), FormatDate(*data_end));
  std::fputs(note.c_str(), stderr);
}

// Colours for a terminal on stdout, unless NO_COLOR is set.
bool ColorOnStdout() {
  return isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
}

}  // namespace

int RunReport(const ReportArgs& args) {
  // Parameters first, so a bad period fails before any data is read.
  auto request = ParseRequest(args.period, args.as_of, args.grace_days);
  if (!request.ok()) return Fail(request.status());
  if (args.horizon_days < 0) return Fail(Status::InvalidInput("--horizon-days must not be negative"));
  request->horizon_days = args.horizon_days;
  std::optional<Section> section;
  if (!args.section.empty()) section = ParseSection(args.section);
  if (args.format == "csv" && !section) {
    return Fail(Status::InvalidInput(
        "--format csv needs --section recurrence|revenue|margin|objectives|workload|renewals"));
  }
  if (args.format == "xlsx" && args.out.empty()) {
    return Fail(Status::InvalidInput("--format xlsx writes a workbook: give --out FILE.xlsx"));
  }
  const Language language = LanguageOf(args.lang);
  int exit_code = 0;
  std::optional<Day> data_end;
  const auto engine = LoadEngine(args.data, args.db, args.agency, exit_code, &data_end);
  if (!engine) return exit_code;
  NoteStaleData(*request, data_end, language);
  const Report report = engine->Compute(*request);

  std::string out;
  if (args.format == "xlsx") {
    auto workbook = RenderReportXlsx(report, {language, section});
    if (!workbook.ok()) return Fail(workbook.status());
    const Status written = WriteFileAtomically(args.out, *workbook);
    return written.ok() ? ExitCodeFor(ErrorCode::kOk) : Fail(written);
  }
  if (args.format == "json" && args.out.empty()) {
    // Streamed: a 100,000-mission report is a hundred megabytes of JSON.
    bool written = true;
    RenderJson(report, /*pretty=*/true, [&written](std::string_view piece) {
      written = written && std::fwrite(piece.data(), 1, piece.size(), stdout) == piece.size();
    });
    return written && std::fflush(stdout) == 0 ? ExitCodeFor(ErrorCode::kOk)
                                                : Fail(Status::Io("cannot write the report"));
  }
  if (args.format == "json") {
    out = RenderJson(report, /*pretty=*/true);  // whole, for the atomic write to --out
  } else if (args.format == "csv") {
    auto csv = RenderCsv(report, *section, language);
    if (!csv.ok()) return Fail(csv.status());
    out = std::move(*csv);
  } else {
    TableOptions options;
    options.language = language;
    options.color = args.out.empty() && ColorOnStdout();
    options.section = section;
    out = RenderTable(report, options);
  }
  if (!args.out.empty()) {
    const Status written = WriteFileAtomically(args.out, out);
    return written.ok() ? ExitCodeFor(ErrorCode::kOk) : Fail(written);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return ExitCodeFor(std::fflush(stdout) == 0 ? ErrorCode::kOk : ErrorCode::kIo);
}

namespace {

// Writes `text` to --out, or to stdout without one.
int WriteOutput(const std::string& out, std::string_view text) {
  std::FILE* file = out.empty() ? stdout : std::fopen(out.c_str(), "wb");
  if (file == nullptr) return Fail(Status::Io("cannot open " + out + " for writing"));
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  const bool closed = out.empty() ? std::fflush(file) == 0 : std::fclose(file) == 0;
  if (written && closed) return ExitCodeFor(ErrorCode::kOk);
  return Fail(Status::Io("cannot write " + (out.empty() ? std::string("standard output") : out)));
}

}  // namespace

int RunReview(const ReviewArgs& args) {
  const auto request = ParseRequest(args.period, args.as_of, args.grace_days);
  if (!request.ok()) return Fail(request.status());
  const bool pack = args.format == ReviewFormat::kPdf || args.format == ReviewFormat::kXlsx;
  if (args.all && (!pack || args.out_dir.empty())) {
    return Fail(Status::InvalidInput("--all writes packs: give --format pdf or xlsx and --out-dir DIR"));
  }
  const Language language = LanguageOf(args.lang);
  int exit_code = 0;
  const auto engine = LoadEngine(args.data, args.db, args.agency, exit_code);
  if (!engine) return exit_code;
  if (args.all) return WriteAllReviewPacks(*engine, *request, args.format, language, args.out_dir);
  const auto review = engine->BrandReview(args.client, *request);
  if (!review.ok()) return Fail(review.status());
  switch (args.format) {
    case ReviewFormat::kJson: return WriteOutput(args.out, RenderReviewJson(*review));
    case ReviewFormat::kCsv: return WriteOutput(args.out, RenderReviewCsv(*review, language));
    case ReviewFormat::kTable: {
      TableOptions options;
      options.language = language;
      options.color = args.out.empty() && ColorOnStdout();
      return WriteOutput(args.out, RenderReviewTable(*review, options));
    }
    case ReviewFormat::kPdf:
    case ReviewFormat::kXlsx: return WriteReviewPack(*engine, *review, args.format, language, args.out);
  }
  return Fail(Status::Internal("unknown review format"));
}

// How long `serve`, once stopped, waits for a cancelled import to end.
constexpr std::chrono::seconds kServeImportStopWait{3};

namespace {

// The running binary's path, to find the dashboard from: /proc/self/exe, as
// argv[0] is a bare name when the binary was found through PATH (an install
// in /usr/bin); argv[0] from the current folder where there is no /proc.
std::filesystem::path ExecutablePath(const std::string& argv0) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec && self.is_absolute()) return self;
  return std::filesystem::absolute(argv0);
}

}  // namespace

int RunServe(const ServeArgs& args) {
  auto store = OpenStore(args.db, StoreOptions(StoreAccess::kReadWrite, args.agency));
  if (!store.ok()) return Fail(store.status());
  auto service = AgencyService::Open(std::move(*store));
  if (!service.ok()) return Fail(service.status());
  // Imports by other servers on the same database are served here too.
  if (Status following = (*service)->FollowImports(); !following.ok()) return Fail(following);
  auto accounts = OpenAccounts(args.db, args.agency);
  if (!accounts.ok()) return Fail(accounts.status());
  auth::Authenticator authenticator(**accounts);
  auto has_accounts = authenticator.Enabled();
  if (!has_accounts.ok()) return Fail(has_accounts.status());
  (*service)->SetAuthenticator(&authenticator);
  KeepFreedMemoryForReuse();  // from now on, each report reuses the last one's memory
  ServerOptions options;
  options.host = args.host;
  options.allowed_hosts = args.allowed_hosts;
  options.port = static_cast<uint16_t>(args.port);
  options.threads = args.threads;
  options.web_root = args.web.empty() ? DefaultWebRoot(ExecutablePath(args.executable))
                                      : std::filesystem::path(args.web);
  options.secure_cookies = args.secure_cookies;
  options.tls_cert = args.tls_cert;
  options.tls_key = args.tls_key;
  auto server = HttpServer::Start(**service, options);
  if (!server.ok()) return Fail(server.status());
  if (options.web_root.empty()) {
    std::fprintf(stderr, "note: no dashboard found (build it with `make build`); serving the API only\n");
  }
  if (!(*server)->loopback_only() && !*has_accounts) {
    // Beyond this machine, nobody may read or replace the data without an account.
    return Fail(Status::InvalidInput(
        "refusing to serve on " + args.host + ": the store has no account, so anyone reaching it could read every "
        "figure and replace the data. Add an admin first: agencykpi user add --db " + DisplayUri(args.db) +
        " --email you@example.com --role admin"));
  }
  if (*has_accounts) std::fprintf(stderr, "agencykpi: accounts required: sign in on the dashboard\n");
  std::fprintf(stderr, "agencykpi: serving %s on %s://%s:%u/ (Ctrl-C to stop)\n", DisplayUri(args.db).c_str(),
               args.tls_cert.empty() ? "http" : "https", args.host.c_str(), static_cast<unsigned>((*server)->port()));
  (*server)->Run(/*handle_signals=*/true);
  if (!(*server)->WaitForImportThread(kServeImportStopWait)) {
    // The import was cancelled but has not given its thread back; nothing of
    // it is committed, so leave without waiting for it.
    std::fprintf(stderr, "agencykpi: stopped (an unfinished import was abandoned)\n");
    std::fflush(stderr);
    std::_Exit(ExitCodeFor(ErrorCode::kOk));
  }
  std::fprintf(stderr, "agencykpi: stopped\n");
  return ExitCodeFor(ErrorCode::kOk);
}

int RunDemoData(const DemoDataArgs& args) {
  const Status status = WriteDemoAgency(args.folder, DemoOptions{args.seed, args.scale});
  if (!status.ok()) return Fail(status);
  std::fprintf(stderr, "wrote demo agency to %s (seed %llu, scale %d)\n", args.folder.c_str(),
               static_cast<unsigned long long>(args.seed), args.scale);
  return ExitCodeFor(ErrorCode::kOk);
}

int RunSchema(const SchemaArgs& args) {
  (void)args;  // "ts" is the only format, checked by the parser
  const std::string text = RowsTypeScript();
  std::fwrite(text.data(), 1, text.size(), stdout);
  return ExitCodeFor(ErrorCode::kOk);
}

// The pieces of report and review, for the commands in their own files.
Result<ReportRequest> ParseCommandRequest(const std::string& period, const std::string& as_of, int grace_days) {
  return ParseRequest(period, as_of, grace_days);
}
Language CommandLanguage(const std::string& lang) { return LanguageOf(lang); }
std::optional<Dataset> LoadCommandData(const std::string& data, const std::string& db, const std::string& agency,
                                       int& exit_code) {
  return LoadData(data, db, agency, exit_code);
}
int FailCommand(const Status& status) { return Fail(status); }
int WriteCommandOutput(const std::string& out, std::string_view text) { return WriteOutput(out, text); }

}  // namespace agencykpi
