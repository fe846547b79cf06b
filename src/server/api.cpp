#include "server/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <map>
#include <optional>

#include "kpi/rules.h"
#include "report/json_report.h"
#include "report/page_rows.h"
#include "report/review_json.h"
#include "report/rows.h"
#include "report/section.h"
#include "server/access.h"
#include "server/account_api.h"
#include "server/limits.h"
#include "server/list_page.h"
#include "server/parameters.h"
#include "server/price_api.h"
#include "server/query.h"
#include "server/review_documents.h"
#include "server/upload.h"

namespace agencykpi {
namespace {

constexpr std::string_view kApiPrefix = "/api/v1/";
constexpr std::string_view kStoreFailureMessage = "the store could not be read or written; the server's log says why";
constexpr std::string_view kDatabaseUnreachableMessage =
    "the database cannot be reached; the server reconnects by itself, try again shortly";
constexpr int kMonthsInTrailingYear = 12;

Result<Day> DateParam(const Query& query, std::string_view name, Day fallback) {
  const auto text = Param(query, name);
  if (!text) return fallback;
  const auto day = ParseDate(*text);
  if (!day) return BadParameter(name, fmt::format("{} must be a date YYYY-MM-DD or DD/MM/YYYY, got '{}'", name, *text));
  return *day;
}

// period, as_of, grace_days and horizon_days of a report request.
Result<ReportRequest> ReportParams(const Query& query) {
  ReportRequest request;
  auto as_of = DateParam(query, "as_of", Today());
  if (!as_of.ok()) return as_of.status();
  request.as_of = *as_of;
  request.period = HalfYearOf(request.as_of);
  if (const auto text = Param(query, "period")) {
    auto period = ParsePeriod(*text);
    if (!period.ok()) return BadParameter("period", period.status().message());
    request.period = *period;
  }
  auto grace = IntParam(query, "grace_days", kDefaultGraceDays, 0, server_limits::kMaxGraceDays);
  if (!grace.ok()) return grace.status();
  request.grace_days = static_cast<int>(*grace);
  auto horizon = IntParam(query, "horizon_days", kDefaultHorizonDays, 0, server_limits::kMaxHorizonDays);
  if (!horizon.ok()) return horizon.status();
  request.horizon_days = static_cast<int>(*horizon);
  return request;
}

// lang of a document (a review pack, the report's workbook): fr (the default) or en.
Result<Language> LanguageParam(const Query& query) {
  const auto text = Param(query, "lang");
  if (!text || *text == "fr") return Language::kFrench;
  if (*text == "en") return Language::kEnglish;
  return BadParameter("lang", fmt::format("lang must be fr or en, got '{}'", *text));
}

ApiResponse Json(std::string body, int status = HttpStatusFor(ErrorCode::kOk)) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

// ---------------------------------------------------------------------------

class Handler {
 public:
  Handler(AgencyService& service, ApiRequest request)
      : service_(service),
        request_(std::move(request)),
        principal_(request_.principal.value_or(auth::Principal{})) {}

  // The methods of the path, after Run answered kMethodNotAllowed.
  [[nodiscard]] const std::string& allowed_methods() const { return allowed_methods_; }

  Result<ApiResponse> Run() {
    std::string_view target = request_.target;
    const size_t question = target.find('?');
    const std::string_view path = target.substr(0, question);
    query_ = ParseQuery(question == std::string_view::npos ? std::string_view{} : target.substr(question + 1));
    if (path.substr(0, kApiPrefix.size()) != kApiPrefix) return Status::NotFound("no such API path");
    const std::string_view route = path.substr(kApiPrefix.size());

    if (route == "import") {
      if (request_.method == "POST") return Import();
      if (request_.method == "DELETE") return CancelImport();
      return MethodNotAllowed("POST, DELETE");
    }
    // The account routes (their access is in the policy table, like every route's).
    constexpr std::string_view kUserPrefix = "users/";
    if (route == "login") return LoginRoute(service_, request_);
    if (route == "logout") return LogoutRoute(service_, request_);
    if (route == "me") return MeRoute(principal_);
    if (route == "users") {
      return request_.method == "POST" ? AddUserRoute(service_, request_, principal_) : ListUsersRoute(service_);
    }
    if (route.starts_with(kUserPrefix)) {
      return ChangeUserRoute(service_, UrlDecode(route.substr(kUserPrefix.size())), request_, principal_);
    }
    if (route == "audit") return AuditRoute(service_, query_);
    if (request_.method != "GET") return MethodNotAllowed("GET");
    snapshot_ = service_.Current();
    if (route == "report") return Report();
    if (route == "report.xlsx") return ReportWorkbook();
    if (route == "trend") return Trend();
    if (route == "meta") return Meta();
    if (route == "brands") return Brands();
    if (route.substr(0, 8) == "clients/") return ClientRoute(route.substr(8));
    if (route.substr(0, 9) == "missions/") return MissionRoute(route.substr(9));
    return Status::NotFound(fmt::format("no such API path: {}", path));
  }

 private:
  // Remembers the methods for the Allow header of the answer.
  Status MethodNotAllowed(std::string_view allowed) {
    allowed_methods_ = std::string(allowed);
    return Status::Error(ErrorCode::kMethodNotAllowed, fmt::format("this path only answers {}", allowed));
  }

  Result<ApiResponse> CancelImport() {
    if (!service_.CancelImport()) return Status::NotFound("no import is running");
    JsonWriter w(false);
    w.BeginObject();
    w.Key("ok").Bool(true);
    w.Key("cancelled").Bool(true);
    w.EndObject();
    return Json(w.Take());
  }

  Result<std::shared_ptr<const agencykpi::Report>> ComputeReport() {
    auto params = ReportParams(query_);
    if (!params.ok()) return params.status();
    request_params_ = *params;
    return service_.GetReport(snapshot_, request_params_);
  }

  Result<ApiResponse> Report() {
    const auto section = Param(query_, "section");
    if (!section) {
      if (query_.count("limit") || query_.count("offset") || query_.count("sort") || query_.count("q")) {
        return BadParameter("section",
                            "limit, offset, sort, q and filters need section=recurrence|revenue|margin|objectives|workload|renewals");
      }
      auto params = ReportParams(query_);
      if (!params.ok()) return params.status();
      return Json(*service_.GetReportJson(snapshot_, *params));
    }
    auto computed = ComputeReport();
    if (!computed.ok()) return computed.status();
    const auto& report = **computed;
    Result<std::string> page = std::string();
    if (*section == "recurrence") {
      page = ListPage("recurrence", report.recurrence.clients, query_, WriteRecurrenceClientJson);
    } else if (*section == "revenue") {
      page = ListPage("revenue", report.revenue.clients, query_, WriteRevenueClientJson);
    } else if (*section == "margin") {
      page = ListPage("margin", report.margin.missions, query_, WriteMissionMarginJson);
    } else if (*section == "objectives") {
      page = ListPage("objectives", report.objectives.items, query_, WriteObjectiveItemJson);
    } else if (*section == "workload") {
      page = ListPage("workload", report.workload.items, query_, WriteRowJson<WorkloadEmployee>);
    } else if (*section == "renewals") {
      page = ListPage("renewals", report.renewal_risk.contracts, query_, WriteRowJson<RenewalContract>);
    } else {
      return BadParameter("section", fmt::format(
          "section must be recurrence, revenue, margin, objectives, workload or renewals, got '{}'", *section));
    }
    if (!page.ok()) return page.status();
    return Json(std::move(*page));
  }

  // The whole report (or one section, section=NAME) as a workbook.
  Result<ApiResponse> ReportWorkbook() {
    ReportXlsxOptions options;
    if (const auto section = Param(query_, "section")) {
      options.section = ParseSection(*section);
      if (!options.section) {
        return BadParameter("section", fmt::format(
            "section must be recurrence, revenue, margin, objectives, workload or renewals, got '{}'", *section));
      }
    }
    auto language = LanguageParam(query_);
    if (!language.ok()) return language.status();
    options.language = *language;
    auto computed = ComputeReport();
    if (!computed.ok()) return computed.status();
    return ReportWorkbookDocument(**computed, options);
  }

  Result<ApiResponse> Trend() {
    auto as_of = DateParam(query_, "as_of", Today());
    if (!as_of.ok()) return as_of.status();
    const Day a = *as_of;
    auto grace = IntParam(query_, "grace_days", kDefaultGraceDays, 0, server_limits::kMaxGraceDays);
    if (!grace.ok()) return grace.status();
    const std::string granularity = Param(query_, "granularity").value_or("month");
    PeriodKind kind;
    int default_points;
    if (granularity == "month") {
      kind = PeriodKind::kMonth, default_points = 12;
    } else if (granularity == "quarter") {
      kind = PeriodKind::kQuarter, default_points = 4;
    } else if (granularity == "half") {
      kind = PeriodKind::kHalf, default_points = 4;
    } else {
      return BadParameter("granularity", fmt::format("granularity must be month, quarter or half, got '{}'", granularity));
    }
    const Period last = PeriodOf(kind, a);
    Period first = last;
    for (int i = 1; i < default_points; ++i) first = PreviousPeriod(first);
    auto from = DateParam(query_, "from", first.start);
    if (!from.ok()) return from.status();
    auto to = DateParam(query_, "to", last.end);
    if (!to.ok()) return to.status();
    if (*from > *to) return BadParameter("from", "from is after to");
    const Day last_start = PeriodOf(kind, *to).start;
    int points = 0;
    for (Period p = PeriodOf(kind, *from); p.start <= last_start; p = NextPeriod(p)) {
      if (++points > server_limits::kMaxTrendPoints) {
        return BadParameter("from", fmt::format("at most {} points per trend", server_limits::kMaxTrendPoints));
      }
    }
    const std::vector<TrendPoint> series =
        snapshot_->engine().Trend(*from, *to, kind, a, static_cast<int>(*grace));

    JsonWriter w(false);
    w.BeginObject();
    w.Key("granularity").String(granularity);
    w.Key("as_of").String(FormatDate(a));
    w.Key("points").BeginArray();
    for (const TrendPoint& point : series) WriteRowJson(w, point);
    w.EndArray();
    w.EndObject();
    return Json(w.Take());
  }

  Result<ApiResponse> Meta() {
    const StoreMeta& meta = snapshot_->meta();
    JsonWriter w(false);
    w.BeginObject();
    w.Key("dataset_version").Int(meta.dataset_version);
    w.Key("imported_at");
    meta.imported_at.empty() ? w.Null() : w.String(meta.imported_at);
    w.Key("source").String(meta.source);
    w.Key("currency").String("EUR");
    w.Key("counts").BeginObject();
    for (const auto& count : meta.counts) w.Key(count.table).Int(count.rows);
    w.EndObject();
    const bool has_dates = meta.first_date != 0 || meta.last_date != 0;
    w.Key("first_date");
    has_dates ? w.String(FormatDate(meta.first_date)) : w.Null();
    w.Key("last_date");
    has_dates ? w.String(FormatDate(meta.last_date)) : w.Null();
    // Each fact table's last day: the dashboard says when the as-of date is past the data.
    w.Key("last_dates").BeginObject();
    for (const TableDates& table : snapshot_->fact_dates()) w.Key(table.table).String(FormatDate(table.last));
    w.EndObject();
    w.Key("rules").BeginObject();
    for (const NamedRule& rule : kRules) w.Key(rule.name).Double(rule.value.Value());
    w.EndObject();
    w.EndObject();
    return Json(w.Take());
  }

  // clients/{id}, clients/{id}/review, clients/{id}/review.pdf|.xlsx. The
  // id is split off before it is decoded: an id may hold '/' (as %2F).
  Result<ApiResponse> ClientRoute(std::string_view rest) {
    struct ReviewRoute {
      std::string_view suffix;
      std::optional<ReviewDocumentFormat> format;
    };
    static constexpr std::array<ReviewRoute, 3> kReviewRoutes = {{
        {"/review", std::nullopt},
        {"/review.pdf", ReviewDocumentFormat::kPdf},
        {"/review.xlsx", ReviewDocumentFormat::kXlsx},
    }};
    for (const ReviewRoute& route : kReviewRoutes) {
      if (rest.size() > route.suffix.size() && rest.ends_with(route.suffix)) {
        return BrandReview(UrlDecode(rest.substr(0, rest.size() - route.suffix.size())), route.format);
      }
    }
    return Client(UrlDecode(rest));
  }

  // The brand review of SPEC §5 as JSON, or one of its documents.
  Result<ApiResponse> BrandReview(const std::string& id, std::optional<ReviewDocumentFormat> format) {
    auto params = ReportParams(query_);
    if (!params.ok()) return params.status();
    auto language = LanguageParam(query_);
    if (!language.ok()) return language.status();
    const KpiEngine& engine = snapshot_->engine();
    auto review = ScopedBrandReview(*snapshot_, id, *params, principal_.scope());
    if (!review.ok()) return review.status();
    if (!format) return Json(RenderReviewJson(*review, false));
    AuditEventOf(service_, principal_, "review_pack",
                 fmt::format("{} ({})", id, *format == ReviewDocumentFormat::kPdf ? "pdf" : "xlsx"), request_.address);
    const ReviewPackOptions options = PackOptionsFor(engine, *review, *language);
    return ReviewDocument(*review, options, *format);
  }

  // The brands with audits, visits or sales in the period: the brand picker.
  Result<ApiResponse> Brands() {
    auto params = ReportParams(query_);
    if (!params.ok()) return params.status();
    BrandsPage page;
    page.period = {params->period, params->as_of, PreviousPeriod(params->period), params->grace_days};
    const std::vector<agencykpi::Client>& clients = snapshot_->clients();
    for (const BrandActivity& brand : ScopedActiveBrands(*snapshot_, params->period.start,
                                                         std::min(params->period.end, params->as_of),
                                                         principal_.scope())) {
      const agencykpi::Client& client = clients[static_cast<size_t>(brand.client)];
      page.brands.push_back({client.id, client.name, brand.audits, brand.visits, brand.sales_rows});
    }
    return PageJson(page);
  }

  // The page of the row `id` names (kNoRow: not found), made by `make` from
  // the request's report.
  template <typename Make>
  Result<ApiResponse> RowPage(RowId row, std::string_view noun, const std::string& id, Make make) {
    if (row == kNoRow) return Status::NotFound(fmt::format("no {} '{}'", noun, id));
    auto computed = ComputeReport();
    if (!computed.ok()) return computed.status();
    return PageJson(make(row, **computed));
  }

  Result<ApiResponse> Client(const std::string& id) {
    return RowPage(snapshot_->FindClient(id), "client", id,
                   [this](RowId client, const agencykpi::Report& report) { return ClientPageOf(client, report); });
  }

  ClientPage ClientPageOf(RowId client, const agencykpi::Report& report) const {
    const Snapshot& data = *snapshot_;
    const KpiEngine& engine = data.engine();
    const agencykpi::Client& c = data.clients()[client];

    ClientPage page;
    page.period = report.period;
    page.client = {c.id, c.name, c.sector};
    page.revenue = FirstMatch(report.revenue.clients, [&](const RevenueClient& line) { return line.client == client; });
    page.recurrence =
        FirstMatch(report.recurrence.clients, [&](const RecurrenceClient& line) { return line.client == client; });
    for (const MissionMargin& line : report.margin.missions) {
      if (data.missions()[line.mission].client == client) page.missions.push_back(&line);
    }
    for (const ObjectiveItem& item : report.objectives.items) {
      if (data.missions()[data.objectives()[item.objective].mission].client == client) {
        page.objectives.push_back(&item);
      }
    }
    for (const ClientContract& line : engine.ClientContracts(client)) {
      const Contract& k = data.contracts()[line.contract];
      page.contracts.push_back({k.id, k.start, k.end, k.signed_on, ContractId(k.renewal_of), k.renewal_type,
                                ContractId(line.renewed_by)});
    }
    page.visits_by_action = engine.VisitsByAction(
        client, report.period.period.start, std::min(report.period.period.end, report.period.as_of));
    return page;
  }

  // A described page as the response body (compact, no final newline).
  template <typename Page>
  static ApiResponse PageJson(const Page& page) {
    JsonWriter w(false);
    WriteRowJson(w, page);
    return Json(w.Take());
  }

  // The first item matching, or nullptr.
  template <typename Item, typename Match>
  static const Item* FirstMatch(const std::vector<Item>& items, Match match) {
    const auto it = std::find_if(items.begin(), items.end(), match);
    return it == items.end() ? nullptr : &*it;
  }

  // The id of a contract of the snapshot; "" for kNoRow.
  std::string_view ContractId(RowId contract) const {
    return contract == kNoRow ? std::string_view() : std::string_view(snapshot_->contracts()[contract].id);
  }

  // missions/{id} and missions/{id}/price (SPEC §6.4, price_api.h); the id
  // is split off before it is decoded, as a client's is.
  Result<ApiResponse> MissionRoute(std::string_view rest) {
    constexpr std::string_view kPrice = "/price";
    if (rest.size() <= kPrice.size() || !rest.ends_with(kPrice)) return Mission(UrlDecode(rest));
    auto params = ReportParams(query_);
    if (!params.ok()) return params.status();
    auto body = PriceJson(*snapshot_, UrlDecode(rest.substr(0, rest.size() - kPrice.size())), *params, query_);
    if (!body.ok()) return body.status();
    return Json(std::move(*body));
  }

  Result<ApiResponse> Mission(const std::string& id) {
    return RowPage(snapshot_->FindMission(id), "mission", id,
                   [this](RowId mission, const agencykpi::Report& report) { return MissionPageOf(mission, report); });
  }

  MissionPage MissionPageOf(RowId mission, const agencykpi::Report& report) const {
    const Snapshot& data = *snapshot_;
    const agencykpi::Mission& m = data.missions()[mission];
    const agencykpi::Client& client = data.clients()[m.client];

    MissionPage page;
    page.period = report.period;
    page.mission = {m.id,    client.id, client.name,           m.name,      m.type,
                    m.start, m.end,     ContractId(m.contract), m.complexity};
    page.margin = FirstMatch(report.margin.missions, [&](const MissionMargin& line) { return line.mission == mission; });
    // The trailing twelve months, each seen from min(its end, as_of).
    page.monthly = data.engine().MissionMonths(mission, request_params_.as_of, kMonthsInTrailingYear);
    for (const ObjectiveItem& item : report.objectives.items) {
      if (data.objectives()[item.objective].mission == mission) page.objectives.push_back(&item);
    }
    return page;
  }

  // Each finding in `language`: its place, its code, the message, the hint
  // (null when none) and the whole line as `check` prints it.
  static void WriteDiagnostics(JsonWriter& w, const std::vector<Diagnostic>& list, Language language) {
    w.BeginArray();
    for (const Diagnostic& d : list) {
      w.BeginObject();
      w.Key("file").String(d.file);
      w.Key("line").Int(d.line);
      w.Key("cell");  // a sheet's cell ("C12") or row ("12:12"); null in a CSV file
      d.cell.empty() ? w.Null() : w.String(d.cell);
      w.Key("column").String(d.column);
      w.Key("code").String(MessageCode(d.message.id));
      w.Key("message").String(d.message.Render(language));
      w.Key("hint");
      d.hint.empty() ? w.Null() : w.String(d.hint.Render(language));
      w.Key("text").String(d.ToString(language));
      w.EndObject();
    }
    w.EndArray();
  }

  // lang of the import's messages: en (the default) or fr.
  Result<Language> ImportLanguage() const {
    const auto text = Param(query_, "lang");
    if (!text || *text == "en") return Language::kEnglish;
    if (*text == "fr") return Language::kFrench;
    return BadParameter("lang", fmt::format("lang must be fr or en, got '{}'", *text));
  }

  Result<ApiResponse> Import() {
    const Result<Language> language = ImportLanguage();
    if (!language.ok()) return language.status();
    std::shared_ptr<ImportTicket> ticket = std::move(request_.import_ticket);
    if (!ticket) {
      auto taken = service_.BeginImport();
      if (!taken.ok()) return Status::Busy(taken.status().message());
      ticket = std::move(*taken);
    }
    const std::string_view type = request_.content_type;
    Result<UploadedFiles> files = Status::InvalidInput("unsupported upload");
    std::string source_name = "upload";
    if (type.rfind("application/zip", 0) == 0 || type.rfind("application/x-zip", 0) == 0 ||
        type.rfind("application/octet-stream", 0) == 0) {
      files = ReadZipUpload(request_.body);
      source_name = "upload.zip";
    } else if (type.rfind("multipart/form-data", 0) == 0) {
      files = ReadMultipartUpload(type, request_.body);
    } else {
      return Status::Error(ErrorCode::kUnsupportedMediaType,
                           "send a zip (application/zip) or the CSV files as multipart/form-data");
    }
    request_.body = std::string();  // unpacked: the upload's bytes are no longer needed
    if (!files.ok()) {
      if (files.status().code() == ErrorCode::kTooLarge) return files.status();
      return Status::Error(ErrorCode::kBadUpload, files.status().message());
    }
    auto source = MemorySource(std::move(*files));
    const ImportOutcome outcome = service_.Import(*source, source_name, ticket->token());
    if (outcome.status.code() == ErrorCode::kCancelled) {
      return Status::Cancelled(outcome.status.message());
    }
    if (outcome.error_count > 0) {
      JsonWriter details(false);
      details.BeginObject();
      details.Key("error_count").Int(static_cast<int64_t>(outcome.error_count));
      details.Key("errors");
      WriteDiagnostics(details, outcome.errors, *language);
      details.Key("warnings");
      WriteDiagnostics(details, outcome.warnings, *language);
      details.EndObject();
      const Message count = outcome.error_count == 1
                                ? Message(MessageId::kOneError)
                                : Message(MessageId::kErrorCount, {std::to_string(outcome.error_count)});
      return Status::Error(ErrorCode::kInvalidData, count.Render(*language), details.Take());
    }
    if (!outcome.status.ok()) {
      if (outcome.status.code() == ErrorCode::kUnavailable) return outcome.status;  // 503: try again later
      std::fprintf(stderr, "error: the import could not be stored: %s\n", outcome.status.message().c_str());
      return Status::Internal("the import could not be stored; the previous data is unchanged");
    }
    AuditEventOf(service_, principal_, "import", fmt::format("dataset version {}", outcome.snapshot->version()),
                 request_.address);
    JsonWriter w(false);
    w.BeginObject();
    w.Key("ok").Bool(true);
    w.Key("dataset_version").Int(outcome.snapshot->version());
    w.Key("counts").BeginObject();
    for (const auto& count : outcome.snapshot->meta().counts) w.Key(count.table).Int(count.rows);
    w.EndObject();
    w.Key("empty_tables").BeginArray();
    for (const std::string& table : outcome.empty_tables) w.String(table);
    w.EndArray();
    w.Key("warnings");
    WriteDiagnostics(w, outcome.warnings, *language);
    w.EndObject();
    return Json(w.Take());
  }

  AgencyService& service_;
  ApiRequest request_;
  auth::Principal principal_;  // who asks (an empty account for the login)
  Query query_;
  std::shared_ptr<const Snapshot> snapshot_;
  ReportRequest request_params_;
  std::string allowed_methods_;  // set by MethodNotAllowed
};

}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalidInput:
    case ErrorCode::kBadParameter:
    case ErrorCode::kBadUpload: return 400;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kTooSlow: return 408;
    case ErrorCode::kCancelled: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kMisdirected: return 421;
    case ErrorCode::kInvalidData: return 422;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kHeaderTooLarge: return 431;
    case ErrorCode::kBusy:
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kIo:
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

ApiResponse AccessRefusal(const Status& status, std::string_view target) {
  ApiResponse response = ErrorResponse(status);
  if (status.code() == ErrorCode::kMethodNotAllowed) {
    const std::string_view path = target.substr(0, target.find('?'));
    response.headers.emplace_back("Allow", auth::MethodsOf(path.substr(std::min(path.size(), kApiPrefix.size()))));
  }
  return response;
}

ApiResponse ErrorResponse(const Status& status) {
  // A failure of the store or the file system names files and SQL: it goes
  // to the server's log, and the answer says only what failed.
  // An unreachable database is said without its host and port.
  const bool internals = status.code() == ErrorCode::kIo;
  const bool unreachable = status.code() == ErrorCode::kUnavailable;
  if (internals || unreachable) std::fprintf(stderr, "error: %s\n", status.message().c_str());
  JsonWriter w(false);
  w.BeginObject();
  w.Key("error").BeginObject();
  w.Key("code").String(ErrorCodeName(status.code()));
  w.Key("message").String(internals     ? std::string(kStoreFailureMessage)
                          : unreachable ? std::string(kDatabaseUnreachableMessage)
                                        : ValidUtf8(status.message()));
  w.Key("details").Raw(status.details_json());
  w.EndObject();
  w.EndObject();
  ApiResponse response = Json(w.Take(), HttpStatusFor(status.code()));
  if (status.code() == ErrorCode::kBusy || unreachable) {
    response.headers.emplace_back("Retry-After", std::to_string(server_limits::kRetryAfterSeconds));
  }
  return response;
}

ApiResponse HandleApi(AgencyService& service, ApiRequest request) {
  if (!service.database_available()) {
    return ErrorResponse(Status::Error(ErrorCode::kUnavailable, "the database cannot be reached"));
  }
  if (!request.authorized) {
    auto principal = Authorize(service, {request.method, request.target, request.cookie, request.csrf_token});
    if (!principal.ok()) return AccessRefusal(principal.status(), request.target);
    request.principal = std::move(*principal);
    request.authorized = true;
  }
  Handler handler(service, std::move(request));
  auto outcome = handler.Run();
  if (!outcome.ok()) {
    ApiResponse response = ErrorResponse(outcome.status());
    if (outcome.status().code() == ErrorCode::kMethodNotAllowed) {
      response.headers.emplace_back("Allow", handler.allowed_methods());
    }
    return response;
  }
  return std::move(*outcome);
}

}  // namespace agencykpi
