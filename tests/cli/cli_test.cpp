// Runs the agencykpi binary as a user would and checks exit codes, stdout
// and stderr.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace agencykpi {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("agencykpi-cli-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A refusal: exit status 2, an error naming NAMED, nothing on stdout.
void ExpectRefusedNaming(const Outcome& o, std::string_view named) {
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find(named), std::string::npos) << o.err;
  EXPECT_TRUE(o.out.empty());
}

class CliTest : public ::testing::Test {
 protected:
  // Runs `agencykpi ARGS` with stdout and stderr captured to files.
  // `env`: variables set for the command ("LANG=fr_FR.UTF-8").
  Outcome Agencykpi(const std::string& args, const std::string& env = "") {
    const fs::path out = tmp_.path() / "stdout";
    const fs::path err = tmp_.path() / "stderr";
    const std::string command = (env.empty() ? "" : "env " + env + " ") + std::string(AGENCYKPI_BINARY) + " " + args +
                                " >" + out.string() + " 2>" + err.string();
    const int status = std::system(command.c_str());
    Outcome o;
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = Slurp(out);
    o.err = Slurp(err);
    return o;
  }
  static std::string Golden(const std::string& folder) { return std::string(AGENCYKPI_GOLDEN_DIR) + "/" + folder; }
  fs::path WriteFolder(const std::string& name, const std::map<std::string, std::string>& files) {
    const fs::path dir = tmp_.path() / name;
    fs::create_directories(dir);
    for (const auto& [file, text] : files) std::ofstream(dir / file, std::ios::binary) << text;
    return dir;
  }
  // Runs `agencykpi check` on a folder holding FILES.
  Outcome CheckFolder(const std::map<std::string, std::string>& files) {
    return Agencykpi("check " + WriteFolder("agency", files).string());
  }
  TempDir tmp_;
};

TEST_F(CliTest, EverySubcommandHasHelp) {
  for (const char* sub : {"import", "check", "report", "demo-data"}) {
    SCOPED_TRACE(sub);
    const Outcome o = Agencykpi(std::string(sub) + " --help");
    EXPECT_EQ(o.exit_code, 0);
    EXPECT_NE(o.out.find("Usage"), std::string::npos) << o.out;
  }
  const Outcome report = Agencykpi("report --help");
  for (const char* option : {"--db", "--data", "--period", "--as-of", "--grace-days", "--format", "--section", "--lang"}) {
    EXPECT_NE(report.out.find(option), std::string::npos) << option;
  }
}

// check and import speak French with --lang fr or a French locale: every
// message and hint, the place prefix kept as it is, the same exit status.
TEST_F(CliTest, CheckSpeaksFrenchWithLangFr) {
  const fs::path folder = WriteFolder("fautes", {
      {"clients.csv", "client_id;nom;secteur\nC1;Alpha;x\n"},
      {"invoices.csv", "invoice_id;client_id;date;montant HT;amount\n"
                       "F1;C1;06/30/2026;;1 234,50 \xE2\x82\xAC\n"
                       "F2;C9;31.01.2026;;12,5 %\n"},
  });
  const std::vector<std::string> french = {
      "avertissement : clients.csv:1: nom: colonne inconnue ignorée ; indice : probablement name : nommez la colonne name",
      "avertissement : invoices.csv:1: montant HT: colonne inconnue ignorée",
      "clients.csv:1: name: colonne obligatoire manquante ; indice : la colonne 'nom' est sans doute celle-ci : "
      "nommez-la name",
      "invoices.csv:2: date: date invalide '06/30/2026' (attendu : AAAA-MM-JJ, JJ/MM/AAAA ou JJ/MM/AA) ; indice : "
      "ordre mois/jour (américain) : écrivez 2026-06-30 ou 30/06/2026",
      "invoices.csv:2: amount: nombre invalide '1 234,50 \xE2\x82\xAC' ; indice : retirez le symbole monétaire : "
      "écrivez 1234,50",
      "invoices.csv:3: date: date invalide '31.01.2026' (attendu : AAAA-MM-JJ, JJ/MM/AAAA ou JJ/MM/AA) ; indice : "
      "séparez par / ou - : écrivez 2026-01-31 ou 31/01/2026",
      "invoices.csv:3: amount: nombre invalide '12,5 %' ; indice : retirez le signe %, la valeur s'écrit en points : "
      "écrivez 12,5",
      folder.string() + ": refusé, 5 erreurs",
  };
  const auto expect_french = [&](const Outcome& o) {
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_TRUE(o.out.empty());
    for (const std::string& line : french) EXPECT_NE(o.err.find(line + "\n"), std::string::npos) << line << "\n" << o.err;
  };
  expect_french(Agencykpi("check " + folder.string() + " --lang fr"));
  expect_french(Agencykpi("check " + folder.string(), "LC_ALL= LC_MESSAGES= LANG=fr_FR.UTF-8"));
  expect_french(Agencykpi("import " + folder.string() + " --db " + (tmp_.path() / "x.db").string() + " --lang fr"));
  EXPECT_FALSE(fs::exists(tmp_.path() / "x.db"));
  // --lang en wins over a French locale; English is as before, with its hints.
  const Outcome english = Agencykpi("check " + folder.string() + " --lang en", "LANG=fr_FR.UTF-8");
  EXPECT_EQ(english.exit_code, 2);
  EXPECT_NE(english.err.find("invoices.csv:2: amount: invalid number '1 234,50 \xE2\x82\xAC'; hint: remove the "
                             "currency sign: write 1234,50\n"),
            std::string::npos)
      << english.err;
  EXPECT_NE(english.err.find(folder.string() + ": refused, 5 errors\n"), std::string::npos) << english.err;
  EXPECT_EQ(Agencykpi("check " + folder.string() + " --lang de").exit_code, 2);
}

TEST_F(CliTest, ValidFolderIsValidInFrench) {
  const Outcome o = Agencykpi("check " + Golden("agence-exemple") + " --lang fr");
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.err.find(" clients, "), std::string::npos) << o.err;
  EXPECT_NE(o.err.find(" saisies de temps, "), std::string::npos) << o.err;
  EXPECT_NE(o.err.find(": valide\n"), std::string::npos) << o.err;
}

TEST_F(CliTest, NoSubcommandIsAUsageError) { EXPECT_EQ(Agencykpi("").exit_code, 2); }

// `review --help` used to print the general help and exit 0, before the
// command existed.
TEST_F(CliTest, UnknownCommandIsRefusedEvenWithHelp) {
  for (const char* line : {"bilan --help", "bilan", "factures"}) {
    SCOPED_TRACE(line);
    const Outcome o = Agencykpi(line);
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_NE(o.err.find("unknown command"), std::string::npos) << o.err;
  }
  EXPECT_EQ(Agencykpi("serve --help").exit_code, 0);
  EXPECT_EQ(Agencykpi("--version").exit_code, 0);
}

TEST_F(CliTest, BadPeriodExitsTwoAndNamesIt) {
  ExpectRefusedNaming(
      Agencykpi("report --data " + Golden("agence-exemple") + " --period 2026-13 --as-of 2026-06-30"), "2026-13");
}

TEST_F(CliTest, ReversedCustomRangeAndNegativeGraceExitTwo) {
  const std::string data = " --data " + Golden("agence-exemple");
  EXPECT_EQ(Agencykpi("report" + data + " --period 2026-06-30..2026-01-01").exit_code, 2);
  EXPECT_EQ(Agencykpi("report" + data + " --period 2026-H1 --grace-days -1").exit_code, 2);
  EXPECT_EQ(Agencykpi("report" + data + " --period 2026-H1 --as-of 2026-02-30").exit_code, 2);
}

TEST_F(CliTest, NegativeHorizonExitsTwoNamingTheOption) {
  const Outcome o = Agencykpi("report --data " + Golden("agence-forfaits") +
                              " --period 2026-H1 --as-of 2026-06-30 --horizon-days -1");
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("--horizon-days"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("must be a whole number of days, 0 or more, got '-1'"), std::string::npos) << o.err;
  EXPECT_TRUE(o.out.empty());
}

TEST_F(CliTest, DbAndDataAreExclusiveAndOneIsRequired) {
  EXPECT_EQ(Agencykpi("report --period 2026-H1").exit_code, 2);
  const fs::path db = tmp_.path() / "x.db";
  std::ofstream(db) << "";
  EXPECT_EQ(Agencykpi("report --db " + db.string() + " --data " + Golden("agence-exemple")).exit_code, 2);
}

TEST_F(CliTest, CheckAcceptsTheGoldenFolders) {
  for (const char* folder : {"agence-exemple", "cas-limites"}) {
    SCOPED_TRACE(folder);
    const Outcome o = Agencykpi("check " + Golden(folder));
    EXPECT_EQ(o.exit_code, 0) << o.err;
    EXPECT_NE(o.err.find("valid"), std::string::npos);
  }
}

TEST_F(CliTest, CheckListsEveryErrorWithFileAndLine) {
  const Outcome o = CheckFolder({
      {"clients.csv", "client_id,name\nC1,Alpha\nC1,Beta\n"},
      {"invoices.csv", "invoice_id,client_id,date,amount\nF1,C9,2026-01-01,10\nF2,C1,2026-02-30,10\n"},
  });
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("clients.csv:3: client_id:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("invoices.csv:2: client_id:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("invoices.csv:3: date:"), std::string::npos) << o.err;
}

TEST_F(CliTest, ImportedReportEqualsReportReadFromTheFolder) {
  const std::string db = (tmp_.path() / "agency.db").string();
  const Outcome imported = Agencykpi("import " + Golden("agence-exemple") + " --db " + db);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const std::string args = " --period 2026-H1 --as-of 2026-06-30 --format json";
  const Outcome from_db = Agencykpi("report --db " + db + args);
  const Outcome from_folder = Agencykpi("report --data " + Golden("agence-exemple") + args);
  ASSERT_EQ(from_db.exit_code, 0) << from_db.err;
  EXPECT_EQ(from_db.out, from_folder.out);
  EXPECT_NE(from_db.out.find("\"total_revenue\": 34420.50"), std::string::npos);
}

TEST_F(CliTest, RefusedImportLeavesTheStoreAsItWas) {
  const std::string db = (tmp_.path() / "agency.db").string();
  ASSERT_EQ(Agencykpi("import " + Golden("agence-exemple") + " --db " + db).exit_code, 0);
  const std::string args = " --period 2026 --as-of 2026-12-31 --format json";
  const Outcome before = Agencykpi("report --db " + db + args);
  const fs::path bad = WriteFolder("bad", {{"clients.csv", "client_id,name\nC1,\n"}});
  const Outcome refused = Agencykpi("import " + bad.string() + " --db " + db);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("clients.csv:2: name:"), std::string::npos) << refused.err;
  const Outcome after = Agencykpi("report --db " + db + args);
  EXPECT_EQ(before.out, after.out);
}

TEST_F(CliTest, CsvNeedsASectionAndWritesItsList) {
  const std::string base = "report --data " + Golden("agence-exemple") + " --period 2026-H1 --as-of 2026-06-30 --format csv";
  EXPECT_EQ(Agencykpi(base).exit_code, 2);
  const Outcome o = Agencykpi(base + " --section margin --lang en");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  // A UTF-8 BOM first, so Excel reads accents; then the title row with the
  // period, the columns' words, the rows.
  EXPECT_EQ(o.out.rfind("\xEF\xBB\xBFMargin per mission \u2014 from 2026-01-01 to 2026-06-30 \u00B7 as of 2026-06-30\r\n"
                        "Mission,Client,Client name,Name,Type,Revenue,", 0), 0U) << o.out.substr(0, 160);
  EXPECT_NE(o.out.find("\r\nM01,C01,Biscuits Lumière,"), std::string::npos);
}

TEST_F(CliTest, TableSpeaksTheChosenLanguage) {
  const std::string base = "report --data " + Golden("agence-exemple") + " --period 2026-H1 --as-of 2026-06-30";
  const Outcome fr = Agencykpi(base + " --lang fr");
  ASSERT_EQ(fr.exit_code, 0) << fr.err;
  EXPECT_NE(fr.out.find("34\u202F420,50\u00A0€"), std::string::npos) << fr.out;
  EXPECT_EQ(fr.out.find("\x1b["), std::string::npos);  // not a terminal: no colour
  const Outcome en = Agencykpi(base + " --lang en");
  EXPECT_NE(en.out.find("€34,420.50"), std::string::npos) << en.out;
}

TEST_F(CliTest, ReviewHasHelpWithItsOptions) {
  const Outcome o = Agencykpi("review --help");
  EXPECT_EQ(o.exit_code, 0);
  for (const char* option : {"--client", "--db", "--data", "--period", "--as-of", "--grace-days", "--format",
                             "--lang", "--out"}) {
    EXPECT_NE(o.out.find(option), std::string::npos) << option;
  }
}

TEST_F(CliTest, ReviewOfAnUnknownClientExitsTwoAndNamesIt) {
  ExpectRefusedNaming(Agencykpi("review --data " + Golden("bilan-marque") +
                                " --client C99 --period 2026-H1 --as-of 2026-06-30 --format json"),
                      "unknown client 'C99'");
}

TEST_F(CliTest, ReviewRefusesABadPeriodAndNeedsAClientAndData) {
  const std::string data = " --data " + Golden("bilan-marque");
  const Outcome bad = Agencykpi("review" + data + " --client C01 --period 2026-H3 --as-of 2026-06-30");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("2026-H3"), std::string::npos) << bad.err;
  EXPECT_EQ(Agencykpi("review" + data + " --period 2026-H1").exit_code, 2);
  EXPECT_EQ(Agencykpi("review --client C01 --period 2026-H1").exit_code, 2);
  EXPECT_EQ(Agencykpi("review" + data + " --client C01 --period 2026-H1 --grace-days -1").exit_code, 2);
  EXPECT_EQ(Agencykpi("review" + data + " --client C01 --format html").exit_code, 2);
}

TEST_F(CliTest, ReviewTableCsvAndOutFile) {
  const std::string base = "review --data " + Golden("bilan-marque") + " --client C01 --period 2026-H1 --as-of 2026-06-30";
  const Outcome fr = Agencykpi(base + " --lang fr");
  ASSERT_EQ(fr.exit_code, 0) << fr.err;
  EXPECT_NE(fr.out.find("Bilan de marque"), std::string::npos) << fr.out;
  EXPECT_NE(fr.out.find("85,7\u00A0%"), std::string::npos) << fr.out;
  EXPECT_NE(fr.out.find("6\u202F790,25\u00A0€"), std::string::npos) << fr.out;
  const Outcome en = Agencykpi(base + " --lang en");
  EXPECT_NE(en.out.find("Brand review"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("€6,790.25"), std::string::npos) << en.out;

  // The stores as French CSV: BOM, `;`, decimal comma, one line per store.
  const Outcome csv = Agencykpi(base + " --format csv --lang fr");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("\xEF\xBB\xBFstore_id;name;chain;region;tracked;worked;visits;visits_implantation;", 0), 0U)
      << csv.out.substr(0, 120);
  EXPECT_NE(csv.out.find("\r\nS01;Hyper Marseille Nord;Carrefour;PACA;true;true;3;"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(";3220,25;2550,50\r\n"), std::string::npos) << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 1 + 8);

  const fs::path out = tmp_.path() / "review.json";
  const Outcome json = Agencykpi(base + " --format json --out " + out.string());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(json.out.empty());
  EXPECT_NE(Slurp(out).find("\"dn_lift\": 0.6666666666666666"), std::string::npos) << Slurp(out);
}

TEST_F(CliTest, DemoDataPassesCheck) {
  const fs::path dir = tmp_.path() / "demo";
  const Outcome written = Agencykpi("demo-data " + dir.string() + " --seed 7");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  const Outcome checked = Agencykpi("check " + dir.string());
  EXPECT_EQ(checked.exit_code, 0) << checked.err.substr(0, 2000);
}

// The refusal line counts every error, not only the 1000 shown.
TEST_F(CliTest, CheckCountsEveryErrorNotOnlyTheShownOnes) {
  std::string invoices = "invoice_id,client_id,date,amount\n";
  for (int i = 0; i < 5000; ++i) invoices += "F" + std::to_string(i) + ",C9,2026-01-31,10\n";
  const Outcome o = CheckFolder({{"clients.csv", "client_id,name\nC1,Alpha\n"}, {"invoices.csv", invoices}});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("\n5\u202F000 errors, the first 1000 shown\n"), std::string::npos) << o.err.substr(o.err.size() - 300);
  EXPECT_NE(o.err.find(": refused, 5\u202F000 errors\n"), std::string::npos) << o.err.substr(o.err.size() - 300);
}

// An empty invoices table must be visible, not read as 0 € of revenue.
TEST_F(CliTest, CheckNamesTheEmptyTables) {
  const Outcome o = CheckFolder({
      {"clients.csv", "client_id,name\nC1,Alpha\n"},
      {"invoices.csv", "invoice_id,client_id,date,amount\n"},
  });
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.err.find("\nempty tables: contracts, missions, employees, cost_rates, stores, time_entries, expenses, "
                       "invoices, visits, objectives, results, store_audits, store_sales\n"),
            std::string::npos)
      << o.err;
}

TEST_F(CliTest, CheckReadsACapitalisedTableFileAndWarnsOfAMisspeltOne) {
  const Outcome o = CheckFolder({
      {"Clients.csv", "client_id,name\nC1,Alpha\n"},
      {"factures.csv", "invoice_id,client_id,date,amount\nF1,C1,2026-01-31,10\n"},
  });
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.err.find("warning: factures.csv: not a table of the agency folder, ignored (tables: clients.csv, "),
            std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("1 clients, "), std::string::npos) << o.err;
}

TEST_F(CliTest, CheckRefusesABrokenWorkbookInPlaceOfATable) {
  const Outcome o = CheckFolder({
      {"clients.csv", "client_id,name\nC1,Alpha\n"},
      {"Invoices.xlsx", "PK\x03\x04"},
  });
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("Invoices.xlsx: not an XLSX workbook (not a zip archive): save it as .xlsx (Excel workbook) or CSV UTF-8"),
            std::string::npos)
      << o.err;
}

TEST_F(CliTest, CheckOfAFolderThatDoesNotExistIsRefused) {
  const Outcome o = Agencykpi("check " + (tmp_.path() / "nowhere").string());
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("does not exist"), std::string::npos) << o.err;
}

TEST_F(CliTest, ReportTakesShortFrenchDates) {
  const std::string base = "report --data " + Golden("agence-exemple") + " --format json";
  const Outcome long_dates = Agencykpi(base + " --period 2026-H1 --as-of 2026-06-30");
  const Outcome short_dates = Agencykpi(base + " --period 01/01/26..30/06/26 --as-of 30/06/26");
  ASSERT_EQ(long_dates.exit_code, 0) << long_dates.err;
  ASSERT_EQ(short_dates.exit_code, 0) << short_dates.err;
  EXPECT_NE(short_dates.out.find("\"total_revenue\": 34420.50"), std::string::npos);
  EXPECT_EQ(Agencykpi(base + " --period 2026-H1 --as-of 30/02/26").exit_code, 2);
}

// --- The store file: report never writes it, nothing foreign is taken for a store. ---

TEST_F(CliTest, ReportOnAMissingDatabaseExitsTwoAndCreatesNothing) {
  const fs::path db = tmp_.path() / "missing.db";
  const Outcome o = Agencykpi("report --db " + db.string() + " --period 2026");
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find(db.string() + ": no such database (create it with agencykpi import DIR --db " + db.string() + ")"),
            std::string::npos)
      << o.err;
  EXPECT_FALSE(fs::exists(db));
  EXPECT_FALSE(fs::exists(db.string() + ".columns"));
}

// The issue: a 0-byte file was taken for an empty agency (exit 0, all zeros)
// and rewritten.
TEST_F(CliTest, AZeroByteDatabaseIsRefusedByReportImportAndServeAndStaysEmpty) {
  const fs::path db = tmp_.path() / "empty.db";
  { std::ofstream touch(db); }
  const std::vector<std::string> commands = {
      "report --db " + db.string() + " --period 2026",
      "import " + Golden("agence-exemple") + " --db " + db.string(),
      "serve --db " + db.string() + " --port 0",
  };
  ASSERT_EQ(commands.size(), 3U);
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    const Outcome o = Agencykpi(command);
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_NE(o.err.find(db.string() + ": not an agencykpi database (the file is empty)"), std::string::npos) << o.err;
    EXPECT_EQ(fs::file_size(db), 0U);
  }
  EXPECT_FALSE(fs::exists(db.string() + ".columns"));
}

TEST_F(CliTest, GarbageAndADirectoryAreRefusedAsNotAgencykpiDatabases) {
  const fs::path junk = tmp_.path() / "junk.db";
  const std::string bytes = std::string(4096, '\x01') + "not a database";
  std::ofstream(junk, std::ios::binary) << bytes;
  const fs::path dir = tmp_.path() / "dir.db";
  fs::create_directory(dir);
  for (const std::string& sub : {std::string("report --period 2026"), "import " + Golden("agence-exemple")}) {
    SCOPED_TRACE(sub);
    const Outcome garbage = Agencykpi(sub + " --db " + junk.string());
    EXPECT_EQ(garbage.exit_code, 2);
    EXPECT_NE(garbage.err.find(junk.string() + ": not an agencykpi database (not an SQLite file)"), std::string::npos)
        << garbage.err;
    EXPECT_EQ(Slurp(junk), bytes);
    const Outcome directory = Agencykpi(sub + " --db " + dir.string());
    EXPECT_EQ(directory.exit_code, 2);
    EXPECT_NE(directory.err.find(dir.string() + ": not an agencykpi database (it is a directory)"), std::string::npos)
        << directory.err;
    EXPECT_TRUE(fs::is_empty(dir));
  }
}

// Root ignores file modes, so as root the report runs as an unprivileged
// account (setpriv): the directory and the file are then really read-only.
TEST_F(CliTest, ReportReadsAReadOnlyDatabaseInAReadOnlyDirectory) {
  std::string as_reader;
  if (geteuid() == 0) {
    if (std::system("command -v setpriv >/dev/null 2>&1") != 0) GTEST_SKIP() << "root without setpriv";
    as_reader = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    if (std::system((as_reader + "test -x " + AGENCYKPI_BINARY).c_str()) != 0) {
      GTEST_SKIP() << "the unprivileged account cannot run " << AGENCYKPI_BINARY;
    }
    fs::permissions(tmp_.path(), fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add);
  }
  const fs::path dir = tmp_.path() / "shared";
  fs::create_directory(dir);
  const std::string db = (dir / "agency.db").string();
  ASSERT_EQ(Agencykpi("import " + Golden("agence-exemple") + " --db " + db).exit_code, 0);
  const std::string args = " --period 2026-H1 --as-of 2026-06-30 --format json";
  // The expected report from the folder: no reader has opened the database
  // yet, so it has no -wal file and the reader finds nothing but the file.
  const Outcome expected = Agencykpi("report --data " + Golden("agence-exemple") + args);
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  const std::string bytes = Slurp(db);
  const auto read_only = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
  const auto traversable = read_only | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  fs::permissions(db, read_only);
  fs::permissions(db + ".columns", read_only);
  fs::permissions(dir, traversable);
  const auto files = std::distance(fs::directory_iterator(dir), fs::directory_iterator());
  // The shell (this account) writes the captured output; the reader only reads.
  const fs::path out = tmp_.path() / "reader.out";
  const fs::path err = tmp_.path() / "reader.err";
  const int status = std::system((as_reader + AGENCYKPI_BINARY + " report --db " + db + args + " >" +
                                  out.string() + " 2>" + err.string())
                                     .c_str());
  fs::permissions(dir, fs::perms::owner_all);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << Slurp(err);
  EXPECT_EQ(Slurp(out), expected.out);
  EXPECT_EQ(Slurp(db), bytes);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), files);  // nothing created
}

// The issue: another database of the same dataset version copied over the
// file was answered from the old FILE.columns beside it.
TEST_F(CliTest, ADatabaseCopiedOverAnotherOfTheSameVersionReportsItsOwnData) {
  const std::string mine = (tmp_.path() / "mine.db").string();
  const std::string other = (tmp_.path() / "other.db").string();
  ASSERT_EQ(Agencykpi("import " + Golden("agence-exemple") + " --db " + mine).exit_code, 0);
  ASSERT_EQ(Agencykpi("import " + Golden("cas-limites") + " --db " + other).exit_code, 0);
  const std::string args = " --period 2026 --as-of 2026-12-31 --format json";
  const Outcome mine_before = Agencykpi("report --db " + mine + args);
  const Outcome other_report = Agencykpi("report --db " + other + args);
  ASSERT_EQ(other_report.exit_code, 0) << other_report.err;
  ASSERT_NE(mine_before.out, other_report.out);
  ASSERT_TRUE(fs::exists(mine + ".columns"));
  fs::copy_file(other, mine, fs::copy_options::overwrite_existing);  // the old mine.db.columns stays
  const Outcome after = Agencykpi("report --db " + mine + args);
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out, other_report.out);
}

}  // namespace
}  // namespace agencykpi

namespace agencykpi {
namespace {

// A report seen past the data's last day (agence-exemple ends on 2026-07-31)
// says so on stderr, in the report's language, and names the as-of date
// that shows it; the report itself is unchanged on stdout.
TEST_F(CliTest, AReportPastTheDataSaysWhereTheDataEnds) {
  const std::string data = " --data " + Golden("agence-exemple");
  const Outcome english = Agencykpi("report" + data + " --period 2026-H2 --as-of 2026-12-02 --format json");
  EXPECT_EQ(english.exit_code, 0);
  EXPECT_NE(english.err.find("the data ends on 2026-07-31; --as-of 2026-07-31"), std::string::npos) << english.err;
  EXPECT_EQ(english.out.find("data ends"), std::string::npos);
  const Outcome french = Agencykpi("report" + data + " --period 2026-H2 --as-of 2026-12-02 --lang fr");
  EXPECT_NE(french.err.find("les données s'arrêtent au 31/07/2026"), std::string::npos) << french.err;
  for (const char* seen : {"--period 2026-H1 --as-of 2026-12-02", "--period 2026-H2 --as-of 2026-07-31"}) {
    const Outcome quiet = Agencykpi("report" + data + " " + seen + " --format json");
    EXPECT_EQ(quiet.exit_code, 0);
    EXPECT_EQ(quiet.err.find("data ends"), std::string::npos) << seen << ": " << quiet.err;
  }
}

}  // namespace
}  // namespace agencykpi
