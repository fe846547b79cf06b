// Every endpoint of docs/api.md and every error status, through HandleApi.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "server/limits.h"
#include "server_fixture.h"

namespace agencykpi {
namespace {

using json = nlohmann::json;
using testing::ServiceFixture;

constexpr const char* kH1 = "period=2026-H1&as_of=2026-06-30";

json Body(const ApiResponse& r) { return json::parse(r.body); }

void ExpectError(const ApiResponse& r, int status, const std::string& code, const std::string& parameter = "") {
  EXPECT_EQ(r.status, status) << r.body;
  const json body = Body(r);
  EXPECT_EQ(body["error"]["code"], code) << r.body;
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  if (!parameter.empty()) {
    EXPECT_EQ(body["error"]["details"]["parameter"], parameter) << r.body;
  }
}

// The report's golden folders, each with its case count: SPEC §4's cases and
// those with the section 6 keys.
TEST(ApiTest, ReportEqualsEveryGoldenCase) {
  const struct {
    const char* folder;
    size_t cases;
  } folders[] = {{"cases", 10}, {"kpi6-cases", 3}};
  for (const auto& golden : folders) {
    SCOPED_TRACE(golden.folder);
    testing::ExpectEveryGoldenCaseServed(golden.folder, golden.cases, [](const testing::GoldenCase& c) {
      return "/api/v1/report?" + testing::QueryOf(c.params);
    });
  }
}

TEST(ApiTest, BadParametersAre400NamingTheParameter) {
  ServiceFixture f("agence-exemple");
  ExpectError(f.Get("/api/v1/report?period=2026-13"), 400, "bad_parameter", "period");
  ExpectError(f.Get("/api/v1/report?period=2026-06-30..2026-01-01"), 400, "bad_parameter", "period");
  ExpectError(f.Get("/api/v1/report?as_of=2026-02-30"), 400, "bad_parameter", "as_of");
  ExpectError(f.Get("/api/v1/report?grace_days=-1"), 400, "bad_parameter", "grace_days");
  ExpectError(f.Get("/api/v1/report?grace_days=ten"), 400, "bad_parameter", "grace_days");
  ExpectError(f.Get(std::string("/api/v1/report?") + kH1 + "&section=costs"), 400, "bad_parameter", "section");
  ExpectError(f.Get(std::string("/api/v1/report?") + kH1 + "&section=margin&sort=colour"), 400, "bad_parameter", "sort");
  ExpectError(f.Get(std::string("/api/v1/report?") + kH1 + "&section=margin&limit=0"), 400, "bad_parameter", "limit");
  ExpectError(f.Get(std::string("/api/v1/report?") + kH1 + "&limit=5"), 400, "bad_parameter", "section");
  ExpectError(f.Get("/api/v1/trend?granularity=week"), 400, "bad_parameter", "granularity");
  ExpectError(f.Get("/api/v1/trend?from=2026-06-01&to=2026-01-01"), 400, "bad_parameter", "from");
  ExpectError(f.Get("/api/v1/trend?from=2000-01-01&to=2026-01-01"), 400, "bad_parameter", "from");
}

TEST(ApiTest, UnknownThingsAre404AndWrongMethods405) {
  ServiceFixture f("agence-exemple");
  ExpectError(f.Get("/api/v1/nothing"), 404, "not_found");
  ExpectError(f.Get("/api/v1/clients/C99"), 404, "not_found");
  ExpectError(f.Get("/api/v1/missions/M99"), 404, "not_found");
  ExpectError(HandleApi(f.service(), ApiRequest{"DELETE", "/api/v1/report", "", ""}), 405, "method_not_allowed");
  ExpectError(HandleApi(f.service(), ApiRequest{"GET", "/api/v1/import", "", ""}), 405, "method_not_allowed");
}

TEST(ApiTest, ReportPagesSortAndSlice) {
  ServiceFixture f("agence-exemple");
  const json page = Body(f.Get(std::string("/api/v1/report?") + kH1 + "&section=margin&sort=full_margin&limit=2&offset=1"));
  EXPECT_EQ(page["total"], 7);
  ASSERT_EQ(page["items"].size(), 2U);
  // Ascending full margin: M07 (−717.56) first, then M02 (166.16), M05 (303.38).
  EXPECT_EQ(page["items"][0]["mission_id"], "M02");
  EXPECT_EQ(page["items"][1]["mission_id"], "M05");
  const json desc = Body(f.Get(std::string("/api/v1/report?") + kH1 + "&section=revenue&sort=-hours&limit=1"));
  EXPECT_EQ(desc["items"][0]["client_id"], "C01");
  // Nulls sort last in both directions.
  const json rates = Body(f.Get(std::string("/api/v1/report?") + kH1 + "&section=margin&sort=-full_margin_rate"));
  EXPECT_TRUE(rates["items"].back()["full_margin_rate"].is_null());
  const json objectives = Body(f.Get(std::string("/api/v1/report?") + kH1 + "&section=objectives&offset=6"));
  ASSERT_EQ(objectives["items"].size(), 1U);
  EXPECT_EQ(objectives["items"][0]["objective_id"], "O07");
}

// The sort keys come from the row descriptions: flags sort by their count,
// statuses by their SPEC order, and lists are refused.
TEST(ApiTest, ReportPagesSortByTheDescribedKeys) {
  ServiceFixture f("agence-exemple");
  const json by_flags = Body(f.Get(std::string("/api/v1/report?") + kH1 + "&section=margin&sort=-flags"));
  ASSERT_EQ(by_flags["items"].size(), 7U);
  for (size_t i = 1; i < by_flags["items"].size(); ++i) {
    EXPECT_GE(by_flags["items"][i - 1]["flags"].size(), by_flags["items"][i]["flags"].size()) << i;
  }
  EXPECT_EQ(by_flags["items"][0]["mission_id"], "M07");  // loss and unbilled
  const json by_status = Body(f.Get(std::string("/api/v1/report?") + kH1 + "&section=recurrence&sort=status"));
  ASSERT_EQ(by_status["items"].size(), 5U);
  EXPECT_EQ(by_status["items"][0]["status"], "spontaneous");
  EXPECT_EQ(by_status["items"][4]["status"], "lost");
  ExpectError(f.Get(std::string("/api/v1/report?") + kH1 + "&section=recurrence&sort=ending_contracts"), 400,
              "bad_parameter", "sort");
  ExpectError(f.Get(std::string("/api/v1/report?") + kH1 + "&section=margin&sort=cost_by_activity"), 400,
              "bad_parameter", "sort");
}

// Triage: search by name or id (case and accents ignored), filters by any
// described key, several sort keys, the matching count and exact sums.
TEST(ApiTest, ReportPagesSearchFilterAndSum) {
  ServiceFixture f("agence-exemple");
  const std::string base = std::string("/api/v1/report?") + kH1;
  const json report = Body(f.Get(base));
  const auto ids = [](const json& page, const char* key) {
    std::vector<std::string> out;
    for (const json& item : page["items"]) out.push_back(item[key]);
    return out;
  };
  // "lumiere" finds Biscuits Lumière, by its name on the revenue list and by
  // its client_name on the mission list.
  const json lumiere = Body(f.Get(base + "&section=revenue&q=LUMIERE"));
  EXPECT_EQ(ids(lumiere, "client_id"), std::vector<std::string>{"C01"});
  EXPECT_EQ(lumiere["total"], 1);
  EXPECT_EQ(lumiere["unfiltered"], report["revenue"]["clients"].size());
  std::vector<std::string> c01_missions;
  for (const json& m : report["margin"]["missions"]) {
    if (m["client_id"] == "C01") c01_missions.push_back(m["mission_id"]);
  }
  ASSERT_GE(c01_missions.size(), 2U);
  EXPECT_EQ(ids(Body(f.Get(base + "&section=margin&q=lumi%C3%A8re")), "mission_id"), c01_missions);
  EXPECT_EQ(ids(Body(f.Get(base + "&section=margin&q=m03")), "mission_id"), std::vector<std::string>{"M03"});
  EXPECT_EQ(Body(f.Get(base + "&section=margin&q=nobody"))["total"], 0);

  // Filters: flags hold one of the values, ids equal one; several keys all apply.
  EXPECT_EQ(ids(Body(f.Get(base + "&section=margin&filter.flags=loss")), "mission_id"), std::vector<std::string>{"M07"});
  EXPECT_EQ(ids(Body(f.Get(base + "&section=margin&filter.client_id=C01")), "mission_id"), c01_missions);
  EXPECT_EQ(Body(f.Get(base + "&section=margin&filter.client_id=C01&filter.flags=loss"))["total"], 0);
  EXPECT_EQ(Body(f.Get(base + "&section=margin&filter.flags="))["total"], 7);  // an empty filter is none
  EXPECT_EQ(Body(f.Get(base + "&section=margin&filter.fee=null"))["total"], 7);
  EXPECT_EQ(Body(f.Get(base + "&section=margin&filter.fee=present"))["total"], 0);
  const json open = Body(f.Get(base + "&section=recurrence&filter.status=lost,pending&sort=-status,-revenue"));
  EXPECT_EQ(ids(open, "client_id"), (std::vector<std::string>{"C05", "C04"}));
  EXPECT_EQ(open["items"][0]["name"], "Savons Doux");

  // Several sort keys: status descending (lost first), then revenue descending.
  const json by_status = Body(f.Get(base + "&section=recurrence&sort=-status,-revenue"));
  ASSERT_EQ(by_status["items"].size(), 5U);
  EXPECT_EQ(by_status["items"][0]["status"], "lost");
  for (size_t i = 1; i < by_status["items"].size(); ++i) {
    const json& a = by_status["items"][i - 1];
    const json& b = by_status["items"][i];
    if (a["status"] == b["status"]) {
      EXPECT_GE(a["revenue"].get<double>(), b["revenue"].get<double>()) << i;
    }
  }

  // Sums: every money key over the matching rows, to the cent, whatever the page.
  int64_t all_cents = 0;
  int64_t c01_cents = 0;
  for (const json& m : report["margin"]["missions"]) {
    all_cents += std::llround(m["revenue"].get<double>() * 100);
    if (m["client_id"] == "C01") c01_cents += std::llround(m["full_margin"].get<double>() * 100);
  }
  const json one = Body(f.Get(base + "&section=margin&limit=1"));
  EXPECT_EQ(std::llround(one["sums"]["revenue"].get<double>() * 100), all_cents);
  const json c01 = Body(f.Get(base + "&section=margin&filter.client_id=C01&limit=1"));
  EXPECT_EQ(std::llround(c01["sums"]["full_margin"].get<double>() * 100), c01_cents);
}

TEST(ApiTest, ReportPagesRefuseBadSearchesFiltersAndSorts) {
  ServiceFixture f("agence-exemple");
  const std::string margin = std::string("/api/v1/report?") + kH1 + "&section=margin";
  ExpectError(f.Get(margin + "&filter.colour=red"), 400, "bad_parameter", "filter.colour");
  ExpectError(f.Get(margin + "&filter.flags=broken"), 400, "bad_parameter", "filter.flags");
  ExpectError(f.Get(margin + "&filter.fee=maybe"), 400, "bad_parameter", "filter.fee");
  ExpectError(f.Get(margin + "&filter.cost_by_activity=field"), 400, "bad_parameter", "filter.cost_by_activity");
  ExpectError(f.Get(margin + "&q=" + std::string(server_limits::kMaxSearchBytes + 1, 'a')), 400, "bad_parameter", "q");
  ExpectError(f.Get(margin + "&sort=revenue,hours,fee,name,mission_id"), 400, "bad_parameter", "sort");
  ExpectError(f.Get(margin + "&sort=-"), 400, "bad_parameter", "sort");
  std::string many = "&filter.client_id=";
  for (size_t i = 0; i <= server_limits::kMaxFilterValues; ++i) many += "C" + std::to_string(i) + ",";
  ExpectError(f.Get(margin + many), 400, "bad_parameter", "filter.client_id");
  ExpectError(f.Get(std::string("/api/v1/report?") + kH1 + "&q=x"), 400, "bad_parameter", "section");
}

TEST(ApiTest, TrendGivesHeadlinesPerPeriod) {
  ServiceFixture f("agence-exemple");
  const json trend = Body(f.Get("/api/v1/trend?from=2026-01-01&to=2026-06-30&granularity=quarter&as_of=2026-06-30"));
  ASSERT_EQ(trend["points"].size(), 2U);
  EXPECT_EQ(trend["points"][0]["period"], "2026-Q1");
  EXPECT_EQ(trend["points"][1]["period"], "2026-Q2");
  const double q1 = trend["points"][0]["total_revenue"];
  const double q2 = trend["points"][1]["total_revenue"];
  EXPECT_NEAR(q1 + q2, 34420.50, 0.001);
  for (const char* key : {"recurrence_rate", "renewal_rate", "churn_rate", "total_revenue", "average_per_client",
                          "top1_share", "hhi", "margin", "margin_rate", "met_share", "mean_capped_attainment"}) {
    EXPECT_TRUE(trend["points"][0].contains(key)) << key;
  }
  const json months = Body(f.Get("/api/v1/trend?as_of=2026-06-30"));
  EXPECT_EQ(months["points"].size(), 12U);
  EXPECT_EQ(months["points"].back()["period"], "2026-06");
}

TEST(ApiTest, ClientPageGathersItsFigures) {
  ServiceFixture f("agence-exemple");
  const json c = Body(f.Get(std::string("/api/v1/clients/C01?") + kH1));
  EXPECT_EQ(c["client"]["name"], "Biscuits Lumière");
  EXPECT_DOUBLE_EQ(c["revenue"]["revenue"].get<double>(), 26750.50);
  EXPECT_EQ(c["recurrence"]["status"], "spontaneous");
  ASSERT_EQ(c["missions"].size(), 2U);
  EXPECT_EQ(c["missions"][0]["mission_id"], "M01");
  EXPECT_EQ(c["objectives"].size(), 3U);
  ASSERT_EQ(c["contracts"].size(), 2U);
  EXPECT_EQ(c["contracts"][0]["contract_id"], "K01");
  EXPECT_EQ(c["contracts"][0]["renewed_by"], "K07");
  EXPECT_EQ(c["contracts"][1]["renewal_type"], "spontaneous");
  EXPECT_EQ(c["visits_by_action"]["merchandising"], 1);
  EXPECT_EQ(c["visits_by_action"]["implantation"], 1);
  EXPECT_EQ(c["visits_by_action"].size(), 7U);
}

TEST(ApiTest, MissionPageHasTwelveMonthsOfMargin) {
  ServiceFixture f("agence-exemple");
  const json m = Body(f.Get(std::string("/api/v1/missions/M03?") + kH1));
  EXPECT_EQ(m["mission"]["client_id"], "C02");
  EXPECT_EQ(m["margin"]["flags"], json::array({"eroding"}));
  ASSERT_EQ(m["monthly"].size(), 12U);
  EXPECT_EQ(m["monthly"][0]["month"], "2025-07");
  EXPECT_EQ(m["monthly"][11]["month"], "2026-06");
  EXPECT_EQ(m["objectives"].size(), 1U);
  EXPECT_EQ(m["margin"]["cost_by_activity"].size(), 8U);
}

TEST(ApiTest, MetaCountsTheRows) {
  ServiceFixture f("agence-exemple");
  const json meta = Body(f.Get("/api/v1/meta"));
  EXPECT_EQ(meta["dataset_version"], 1);
  EXPECT_EQ(meta["currency"], "EUR");
  EXPECT_EQ(meta["counts"]["invoices"], 17);
  EXPECT_EQ(meta["counts"]["clients"], 6);
  EXPECT_FALSE(meta["imported_at"].is_null());
}

// The dashboard reads its thresholds from /meta: they must be the SPEC's.
TEST(ApiTest, MetaServesTheRuleThresholdsOfTheSpec) {
  ServiceFixture f("agence-exemple");
  const json rules = Body(f.Get("/api/v1/meta"))["rules"];
  ASSERT_TRUE(rules.is_object());
  EXPECT_EQ(rules.size(), 14U);
  EXPECT_EQ(rules["pareto_class_a_below"], 0.80);
  EXPECT_EQ(rules["pareto_class_b_below"], 0.95);
  EXPECT_EQ(rules["thin_margin_rate"], 0.15);
  EXPECT_EQ(rules["eroding_rate_change"], -0.10);
  EXPECT_EQ(rules["met_attainment"], 1.0);
  EXPECT_EQ(rules["on_track_projected_attainment"], 1.0);
  EXPECT_EQ(rules["concentration_alert_share"], 0.25);
  EXPECT_EQ(rules["hhi_moderate_from"], 1500.0);
  EXPECT_EQ(rules["hhi_high_above"], 2500.0);
  EXPECT_EQ(rules["renewal_margin_low_rate"], 0.15);
  EXPECT_EQ(rules["renewal_activity_down_ratio"], 0.8);
  EXPECT_EQ(rules["renewal_revenue_down_ratio"], 0.8);
  EXPECT_EQ(rules["renewal_high_risk_from"], 3.0);
  EXPECT_EQ(rules["renewal_medium_risk_from"], 2.0);
}

TEST(ApiTest, ImportOfAZipReplacesTheDataAndTheCachedReports) {
  ServiceFixture f("agence-exemple");
  const std::string before = f.Get(std::string("/api/v1/report?") + kH1).body;
  const std::string zip = testing::MakeZip(testing::ReadFolderFiles(testing::GoldenDir() + "/cas-limites"));
  const ApiResponse r = HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import", "application/zip", zip});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["dataset_version"], 2);
  const std::string after = f.Get("/api/v1/report?period=2026-H1&as_of=2026-06-30").body;
  EXPECT_NE(before, after);
  EXPECT_EQ(testing::CompareWithGolden("edge-h1", after), "");
}

TEST(ApiTest, RefusedImportIs422WithFileAndLineAndChangesNothing) {
  ServiceFixture f("agence-exemple");
  const std::string before = f.Get(std::string("/api/v1/report?") + kH1).body;
  const std::string boundary = "XyZ";
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"clients.csv\"\r\n"
                           "Content-Type: text/csv\r\n\r\nclient_id,name\nC1,Alpha\nC1,Beta\n\r\n--XyZ--\r\n";
  const ApiResponse r = HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import",
                                                          "multipart/form-data; boundary=" + boundary, body});
  ExpectError(r, 422, "invalid_data");
  const json details = Body(r)["error"]["details"];
  ASSERT_FALSE(details["errors"].empty());
  EXPECT_EQ(details["errors"][0]["file"], "clients.csv");
  EXPECT_EQ(details["errors"][0]["line"], 3);
  EXPECT_EQ(details["errors"][0]["column"], "client_id");
  EXPECT_EQ(details["errors"][0]["text"].get<std::string>().rfind("clients.csv:3: client_id:", 0), 0U);
  EXPECT_EQ(f.Get(std::string("/api/v1/report?") + kH1).body, before);
  EXPECT_EQ(Body(f.Get("/api/v1/meta"))["dataset_version"], 1);
}

TEST(ApiTest, RefusedImportCountsEveryError) {
  ServiceFixture f("agence-exemple");
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"clients.csv\"\r\n"
                           "Content-Type: text/csv\r\n\r\nclient_id,name\nC1,Alpha\nC1,Beta\nC1,Gamma\n\r\n--XyZ--\r\n";
  const ApiResponse r =
      HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import", "multipart/form-data; boundary=XyZ", body});
  ExpectError(r, 422, "invalid_data");
  const json error = Body(r)["error"];
  const size_t listed = error["details"]["errors"].size();
  EXPECT_GE(listed, 2U);
  EXPECT_EQ(error["details"]["error_count"].get<size_t>(), listed);
  EXPECT_EQ(error["message"], fmt::format("{} errors", listed));
}

// ?lang=fr: the refusal's errors and warnings in French, each with its
// code, its hint and the line as `check --lang fr` prints it; English by
// default, as before.
TEST(ApiTest, ImportAnswersInFrenchWithLangFr) {
  ServiceFixture f("agence-exemple");
  const std::map<std::string, std::string> files = {
      {"clients.csv", "client_id;name;nom_commercial\nC1;Alpha;A\n"},
      {"invoices.csv", "invoice_id;client_id;date;amount\nF1;C1;2026-31-01;1 234,50 \xE2\x82\xAC\n"},
  };
  const ApiResponse r = HandleApi(
      f.service(), ApiRequest{"POST", "/api/v1/import?lang=fr", "application/zip", testing::MakeZip(files)});
  ASSERT_EQ(r.status, 422) << r.body;
  const json error = Body(r)["error"];
  EXPECT_EQ(error["message"], "2 erreurs");
  const json errors = error["details"]["errors"];
  ASSERT_EQ(errors.size(), 2U) << r.body;
  EXPECT_EQ(errors[0]["code"], "invalid_date");
  EXPECT_EQ(errors[0]["message"], "date invalide '2026-31-01' (attendu : AAAA-MM-JJ, JJ/MM/AAAA ou JJ/MM/AA)");
  EXPECT_EQ(errors[0]["hint"], "ordre année-jour-mois : écrivez 2026-01-31 ou 31/01/2026");
  EXPECT_EQ(errors[1]["text"],
            "invoices.csv:2: amount: nombre invalide '1 234,50 \xE2\x82\xAC' ; indice : retirez le symbole monétaire : "
            "écrivez 1234,50");
  const json warnings = error["details"]["warnings"];
  ASSERT_EQ(warnings.size(), 1U) << r.body;
  EXPECT_EQ(warnings[0]["text"], "clients.csv:1: nom_commercial: colonne inconnue ignorée");
  EXPECT_TRUE(warnings[0]["hint"].is_null());

  const ApiResponse english =
      HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import", "application/zip", testing::MakeZip(files)});
  ASSERT_EQ(english.status, 422) << english.body;
  EXPECT_EQ(Body(english)["error"]["message"], "2 errors");
  EXPECT_EQ(Body(english)["error"]["details"]["errors"][1]["text"],
            "invoices.csv:2: amount: invalid number '1 234,50 \xE2\x82\xAC'; hint: remove the currency sign: write 1234,50");
  ExpectError(HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import?lang=de", "application/zip",
                                                testing::MakeZip(files)}),
              400, "bad_parameter", "lang");
}

TEST(ApiTest, ImportSuccessNamesTheEmptyTables) {
  ServiceFixture f("agence-exemple");
  const auto files = testing::ReadFolderFiles(testing::GoldenDir() + "/cas-limites");
  ASSERT_EQ(files.count("visits.csv"), 0U);  // an absent file is an empty table
  const ApiResponse r =
      HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import", "application/zip", testing::MakeZip(files)});
  ASSERT_EQ(r.status, 200) << r.body;
  const json tables = Body(r)["empty_tables"];
  ASSERT_TRUE(tables.is_array());
  EXPECT_NE(std::find(tables.begin(), tables.end(), "visits"), tables.end()) << tables.dump();
}

TEST(ApiTest, ImportWhileAnotherHoldsTheSlotIs503AndDeleteCancelsIt) {
  ServiceFixture f("agence-exemple");
  ExpectError(HandleApi(f.service(), ApiRequest{"DELETE", "/api/v1/import", "", ""}), 404, "not_found");
  auto running = f.service().BeginImport();
  ASSERT_TRUE(running.ok());
  const ApiResponse busy = HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import", "application/zip", "PK"});
  ExpectError(busy, 503, "busy");
  ASSERT_EQ(busy.headers.size(), 1U);
  EXPECT_EQ(busy.headers[0].first, "Retry-After");
  const ApiResponse cancel = HandleApi(f.service(), ApiRequest{"DELETE", "/api/v1/import", "", ""});
  EXPECT_EQ(cancel.status, 200) << cancel.body;
  EXPECT_TRUE((*running)->cancelled());
}

TEST(ApiTest, CancelledImportIs409AndChangesNothing) {
  ServiceFixture f("agence-exemple");
  auto ticket = f.service().BeginImport();
  ASSERT_TRUE(ticket.ok());
  (*ticket)->Cancel();
  const std::string zip = testing::MakeZip(testing::ReadFolderFiles(testing::GoldenDir() + "/cas-limites"));
  ApiRequest request{"POST", "/api/v1/import", "application/zip", zip};
  request.import_ticket = *ticket;
  ExpectError(HandleApi(f.service(), std::move(request)), 409, "cancelled");
  EXPECT_EQ(Body(f.Get("/api/v1/meta"))["dataset_version"], 1);
}

TEST(ApiTest, UnsupportedUploadsAreRefused) {
  ServiceFixture f("agence-exemple");
  ExpectError(HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import", "text/plain", "hello"}), 415,
              "unsupported_media_type");
  ExpectError(HandleApi(f.service(), ApiRequest{"POST", "/api/v1/import", "application/zip", "not a zip"}), 400,
              "bad_upload");
}

}  // namespace
}  // namespace agencykpi

namespace agencykpi {
namespace {

// /meta gives each fact table's last day, so the dashboard can say when the
// as-of date is past the data; tables without rows are absent.
TEST(ApiTest, MetaGivesTheLastDayOfEachFactTable) {
  testing::ServiceFixture f("agence-exemple");
  const json meta = Body(f.Get("/api/v1/meta"));
  const json& last = meta["last_dates"];
  ASSERT_TRUE(last.is_object());
  std::vector<std::string> tables;
  std::string latest;
  for (const auto& [table, date] : last.items()) {
    tables.push_back(table);
    latest = std::max(latest, date.get<std::string>());
  }
  EXPECT_EQ(tables, (std::vector<std::string>{"expenses", "invoices", "results", "store_audits", "time_entries",
                                               "visits"}));
  EXPECT_EQ(latest, meta["last_date"]);
  EXPECT_EQ(latest, "2026-07-31");
}

// A store failure names files and SQL; the answer names neither.
TEST(ErrorResponseTest, AStoreFailureShowsNoPathAndNoSql) {
  const ApiResponse response =
      ErrorResponse(Status::Io("cannot open store /srv/agency/secret.db: sql failed: SELECT * FROM users"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("/srv"), std::string::npos) << response.body;
  EXPECT_EQ(response.body.find("SELECT"), std::string::npos) << response.body;
  EXPECT_NE(response.body.find("\"code\":\"internal\""), std::string::npos) << response.body;
}

}  // namespace
}  // namespace agencykpi
