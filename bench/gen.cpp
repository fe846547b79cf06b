// bench_gen: writes a deterministic, SPEC-conformant agency folder of any
// scale for the benchmarks.
//
//   bench_gen OUT_DIR [--scale SF] [--seed N]
//
// SF 1 is the SF1 workload (a tenth of the SF10 reference); SF may be a
// fraction (0.001 gives a folder of a few hundred rows for tests). The same
// scale and seed always give the same bytes. Plain `,` CSV, ISO dates, `.`
// decimals; every rule of SPEC §1.3 holds, and no employee works more than
// 24 hours on one day. Every client is a brand that follows a set of stores
// (a long tail: a few brands follow thousands, most a handful); its visits,
// store audits and monthly store sales are on those stores.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "common/date.h"
#include "domain/catalogue.h"
#include "gen_support.h"

namespace agencykpi::bench {
namespace {

// ---- The workload: row counts of SF1 (SF10 is ten times each). ----
struct Sizes {
  int64_t clients = 2000;
  int64_t contracts = 4000;
  int64_t missions = 10000;
  int64_t employees = 500;
  int64_t stores = 1000;
  int64_t time_entries = 1000000;
  int64_t invoices = 100000;
  int64_t expenses = 100000;
  int64_t visits = 20000;
  int64_t objectives = 5000;
  int64_t results = 50000;
  int64_t followed = 10000;  // (brand, store) pairs: one sales row per pair and month
  int64_t audits = 200000;
};

// ---- Shape of the data. ----
constexpr int kInternalEntryPercent = 15;  // time entries without mission
constexpr int kCreditNotePerMille = 20;    // 2 % of invoices are credit notes
constexpr int kInvoiceWithoutMissionPercent = 10;
constexpr int kExpenseOverheadPercent = 20;  // expenses without mission
constexpr int kMissionWithContractPercent = 90;
// Every fifth mission is sold at a fixed fee (SPEC §6.2) of this many cents
// a day of its span; chosen without the random stream, so every other
// figure of the folder stays as it was.
constexpr int64_t kFixedFeeEvery = 5;
constexpr int64_t kFixedFeeCentsPerDay = 25000;
// Contract hours a week of every employee but the managers (SPEC §6.1).
constexpr int64_t kWeeklyHundredths = 3500;
constexpr int kSpontaneousRenewalPercent = 65;
constexpr int kResultWithStorePercent = 70;
constexpr int64_t kQuarterHour = 25;       // hundredths of an hour
constexpr int64_t kMaxEntryQuarters = 40;  // 10 h
constexpr int64_t kDayCapacity = 2400;     // 24 h per employee and day
constexpr int kMaxSlotTries = 1000000;
constexpr int kMinChainLength = 1;
constexpr int kMaxChainLength = 3;
constexpr int kContractDays = 365;
// Brands by size: the r-th biggest (from 0) follows a share of the pairs
// proportional to 1 / (r + 1)^kBrandSizeExponent, at least one store.
constexpr double kBrandSizeExponent = 0.8;
constexpr int kSalesMonths = 24;  // 2025-01..2026-12, one sales row per followed store
// Shelf presence of an audit, per mille: a pair's own level, moved over the
// two years by its brand's trend (some brands gain DN, some lose it).
constexpr int64_t kMinPresencePerMille = 300;
constexpr int64_t kMaxPresencePerMille = 950;
constexpr int64_t kMaxBrandTrendPerMille = 200;
constexpr int64_t kMaxBaseFacings = 6;
constexpr int kReturnMonthPerMille = 5;  // a month of net returns: a negative amount
constexpr int64_t kMinMonthlySalesCents = 20000;
constexpr int64_t kMaxMonthlySalesCents = 800000;
constexpr int64_t kMaxReturnCents = 20000;
constexpr int64_t kSalesSwingPercent = 20;  // a month's amount within ±20 % of the pair's level

// Facts are dated uniformly over these two years.
const Day kFirstDay = DayFromCivil(2025, 1, 1);
const Day kLastDay = DayFromCivil(2026, 12, 31);
const Day kFirstRateDay = DayFromCivil(2024, 1, 1);
const Day kSecondRateDay = DayFromCivil(2026, 1, 1);
// Dates the generator may write (contracts reach a few years around the facts).
const Day kCalendarStart = DayFromCivil(2020, 1, 1);
const Day kCalendarEnd = DayFromCivil(2031, 12, 31);

constexpr std::array<std::string_view, 6> kSectors = {"food",      "beverages", "cosmetics",
                                                      "household", "pet",       "hygiene"};
constexpr std::array<std::string_view, 5> kMissionTypes = {"merchandising", "prospection", "animation",
                                                           "implantation", "audit"};
constexpr std::array<std::string_view, 4> kRoles = {"merchandiser", "sales_rep", "coordinator", "manager"};
constexpr std::array<std::string_view, 6> kChains = {"Hyper A", "Super B", "Proxi C",
                                                     "Drive D", "Cash E",  "Bio F"};
constexpr std::array<std::string_view, 8> kRegions = {"Nord", "Sud",    "Est",   "Ouest",
                                                      "IDF",  "Centre", "Alpes", "Bretagne"};
constexpr std::array<std::string_view, 5> kMissionActivities = {"field", "preparation", "followup", "travel",
                                                                "reporting"};
constexpr std::array<std::string_view, 4> kInternalActivities = {"coordination", "management", "reporting",
                                                                 "other"};
constexpr std::array<std::string_view, 7> kVisitActions = {
    "implantation", "negotiation", "promotion", "merchandising", "audit", "order", "other"};

struct Metric {
  std::string_view key;
  std::string_view aggregation;
};
constexpr std::array<Metric, 5> kMetrics = {
    {{"implantations", "sum"}, {"orders", "sum"}, {"volume", "sum"}, {"dn", "last"}, {"facings", "last"}}};

// Per-table seeds, so that growing one table does not change the others.
enum class Stream : uint64_t {
  kClients = 1,
  kContracts,
  kMissions,
  kEmployees,
  kStores,
  kEntries,
  kExpenses,
  kInvoices,
  kVisits,
  kObjectives,
  kResults,
  kFollowed,
  kAudits,
  kSales,
};

int Digits(int64_t count) {
  int digits = 1;
  for (int64_t n = std::max<int64_t>(count, 1); n >= 10; n /= 10) ++digits;
  return std::max(digits, 4);
}

template <typename T, size_t N>
std::string_view Pick(Rng& rng, const std::array<T, N>& items) {
  return items[static_cast<size_t>(rng.Below(N))];
}

struct ContractRow {
  Day start = 0;
  Day end = 0;
};
struct MissionRow {
  int64_t client = 0;
  Day start = 0;
  Day end = 0;
};
struct ObjectiveRow {
  int64_t mission = 0;
  size_t metric = 0;
  Day start = 0;
  Day end = 0;
};

class Generator {
 public:
  Generator(std::filesystem::path out, Sizes sizes, uint64_t seed)
      : out_(std::move(out)), sizes_(sizes), seed_(seed) {
    for (Day d = kCalendarStart; d <= kCalendarEnd; ++d) {
      const std::string text = FormatDate(d);
      std::array<char, 10> chars{};
      std::copy_n(text.begin(), chars.size(), chars.begin());
      dates_.push_back(chars);
    }
  }

  // The store sales written: one per followed (brand, store) and month.
  [[nodiscard]] int64_t sales_rows() const { return static_cast<int64_t>(followed_stores_.size()) * kSalesMonths; }

  bool Run() {
    return Write("clients", Stream::kClients, &Generator::Clients) &&
           Write("contracts", Stream::kContracts, &Generator::Contracts) &&
           Write("missions", Stream::kMissions, &Generator::Missions) && Employees() &&
           Write("stores", Stream::kStores, &Generator::Stores) && FollowStores() &&
           Write("time_entries", Stream::kEntries, &Generator::TimeEntries) &&
           Write("expenses", Stream::kExpenses, &Generator::Expenses) &&
           Write("invoices", Stream::kInvoices, &Generator::Invoices) &&
           Write("visits", Stream::kVisits, &Generator::Visits) &&
           Write("objectives", Stream::kObjectives, &Generator::Objectives) &&
           Write("results", Stream::kResults, &Generator::Results) &&
           Write("store_audits", Stream::kAudits, &Generator::Audits) &&
           Write("store_sales", Stream::kSales, &Generator::Sales);
  }

 private:
  Rng RngFor(Stream stream) const { return Rng(seed_ * 0x100 + static_cast<uint64_t>(stream)); }
  CsvOut& Date(CsvOut& out, Day day) const {
    const auto& chars = dates_[static_cast<size_t>(day - kCalendarStart)];
    return out.Text(std::string_view(chars.data(), chars.size()));
  }
  Day RandomFactDay(Rng& rng) const { return static_cast<Day>(rng.Between(kFirstDay, kLastDay)); }
  bool Finish(CsvOut& out, std::string_view file) {
    if (out.Close()) return true;
    std::fprintf(stderr, "bench_gen: cannot write %s\n", (out_ / file).c_str());
    return false;
  }
  // Writes catalogue table TABLE: its header, then the rows ROWS(rng, out)
  // writes from the table's own random stream.
  bool Write(std::string_view table, Stream stream, bool (Generator::*rows)(Rng&, CsvOut&)) {
    Rng rng = RngFor(stream);
    CsvOut out(FileOf(table), HeaderOf(table));
    return (this->*rows)(rng, out) && Finish(out, FindTable(table)->file);
  }
  // A table's file in the output folder, and its header: the catalogue's
  // columns, in its order (the rows below write them in that order).
  std::filesystem::path FileOf(std::string_view table) const { return out_ / FindTable(table)->file; }
  static std::string HeaderOf(std::string_view table) { return HeaderLine(*FindTable(table)); }

  // The ids of the reference tables: the table's letter and a row's number
  // (from 1), zero-padded to the digits of the table's row count.
  CsvOut& ClientId(CsvOut& out, int64_t number) const { return out.Id('C', number, Digits(sizes_.clients)); }
  CsvOut& ContractId(CsvOut& out, int64_t number) const { return out.Id('K', number, Digits(sizes_.contracts)); }
  CsvOut& MissionId(CsvOut& out, int64_t number) const { return out.Id('M', number, Digits(sizes_.missions)); }
  CsvOut& EmployeeId(CsvOut& out, int64_t number) const { return out.Id('E', number, Digits(sizes_.employees)); }
  CsvOut& StoreId(CsvOut& out, int64_t number) const { return out.Id('S', number, Digits(sizes_.stores)); }

  // A mission with a long-tailed distribution: low numbers are drawn far
  // more often, which gives revenue a Pareto shape.
  int64_t SkewedMission(Rng& rng) const {
    return static_cast<int64_t>(rng.Below(rng.Below(static_cast<uint64_t>(sizes_.missions)) + 1));
  }

  bool Clients(Rng& rng, CsvOut& out) {
    for (int64_t c = 0; c < sizes_.clients; ++c) {
      ClientId(out, c + 1).Comma().Text("Brand ").Int(c + 1).Comma().Text(Pick(rng, kSectors)).EndRow();
    }
    return true;
  }

  // Each client has a chain of 1 to 3 yearly contracts, each renewing the
  // one before; the lengths are evened out to the exact contract count.
  bool Contracts(Rng& rng, CsvOut& out) {
    std::vector<int> lengths(static_cast<size_t>(sizes_.clients));
    int64_t total = 0;
    for (auto& length : lengths) {
      length = static_cast<int>(rng.Between(kMinChainLength, kMaxChainLength));
      total += length;
    }
    for (size_t c = 0; total > sizes_.contracts; c = (c + 1) % lengths.size()) {
      if (lengths[c] > 0) --lengths[c], --total;
    }
    for (size_t c = 0; total < sizes_.contracts; c = (c + 1) % lengths.size()) ++lengths[c], ++total;

    const Day earliest = DayFromCivil(2023, 7, 1);
    const Day latest = DayFromCivil(2025, 6, 30);
    client_contracts_.resize(lengths.size());
    for (size_t c = 0; c < lengths.size(); ++c) {
      Day start = static_cast<Day>(rng.Between(earliest, latest));
      client_contracts_[c].first = static_cast<int64_t>(contracts_.size());
      client_contracts_[c].count = lengths[c];
      for (int k = 0; k < lengths[c]; ++k) {
        const Day end = start + kContractDays - 1;
        const auto number = static_cast<int64_t>(contracts_.size()) + 1;
        ContractId(out, number).Comma();
        ClientId(out, static_cast<int64_t>(c) + 1).Comma();
        Date(out, start).Comma();
        Date(out, end).Comma();
        if (k > 0) {
          const Day signed_on = start - static_cast<Day>(rng.Between(0, 45));
          ContractId(out, number - 1).Comma();
          out.Text(rng.Percent(kSpontaneousRenewalPercent) ? "spontaneous" : "solicited").Comma();
          Date(out, signed_on);
        } else {
          out.Comma().Comma();
        }
        out.EndRow();
        contracts_.push_back({start, end});
        start = end + 1;
      }
    }
    return true;
  }

  // Missions: every client has at least one; most run under one of the
  // client's contracts and within it.
  bool Missions(Rng& rng, CsvOut& out) {
    const Day earliest = DayFromCivil(2024, 7, 1);
    const Day latest = DayFromCivil(2026, 9, 30);
    missions_.reserve(static_cast<size_t>(sizes_.missions));
    for (int64_t m = 0; m < sizes_.missions; ++m) {
      const int64_t client =
          m < sizes_.clients ? m : static_cast<int64_t>(rng.Below(static_cast<uint64_t>(sizes_.clients)));
      const auto& chain = client_contracts_[static_cast<size_t>(client)];
      const std::string_view type = Pick(rng, kMissionTypes);
      int64_t contract = -1;
      Day start = static_cast<Day>(rng.Between(earliest, latest));
      Day end = start + static_cast<Day>(rng.Between(30, 365));
      if (chain.count > 0 && rng.Percent(kMissionWithContractPercent)) {
        contract = chain.first + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(chain.count)));
        const ContractRow& k = contracts_[static_cast<size_t>(contract)];
        start = k.start + static_cast<Day>(rng.Between(0, 60));
        end = std::min(k.end, start + static_cast<Day>(rng.Between(60, 365)));
      }
      MissionId(out, m + 1).Comma();
      ClientId(out, client + 1).Comma();
      out.Text(type).Text(" zone ").Int(m + 1).Comma();
      Date(out, start).Comma();
      Date(out, end).Comma();
      if (contract >= 0) ContractId(out, contract + 1);
      out.Comma().Text(type).Comma().Int(rng.Between(1, 5)).Comma();
      if (m % kFixedFeeEvery == 0) out.Fixed(kFixedFeeCentsPerDay * (end - start + 1), 2);
      out.EndRow();
      missions_.push_back({client, start, end});
    }
    return true;
  }

  // Two cost rates per employee: one before every fact, a raise on 2026-01-01.
  bool Employees() {
    Rng rng = RngFor(Stream::kEmployees);
    CsvOut out(FileOf("employees"), HeaderOf("employees"));
    CsvOut rates(FileOf("cost_rates"), HeaderOf("cost_rates"));
    for (int64_t e = 0; e < sizes_.employees; ++e) {
      const std::string_view role = Pick(rng, kRoles);
      EmployeeId(out, e + 1).Comma().Text("Employee ").Int(e + 1).Comma().Text(role).Comma();
      if (role != "manager") out.Fixed(kWeeklyHundredths, 2);
      out.EndRow();
      const int64_t first = rng.Between(2500, 6500);  // cents per hour
      const int64_t second = first + rng.Between(0, 500);
      EmployeeId(rates, e + 1).Comma();
      Date(rates, kFirstRateDay).Comma().Fixed(first, 2).EndRow();
      EmployeeId(rates, e + 1).Comma();
      Date(rates, kSecondRateDay).Comma().Fixed(second, 2).EndRow();
    }
    return Finish(out, "employees.csv") && Finish(rates, "cost_rates.csv");
  }

  bool Stores(Rng& rng, CsvOut& out) {
    for (int64_t s = 0; s < sizes_.stores; ++s) {
      StoreId(out, s + 1).Comma().Text("Store ").Int(s + 1).Comma();
      out.Text(Pick(rng, kChains)).Comma().Text(Pick(rng, kRegions)).EndRow();
    }
    return true;
  }

  // Time entries in random order: each takes a random (employee, day) slot
  // that still has room, so no employee-day goes over 24 hours; an entry
  // longer than the room left is shortened to it.
  bool TimeEntries(Rng& rng, CsvOut& out) {
    const auto days = static_cast<int64_t>(kLastDay - kFirstDay + 1);
    const auto slots = static_cast<uint64_t>(sizes_.employees * days);
    std::vector<int16_t> room(slots, static_cast<int16_t>(kDayCapacity));
    for (int64_t i = 0; i < sizes_.time_entries; ++i) {
      uint64_t slot = rng.Below(slots);
      for (int tries = 0; room[slot] < kQuarterHour; ++tries) {
        if (tries == kMaxSlotTries) {
          std::fprintf(stderr, "bench_gen: too many time entries for %lld employees\n",
                       static_cast<long long>(sizes_.employees));
          return false;
        }
        slot = rng.Below(slots);
      }
      const int64_t hours = std::min<int64_t>(kQuarterHour * rng.Between(1, kMaxEntryQuarters), room[slot]);
      room[slot] = static_cast<int16_t>(room[slot] - hours);
      const auto employee = static_cast<int64_t>(slot / static_cast<uint64_t>(days));
      const auto day = static_cast<Day>(kFirstDay + static_cast<Day>(slot % static_cast<uint64_t>(days)));
      EmployeeId(out, employee + 1).Comma();
      Date(out, day).Comma().Fixed(hours, 2).Comma();
      if (rng.Percent(kInternalEntryPercent)) {
        out.Text(Pick(rng, kInternalActivities)).Comma();
      } else {
        out.Text(Pick(rng, kMissionActivities)).Comma();
        MissionId(out, static_cast<int64_t>(rng.Below(static_cast<uint64_t>(sizes_.missions))) + 1);
      }
      out.EndRow();
    }
    return true;
  }

  bool Expenses(Rng& rng, CsvOut& out) {
    for (int64_t i = 0; i < sizes_.expenses; ++i) {
      Date(out, RandomFactDay(rng)).Comma().Fixed(rng.Between(500, 150000), 2).Comma();
      const uint64_t roll = rng.Below(100);
      out.Text(roll < 50 ? "travel" : roll < 65 ? "tools" : roll < 75 ? "subcontracting" : "other").Comma();
      if (!rng.Percent(kExpenseOverheadPercent)) {
        MissionId(out, static_cast<int64_t>(rng.Below(static_cast<uint64_t>(sizes_.missions))) + 1);
      }
      out.EndRow();
    }
    return true;
  }

  bool Invoices(Rng& rng, CsvOut& out) {
    const int width = Digits(sizes_.invoices);
    for (int64_t i = 0; i < sizes_.invoices; ++i) {
      const int64_t mission = SkewedMission(rng);
      const bool tied = !rng.Percent(kInvoiceWithoutMissionPercent);
      const int64_t amount =
          rng.PerMille(kCreditNotePerMille) ? -rng.Between(5000, 300000) : rng.Between(20000, 1500000);
      out.Id('F', i + 1, width).Comma();
      ClientId(out, missions_[static_cast<size_t>(mission)].client + 1).Comma();
      Date(out, RandomFactDay(rng)).Comma().Fixed(amount, 2).Comma();
      if (tied) MissionId(out, mission + 1);
      out.EndRow();
    }
    return true;
  }

  // Each visit goes to one of the stores its mission's brand follows.
  bool Visits(Rng& rng, CsvOut& out) {
    const int width = Digits(sizes_.visits);
    for (int64_t i = 0; i < sizes_.visits; ++i) {
      out.Id('V', i + 1, width).Comma();
      EmployeeId(out, rng.Between(1, sizes_.employees)).Comma();
      const int64_t mission = rng.Between(1, sizes_.missions);
      MissionId(out, mission).Comma();
      const Followed& brand = followed_[static_cast<size_t>(missions_[static_cast<size_t>(mission - 1)].client)];
      const int32_t store = followed_stores_[brand.first + rng.Below(brand.count)];
      StoreId(out, int64_t{store} + 1).Comma();
      Date(out, RandomFactDay(rng)).Comma().Text(Pick(rng, kVisitActions)).EndRow();
    }
    return true;
  }

  // Objectives over one calendar quarter or half-year of 2025–2026.
  bool Objectives(Rng& rng, CsvOut& out) {
    const int width = Digits(sizes_.objectives);
    objectives_.reserve(static_cast<size_t>(sizes_.objectives));
    for (int64_t o = 0; o < sizes_.objectives; ++o) {
      const auto mission = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(sizes_.missions)));
      const auto metric = static_cast<size_t>(rng.Below(kMetrics.size()));
      const int year = 2025 + static_cast<int>(rng.Below(2));
      const bool half = rng.Percent(30);
      const int first_month =
          half ? 1 + 6 * static_cast<int>(rng.Below(2)) : 1 + 3 * static_cast<int>(rng.Below(4));
      const int last_month = first_month + (half ? 5 : 2);
      const Day start = DayFromCivil(year, first_month, 1);
      const Day end = DayFromCivil(year, last_month, DaysInMonth(year, last_month));
      out.Id('O', o + 1, width).Comma();
      MissionId(out, mission + 1).Comma();
      out.Text(kMetrics[metric].key).Comma().Text(kMetrics[metric].aggregation).Comma();
      switch (metric) {
        case 0: out.Int(rng.Between(10, 200)); break;               // implantations
        case 1: out.Int(rng.Between(20, 500)); break;               // orders
        case 2: out.Fixed(rng.Between(100000, 9999999), 2); break;  // volume
        case 3: out.Fixed(rng.Between(30, 95), 2); break;           // dn, a share
        default: out.Int(rng.Between(2, 12)); break;                // facings
      }
      out.Comma();
      Date(out, start).Comma();
      Date(out, end).EndRow();
      objectives_.push_back({mission, metric, start, end});
    }
    return true;
  }

  // Results of an objective's mission and metric, dated within its window.
  bool Results(Rng& rng, CsvOut& out) {
    for (int64_t i = 0; i < sizes_.results; ++i) {
      const ObjectiveRow& o = objectives_[static_cast<size_t>(rng.Below(objectives_.size()))];
      MissionId(out, o.mission + 1).Comma().Text(kMetrics[o.metric].key).Comma();
      Date(out, static_cast<Day>(rng.Between(o.start, o.end))).Comma();
      switch (o.metric) {
        case 0: out.Int(1); break;
        case 1: out.Int(rng.Between(1, 20)); break;
        case 2: out.Fixed(rng.Between(1000, 500000), 2); break;
        case 3: out.Fixed(rng.Between(10, 99), 2); break;
        default: out.Int(rng.Between(0, 15)); break;
      }
      out.Comma();
      if (rng.Percent(kResultWithStorePercent)) StoreId(out, rng.Between(1, sizes_.stores));
      out.EndRow();
    }
    return true;
  }

  // The stores each brand follows: brands ranked by size in a random order
  // of the clients, the r-th given its share of sizes_.followed (at least
  // one store, at most all), its stores drawn without repetition and kept in
  // store order.
  bool FollowStores() {
    Rng rng = RngFor(Stream::kFollowed);
    const auto clients = static_cast<size_t>(sizes_.clients);
    std::vector<size_t> by_size(clients);
    for (size_t c = 0; c < clients; ++c) by_size[c] = c;
    for (size_t c = clients; c > 1; --c) std::swap(by_size[c - 1], by_size[rng.Below(c)]);
    std::vector<double> weights(clients);
    double total_weight = 0;
    for (size_t r = 0; r < clients; ++r) {
      weights[r] = std::pow(static_cast<double>(r + 1), -kBrandSizeExponent);
      total_weight += weights[r];
    }
    std::vector<size_t> counts(clients);
    for (size_t r = 0; r < clients; ++r) {
      const auto share = std::llround(static_cast<double>(sizes_.followed) * weights[r] / total_weight);
      counts[by_size[r]] = static_cast<size_t>(std::clamp<int64_t>(share, 1, sizes_.stores));
    }
    // Partial Fisher–Yates over the stores for each brand, undone after it.
    std::vector<int32_t> stores(static_cast<size_t>(sizes_.stores));
    for (size_t s = 0; s < stores.size(); ++s) stores[s] = static_cast<int32_t>(s);
    std::vector<size_t> swapped;
    followed_.resize(clients);
    for (size_t c = 0; c < clients; ++c) {
      const size_t count = counts[c];
      followed_[c] = {followed_stores_.size(), count};
      swapped.clear();
      for (size_t k = 0; k < count; ++k) {
        const size_t pick = k + static_cast<size_t>(rng.Below(stores.size() - k));
        std::swap(stores[k], stores[pick]);
        swapped.push_back(pick);
        followed_stores_.push_back(stores[k]);
      }
      for (size_t k = count; k-- > 0;) std::swap(stores[k], stores[swapped[k]]);
      std::sort(followed_stores_.end() - static_cast<std::ptrdiff_t>(count), followed_stores_.end());
    }
    return true;
  }

  // The first columns of an audit or a sale: "date,store_id,client_id,".
  CsvOut& PairRow(CsvOut& out, Day day, int32_t store, size_t client) const {
    StoreId(Date(out, day).Comma(), int64_t{store} + 1).Comma();
    return ClientId(out, static_cast<int64_t>(client) + 1).Comma();
  }

  // Audits of the followed stores, brand by brand: sizes_.audits shared out
  // evenly over the pairs, each pair's audits spread over the two years (one
  // in each equal slice, on a random day of it). Present with the pair's
  // level moved by its brand's trend; facings around the pair's own number
  // when present, 0 when not.
  bool Audits(Rng& rng, CsvOut& out) {
    const auto span = static_cast<int64_t>(kLastDay - kFirstDay + 1);
    const auto pairs = static_cast<int64_t>(followed_stores_.size());
    const int64_t per_pair = sizes_.audits / pairs;
    const int64_t extra = sizes_.audits % pairs;  // the first `extra` pairs have one more
    int64_t pair = 0;
    for (size_t c = 0; c < followed_.size(); ++c) {
      const int64_t trend = rng.Between(-kMaxBrandTrendPerMille, kMaxBrandTrendPerMille);
      for (size_t k = 0; k < followed_[c].count; ++k, ++pair) {
        const int32_t store = followed_stores_[followed_[c].first + k];
        const int64_t level = rng.Between(kMinPresencePerMille, kMaxPresencePerMille);
        const int64_t facings = rng.Between(1, kMaxBaseFacings);
        const int64_t audits = per_pair + (pair < extra ? 1 : 0);
        for (int64_t j = 0; j < audits; ++j) {
          const int64_t offset = (j * span + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(span)))) / audits;
          const int64_t presence = std::clamp<int64_t>(level + trend * offset / span, 0, 1000);
          const bool present = rng.PerMille(static_cast<uint64_t>(presence));
          PairRow(out, kFirstDay + static_cast<Day>(offset), store, c).Int(present ? 1 : 0).Comma();
          out.Int(present ? std::max<int64_t>(1, facings + rng.Between(-1, 1)) : 0).EndRow();
        }
      }
    }
    return true;
  }

  // One sales row per followed store and month of 2025–2026, on a random day
  // of the month: the pair's level within ±kSalesSwingPercent, a few months
  // of net returns.
  bool Sales(Rng& rng, CsvOut& out) {
    const CivilDate first = CivilFromDay(kFirstDay);
    for (size_t c = 0; c < followed_.size(); ++c) {
      for (size_t k = 0; k < followed_[c].count; ++k) {
        const int32_t store = followed_stores_[followed_[c].first + k];
        const int64_t level = rng.Between(kMinMonthlySalesCents, kMaxMonthlySalesCents);
        for (int m = 0; m < kSalesMonths; ++m) {
          const int year = first.year + (first.month - 1 + m) / 12;
          const int month = (first.month - 1 + m) % 12 + 1;
          const Day day = DayFromCivil(year, month, 1) +
                          static_cast<Day>(rng.Below(static_cast<uint64_t>(DaysInMonth(year, month))));
          const int64_t amount = rng.PerMille(kReturnMonthPerMille)
                                     ? -rng.Between(1, kMaxReturnCents)
                                     : level * (100 + rng.Between(-kSalesSwingPercent, kSalesSwingPercent)) / 100;
          PairRow(out, day, store, c).Fixed(amount, 2).EndRow();
        }
      }
    }
    return true;
  }

  struct Chain {
    int64_t first = 0;
    int count = 0;
  };
  struct Followed {
    size_t first = 0;  // into followed_stores_
    size_t count = 0;
  };

  std::filesystem::path out_;
  Sizes sizes_;
  uint64_t seed_;
  std::vector<std::array<char, 10>> dates_;
  std::vector<Chain> client_contracts_;
  std::vector<ContractRow> contracts_;
  std::vector<MissionRow> missions_;
  std::vector<ObjectiveRow> objectives_;
  std::vector<Followed> followed_;        // by client
  std::vector<int32_t> followed_stores_;  // store rows, each brand's in store order
};

// Every count of the workload, with its name in the summary line (none for
// the pairs, whose sales rows are counted instead).
struct Count {
  int64_t Sizes::*field;
  const char* noun;
};
constexpr std::array<Count, 13> kCounts{{
    {&Sizes::clients, "clients"},
    {&Sizes::contracts, "contracts"},
    {&Sizes::missions, "missions"},
    {&Sizes::employees, "employees"},
    {&Sizes::stores, "stores"},
    {&Sizes::time_entries, "time entries"},
    {&Sizes::invoices, "invoices"},
    {&Sizes::expenses, "expenses"},
    {&Sizes::visits, "visits"},
    {&Sizes::objectives, "objectives"},
    {&Sizes::results, "results"},
    {&Sizes::followed, nullptr},
    {&Sizes::audits, "store audits"},
}};

// Each count of SF1 times the scale, at least 1; every client has a mission
// and follows a store.
Sizes Scaled(double scale) {
  const Sizes base;
  Sizes s;
  for (const Count& count : kCounts) {
    s.*count.field = std::max<int64_t>(1, std::llround(static_cast<double>(base.*count.field) * scale));
  }
  s.missions = std::max(s.missions, s.clients);
  s.followed = std::max(s.followed, s.clients);
  return s;
}

int Usage() {
  std::fprintf(stderr,
               "usage: bench_gen OUT_DIR [--scale SF] [--seed N]   (SF 1 = SF1, 10 = SF10, 0.001 = tiny)\n");
  return 2;
}

template <typename T>
bool ParseNumber(std::string_view text, T& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

int Main(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::filesystem::path out;
  double scale = 1;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--scale" || arg == "--seed") && i + 1 < argc) {
      const std::string_view value = argv[++i];
      const bool ok = arg == "--scale" ? ParseNumber(value, scale) && scale > 0 : ParseNumber(value, seed);
      if (!ok) return Usage();
    } else if (!arg.empty() && arg[0] != '-' && out.empty()) {
      out = arg;
    } else {
      return Usage();
    }
  }
  if (out.empty()) return Usage();
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) {
    std::fprintf(stderr, "bench_gen: cannot create %s: %s\n", out.c_str(), error.message().c_str());
    return 1;
  }
  const Sizes sizes = Scaled(scale);
  const auto started = std::chrono::steady_clock::now();
  Generator generator(out, sizes, seed);
  if (!generator.Run()) return 1;
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string summary;
  for (const Count& count : kCounts) {
    if (count.noun != nullptr) summary += std::to_string(sizes.*count.field) + " " + count.noun + ", ";
  }
  summary += std::to_string(generator.sales_rows()) + " store sales";
  std::fprintf(stderr, "bench_gen: %s in %.1f s: %s\n", out.c_str(), seconds, summary.c_str());
  return 0;
}

}  // namespace
}  // namespace agencykpi::bench

int main(int argc, char** argv) {
  return agencykpi::bench::Main(argc, argv);
}
