// Accounts over a real server on 127.0.0.1: the access matrix (every route
// of the policy table × every role and no session, own and other brand),
// the brand scope (IDOR and a planted secret), sessions, cookies, CSRF and
// the login throttle.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "auth/authenticator.h"
#include "auth/password.h"
#include "auth/token.h"
#include "server/access.h"
#include "server_fixture.h"
#include "store/sqlite_accounts.h"

namespace agencykpi {
namespace {

namespace http = boost::beast::http;
using auth::Role;
using nlohmann::json;

constexpr std::string_view kPassword = "a long enough password";
constexpr std::string_view kOwnClient = "C01";
constexpr std::string_view kOtherClient = "C02";
constexpr std::string_view kOtherClientName = "Eaux du Val";  // only C02's data holds it
constexpr std::string_view kPeriod = "period=2026-H1&as_of=2026-06-30";

struct SignedIn {
  std::string cookie;  // "agencykpi_session=…"
  std::string csrf;
};

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto accounts = OpenSqliteAccounts(fixture_.dir().path() / "agency.db");
    ASSERT_TRUE(accounts.ok()) << accounts.status().message();
    accounts_ = std::move(*accounts);
    authenticator_ = std::make_unique<auth::Authenticator>(*accounts_, [this] { return now_; });
    fixture_.service().SetAuthenticator(authenticator_.get());
    auto hash = auth::HashPassword(kPassword);
    ASSERT_TRUE(hash.ok());
    for (const Role role : {Role::kAdmin, Role::kManager, Role::kViewer, Role::kBrand}) {
      auth::Account account;
      account.email = EmailOf(role);
      account.name = std::string(auth::RoleName(role));
      account.role = role;
      account.password_hash = *hash;
      if (role == Role::kBrand) account.clients = {std::string(kOwnClient)};
      ASSERT_TRUE(accounts_->AddUser(account).ok());
    }
    server_.emplace(fixture_.service());
  }

  static std::string EmailOf(Role role) { return std::string(auth::RoleName(role)) + "@agency.test"; }

  testing::HttpResponse Login(std::string_view email, std::string_view password) {
    auto socket = server_->Connect();
    const json body = {{"email", email}, {"password", password}};
    return server_->Send(socket, http::verb::post, "/api/v1/login", body.dump(), "application/json");
  }

  SignedIn SignIn(Role role) {
    const auto response = Login(EmailOf(role), kPassword);
    EXPECT_EQ(response.result_int(), 200U) << response.body();
    const std::string set_cookie(response[http::field::set_cookie]);
    return {set_cookie.substr(0, set_cookie.find(';')), json::parse(response.body()).value("csrf_token", "")};
  }

  testing::HttpResponse Call(std::string_view method, const std::string& target, const std::optional<SignedIn>& who,
                             const std::string& body = "", const std::string& type = "application/json") {
    testing::Headers headers = testing::DashboardHeaders();
    if (who) {
      headers.emplace_back("Cookie", who->cookie);
      headers.emplace_back(std::string(kCsrfHeader), who->csrf);
    }
    auto socket = server_->Connect();
    return server_->Send(socket, http::string_to_verb(boost::beast::string_view(method.data(), method.size())), target, body, type, headers);
  }

  testing::ServiceFixture fixture_{"agence-exemple"};
  std::unique_ptr<auth::AccountStore> accounts_;
  std::unique_ptr<auth::Authenticator> authenticator_;
  int64_t now_ = 1'800'000'000;
  std::optional<testing::TestServer> server_;
};

// The target of a policy's route for `client` (and mission M01, the viewer's account).
std::string TargetOf(const auth::RoutePolicy& policy, std::string_view client) {
  std::string path(policy.path);
  const size_t star = path.find('*');
  if (star != std::string::npos) {
    const std::string id = path.starts_with("missions/") ? "M01"
                           : path.starts_with("users/")  ? "viewer%40agency.test"
                                                         : std::string(client);
    path.replace(star, 1, id);
  }
  return "/api/v1/" + path + "?" + std::string(kPeriod);
}

// What a request must not answer when its access allows it, and must when it does not.
bool Refused(unsigned status) { return status == 401U || status == 403U; }

// The documented rights (docs/security.md), written out apart from
// auth::Allows so that a change to either fails here.
bool Documented(auth::Access access, Role role) {
  switch (access) {
    case auth::Access::kPublic:
    case auth::Access::kSignedIn:
    case auth::Access::kBrandScoped: return true;
    case auth::Access::kFigures: return role == Role::kAdmin || role == Role::kManager || role == Role::kViewer;
    case auth::Access::kImport: return role == Role::kAdmin || role == Role::kManager;
    case auth::Access::kAdmin: return role == Role::kAdmin;
  }
  return false;
}

// What a brand account may reach: its reviews, the brand picker, itself.
constexpr std::array<std::string_view, 7> kBrandRoutes = {
    "login", "logout", "me", "brands", "clients/*/review", "clients/*/review.pdf", "clients/*/review.xlsx"};

TEST_F(AccessTest, EveryRouteAnswersEveryRoleAsThePolicyTableSays) {
  const std::vector<std::optional<Role>> roles = {std::nullopt, Role::kAdmin, Role::kManager, Role::kViewer,
                                                 Role::kBrand};
  size_t checked = 0;
  for (const std::optional<Role>& role : roles) {
    std::optional<SignedIn> who;
    if (role) who = SignIn(*role);
    for (const auth::RoutePolicy& policy : auth::RoutePolicies()) {
      const std::string target = TargetOf(policy, kOwnClient);
      const std::string name = role ? std::string(auth::RoleName(*role)) : "anonymous";
      SCOPED_TRACE(name + " " + std::string(policy.method) + " " + target);
      // A login with the admin's password; other bodies are empty objects.
      const std::string body = policy.path == "login"
                                   ? json{{"email", EmailOf(Role::kAdmin)}, {"password", kPassword}}.dump()
                                   : std::string("{}");
      const auto response = Call(policy.method, target, who, body);
      const unsigned status = response.result_int();
      if (policy.access == auth::Access::kPublic) {
        EXPECT_EQ(status, 200U) << response.body();
      } else if (!role) {
        EXPECT_EQ(status, 401U) << response.body();
      } else if (Documented(policy.access, *role)) {
        EXPECT_FALSE(Refused(status)) << status << " " << response.body();
      } else {
        EXPECT_EQ(status, 403U) << response.body();
      }
      ++checked;
      if (policy.path == "logout" && who) who = SignIn(*role);  // the logout ended it
    }
  }
  EXPECT_EQ(checked, roles.size() * auth::RoutePolicies().size());
  EXPECT_EQ(auth::RoutePolicies().size(), 20u);
}

TEST(RoutePolicyTest, ABrandAccountReachesOnlyItsReviewsAndItself) {
  size_t reachable = 0;
  for (const auth::RoutePolicy& policy : auth::RoutePolicies()) {
    const bool listed = std::find(kBrandRoutes.begin(), kBrandRoutes.end(), policy.path) != kBrandRoutes.end();
    EXPECT_EQ(auth::Allows(policy.access, Role::kBrand), listed) << policy.method << " " << policy.path;
    EXPECT_EQ(Documented(policy.access, Role::kBrand), listed) << policy.method << " " << policy.path;
    reachable += listed ? 1 : 0;
  }
  EXPECT_EQ(reachable, kBrandRoutes.size());
}

// Every route docs/api.md documents has its line in the policy table (a
// route added without one would be refused at run time).
TEST(RoutePolicyTest, EveryDocumentedRouteHasAPolicy) {
  const std::string doc = testing::ReadFile(std::string(AGENCYKPI_TEST_DATA_DIR) + "/../../../docs/api.md");
  const std::regex route(R"((GET|POST|DELETE) /api/v1/([^\s`?|\\]+))");
  // The routes are the headings ("## `GET /api/v1/report`") and the rows of
  // the accounts table ("| `POST /api/v1/login` …"); others are examples.
  std::string routes;
  std::istringstream lines(doc);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("## `") || line.starts_with("| `")) routes += line + "\n";
  }
  std::set<std::string> documented;
  for (auto it = std::sregex_iterator(routes.begin(), routes.end(), route); it != std::sregex_iterator(); ++it) {
    std::string path = (*it)[2];
    path = std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "X1");
    path = std::regex_replace(path, std::regex(R"(\[\.pdf$)"), "");  // "review[.pdf|.xlsx]"
    documented.insert(std::string((*it)[1]) + " " + path);
  }
  for (const std::string& line : documented) {
    const size_t space = line.find(' ');
    EXPECT_NE(auth::FindRoutePolicy(line.substr(0, space), line.substr(space + 1)), nullptr) << "[" << line << "]";
  }
  EXPECT_EQ(documented.size(), 19u);  // the 20 routes of the table but review.xlsx, written "…/review.xlsx"
}

TEST_F(AccessTest, ARouteTheTableLacksIsRefused) {
  const SignedIn admin = SignIn(Role::kAdmin);
  EXPECT_EQ(Call("GET", "/api/v1/secrets", admin).result_int(), 404U);
  EXPECT_EQ(Call("PUT", "/api/v1/report", admin).result_int(), 405U);
  EXPECT_EQ(auth::FindRoutePolicy("GET", "secrets"), nullptr);
  EXPECT_EQ(auth::FindRoutePolicy("PUT", "report"), nullptr);
}

// Every id of another brand in a URL a brand account may call: 404, and
// nothing of that brand in the answer, whatever the format.
TEST_F(AccessTest, ABrandAccountFindsNothingOfAnotherBrand) {
  const SignedIn brand = SignIn(Role::kBrand);
  size_t checked = 0;
  for (const auth::RoutePolicy& policy : auth::RoutePolicies()) {
    if (policy.access != auth::Access::kBrandScoped || policy.path.find('*') == std::string_view::npos) continue;
    const auto own = Call(policy.method, TargetOf(policy, kOwnClient), brand);
    EXPECT_EQ(own.result_int(), 200U) << policy.path;
    const auto other = Call(policy.method, TargetOf(policy, kOtherClient), brand);
    EXPECT_EQ(other.result_int(), 404U) << policy.path;
    EXPECT_EQ(other.body().find(kOtherClientName), std::string::npos) << policy.path;
    ++checked;
  }
  EXPECT_EQ(checked, 3u);  // the review as JSON, PDF and XLSX
  const auto brands = Call("GET", "/api/v1/brands?" + std::string(kPeriod), brand);
  ASSERT_EQ(brands.result_int(), 200U);
  const json listed = json::parse(brands.body())["brands"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["client_id"], kOwnClient);
  EXPECT_EQ(brands.body().find(kOtherClientName), std::string::npos);
}

// The text a command prints about `bytes` written to a file ("pdftotext FILE -").
std::string TextOf(const std::string& bytes, const std::string& command, const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "document";
  {
    std::ofstream out(file, std::ios::binary);
    out << bytes;
  }
  std::string text;
  FILE* pipe = popen((command + " '" + file.string() + "'" + (command == "pdftotext" ? " -" : "")).c_str(), "r");
  if (pipe == nullptr) return text;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  pclose(pipe);
  return text;
}

// A name only the other brand's data holds never appears in anything the
// brand account can fetch: its review as JSON, the PDF's text, the
// workbook's cells, the brand picker, the errors.
TEST_F(AccessTest, NothingABrandAccountFetchesHoldsAnotherBrandsName) {
  const SignedIn brand = SignIn(Role::kBrand);
  const std::string own = "/api/v1/clients/" + std::string(kOwnClient) + "/review";
  const std::string query = "?" + std::string(kPeriod);
  const std::string unzip =
      std::string(AGENCYKPI_PYTHON) +
      " -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
      "print(''.join(z.read(n).decode('utf-8', 'replace') for n in z.namelist()))\"";
  const std::vector<std::pair<std::string, std::string>> fetched = {
      {"review", Call("GET", own + query, brand).body()},
      {"pdf", TextOf(Call("GET", own + ".pdf" + query, brand).body(), "pdftotext", fixture_.dir().path())},
      {"xlsx", TextOf(Call("GET", own + ".xlsx" + query, brand).body(), unzip, fixture_.dir().path())},
      {"brands", Call("GET", "/api/v1/brands" + query, brand).body()},
      {"me", Call("GET", "/api/v1/me", brand).body()},
      {"other review", Call("GET", "/api/v1/clients/C02/review" + query, brand).body()},
      {"other client", Call("GET", "/api/v1/clients/C02" + query, brand).body()},
      {"report", Call("GET", "/api/v1/report" + query, brand).body()},
  };
  for (const auto& [what, text] : fetched) {
    EXPECT_EQ(text.find(kOtherClientName), std::string::npos) << what;
  }
  // The documents were read: each holds the brand's own name, and the same
  // reading of the other brand's packs (as an admin) finds its name.
  for (size_t i = 0; i < 3; ++i) EXPECT_NE(fetched[i].second.find("Biscuits"), std::string::npos) << fetched[i].first;
  const SignedIn admin = SignIn(Role::kAdmin);
  const std::string other = "/api/v1/clients/" + std::string(kOtherClient) + "/review";
  EXPECT_NE(TextOf(Call("GET", other + ".pdf" + query, admin).body(), "pdftotext", fixture_.dir().path())
                .find(kOtherClientName),
            std::string::npos);
  EXPECT_NE(TextOf(Call("GET", other + ".xlsx" + query, admin).body(), unzip, fixture_.dir().path())
                .find(kOtherClientName),
            std::string::npos);
}

// The report's workbook holds every figure of the agency, costs and margins
// too: the report's roles download it, a brand account never does.
TEST_F(AccessTest, TheReportWorkbookIsForTheReportsRolesOnly) {
  const std::string target = "/api/v1/report.xlsx?" + std::string(kPeriod);
  EXPECT_EQ(Call("GET", target, std::nullopt).result_int(), 401U);
  for (const Role role : {Role::kViewer, Role::kManager, Role::kAdmin}) {
    const auto answer = Call("GET", target, SignIn(role));
    EXPECT_EQ(answer.result_int(), 200U) << auth::RoleName(role) << " " << answer.body().substr(0, 200);
    EXPECT_EQ(std::string(answer[http::field::content_type]),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(answer.body().substr(0, 2), "PK");
  }
  const auto brand = Call("GET", target, SignIn(Role::kBrand));
  EXPECT_EQ(brand.result_int(), 403U);
  EXPECT_EQ(brand.body().find(kOtherClientName), std::string::npos);
  EXPECT_EQ(auth::FindRoutePolicy("GET", "report.xlsx")->access, auth::FindRoutePolicy("GET", "report")->access);
}

TEST_F(AccessTest, WithoutASessionOnlyTheLoginAnswers) {
  EXPECT_EQ(Call("GET", "/api/v1/report", std::nullopt).result_int(), 401U);
  EXPECT_EQ(Call("GET", "/api/v1/meta", std::nullopt).result_int(), 401U);
  // A forged cookie is no session.
  const SignedIn forged{"agencykpi_session=" + std::string(64, 'a'), ""};
  EXPECT_EQ(Call("GET", "/api/v1/report", forged).result_int(), 401U);
  // An import without a session is refused before its body is read.
  const auto import = Call("POST", "/api/v1/import", std::nullopt, std::string(1000, 'x'), "application/zip");
  EXPECT_EQ(import.result_int(), 401U);
}

TEST_F(AccessTest, TheSessionCookieIsHttpOnlyLaxAndItsTokenIsStoredHashed) {
  const auto response = Login(EmailOf(Role::kViewer), kPassword);
  ASSERT_EQ(response.result_int(), 200U);
  const std::string cookie(response[http::field::set_cookie]);
  EXPECT_TRUE(cookie.starts_with("agencykpi_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  const std::string token = cookie.substr(cookie.find('=') + 1, 2 * auth::kTokenBytes);
  EXPECT_EQ(token.size(), 64u);
  // The store holds the token's hash, never the token.
  auto found = accounts_->FindSession(auth::TokenHash(token));
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->has_value());
  const std::filesystem::path db = fixture_.dir().path() / "agency.db";
  const std::filesystem::path wal = db.string() + "-wal";
  const std::string stored = testing::ReadFile(db) + (std::filesystem::exists(wal) ? testing::ReadFile(wal) : "");
  EXPECT_EQ(stored.find(token), std::string::npos);
  EXPECT_NE(stored.find(auth::TokenHash(token)), std::string::npos);
  EXPECT_EQ(SessionCookie(token, /*secure=*/true).find("__Host-agencykpi_session="), 0u);
  EXPECT_NE(SessionCookie(token, /*secure=*/true).find("; Secure"), std::string::npos);
}

TEST_F(AccessTest, EachLoginGetsANewTokenAndLogoutEndsTheSession) {
  const SignedIn first = SignIn(Role::kViewer);
  const SignedIn second = SignIn(Role::kViewer);
  EXPECT_NE(first.cookie, second.cookie);
  EXPECT_NE(first.csrf, second.csrf);
  ASSERT_EQ(Call("POST", "/api/v1/logout", first).result_int(), 200U);
  EXPECT_EQ(Call("GET", "/api/v1/report", first).result_int(), 401U);
  EXPECT_EQ(Call("GET", "/api/v1/report", second).result_int(), 200U);
}

TEST_F(AccessTest, SessionsExpireWhenIdleAndAfterTheirLifetime) {
  const SignedIn idle = SignIn(Role::kViewer);
  now_ += auth::kSessionIdleSeconds;
  EXPECT_EQ(Call("GET", "/api/v1/me", idle).result_int(), 401U);

  // A request every half idle period keeps a session until its lifetime ends.
  const SignedIn busy = SignIn(Role::kViewer);
  const int64_t step = auth::kSessionIdleSeconds / 2;
  for (int64_t elapsed = 0; elapsed < auth::kSessionLifetimeSeconds; elapsed += step) {
    EXPECT_EQ(Call("GET", "/api/v1/me", busy).result_int(), 200U) << elapsed;
    now_ += step;
  }
  EXPECT_EQ(Call("GET", "/api/v1/me", busy).result_int(), 401U);
}

TEST_F(AccessTest, DisablingAnAccountOrChangingItsPasswordEndsItsSessions) {
  const SignedIn admin = SignIn(Role::kAdmin);
  const SignedIn viewer = SignIn(Role::kViewer);
  ASSERT_EQ(Call("POST", "/api/v1/users/viewer%40agency.test", admin, R"({"disabled": true})").result_int(), 200U);
  EXPECT_EQ(Call("GET", "/api/v1/report", viewer).result_int(), 401U);
  EXPECT_EQ(Login(EmailOf(Role::kViewer), kPassword).result_int(), 401U);

  const SignedIn manager = SignIn(Role::kManager);
  const json change = {{"password", "another long password"}};
  ASSERT_EQ(Call("POST", "/api/v1/users/manager%40agency.test", admin, change.dump()).result_int(), 200U);
  EXPECT_EQ(Call("GET", "/api/v1/report", manager).result_int(), 401U);
  EXPECT_EQ(Login(EmailOf(Role::kManager), "another long password").result_int(), 200U);
}

TEST_F(AccessTest, AChangeWithoutTheSessionsCsrfTokenIsRefused) {
  SignedIn admin = SignIn(Role::kAdmin);
  admin.csrf = "";
  EXPECT_EQ(Call("POST", "/api/v1/users", admin, "{}").result_int(), 403U);
  admin.csrf = std::string(64, '0');
  EXPECT_EQ(Call("POST", "/api/v1/logout", admin).result_int(), 403U);
  EXPECT_EQ(Call("POST", "/api/v1/import", admin, "x", "application/zip").result_int(), 403U);
}

TEST_F(AccessTest, AnUnknownAccountAndAWrongPasswordGetTheSameAnswer) {
  const auto unknown = Login("nobody@agency.test", kPassword);
  const auto wrong = Login(EmailOf(Role::kAdmin), "not the password");
  EXPECT_EQ(unknown.result_int(), 401U);
  EXPECT_EQ(wrong.result_int(), 401U);
  EXPECT_EQ(unknown.body(), wrong.body());
}

TEST_F(AccessTest, RepeatedFailedLoginsAreThrottledWithRetryAfter) {
  for (int i = 0; i < auth::kMaxFailuresPerAccount; ++i) {
    EXPECT_EQ(Login(EmailOf(Role::kViewer), "not the password").result_int(), 401U) << i;
  }
  const auto throttled = Login(EmailOf(Role::kViewer), kPassword);  // even the right one
  EXPECT_EQ(throttled.result_int(), 429U);
  EXPECT_EQ(std::string(throttled[http::field::retry_after]), std::to_string(auth::kThrottleWindowSeconds));
  now_ += auth::kThrottleWindowSeconds;
  EXPECT_EQ(Login(EmailOf(Role::kViewer), kPassword).result_int(), 200U);
}

TEST_F(AccessTest, LoginsAndImportsAreInTheAuditLog) {
  (void)Login(EmailOf(Role::kViewer), "not the password");
  const SignedIn admin = SignIn(Role::kAdmin);
  const auto audit = Call("GET", "/api/v1/audit?limit=10", admin);
  ASSERT_EQ(audit.result_int(), 200U);
  const json events = json::parse(audit.body())["events"];
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[0]["event"], "login");
  EXPECT_EQ(events[0]["actor"], EmailOf(Role::kAdmin));
  EXPECT_EQ(events[1]["event"], "login_failed");
  EXPECT_EQ(events[1]["address"], "127.0.0.1");
}

}  // namespace
}  // namespace agencykpi
