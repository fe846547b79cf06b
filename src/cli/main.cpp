// agencykpi: the command line. Parses arguments (CLI11) and hands over to
// the subcommands in commands.cpp.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <map>
#include <string>

#include "cli/commands.h"
#include "cli/user_command.h"
#include "cli/price_command.h"
#include "cli/profile_command.h"
#include "common/executor.h"
#include "common/status.h"

namespace {

// A number of days, zero or more, refused in words (CLI11's own range check
// prints its upper bound as a 300-digit number).
const CLI::Validator kDayCount(
    [](std::string& text) -> std::string {
      int days = 0;
      if (CLI::detail::lexical_cast(text, days) && days >= 0) return {};
      return "must be a whole number of days, 0 or more, got '" + text + "'";
    },
    "DAYS");

constexpr const char* kDbHelp = "Database: a SQLite file path, sqlite:PATH, or postgresql://… (libpq URI)";

// --agency: which agency of a PostgreSQL store (a SQLite file is one agency).
void AddAgencyOption(CLI::App* command, std::string& agency) {
  command->add_option("--agency", agency,
                      "Agency id in a PostgreSQL store (required when it holds several; a SQLite file is one agency)");
}

// The options report and review share: where the data comes from (--db or
// --data, not both) and the period it is seen over.
void AddSourceAndPeriodOptions(CLI::App* command, const std::string& what, std::string& db, std::string& agency,
                               std::string& data, std::string& period, std::string& as_of, int& grace_days) {
  auto* db_opt = command->add_option("--db", db, kDbHelp);
  AddAgencyOption(command, agency);
  auto* data_opt = command->add_option("--data", data, "Agency folder (or one .xlsx workbook), read directly")->check(CLI::ExistingPath);
  db_opt->excludes(data_opt);
  command->add_option("--period", period,
                      "2026, 2026-H1, 2026-Q1, 2026-03 or 2026-01-01..2026-06-30 (default: the half-year of --as-of)");
  command->add_option("--as-of", as_of,
                      "Date the " + what + " is seen from, YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY (default: today)");
  command->add_option("--grace-days", grace_days, "Days after a contract's end before it counts as lost")
      ->check(kDayCount);
}

// Whether COMMAND was given --db or --data; if not, says so on stderr.
bool HasDataSource(const char* command, const std::string& db, const std::string& data) {
  if (!db.empty() || !data.empty()) return true;
  std::fprintf(stderr, "%s: one of --db FILE or --data DIR is required\n", command);
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace agencykpi;
  CLI::App app{"agencykpi: sales KPIs of a field-sales agency (recurrence, revenue per client, "
               "margin per mission, objective attainment)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "agencykpi 0.1.0");

  ImportArgs import_args;
  auto* import_cmd = app.add_subcommand("import", "Validate an agency folder and import it into a database");
  import_cmd->add_option("folder", import_args.folder, "Agency folder of CSV or XLSX files, or one .xlsx workbook")->required()->check(CLI::ExistingPath);
  import_cmd->add_option("--db", import_args.db, kDbHelp)->required();
  AddAgencyOption(import_cmd, import_args.agency);
  import_cmd->add_option("--lang", import_args.lang, "Language of the errors and warnings (default: from LANG)")
      ->check(CLI::IsMember({"fr", "en"}));

  import_cmd->add_option("--profile", import_args.profile,
                         "Column-mapping profile: how the folder's exports are read (docs/data-format.md)")
      ->check(CLI::ExistingFile);

  CheckArgs check_args;
  auto* check_cmd = app.add_subcommand("check", "Validate an agency folder: list errors and warnings");
  check_cmd->add_option("folder", check_args.folder, "Agency folder of CSV or XLSX files, or one .xlsx workbook")->required()->check(CLI::ExistingPath);
  check_cmd->add_option("--lang", check_args.lang, "Language of the errors and warnings (default: from LANG)")
      ->check(CLI::IsMember({"fr", "en"}));

  check_cmd->add_option("--profile", check_args.profile,
                        "Column-mapping profile: how the folder's exports are read (docs/data-format.md)")
      ->check(CLI::ExistingFile);

  ProfileArgs profile_args;
  auto* profile_cmd = app.add_subcommand("profile", "Write or explain a column-mapping profile for another tool's exports");
  profile_cmd->require_subcommand(1);
  CLI::App* profile_init = profile_cmd->add_subcommand("init", "Write a starting profile from the headers of a folder's files");
  profile_init->add_option("folder", profile_args.folder, "Folder of the exports (CSV, XLSX)")
      ->required()
      ->check(CLI::ExistingDirectory);
  profile_init->add_option("--out", profile_args.out, "File to write (default: standard output; never overwritten)");
  profile_init->add_option("--lang", profile_args.lang, "Language of the notes (default: from LANG)")
      ->check(CLI::IsMember({"fr", "en"}));
  profile_init->callback([&profile_args] { profile_args.action = "init"; });
  CLI::App* profile_check = profile_cmd->add_subcommand("check", "Explain what each source column becomes, and the values not mapped yet");
  profile_check->add_option("file", profile_args.file, "The profile (JSON)")->required()->check(CLI::ExistingFile);
  profile_check->add_option("--dir", profile_args.folder, "Folder of the exports the profile names")
      ->required()
      ->check(CLI::ExistingDirectory);
  profile_check->add_option("--lang", profile_args.lang, "Language of the explanation (default: from LANG)")
      ->check(CLI::IsMember({"fr", "en"}));
  profile_check->callback([&profile_args] { profile_args.action = "check"; });

  ReportArgs report_args;
  auto* report_cmd = app.add_subcommand("report", "Compute the four KPIs for a period");
  AddSourceAndPeriodOptions(report_cmd, "report", report_args.db, report_args.agency, report_args.data, report_args.period,
                            report_args.as_of, report_args.grace_days);
  report_cmd->add_option("--horizon-days", report_args.horizon_days,
                         "Days ahead a contract's end makes it a renewal at risk (default 90)")
      ->check(kDayCount);
  report_cmd->add_option("--format", report_args.format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx"}));
  report_cmd->add_option("--section", report_args.section, "Section for csv (and to narrow table and xlsx)")
      ->check(CLI::IsMember({"recurrence", "revenue", "margin", "objectives", "workload", "renewals"}));
  report_cmd->add_option("--lang", report_args.lang, "Language of the table, csv and xlsx output")
      ->check(CLI::IsMember({"fr", "en"}));
  report_cmd->add_option("--out", report_args.out, "File to write (required for xlsx; default: standard output)");

  ReviewArgs review_args;
  auto* review_cmd = app.add_subcommand("review", "The brand review (bilan semestriel) of one client for a period");
  auto* review_client = review_cmd->add_option("--client", review_args.client, "The client (brand) id");
  review_cmd->add_flag("--all", review_args.all, "A pack per brand with audits, visits or sales in the period")
      ->excludes(review_client);
  review_cmd->add_option("--out-dir", review_args.out_dir, "Folder of the --all packs (created if needed)");
  AddSourceAndPeriodOptions(review_cmd, "review", review_args.db, review_args.agency, review_args.data, review_args.period,
                            review_args.as_of, review_args.grace_days);
  const std::map<std::string, ReviewFormat> review_formats = {
      {"table", ReviewFormat::kTable}, {"json", ReviewFormat::kJson}, {"csv", ReviewFormat::kCsv},
      {"pdf", ReviewFormat::kPdf},     {"xlsx", ReviewFormat::kXlsx}};
  review_cmd->add_option("--format", review_args.format, "Output format: table, json, csv (the stores), pdf or xlsx")
      ->transform(CLI::CheckedTransformer(review_formats));
  review_cmd->add_option("--lang", review_args.lang, "Language of the table, csv, pdf and xlsx output")->check(CLI::IsMember({"fr", "en"}));
  review_cmd->add_option("--out", review_args.out,
                         "File to write (default: standard output; pdf and xlsx only when it is not a terminal)");

  PriceArgs price_args;
  auto* price_cmd = app.add_subcommand("price", "The least a renewal of a mission should be sold for (prix de reconduction)");
  price_cmd->add_option("--mission", price_args.mission, "The mission id")->required();
  price_cmd->add_option("--target-margin", price_args.target_margin,
                        "Full margin rate the price must give, a decimal in [0, 1) written with '.' (0.25)")
      ->required();
  price_cmd->add_option("--scope-change", price_args.scope_change,
                        "Planned change of effort, a decimal > -1 written with '.' (0.10: 10 % more work; default 0)");
  AddSourceAndPeriodOptions(price_cmd, "price", price_args.db, price_args.agency, price_args.data, price_args.period,
                            price_args.as_of, price_args.grace_days);
  price_cmd->add_option("--format", price_args.format, "Output format")->check(CLI::IsMember({"table", "json"}));
  price_cmd->add_option("--lang", price_args.lang, "Language of the table output")->check(CLI::IsMember({"fr", "en"}));
  price_cmd->add_option("--out", price_args.out, "File to write (default: standard output)");

  DemoDataArgs demo_args;
  auto* demo_cmd = app.add_subcommand("demo-data", "Write a realistic demo agency folder");
  demo_cmd->add_option("folder", demo_args.folder, "Folder to write (created if needed)")->required();
  demo_cmd->add_option("--seed", demo_args.seed, "Random seed");
  demo_cmd->add_option("--scale", demo_args.scale, "Size: 1 ≈ 50,000 time entries, 20 ≈ 1,000,000")->check(CLI::Range(1, 1000));

  ServeArgs serve_args;
  serve_args.executable = argv[0];
  auto* serve_cmd = app.add_subcommand("serve", "Serve the dashboard and the JSON API");
  serve_cmd->add_option("--db", serve_args.db, kDbHelp)->required();
  AddAgencyOption(serve_cmd, serve_args.agency);
  serve_cmd->add_option("--host", serve_args.host, "Address to listen on (loopback by default)");
  serve_cmd->add_option("--allowed-host", serve_args.allowed_hosts,
                        "Another host name the server is reached by (repeatable; loopback names are always allowed)");
  serve_cmd->add_option("--port", serve_args.port, "Port (0: any free port)")->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--threads", serve_args.threads, "Worker threads")->check(CLI::Range(1, 64));
  serve_cmd->add_option("--web", serve_args.web, "Dashboard folder (default: the built or installed one, found from the binary)")
      ->check(CLI::ExistingDirectory);

  serve_cmd->add_option("--tls-cert", serve_args.tls_cert, "Serve HTTPS: the certificate chain (PEM)")
      ->check(CLI::ExistingFile);
  serve_cmd->add_option("--tls-key", serve_args.tls_key, "Serve HTTPS: the certificate's private key (PEM)")
      ->check(CLI::ExistingFile);
  serve_cmd->add_flag("--secure-cookies", serve_args.secure_cookies,
                      "Mark the session cookie Secure (behind a reverse proxy that serves HTTPS)");

  UserArgs user_args;
  auto* user_cmd = app.add_subcommand("user", "Manage the accounts that may sign in to serve");
  user_cmd->require_subcommand(1);
  const auto user_action = [&](const char* name, const char* help) {
    CLI::App* action = user_cmd->add_subcommand(name, help);
    action->add_option("--db", user_args.db, kDbHelp)->required();
    AddAgencyOption(action, user_args.agency);
    action->callback([&user_args, name] { user_args.action = name; });
    return action;
  };
  CLI::App* user_add = user_action("add", "Add an account (the password is read from the terminal or stdin)");
  user_add->add_option("--email", user_args.email, "The account's email")->required();
  user_add->add_option("--role", user_args.role, "admin, manager, viewer or brand")
      ->required()
      ->check(CLI::IsMember({"admin", "manager", "viewer", "brand"}, CLI::ignore_case));
  user_add->add_option("--client", user_args.clients, "A client the brand account sees (repeatable)");
  user_add->add_option("--name", user_args.name, "Display name (default: the email)");
  user_action("list", "List the accounts: email, role, state, clients, last login, name");
  for (const auto& [name, help] : {std::pair{"disable", "Disable an account and end its sessions"},
                                   std::pair{"enable", "Enable a disabled account"},
                                   std::pair{"passwd", "Set an account's password (ends its sessions)"}}) {
    user_action(name, help)->add_option("--email", user_args.email, "The account's email")->required();
  }
  CLI::App* user_grant = user_action("grant", "Set the clients a brand account sees");
  user_grant->add_option("--email", user_args.email, "The account's email")->required();
  user_grant->add_option("--client", user_args.clients, "A client the brand account sees (repeatable)")->required();

  AgencyArgs agency_args;
  auto* agency_cmd = app.add_subcommand("agency", "Manage the agencies (tenants) of a PostgreSQL store");
  agency_cmd->require_subcommand(1);
  CLI::App* agency_add = agency_cmd->add_subcommand("add", "Add an agency");
  agency_add->add_option("--db", agency_args.db, "Database: postgresql://… (libpq URI)")->required();
  agency_add->add_option("--id", agency_args.id, "The agency's id: 1 to 64 of A-Z a-z 0-9 _ . -")->required();
  agency_add->add_option("--name", agency_args.name, "The agency's name")->required();
  agency_add->callback([&agency_args] { agency_args.action = "add"; });
  CLI::App* agency_list = agency_cmd->add_subcommand("list", "List the agencies: id, name, dataset version, last import");
  agency_list->add_option("--db", agency_args.db, "Database: postgresql://… (libpq URI)")->required();
  agency_list->callback([&agency_args] { agency_args.action = "list"; });

  SchemaArgs schema_args;
  auto* schema_cmd = app.add_subcommand("schema", "Print the TypeScript types of the report's rows");
  schema_cmd->add_option("--format", schema_args.format, "Output format")->check(CLI::IsMember({"ts"}));

  // The shared executor's threads (computing, reading, writing snapshots),
  // apart from serve's --threads (its HTTP workers).
  int compute_threads = 0;  // 0: AGENCYKPI_THREADS, else the machine's cores
  for (CLI::App* command : {import_cmd, check_cmd, report_cmd, review_cmd, price_cmd, serve_cmd}) {
    command->add_option("--compute-threads", compute_threads,
                        "Threads for computing and reading (default: $AGENCYKPI_THREADS, else the cores)")
        ->check(CLI::Range(1, kMaxExecutorThreads));
  }

  // An unknown command is refused even with --help, which CLI11 would
  // otherwise answer with the general help and success.
  if (argc > 1 && argv[1][0] != '-') {
    std::string known;
    bool found = false;
    for (const CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
      found = found || command->get_name() == argv[1];
      known += (known.empty() ? "" : ", ") + command->get_name();
    }
    if (!found) {
      std::fprintf(stderr, "agencykpi: unknown command '%s' (commands: %s)\n", argv[1], known.c_str());
      return ExitCodeFor(ErrorCode::kInvalidInput);
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return ExitCodeFor(code == 0 ? ErrorCode::kOk : ErrorCode::kInvalidInput);
  }
  if (compute_threads > 0) {
    const Status sized = SetSharedExecutorThreads(compute_threads);
    if (!sized.ok()) {
      std::fprintf(stderr, "agencykpi: %s\n", sized.message().c_str());
      return ExitCodeFor(sized.code());
    }
  }

  try {
    if (*import_cmd) return RunImport(import_args);
    if (*user_cmd) return RunUser(user_args);
    if (*agency_cmd) return RunAgency(agency_args);
    if (*check_cmd) return RunCheck(check_args);
    if (*profile_cmd) return RunProfile(profile_args);
    if (*report_cmd) {
      if (!HasDataSource("report", report_args.db, report_args.data)) return ExitCodeFor(ErrorCode::kInvalidInput);
      return RunReport(report_args);
    }
    if (*review_cmd) {
      if (!HasDataSource("review", review_args.db, review_args.data)) return ExitCodeFor(ErrorCode::kInvalidInput);
      if (review_args.client.empty() && !review_args.all) {
        std::fprintf(stderr, "review: one of --client ID or --all is required\n");
        return ExitCodeFor(ErrorCode::kInvalidInput);
      }
      return RunReview(review_args);
    }
    if (*price_cmd) {
      if (!HasDataSource("price", price_args.db, price_args.data)) return ExitCodeFor(ErrorCode::kInvalidInput);
      return RunPrice(price_args);
    }
    if (*demo_cmd) return RunDemoData(demo_args);
    if (*serve_cmd) return RunServe(serve_args);
    if (*schema_cmd) return RunSchema(schema_args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "agencykpi: internal error: %s\n", e.what());
    return ExitCodeFor(ErrorCode::kInternal);
  }
  return ExitCodeFor(ErrorCode::kInternal);
}
