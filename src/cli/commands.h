// The subcommands of `agencykpi`, each returning the process exit status
// (0 ok, 2 the input was refused, 1 internal error; see ExitCodeFor).
// They write results to stdout and diagnostics to stderr.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kpi/report.h"

namespace agencykpi {

struct ImportArgs {
  std::string folder;
  std::string db;
  std::string agency;   // --agency: the agency of a PostgreSQL store; empty: its only one
  std::string lang;  // fr | en, of the messages; empty: from LANG
  std::string profile;  // a column-mapping profile; empty: none
};

struct CheckArgs {
  std::string folder;
  std::string lang;  // fr | en, of the messages; empty: from LANG
  std::string profile;  // a column-mapping profile; empty: none
};

struct ReportArgs {
  std::string db;      // one of db and data is set
  std::string agency;   // --agency: the agency of a PostgreSQL store; empty: its only one
  std::string data;
  std::string period;  // empty: the half-year holding as_of
  std::string as_of;   // empty: today
  int grace_days = 30;
  int horizon_days = kDefaultHorizonDays;  // >= 0: renewals at risk (SPEC §6.3)
  std::string format = "table";  // table | json | csv | xlsx
  std::string section;           // for csv (required), table and xlsx (optional)
  std::string lang;              // fr | en; empty: from LANG
  std::string out;               // the file, written atomically; empty: stdout (not for xlsx)
};

// `review`: the brand review of one client (SPEC §5).
enum class ReviewFormat { kTable, kJson, kCsv, kPdf, kXlsx };
struct ReviewArgs {
  std::string client;  // client_id, required
  std::string db;      // one of db and data is set
  std::string agency;   // --agency: the agency of a PostgreSQL store; empty: its only one
  std::string data;
  std::string period;  // empty: the half-year holding as_of
  std::string as_of;   // empty: today
  int grace_days = 30;
  ReviewFormat format = ReviewFormat::kTable;
  std::string lang;  // fr | en; empty: from LANG
  std::string out;   // empty: stdout
  bool all = false;     // --all: a pack per active brand (pdf, xlsx), instead of --client
  std::string out_dir;  // --out-dir, with --all
};

struct DemoDataArgs {
  std::string folder;
  uint64_t seed = 1;
  int scale = 1;
};

struct ServeArgs {
  std::string db;
  std::string agency;   // --agency: the agency of a PostgreSQL store; empty: its only one
  std::string host = "127.0.0.1";
  std::vector<std::string> allowed_hosts;  // --allowed-host, repeatable
  int port = 8080;
  int threads = 4;
  std::string web;         // dashboard folder; empty: DefaultWebRoot of the binary
  std::string executable;  // argv[0], to find the dashboard
  bool secure_cookies = false;
  std::string tls_cert;  // HTTPS: the certificate chain and its key (PEM)
  std::string tls_key;
};

// `schema --format ts`: the TypeScript types of the report's rows, generated
// from their descriptions (the text of web/src/report-rows.ts).
struct SchemaArgs {
  std::string format = "ts";  // ts
};

int RunServe(const ServeArgs& args);
int RunImport(const ImportArgs& args);
int RunCheck(const CheckArgs& args);
int RunReport(const ReportArgs& args);
int RunReview(const ReviewArgs& args);
int RunDemoData(const DemoDataArgs& args);
int RunSchema(const SchemaArgs& args);

// `agency add|list`: the agencies (tenants) of a PostgreSQL store.
struct AgencyArgs {
  std::string action;  // add, list
  std::string db;
  std::string id;    // add
  std::string name;  // add
};
int RunAgency(const AgencyArgs& args);

}  // namespace agencykpi
