#include "demo/demo_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <string_view>

#include "demo/demo_names.h"
#include "demo/demo_random.h"
#include "demo/demo_shelf.h"

namespace agencykpi::demo {
namespace {

// ---------------------------------------------------------------------------
// Tunables. Sizes are per unit of `scale`; scale 1 gives about 50,000 time
// entries, and every count grows linearly with the scale.

constexpr int kFirstYear = 2024;
constexpr int kLastYear = 2026;
constexpr int kLastMonth = 6;                // the activity ends on 2026-06-30
constexpr int kObjectiveHorizonYear = 2026;  // objectives are set up to the end of 2026

constexpr int kClientsPerScale = 48;
constexpr int kStoresPerScale = 150;
constexpr int kManagersPerScale = 2;
constexpr int kCoordinatorsPerScale = 5;
constexpr int kFieldRepsPerScale = 22;
constexpr int kMerchandisersPerScale = 15;

// Clients: 60 % were already signed when the activity starts (first contract
// started in 2023), the others are won along the way.
constexpr int kPortfolioPercent = 60;
constexpr int kNewClientLastMonth = 4;  // new clients up to April 2026
// Contract length in months: mostly one year.
constexpr std::array kContractMonths{12, 6, 18};
constexpr std::array kContractMonthWeights{80, 10, 10};
// What happens when a contract ends (percent, in Outcome order).
enum Outcome : int { kRenewedSpontaneously, kRenewedWhenChased, kLostClient };
constexpr std::array kRenewalWeights{50, 30, 20};
constexpr int kLateSignaturePercent = 35;  // solicited renewals signed after the end
constexpr int kMaxLateSignatureDays = 45;
constexpr int kMaxSolicitedEarlyDays = 15;
constexpr int kMinSpontaneousEarlyDays = 10;
constexpr int kMaxSpontaneousEarlyDays = 60;
constexpr int kMinFirstSignatureDays = 7;  // first contracts are signed before they start
constexpr int kMaxFirstSignatureDays = 45;
constexpr int kSignedOnLeftEmptyPercent = 20;  // CRM left it empty (= start date)
// How much work a brand buys (per mille of an average brand): a few big
// brands make most of the revenue, as in any agency (Pareto).
constexpr std::array kClientSizes{300, 500, 700, 900, 1200, 1600, 2400, 4000};
constexpr std::array kClientSizeWeights{14, 18, 18, 16, 14, 10, 7, 3};

// The first clients play fixed roles so every seed shows every case in the
// demo report of 2026-H1.
enum class Showcase { kPlain, kSpontaneous, kSolicitedLate, kLost, kEroding, kUnderpriced };
constexpr std::array kShowcases{Showcase::kSpontaneous, Showcase::kSolicitedLate, Showcase::kLost,
                                Showcase::kEroding, Showcase::kUnderpriced};

// Missions per contract (1, 2 or 3) and their types.
constexpr std::array kMissionsPerContractWeights{45, 35, 20};
constexpr std::array kMissionTypeWeights{40, 25, 15, 20};        // in MissionType order
constexpr std::array kComplexityWeights{0, 10, 30, 32, 18, 10};  // absent, 1..5
constexpr std::array kProfileWeights{80, 6, 6, 8};               // in Profile order
constexpr int kOneOffMissionPercent = 12;  // per client and year: an event outside contracts
constexpr int kFreeTrialPercent = 20;      // of those, offered (never invoiced)
constexpr int kMinImplantationMonths = 3;
constexpr int kMaxImplantationMonths = 6;
constexpr int kMaxAnimationMonths = 4;
constexpr int kQuotedNamePercent = 20;  // mission names with quotes and commas
constexpr int kChrMissionPercent = 50;  // prospection of cafés and restaurants (CHR)

// Monthly hours sold per mission type at complexity 3 for an average brand.
constexpr std::array kBaseHoursPerMonth{95, 70, 80, 125};
// Price of a sold hour (cents), low and high, per mission type.
constexpr std::array kSellRateLow{5000, 6000, 5600, 6200};
constexpr std::array kSellRateHigh{6000, 7500, 6800, 7800};
constexpr int kSellRatePerComplexityPerMille = 40;  // +4 % per complexity step above 3
constexpr int kUnderpricedPerMille = 550;           // an underpriced mission sells at 55 %
constexpr Cents kFeeRounding = 1000;                // fees are round tens of euros
// Contract hours a week by role, in hundredths (Role's order): full time for
// field reps and coordinators, part time for merchandisers, none for
// managers (a day-count contract, *forfait jours*).
constexpr std::array<int64_t, 4> kWeeklyHundredthsOf = {3500, 2450, 3500, 0};
constexpr int64_t kMinPlannedQuarters = 32;         // 8 h a month at least
// Hours sold over the whole activity (2024-01..2026-06), per unit of scale:
// about 80 % of what the field staff can work.
constexpr int64_t kSoldHoursPerScale = 105000;
// Sold hours grow with complexity: 0.8 at 1, 1.0 at 3, 1.2 at 5 (per mille).
constexpr int kComplexityBasePerMille = 700;
constexpr int kComplexityStepPerMille = 100;
constexpr int kPlanSpreadLow = 850;  // two missions of a kind are never sold alike
constexpr int kPlanSpreadHigh = 1150;
constexpr int kHoursPerTeamMember = 60;  // a bigger mission gets a bigger team
constexpr int kMaxTeam = 4;

// Actual hours against sold hours (per mille).
constexpr int kNoiseLow = 880;
constexpr int kNoiseHigh = 1120;
constexpr int kOverrunLow = 1350;
constexpr int kOverrunHigh = 1550;
constexpr int kErodingGrowthPerMonth = 55;  // +5.5 % of hours per month at a flat fee

// A day of field work on a mission, in quarter hours.
constexpr std::array kFieldLow{16, 16, 24, 20};
constexpr std::array kFieldHigh{28, 26, 30, 30};
constexpr int kTravelPercent = 70;
constexpr int kPreparationPercent = 30;
constexpr int kAnimationPreparationPercent = 50;
constexpr int kFollowupPercent = 20;
constexpr int kMissionReportingPercent = 25;
constexpr int kOtherPercent = 3;
constexpr int kDayCapQuarters = 44;  // nobody books more than 11 h a day
constexpr int kPlacementTries = 16;
constexpr int kBackupPlacementTries = 24;
constexpr int kLeadPercent = 50;   // the lead does half the days of a mission
constexpr size_t kScanStaff = 40;  // stand-ins looked at when the random tries fail

// Visits per field day, per mission type.
constexpr std::array kVisitsLow{2, 2, 1, 1};
constexpr std::array kVisitsHigh{4, 5, 1, 3};
constexpr int kChrProspectionPercent = 70;  // prospection visits cafés and restaurants
constexpr int kChrStorePercent = 20;
constexpr int kImplantationResultPercent = 75;
constexpr Cents kOrderLow = 15000;
constexpr Cents kOrderHigh = 350000;
constexpr int kVolumeLow = 20;
constexpr int kVolumeHigh = 240;
constexpr int kMerchandisingAuditPercent = 25;
constexpr int kShelfPresentPercent = 78;
constexpr int kMaxFacings = 6;
// DN (distribution numérique) of merchandising missions, in tenths of a percent.
constexpr int kDnStartLow = 200;
constexpr int kDnStartHigh = 500;
constexpr int kDnMonthlyLow = -10;
constexpr int kDnMonthlyHigh = 35;
constexpr int kDnMax = 950;
constexpr int kDnMeasureFirstDay = 20;

// Coordination and management around the missions.
constexpr int kCoordinationLow = 4;
constexpr int kCoordinationHigh = 12;
constexpr int kQuartersPerCoordinationEntry = 50 * 4;  // one more call or meeting per 50 h sold
constexpr int kMaxCoordinationEntries = 4;
constexpr int kManagerFollowupPercent = 15;

// Internal time (no mission).
constexpr int kWeeklyReportingPercent = 50;
constexpr int kIdleDayInternalPercent = 30;
constexpr int kCoordinatorInternalPercent = 80;
constexpr int kManagerManagementPercent = 90;

// Expenses.
constexpr Cents kTravelPerDayLow = 1200;
constexpr Cents kTravelPerDayHigh = 6500;
// Subcontracting (hostesses for animations, extra hands for a launch), as a
// share of the month's fee (per mille).
constexpr int kAnimationSubcontractPercent = 45;
constexpr int kAnimationSubcontractLow = 100;
constexpr int kAnimationSubcontractHigh = 300;
constexpr int kImplantationSubcontractPercent = 20;
constexpr int kImplantationSubcontractLow = 100;
constexpr int kImplantationSubcontractHigh = 350;
constexpr int kPosMaterialPercent = 5;  // PLV bought for a merchandising mission
constexpr Cents kPosMaterialLow = 8000;
constexpr Cents kPosMaterialHigh = 60000;
constexpr Cents kLicencePerEmployee = 2490;  // CRM and field app, monthly
constexpr Cents kPhonePerEmployee = 1890;
constexpr Cents kTrainingLow = 80000;  // quarterly, per unit of scale
constexpr Cents kTrainingHigh = 250000;
constexpr Cents kSeminarLow = 400000;  // yearly, per unit of scale
constexpr Cents kSeminarHigh = 900000;

// Invoices.
constexpr int kCreditNotePerMille = 25;
constexpr int kCreditNoteMinDays = 5;
constexpr int kCreditNoteMaxDays = 25;
constexpr int kCreditNoteMinPercent = 10;
constexpr Cents kSetupFeeLow = 50000;
constexpr Cents kSetupFeeHigh = 250000;
constexpr int kYearEndBonusPercent = 15;
constexpr Cents kYearEndBonusLow = 100000;
constexpr Cents kYearEndBonusHigh = 800000;

// Cost rates (cents per hour, fully loaded) per Role, and raises.
constexpr std::array kRateLow{2600, 2200, 3600, 5200};
constexpr std::array kRateHigh{3100, 2600, 4300, 6400};
constexpr int kMidYearRaisePercent = 25;  // the others are raised on January 1st
constexpr int kRaiseLowPerMille = 15;
constexpr int kRaiseHighPerMille = 40;
constexpr int kHiredLaterPercent = 15;
constexpr int kLeaverPercent = 8;

// Objectives: target against what the field actually does (per mille).
constexpr int kFinishedTargetLow = 750;
constexpr int kFinishedTargetHigh = 1300;
constexpr int kOngoingTargetLow = 800;
constexpr int kOngoingTargetHigh = 1300;
constexpr int kLevelTargetLow = 900;
constexpr int kLevelTargetHigh = 1150;
constexpr int kYearlyObjectivePercent = 80;
// A target for a mission that has not started yet, per month, in hundredths
// (Metric order: implantations, orders in euros, volume, dn unused).
constexpr std::array<int64_t, 4> kDefaultMonthlyTarget{1200, 800000, 60000, 0};
constexpr int64_t kAverageMonthDays = 30;

// Stream names for DemoRandom::For.
enum Stream : uint64_t {
  kStoreStream = 1,
  kEmployeeStream,
  kClientStream,
  kNameStream,
  kMissionStream,
  kOneOffStream,
  kWorkStream,
  kLevelStream,
  kInternalStream,
  kOverheadStream,
  kInvoiceStream,
  kObjectiveStream,
  kStaffStream,
  kCreditNoteStream,
};

constexpr int kDaysPerWeek = 7;
constexpr int kQuartersPerHour = 4;
constexpr int kPerMille = 1000;
constexpr int64_t kHundredths = 100;

// French public holidays (jours fériés) of the activity years.
constexpr std::array<std::array<int, 3>, 33> kHolidays{{
    {2024, 1, 1},  {2024, 4, 1},   {2024, 5, 1},   {2024, 5, 8},   {2024, 5, 9},   {2024, 5, 20},
    {2024, 7, 14}, {2024, 8, 15},  {2024, 11, 1},  {2024, 11, 11}, {2024, 12, 25}, {2025, 1, 1},
    {2025, 4, 21}, {2025, 5, 1},   {2025, 5, 8},   {2025, 5, 29},  {2025, 6, 9},   {2025, 7, 14},
    {2025, 8, 15}, {2025, 11, 1},  {2025, 11, 11}, {2025, 12, 25}, {2026, 1, 1},   {2026, 4, 6},
    {2026, 5, 1},  {2026, 5, 8},   {2026, 5, 14},  {2026, 5, 25},  {2026, 7, 14},  {2026, 8, 15},
    {2026, 11, 1}, {2026, 11, 11}, {2026, 12, 25},
}};

// ---------------------------------------------------------------------------
// Calendar helpers. A "month number" is year × 12 + month − 1.

constexpr int MonthNumber(int year, int month) {
  return year * 12 + month - 1;
}
int MonthOf(Day day) {
  const CivilDate civil = CivilFromDay(day);
  return MonthNumber(civil.year, civil.month);
}
Day MonthFirst(int month_number) {
  return DayFromCivil(month_number / 12, month_number % 12 + 1, 1);
}
Day MonthLast(int month_number) {
  return MonthFirst(month_number + 1) - 1;
}
// 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday.
int Weekday(Day day) {
  return static_cast<int>(((day + 3) % kDaysPerWeek + kDaysPerWeek) % kDaysPerWeek);
}
constexpr int kFriday = 4;
constexpr int kSaturday = 5;

// The activity's bounds (computed once: the date functions are not constexpr).
Day FirstDay() {
  static const Day day = DayFromCivil(kFirstYear, 1, 1);
  return day;
}
Day LastDay() {
  static const Day day = DayFromCivil(kLastYear, kLastMonth, DaysInMonth(kLastYear, kLastMonth));
  return day;
}
int DayCount() {
  return LastDay() - FirstDay() + 1;
}
constexpr int kFirstMonth = MonthNumber(kFirstYear, 1);
constexpr int kFinalMonth = MonthNumber(kLastYear, kLastMonth);

int64_t ScalePerMille(int64_t value, int64_t per_mille) {
  return value * per_mille / kPerMille;
}
Cents RoundTo(Cents value, Cents step) {
  return (value + step / 2) / step * step;
}

std::string NumberedId(char prefix, int64_t number, int width) {
  return fmt::format("{}{:0{}}", prefix, number, width);
}

template <typename T>
const T& PickFrom(DemoRandom& rng, std::span<const T> items) {
  return items[rng.Below(items.size())];
}

// ---------------------------------------------------------------------------

class Builder {
 public:
  explicit Builder(const DemoOptions& options) : seed_(options.seed), scale_(std::max(options.scale, 1)) {}

  DemoAgency Build() {
    MakeCalendar();
    MakeStores();
    MakeEmployees();
    MakeClientsAndContracts();
    MakeMissions();
    MakeWork();
    MakeInternalTime();
    MakeOverheadExpenses();
    MakeBrandInvoices();
    FinishInvoices();
    SortFacts();
    MakeShelfStory(seed_, agency_);
    MakeObjectives();
    return std::move(agency_);
  }

 private:
  // --- calendar and people ---------------------------------------------------

  void MakeCalendar() {
    is_holiday_.assign(static_cast<size_t>(DayCount()), false);
    for (const auto& [year, month, day] : kHolidays) {
      const Day holiday = DayFromCivil(year, month, day);
      if (holiday >= FirstDay() && holiday <= LastDay()) is_holiday_[DayIndex(holiday)] = true;
    }
  }

  static size_t DayIndex(Day day) { return static_cast<size_t>(day - FirstDay()); }

  void MakeStores() {
    for (const Region& region : Words().regions) agency_.regions.emplace_back(region.name);
    const int region_count = static_cast<int>(agency_.regions.size());
    retail_by_region_.resize(agency_.regions.size());
    chr_by_region_.resize(agency_.regions.size());
    const int count = kStoresPerScale * scale_;
    for (int i = 0; i < count; ++i) {
      DemoRandom rng = DemoRandom::For(seed_, {kStoreStream, static_cast<uint64_t>(i)});
      StoreRow store;
      store.id = NumberedId('S', i + 1, 4);
      store.region = i % region_count;
      const Region& region = Words().regions[static_cast<size_t>(store.region)];
      const std::string_view town = PickFrom(rng, region.towns);
      const auto index = static_cast<int32_t>(agency_.stores.size());
      if (rng.Percent(kChrStorePercent)) {
        // Independent cafés have no chain; "Bistrot du Port, Brest" needs quoting.
        store.name = fmt::format("{}, {}", PickFrom(rng, Words().cafe_names), town);
        chr_by_region_[static_cast<size_t>(store.region)].push_back(index);
      } else {
        store.chain = std::string(PickFrom(rng, Words().chains));
        store.name = fmt::format("{} {} {}", PickFrom(rng, Words().store_formats), town,
                                 PickFrom(rng, Words().town_quarters));
        retail_by_region_[static_cast<size_t>(store.region)].push_back(index);
      }
      agency_.stores.push_back(std::move(store));
    }
  }

  void MakeEmployees() {
    std::vector<Role> roles;
    const auto add = [&](Role role, int per_scale) {
      for (int i = 0; i < per_scale * scale_; ++i) roles.push_back(role);
    };
    add(Role::kManager, kManagersPerScale);
    add(Role::kCoordinator, kCoordinatorsPerScale);
    add(Role::kFieldRep, kFieldRepsPerScale);
    add(Role::kMerchandiser, kMerchandisersPerScale);

    const Day incumbent_from = DayFromCivil(kFirstYear - 1, 1, 1);
    const int region_count = static_cast<int>(agency_.regions.size());
    for (size_t i = 0; i < roles.size(); ++i) {
      DemoRandom rng = DemoRandom::For(seed_, {kEmployeeStream, i});
      EmployeeRow employee;
      employee.id = NumberedId('E', static_cast<int64_t>(i) + 1, 4);
      employee.name =
          fmt::format("{} {}", PickFrom(rng, Words().first_names), PickFrom(rng, Words().last_names));
      employee.role = roles[i];
      employee.weekly_hours = kWeeklyHundredthsOf[static_cast<size_t>(employee.role)];
      const bool field = IsField(employee.role);
      employee.region = field ? static_cast<int>(i) % region_count : rng.Between(0, region_count - 1);
      employee.hired = incumbent_from;
      employee.left = LastDay();
      if (field && rng.Percent(kHiredLaterPercent)) {
        const int month = rng.Between(MonthNumber(kFirstYear, 3), MonthNumber(kLastYear - 1, 12));
        employee.hired = MonthFirst(month) + rng.Between(0, 14);
      } else if (field && rng.Percent(kLeaverPercent)) {
        const int month = rng.Between(MonthNumber(kFirstYear, 9), MonthNumber(kLastYear, 5));
        employee.left = MonthLast(month);
      }
      const auto index = static_cast<int32_t>(agency_.employees.size());
      if (field) field_staff_.push_back(index);
      if (employee.role == Role::kCoordinator) coordinators_.push_back(index);
      if (employee.role == Role::kManager) managers_.push_back(index);
      MakeCostRates(rng, index, employee);
      agency_.employees.push_back(std::move(employee));
      MakeAvailability(rng, agency_.employees.back());
    }
    load_.assign(agency_.employees.size() * static_cast<size_t>(DayCount()), 0);
  }

  static bool IsField(Role role) { return role == Role::kFieldRep || role == Role::kMerchandiser; }

  // A first rate when hired, then one raise a year, on January 1st or, for
  // some, mid-year (July 1st).
  void MakeCostRates(DemoRandom& rng, int32_t index, const EmployeeRow& employee) {
    const auto role = static_cast<size_t>(employee.role);
    Cents rate = rng.Between(kRateLow[role], kRateHigh[role]);
    agency_.cost_rates.push_back({index, employee.hired, rate});
    const bool mid_year = rng.Percent(kMidYearRaisePercent);
    for (int year = kFirstYear; year <= kLastYear; ++year) {
      const Day raise_on = DayFromCivil(year, mid_year ? 7 : 1, 1);
      if (raise_on <= employee.hired || raise_on > employee.left || raise_on > LastDay()) continue;
      rate = ScalePerMille(rate, kPerMille + rng.Between(kRaiseLowPerMille, kRaiseHighPerMille));
      agency_.cost_rates.push_back({index, raise_on, rate});
    }
  }

  // Which days an employee can work: weekdays (and Saturdays for store
  // animations) between hiring and leaving, outside public holidays and
  // five weeks of leave a year (three in summer, one in spring, Christmas).
  void MakeAvailability(DemoRandom& rng, const EmployeeRow& employee) {
    std::vector<uint8_t> days(static_cast<size_t>(DayCount()), kOff);
    for (Day day = std::max(employee.hired, FirstDay()); day <= std::min(employee.left, LastDay()); ++day) {
      const int weekday = Weekday(day);
      if (weekday < kSaturday && !is_holiday_[DayIndex(day)]) days[DayIndex(day)] = kWeekday;
      if (weekday == kSaturday) days[DayIndex(day)] = kSaturdayOnly;
    }
    const auto leave = [&](Day from, int length) {
      for (Day day = from; day < from + length; ++day) {
        if (day >= FirstDay() && day <= LastDay()) days[DayIndex(day)] = kOff;
      }
    };
    // Summer leave is staggered from mid-June to September so the shelves
    // are still served in August.
    constexpr int kSummerWeeks = 3;
    constexpr int kSummerStartChoices = 11;
    constexpr int kSpringStartChoices = 10;
    constexpr int kChristmasDays = 9;  // Dec 24 to Jan 1
    for (int year = kFirstYear; year <= kLastYear; ++year) {
      leave(NextMonday(DayFromCivil(year, 6, 15)) + kDaysPerWeek * rng.Between(0, kSummerStartChoices - 1),
            kSummerWeeks * kDaysPerWeek);
      leave(NextMonday(DayFromCivil(year, 2, 10)) + kDaysPerWeek * rng.Between(0, kSpringStartChoices - 1),
            kDaysPerWeek);
      leave(DayFromCivil(year, 12, 24), kChristmasDays);
    }
    availability_.insert(availability_.end(), days.begin(), days.end());
  }

  static Day NextMonday(Day day) { return day + (kDaysPerWeek - Weekday(day)) % kDaysPerWeek; }

  static constexpr uint8_t kOff = 0;
  static constexpr uint8_t kWeekday = 1;
  static constexpr uint8_t kSaturdayOnly = 2;

  size_t Slot(int32_t employee, Day day) const {
    return static_cast<size_t>(employee) * static_cast<size_t>(DayCount()) + DayIndex(day);
  }
  bool CanWork(int32_t employee, Day day, bool saturday_ok) const {
    const uint8_t kind = availability_[Slot(employee, day)];
    return kind == kWeekday || (saturday_ok && kind == kSaturdayOnly);
  }
  bool HasRoom(int32_t employee, Day day, int quarters) const {
    return load_[Slot(employee, day)] + quarters <= kDayCapQuarters;
  }
  bool IsEmployed(int32_t employee, Day day) const {
    const EmployeeRow& row = agency_.employees[static_cast<size_t>(employee)];
    return row.hired <= day && day <= row.left;
  }

  // --- clients and contracts -------------------------------------------------

  void MakeClientsAndContracts() {
    const int count = kClientsPerScale * scale_;
    // Distinct brand names: a shuffled list of every stem × ending pair.
    const size_t stems = Words().brand_stems.size();
    const size_t endings = Words().brand_endings.size();
    std::vector<size_t> names(stems * endings);
    std::iota(names.begin(), names.end(), size_t{0});
    DemoRandom name_rng = DemoRandom::For(seed_, {kNameStream});
    for (size_t i = names.size() - 1; i > 0; --i) std::swap(names[i], names[name_rng.Below(i + 1)]);

    std::vector<ContractRow> contracts;
    for (int i = 0; i < count; ++i) {
      DemoRandom rng = DemoRandom::For(seed_, {kClientStream, static_cast<uint64_t>(i)});
      const size_t pick = names[static_cast<size_t>(i) % names.size()];
      const BrandStem& stem = Words().brand_stems[pick / endings];
      ClientRow client;
      client.id = NumberedId('C', i + 1, 4);
      client.name = fmt::format("{} {}", stem.word, Words().brand_endings[pick % endings]);
      if (static_cast<size_t>(i) >= names.size()) {
        client.name += fmt::format(" {}", static_cast<size_t>(i) / names.size() + 1);
      }
      client.sector = std::string(stem.sector);
      client.size_per_mille = kClientSizes[static_cast<size_t>(rng.Weighted(kClientSizeWeights))];
      const Showcase showcase =
          i < static_cast<int>(kShowcases.size()) ? kShowcases[static_cast<size_t>(i)] : Showcase::kPlain;
      showcase_.push_back(showcase);
      MakeContractChain(rng, i, showcase, contracts);
      agency_.clients.push_back(std::move(client));
    }

    // Number contracts in signing order, as a CRM does, and follow the
    // renewal links through the renumbering.
    std::vector<size_t> order(contracts.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return contracts[a].signed_on < contracts[b].signed_on; });
    std::vector<int32_t> new_index(contracts.size());
    for (size_t i = 0; i < order.size(); ++i) new_index[order[i]] = static_cast<int32_t>(i);
    for (size_t i = 0; i < order.size(); ++i) {
      ContractRow contract = contracts[order[i]];
      contract.id = NumberedId('K', static_cast<int64_t>(i) + 1, 5);
      if (contract.renewal_of != kNoRef) {
        contract.renewal_of = new_index[static_cast<size_t>(contract.renewal_of)];
      }
      agency_.contracts.push_back(std::move(contract));
    }
  }

  // One client's contracts: a first one, then renewals until the client is
  // lost or the contract runs past the end of the activity. A renewal
  // signed after the export date does not exist yet.
  void MakeContractChain(DemoRandom& rng, int client, Showcase showcase,
                         std::vector<ContractRow>& contracts) {
    int start_month = 0;
    switch (showcase) {
      case Showcase::kSpontaneous: start_month = MonthNumber(kFirstYear, 3); break;    // ends 2026-02
      case Showcase::kSolicitedLate: start_month = MonthNumber(kFirstYear, 4); break;  // ends 2026-03
      case Showcase::kLost: start_month = MonthNumber(kFirstYear, 2); break;           // ends 2026-01
      case Showcase::kEroding: start_month = MonthNumber(kFirstYear - 1, 10); break;
      case Showcase::kUnderpriced: start_month = MonthNumber(kFirstYear - 1, 6); break;
      case Showcase::kPlain:
        start_month =
            rng.Percent(kPortfolioPercent)
                ? rng.Between(MonthNumber(kFirstYear - 1, 2), MonthNumber(kFirstYear, 1))
                : rng.Between(MonthNumber(kFirstYear, 2), MonthNumber(kLastYear, kNewClientLastMonth));
        break;
    }
    const Day half_start = DayFromCivil(kLastYear, 1, 1);
    int32_t previous = kNoRef;
    RenewalKind kind = RenewalKind::kNotRenewal;
    Day signed_on = MonthFirst(start_month) - rng.Between(kMinFirstSignatureDays, kMaxFirstSignatureDays);
    while (true) {
      const int months = showcase == Showcase::kPlain
                             ? kContractMonths[static_cast<size_t>(rng.Weighted(kContractMonthWeights))]
                             : kContractMonths[0];
      ContractRow contract;
      contract.client = client;
      contract.start = MonthFirst(start_month);
      contract.end = MonthLast(start_month + months - 1);
      contract.renewal_of = previous;
      contract.renewal = kind;
      contract.signed_on = signed_on;
      // Renewals always carry their signature date; first contracts often not.
      contract.write_signed_on = previous != kNoRef || !rng.Percent(kSignedOnLeftEmptyPercent);
      if (!contract.write_signed_on) contract.signed_on = contract.start;
      previous = static_cast<int32_t>(contracts.size());
      contracts.push_back(contract);

      // The outcome of this contract's end.
      int outcome = rng.Weighted(kRenewalWeights);
      const bool in_demo_half = contract.end >= half_start;
      if (showcase != Showcase::kPlain) {
        if (!in_demo_half || showcase == Showcase::kEroding || showcase == Showcase::kUnderpriced) {
          outcome = rng.Percent(kRenewalWeights[kRenewedSpontaneously])
                        ? kRenewedSpontaneously
                        : kRenewedWhenChased;  // kept either way
        } else if (showcase == Showcase::kSpontaneous) {
          outcome = kRenewedSpontaneously;
        } else if (showcase == Showcase::kSolicitedLate) {
          outcome = kRenewedWhenChased;
        } else {
          outcome = kLostClient;
        }
      }
      if (outcome == kLostClient) break;  // the brand leaves
      if (outcome == kRenewedSpontaneously) {
        kind = RenewalKind::kSpontaneous;
        signed_on = contract.end - rng.Between(kMinSpontaneousEarlyDays, kMaxSpontaneousEarlyDays);
      } else {
        kind = RenewalKind::kSolicited;
        const bool late =
            showcase == Showcase::kSolicitedLate ? in_demo_half : rng.Percent(kLateSignaturePercent);
        signed_on = late ? contract.end + rng.Between(3, kMaxLateSignatureDays)
                         : contract.end - rng.Between(0, kMaxSolicitedEarlyDays);
      }
      // A renewal signed after the export date does not exist yet; one signed
      // before it exists even when it starts later (signed in May for July).
      if (signed_on > LastDay()) break;
      start_month += months;
    }
  }

  // --- missions --------------------------------------------------------------

  void MakeMissions() {
    std::vector<MissionRow> missions;
    for (size_t k = 0; k < agency_.contracts.size(); ++k) {
      DemoRandom rng = DemoRandom::For(seed_, {kMissionStream, k});
      const ContractRow& contract = agency_.contracts[k];
      const int count = 1 + rng.Weighted(kMissionsPerContractWeights);
      const int first_month = MonthOf(contract.start);
      const int month_count = MonthOf(contract.end) - first_month + 1;
      std::array<bool, 4> used{};
      for (int n = 0; n < count; ++n) {
        auto type = static_cast<MissionType>(rng.Weighted(kMissionTypeWeights));
        if (used[static_cast<size_t>(type)]) continue;  // one mission of each type per contract
        used[static_cast<size_t>(type)] = true;
        MissionRow mission;
        mission.client = contract.client;
        mission.contract = static_cast<int32_t>(k);
        mission.type = type;
        int from = first_month;
        int length = month_count;
        if (type == MissionType::kImplantation) {
          length = std::min(length, rng.Between(kMinImplantationMonths, kMaxImplantationMonths));
        } else if (type == MissionType::kAnimation) {
          length = std::min(length, rng.Between(1, kMaxAnimationMonths));
          from += rng.Between(0, month_count - length);
        }
        mission.start = MonthFirst(from);
        mission.end = MonthLast(from + length - 1);
        FillMission(rng, mission);
        missions.push_back(std::move(mission));
      }
    }
    MakeOneOffMissions(missions);
    NormaliseDemand(missions);
    for (size_t i = 0; i < missions.size(); ++i) {
      DemoRandom rng = DemoRandom::For(seed_, {kStaffStream, i});
      PriceAndStaff(rng, missions[i]);
    }

    // Mission ids follow start dates, as they are created in the CRM.
    std::stable_sort(missions.begin(), missions.end(),
                     [](const MissionRow& a, const MissionRow& b) { return a.start < b.start; });
    for (size_t i = 0; i < missions.size(); ++i) {
      missions[i].id = NumberedId('M', static_cast<int64_t>(i) + 1, 5);
    }
    agency_.missions = std::move(missions);
  }

  // Events sold outside any contract: a trade fair, a tasting; a few are
  // offered to win the brand over and never invoiced.
  void MakeOneOffMissions(std::vector<MissionRow>& missions) {
    std::vector<std::pair<int, int>> spans(agency_.clients.size(), {INT32_MAX, INT32_MIN});
    for (const ContractRow& contract : agency_.contracts) {
      auto& [first, last] = spans[static_cast<size_t>(contract.client)];
      first = std::min(first, MonthOf(contract.start));
      last = std::max(last, MonthOf(contract.end));
    }
    for (size_t c = 0; c < agency_.clients.size(); ++c) {
      const auto [first, last] = spans[c];
      for (int year = kFirstYear; year <= kLastYear; ++year) {
        DemoRandom rng = DemoRandom::For(seed_, {kOneOffStream, c, static_cast<uint64_t>(year)});
        if (!rng.Percent(kOneOffMissionPercent)) continue;
        const int month = MonthNumber(year, rng.Between(1, year == kLastYear ? kLastMonth : 12));
        if (month < first || month > last) continue;
        MissionRow mission;
        mission.client = static_cast<int32_t>(c);
        mission.type = MissionType::kAnimation;
        mission.start = MonthFirst(month);
        mission.end = MonthLast(month);
        mission.billed = !rng.Percent(kFreeTrialPercent);
        FillMission(rng, mission);
        missions.push_back(std::move(mission));
      }
    }
  }

  void FillMission(DemoRandom& rng, MissionRow& mission) {
    const auto type = static_cast<size_t>(mission.type);
    const ClientRow& client = agency_.clients[static_cast<size_t>(mission.client)];
    const Showcase showcase = showcase_[static_cast<size_t>(mission.client)];
    mission.complexity = rng.Weighted(kComplexityWeights);
    mission.profile = static_cast<Profile>(rng.Weighted(kProfileWeights));
    if (showcase == Showcase::kEroding) mission.profile = Profile::kEroding;
    if (showcase == Showcase::kUnderpriced) mission.profile = Profile::kUnderpriced;
    mission.name = MissionName(rng, mission);

    const int complexity = mission.complexity == 0 ? 3 : mission.complexity;
    int64_t quarters = static_cast<int64_t>(kBaseHoursPerMonth[type]) * kQuartersPerHour;
    quarters = ScalePerMille(quarters, kComplexityBasePerMille + kComplexityStepPerMille * complexity);
    quarters = ScalePerMille(quarters, client.size_per_mille);
    quarters = ScalePerMille(quarters, rng.Between(kPlanSpreadLow, kPlanSpreadHigh));
    mission.planned_quarters_per_month = static_cast<int>(std::max<int64_t>(quarters, kMinPlannedQuarters));

    Cents rate = rng.Between(kSellRateLow[type], kSellRateHigh[type]);
    rate = ScalePerMille(rate, kPerMille + kSellRatePerComplexityPerMille * (complexity - 3));
    if (mission.profile == Profile::kUnderpriced) rate = ScalePerMille(rate, kUnderpricedPerMille);
    mission.hour_price = rate;
  }

  // Brings the hours sold over the whole activity to a fixed amount per unit
  // of scale. The draws above (brand sizes, contract lengths, lost brands)
  // vary a lot between seeds with only tens of brands; the team's size does
  // not, so without this some seeds would overbook it and others idle it.
  void NormaliseDemand(std::vector<MissionRow>& missions) const {
    int64_t total = 0;
    for (const MissionRow& mission : missions) {
      total += static_cast<int64_t>(mission.planned_quarters_per_month) * ActiveMonths(mission);
    }
    if (total == 0) return;
    const int64_t target = kSoldHoursPerScale * kQuartersPerHour * scale_;
    for (MissionRow& mission : missions) {
      const int64_t quarters = static_cast<int64_t>(mission.planned_quarters_per_month) * target / total;
      mission.planned_quarters_per_month = static_cast<int>(std::max<int64_t>(quarters, kMinPlannedQuarters));
    }
  }

  static int64_t ActiveMonths(const MissionRow& mission) {
    const int first = std::max(MonthOf(mission.start), kFirstMonth);
    const int last = std::min(MonthOf(mission.end), kFinalMonth);
    return std::max(0, last - first + 1);
  }

  void PriceAndStaff(DemoRandom& rng, MissionRow& mission) {
    mission.monthly_fee = std::max(
        kFeeRounding,
        RoundTo(mission.planned_quarters_per_month * mission.hour_price / kQuartersPerHour, kFeeRounding));
    // Animations and implantations are sold at a fixed price: the monthly
    // price over the mission's months, whatever the invoicing (SPEC §6.2).
    if (mission.type == MissionType::kAnimation || mission.type == MissionType::kImplantation) {
      mission.fee = mission.monthly_fee * (MonthOf(mission.end) - MonthOf(mission.start) + 1);
    }

    // The team: a lead of the fitting role, and more people for big missions.
    const Day staffed_on = std::max(mission.start, FirstDay());
    const Role preferred = mission.type == MissionType::kProspection ? Role::kFieldRep : Role::kMerchandiser;
    const int team_size = std::clamp(
        mission.planned_quarters_per_month / (kHoursPerTeamMember * kQuartersPerHour) + rng.Between(0, 1), 1,
        kMaxTeam);
    for (int n = 0; n < team_size; ++n) {
      const int32_t member = PickFieldEmployee(rng, preferred, staffed_on);
      if (std::find(mission.team.begin(), mission.team.end(), member) == mission.team.end()) {
        mission.team.push_back(member);
      }
    }
    mission.coordinator = coordinators_[rng.Below(coordinators_.size())];
  }

  int32_t PickFieldEmployee(DemoRandom& rng, Role preferred, Day day) {
    constexpr int kTries = 20;
    for (int i = 0; i < kTries; ++i) {
      const int32_t candidate = field_staff_[rng.Below(field_staff_.size())];
      if (agency_.employees[static_cast<size_t>(candidate)].role == preferred && IsEmployed(candidate, day)) {
        return candidate;
      }
    }
    for (int i = 0; i < kTries; ++i) {
      const int32_t candidate = field_staff_[rng.Below(field_staff_.size())];
      if (IsEmployed(candidate, day)) return candidate;
    }
    return field_staff_[rng.Below(field_staff_.size())];
  }

  std::string MissionName(DemoRandom& rng, const MissionRow& mission) {
    const int year = CivilFromDay(mission.start).year;
    const Region& region = PickFrom(rng, Words().regions);
    const std::string_view town = PickFrom(rng, region.towns);
    switch (mission.type) {
      case MissionType::kMerchandising:
        // Some CRM names carry commas and quotes: the CSV must quote them.
        if (rng.Percent(kQuotedNamePercent)) {
          return fmt::format("Merchandising \"GMS\" {}, {}", region.name, year);
        }
        return fmt::format("Merchandising GMS {} {}", region.name, year);
      case MissionType::kProspection:
        if (rng.Percent(kChrMissionPercent)) return fmt::format("Prospection CHR {} {}", town, year);
        return fmt::format("Prospection GMS {} {}", region.name, year);
      case MissionType::kAnimation:
        if (mission.contract == kNoRef) {
          return mission.billed ? fmt::format("Animation salon {} {}", town, year)
                                : fmt::format("Animation test offerte {}", town);
        }
        return fmt::format("Animations dégustation, week-ends {} {}", town, year);
      case MissionType::kImplantation:
        return fmt::format("Implantation {} {}", PickFrom(rng, Words().product_launches), year);
    }
    return "Mission";
  }

  // --- the field work --------------------------------------------------------

  struct Piece {
    ActivityKind activity;
    int quarters;
  };

  void MakeWork() {
    for (size_t m = 0; m < agency_.missions.size(); ++m) {
      const MissionRow& mission = agency_.missions[m];
      const Day from = std::max(mission.start, FirstDay());
      const Day to = std::min(mission.end, LastDay());
      if (from > to) continue;
      DemoRandom level_rng = DemoRandom::For(seed_, {kLevelStream, m});
      int dn_tenths = level_rng.Between(kDnStartLow, kDnStartHigh);
      for (int month = MonthOf(from); month <= MonthOf(to); ++month) {
        DemoRandom rng = DemoRandom::For(seed_, {kWorkStream, m, static_cast<uint64_t>(month)});
        const Day first = std::max(MonthFirst(month), from);
        const Day last = std::min(MonthLast(month), to);
        MakeMissionMonth(rng, static_cast<int32_t>(m), month, first, last);
        if (mission.type == MissionType::kMerchandising) {
          dn_tenths = std::clamp(dn_tenths + level_rng.Between(kDnMonthlyLow, kDnMonthlyHigh), 1, kDnMax);
          const Day measured =
              std::min(last, MonthFirst(month) + kDnMeasureFirstDay + level_rng.Between(0, 7));
          if (measured >= first) {
            agency_.results.push_back(
                {measured, static_cast<int32_t>(m), Metric::kDn, int64_t{dn_tenths} * 10, kNoRef});
          }
        }
      }
    }
  }

  void MakeMissionMonth(DemoRandom& rng, int32_t m, int month, Day first, Day last) {
    const MissionRow& mission = agency_.missions[static_cast<size_t>(m)];
    const auto type = static_cast<size_t>(mission.type);
    const int months_in = month - MonthOf(mission.start);
    int per_mille = rng.Between(kNoiseLow, kNoiseHigh);
    if (mission.profile == Profile::kOverrun) per_mille = rng.Between(kOverrunLow, kOverrunHigh);
    if (mission.profile == Profile::kEroding) per_mille += kErodingGrowthPerMonth * months_in;
    const int64_t month_days = MonthLast(month) - MonthFirst(month) + 1;
    const int64_t target =
        ScalePerMille(mission.planned_quarters_per_month, per_mille) * (last - first + 1) / month_days;

    int64_t done = 0;
    Cents travel = 0;
    std::vector<Piece> pieces;
    // A day is booked while it brings the month closer to its hours.
    while (true) {
      pieces.clear();
      pieces.push_back({ActivityKind::kField, rng.Between(kFieldLow[type], kFieldHigh[type])});
      if (rng.Percent(kTravelPercent)) pieces.push_back({ActivityKind::kTravel, rng.Between(2, 8)});
      const int preparation =
          mission.type == MissionType::kAnimation ? kAnimationPreparationPercent : kPreparationPercent;
      if (rng.Percent(preparation)) pieces.push_back({ActivityKind::kPreparation, rng.Between(2, 4)});
      if (rng.Percent(kFollowupPercent)) pieces.push_back({ActivityKind::kFollowup, rng.Between(1, 4)});
      if (rng.Percent(kMissionReportingPercent)) {
        pieces.push_back({ActivityKind::kReporting, rng.Between(1, 2)});
      }
      if (rng.Percent(kOtherPercent)) pieces.push_back({ActivityKind::kOther, rng.Between(1, 4)});
      int total = 0;
      for (const Piece& piece : pieces) total += piece.quarters;
      if (done + total / 2 > target) break;

      int32_t employee = kNoRef;
      Day day = 0;
      if (!Place(rng, mission, first, last, total, employee, day)) break;  // the team is fully booked
      for (const Piece& piece : pieces) AddEntry(day, employee, m, piece.activity, piece.quarters);
      done += total;
      if (pieces.size() > 1 && pieces[1].activity == ActivityKind::kTravel) {
        travel += rng.Between(kTravelPerDayLow, kTravelPerDayHigh);
      }
      MakeVisits(rng, m, employee, day);
    }

    // The coordinator's follow-up and, now and then, the manager's.
    const int coordination_entries = std::min(
        kMaxCoordinationEntries, 1 + mission.planned_quarters_per_month / kQuartersPerCoordinationEntry);
    for (int n = 0; n < coordination_entries; ++n) {
      AddOfficeEntry(rng, mission.coordinator, m, ActivityKind::kCoordination,
                     rng.Between(kCoordinationLow, kCoordinationHigh), first, last);
    }
    if (rng.Percent(kManagerFollowupPercent)) {
      AddOfficeEntry(rng, managers_[rng.Below(managers_.size())], m, ActivityKind::kFollowup,
                     rng.Between(kCoordinationLow, kCoordinationHigh), first, last);
    }

    // The month's expenses and invoice.
    if (travel > 0) agency_.expenses.push_back({last, m, ExpenseKind::kTravel, travel});
    if (mission.type == MissionType::kAnimation && rng.Percent(kAnimationSubcontractPercent)) {
      agency_.expenses.push_back(
          {last, m, ExpenseKind::kSubcontracting,
           ScalePerMille(mission.monthly_fee,
                         rng.Between(kAnimationSubcontractLow, kAnimationSubcontractHigh))});
    }
    if (mission.type == MissionType::kImplantation && rng.Percent(kImplantationSubcontractPercent)) {
      agency_.expenses.push_back(
          {last, m, ExpenseKind::kSubcontracting,
           ScalePerMille(mission.monthly_fee,
                         rng.Between(kImplantationSubcontractLow, kImplantationSubcontractHigh))});
    }
    if (mission.type == MissionType::kMerchandising && rng.Percent(kPosMaterialPercent)) {
      agency_.expenses.push_back({first + rng.Between(0, last - first), m, ExpenseKind::kOther,
                                  rng.Between(kPosMaterialLow, kPosMaterialHigh)});
    }
    if (mission.billed && last == std::min(MonthLast(month), mission.end)) {
      agency_.invoices.push_back({"", last, mission.client, m, mission.monthly_fee});
    }
  }

  // Finds a day and a person for `quarters` of work on the mission: first in
  // its team, then anyone of the field staff (a stand-in). False when
  // nobody has room.
  bool Place(DemoRandom& rng, const MissionRow& mission, Day first, Day last, int quarters, int32_t& employee,
             Day& day) {
    const bool saturday_ok = mission.type == MissionType::kAnimation;
    for (int i = 0; i < kPlacementTries + kBackupPlacementTries; ++i) {
      if (i < kPlacementTries) {
        employee =
            rng.Percent(kLeadPercent) ? mission.team.front() : mission.team[rng.Below(mission.team.size())];
      } else {
        employee = field_staff_[rng.Below(field_staff_.size())];
      }
      day = first + rng.Between(0, last - first);
      if (CanWork(employee, day, saturday_ok) && HasRoom(employee, day, quarters)) return true;
    }
    // Busy months (holidays, a big launch): scan every day, for the team and
    // then for a sample of the field staff, before giving up.
    const int span = last - first + 1;
    const int offset = rng.Between(0, span - 1);
    const auto scan = [&](int32_t candidate) {
      for (int i = 0; i < span; ++i) {
        const Day candidate_day = first + (offset + i) % span;
        if (CanWork(candidate, candidate_day, saturday_ok) && HasRoom(candidate, candidate_day, quarters)) {
          employee = candidate;
          day = candidate_day;
          return true;
        }
      }
      return false;
    };
    for (const int32_t member : mission.team) {
      if (scan(member)) return true;
    }
    const size_t staff_offset = rng.Below(field_staff_.size());
    for (size_t n = 0; n < std::min(field_staff_.size(), kScanStaff); ++n) {
      if (scan(field_staff_[(staff_offset + n) % field_staff_.size()])) return true;
    }
    return false;
  }

  void AddEntry(Day day, int32_t employee, int32_t mission, ActivityKind activity, int quarters) {
    agency_.time_entries.push_back({day, employee, mission, activity, static_cast<uint8_t>(quarters)});
    load_[Slot(employee, day)] = static_cast<uint8_t>(load_[Slot(employee, day)] + quarters);
  }

  void AddOfficeEntry(DemoRandom& rng, int32_t employee, int32_t mission, ActivityKind activity, int quarters,
                      Day first, Day last) {
    constexpr int kTries = 8;
    for (int i = 0; i < kTries; ++i) {
      const Day day = first + rng.Between(0, last - first);
      if (CanWork(employee, day, false) && HasRoom(employee, day, quarters)) {
        AddEntry(day, employee, mission, activity, quarters);
        return;
      }
    }
  }

  void MakeVisits(DemoRandom& rng, int32_t m, int32_t employee, Day day) {
    const MissionRow& mission = agency_.missions[static_cast<size_t>(m)];
    const auto type = static_cast<size_t>(mission.type);
    const auto region = static_cast<size_t>(agency_.employees[static_cast<size_t>(employee)].region);
    const int count = rng.Between(kVisitsLow[type], kVisitsHigh[type]);
    for (int n = 0; n < count; ++n) {
      const bool chr = mission.type == MissionType::kProspection && rng.Percent(kChrProspectionPercent);
      const std::vector<int32_t>& pool =
          chr && !chr_by_region_[region].empty() ? chr_by_region_[region] : retail_by_region_[region];
      const int32_t store = pool[rng.Below(pool.size())];
      const ActionKind action = DrawAction(rng, mission.type);
      agency_.visits.push_back({day, employee, m, store, action});
      switch (action) {
        case ActionKind::kImplantation:
          if (rng.Percent(kImplantationResultPercent)) {
            agency_.results.push_back({day, m, Metric::kImplantations, kHundredths, store});
          }
          break;
        case ActionKind::kOrder:
          agency_.results.push_back({day, m, Metric::kOrders, rng.Between(kOrderLow, kOrderHigh), store});
          break;
        case ActionKind::kPromotion:
          if (mission.type == MissionType::kAnimation) {
            agency_.results.push_back(
                {day, m, Metric::kVolume, rng.Between(kVolumeLow, kVolumeHigh) * kHundredths, store});
          }
          break;
        case ActionKind::kAudit:
        case ActionKind::kMerchandising:
          if (action == ActionKind::kAudit || rng.Percent(kMerchandisingAuditPercent)) {
            const bool present = rng.Percent(kShelfPresentPercent);
            agency_.audits.push_back(
                {day, store, mission.client, present, present ? rng.Between(1, kMaxFacings) : 0});
          }
          break;
        default: break;
      }
    }
  }

  static ActionKind DrawAction(DemoRandom& rng, MissionType type) {
    // Weights in ActionKind order: implantation, negotiation, promotion,
    // merchandising, audit, order, other.
    static constexpr std::array<std::array<int, 7>, 4> kWeights{{
        {0, 0, 15, 60, 20, 0, 5},  // merchandising
        {0, 50, 0, 0, 0, 35, 15},  // prospection
        {0, 0, 90, 0, 0, 0, 10},   // animation
        {60, 25, 0, 15, 0, 0, 0},  // implantation
    }};
    return static_cast<ActionKind>(rng.Weighted(kWeights[static_cast<size_t>(type)]));
  }

  // --- internal time and overhead --------------------------------------------

  // Reporting, team meetings, management: the time nobody bills.
  void MakeInternalTime() {
    for (size_t e = 0; e < agency_.employees.size(); ++e) {
      const auto employee = static_cast<int32_t>(e);
      const Role role = agency_.employees[e].role;
      DemoRandom rng = DemoRandom::For(seed_, {kInternalStream, e});
      for (Day day = FirstDay(); day <= LastDay(); ++day) {
        if (!CanWork(employee, day, false)) continue;
        const int weekday = Weekday(day);
        const int day_of_month = CivilFromDay(day).day;
        const auto internal = [&](ActivityKind activity, int quarters) {
          if (HasRoom(employee, day, quarters)) AddEntry(day, employee, kNoRef, activity, quarters);
        };
        switch (role) {
          case Role::kFieldRep:
          case Role::kMerchandiser:
            if (weekday == 0 && day_of_month <= kDaysPerWeek) {
              internal(ActivityKind::kCoordination, rng.Between(6, 10));
            }
            if (weekday == kFriday && rng.Percent(kWeeklyReportingPercent)) {
              internal(ActivityKind::kReporting, rng.Between(2, 6));
            }
            if (load_[Slot(employee, day)] == 0 && rng.Percent(kIdleDayInternalPercent)) {
              internal(ActivityKind::kOther, rng.Between(4, 16));  // training, admin, stock of POS material
            }
            break;
          case Role::kCoordinator:
            if (rng.Percent(kCoordinatorInternalPercent)) {
              internal(ActivityKind::kCoordination, rng.Between(8, 16));
            }
            if (weekday == kFriday) internal(ActivityKind::kReporting, rng.Between(4, 8));
            break;
          case Role::kManager:
            if (rng.Percent(kManagerManagementPercent)) {
              internal(ActivityKind::kManagement, rng.Between(12, 20));
            }
            if (weekday == kFriday) internal(ActivityKind::kReporting, rng.Between(4, 12));
            break;
        }
      }
    }
  }

  // Tools for everyone each month, training each quarter, a yearly seminar.
  void MakeOverheadExpenses() {
    const auto headcount = static_cast<Cents>(agency_.employees.size());
    constexpr int kLicenceDay = 5;
    constexpr int kPhoneDay = 10;
    constexpr int kSeminarMonth = 9;
    for (int month = kFirstMonth; month <= kFinalMonth; ++month) {
      DemoRandom rng = DemoRandom::For(seed_, {kOverheadStream, static_cast<uint64_t>(month)});
      const Day first = MonthFirst(month);
      agency_.expenses.push_back(
          {first + kLicenceDay - 1, kNoRef, ExpenseKind::kTools, headcount * kLicencePerEmployee});
      agency_.expenses.push_back(
          {first + kPhoneDay - 1, kNoRef, ExpenseKind::kTools, headcount * kPhonePerEmployee});
      const int month_of_year = month % 12 + 1;
      if (month_of_year % 3 == 2) {
        agency_.expenses.push_back({first + rng.Between(0, 27), kNoRef, ExpenseKind::kOther,
                                    scale_ * rng.Between(kTrainingLow, kTrainingHigh)});
      }
      if (month_of_year == kSeminarMonth) {
        agency_.expenses.push_back({first + rng.Between(0, 27), kNoRef, ExpenseKind::kTravel,
                                    scale_ * rng.Between(kSeminarLow, kSeminarHigh)});
      }
    }
  }

  // --- invoices --------------------------------------------------------------

  // Invoices to a brand rather than to a mission: a set-up fee when a new
  // brand signs, and a year-end bonus on results for some.
  void MakeBrandInvoices() {
    std::vector<Day> first_start(agency_.clients.size(), LastDay() + 1);
    for (const ContractRow& contract : agency_.contracts) {
      Day& first = first_start[static_cast<size_t>(contract.client)];
      first = std::min(first, contract.start);
    }
    for (size_t c = 0; c < agency_.clients.size(); ++c) {
      DemoRandom rng = DemoRandom::For(seed_, {kInvoiceStream, c});
      const auto client = static_cast<int32_t>(c);
      if (first_start[c] >= FirstDay() && first_start[c] <= LastDay()) {
        agency_.invoices.push_back({"", first_start[c], client, kNoRef,
                                    RoundTo(rng.Between(kSetupFeeLow, kSetupFeeHigh), kFeeRounding)});
      }
      for (int year = kFirstYear; year < kLastYear; ++year) {
        const Day year_end = DayFromCivil(year, 12, 31);
        if (ActiveOn(client, year_end) && rng.Percent(kYearEndBonusPercent)) {
          agency_.invoices.push_back(
              {"", year_end, client, kNoRef,
               RoundTo(rng.Between(kYearEndBonusLow, kYearEndBonusHigh), kFeeRounding)});
        }
      }
    }
  }

  bool ActiveOn(int32_t client, Day day) const {
    return std::any_of(agency_.contracts.begin(), agency_.contracts.end(), [&](const ContractRow& k) {
      return k.client == client && k.start <= day && day <= k.end;
    });
  }

  // Credit notes (avoirs) on some mission invoices, then numbering: F2025-00042
  // for invoices and AV2025-0007 for credit notes, in date order per year.
  void FinishInvoices() {
    const size_t invoice_count = agency_.invoices.size();
    for (size_t i = 0; i < invoice_count; ++i) {
      DemoRandom rng = DemoRandom::For(seed_, {kCreditNoteStream, i});
      const InvoiceRow invoice = agency_.invoices[i];
      if (invoice.mission == kNoRef || !rng.PerMille(kCreditNotePerMille)) continue;
      const Day date = invoice.date + rng.Between(kCreditNoteMinDays, kCreditNoteMaxDays);
      if (date > LastDay()) continue;
      const Cents amount = invoice.amount * rng.Between(kCreditNoteMinPercent, 100) / 100;
      agency_.invoices.push_back({"", date, invoice.client, invoice.mission, -std::max<Cents>(amount, 1)});
    }
    std::stable_sort(agency_.invoices.begin(), agency_.invoices.end(),
                     [](const InvoiceRow& a, const InvoiceRow& b) {
                       if (a.date != b.date) return a.date < b.date;
                       if (a.client != b.client) return a.client < b.client;
                       return a.mission < b.mission;
                     });
    std::array<int, kLastYear - kFirstYear + 1> invoice_numbers{};
    std::array<int, kLastYear - kFirstYear + 1> credit_numbers{};
    for (InvoiceRow& invoice : agency_.invoices) {
      const int year = CivilFromDay(invoice.date).year;
      const auto slot = static_cast<size_t>(year - kFirstYear);
      invoice.id = invoice.amount < 0 ? fmt::format("AV{}-{:04}", year, ++credit_numbers[slot])
                                      : fmt::format("F{}-{:05}", year, ++invoice_numbers[slot]);
    }
  }

  // --- ordering --------------------------------------------------------------

  // Exports list facts by date, then by person: stable sorts keep the
  // generation order within a day, so the output stays deterministic.
  void SortFacts() {
    std::stable_sort(agency_.time_entries.begin(), agency_.time_entries.end(),
                     [](const TimeEntryRow& a, const TimeEntryRow& b) {
                       return a.date != b.date ? a.date < b.date : a.employee < b.employee;
                     });
    std::stable_sort(agency_.visits.begin(), agency_.visits.end(), [](const VisitRow& a, const VisitRow& b) {
      return a.date != b.date ? a.date < b.date : a.employee < b.employee;
    });
    std::stable_sort(agency_.expenses.begin(), agency_.expenses.end(),
                     [](const ExpenseRow& a, const ExpenseRow& b) { return a.date < b.date; });
    std::stable_sort(agency_.results.begin(), agency_.results.end(),
                     [](const ResultRow& a, const ResultRow& b) { return a.date < b.date; });
    std::stable_sort(agency_.audits.begin(), agency_.audits.end(),
                     [](const AuditRow& a, const AuditRow& b) { return a.date < b.date; });
  }

  // --- objectives ------------------------------------------------------------

  struct Window {
    Day start;
    Day end;
  };

  // Each mission gets an objective per half-year (or, for some running
  // ones, for the whole of 2026), set against what its team actually does so
  // that some are met, some missed and some behind.
  void MakeObjectives() {
    std::vector<std::vector<size_t>> results_of(agency_.missions.size());
    for (size_t r = 0; r < agency_.results.size(); ++r) {
      results_of[static_cast<size_t>(agency_.results[r].mission)].push_back(r);
    }
    const Day horizon = DayFromCivil(kObjectiveHorizonYear, 12, 31);
    const Day demo_half = DayFromCivil(kLastYear, 1, 1);
    for (size_t m = 0; m < agency_.missions.size(); ++m) {
      const MissionRow& mission = agency_.missions[m];
      DemoRandom rng = DemoRandom::For(seed_, {kObjectiveStream, m});
      const Metric metric = MetricOf(mission.type);
      const Day from = std::max(mission.start, FirstDay());
      const Day to = std::min(mission.end, horizon);
      if (from > to) continue;
      const bool yearly = metric != Metric::kDn && mission.end > LastDay() && mission.start <= demo_half &&
                          rng.Percent(kYearlyObjectivePercent);
      std::vector<Window> windows;
      const bool whole_mission =
          mission.type == MissionType::kImplantation || mission.type == MissionType::kAnimation;
      if (whole_mission) windows.push_back({from, to});  // a launch or an event: one target for all of it
      for (int month = MonthOf(from); !whole_mission && month <= MonthOf(to); month += 6) {
        const int half_first = month - month % 6;
        if (yearly && MonthFirst(half_first) >= demo_half) {
          windows.push_back({std::max(from, demo_half), to});
          break;
        }
        windows.push_back({std::max(from, MonthFirst(half_first)), std::min(to, MonthLast(half_first + 5))});
        month = half_first;
      }
      int64_t per_day_rate_num = 0;  // hundredths per day seen so far (for future windows)
      int64_t per_day_rate_den = 0;
      int64_t last_level = 0;
      for (const Window& window : windows) {
        const int64_t target = ObjectiveTarget(rng, metric, window, results_of[m], per_day_rate_num,
                                               per_day_rate_den, last_level);
        ObjectiveRow objective;
        objective.id = NumberedId('O', static_cast<int64_t>(agency_.objectives.size()) + 1, 5);
        objective.mission = static_cast<int32_t>(m);
        objective.metric = metric;
        objective.target_hundredths = target;
        objective.start = window.start;
        objective.end = window.end;
        agency_.objectives.push_back(std::move(objective));
      }
    }
  }

  static Metric MetricOf(MissionType type) {
    switch (type) {
      case MissionType::kMerchandising: return Metric::kDn;
      case MissionType::kProspection: return Metric::kOrders;
      case MissionType::kAnimation: return Metric::kVolume;
      case MissionType::kImplantation: return Metric::kImplantations;
    }
    return Metric::kOrders;
  }

  int64_t ObjectiveTarget(DemoRandom& rng, Metric metric, const Window& window,
                          const std::vector<size_t>& results, int64_t& rate_num, int64_t& rate_den,
                          int64_t& last_level) const {
    const Day seen_to = std::min(window.end, LastDay());
    int64_t achieved = 0;
    for (const size_t r : results) {
      const ResultRow& result = agency_.results[r];
      if (result.metric != metric || result.date < window.start || result.date > seen_to) continue;
      achieved = metric == Metric::kDn ? result.value_hundredths : achieved + result.value_hundredths;
    }
    if (metric == Metric::kDn) {
      // A level: aim a little above (or below) where the shelf stands.
      if (achieved > 0) last_level = achieved;
      const int64_t base = last_level > 0 ? last_level : 50 * kHundredths;
      const int64_t percent =
          ScalePerMille(base, rng.Between(kLevelTargetLow, kLevelTargetHigh)) / kHundredths;
      return std::clamp<int64_t>(percent, 1, 100) * kHundredths;
    }
    const int64_t days = window.end - window.start + 1;
    int64_t expected = 0;
    if (window.start > LastDay()) {
      expected = rate_den > 0 ? rate_num * days / rate_den
                              : kDefaultMonthlyTarget[static_cast<size_t>(metric)] * days / kAverageMonthDays;
      expected = ScalePerMille(expected, rng.Between(kOngoingTargetLow, kOngoingTargetHigh));
    } else {
      const int64_t elapsed = seen_to - window.start + 1;
      rate_num = achieved;
      rate_den = elapsed;
      expected =
          window.end <= LastDay()
              ? ScalePerMille(achieved, rng.Between(kFinishedTargetLow, kFinishedTargetHigh))
              : ScalePerMille(achieved * days / elapsed, rng.Between(kOngoingTargetLow, kOngoingTargetHigh));
    }
    // Round as a manager would: whole implantations, hundreds of euros, tens of units.
    const int64_t step = metric == Metric::kOrders   ? 100 * kHundredths
                         : metric == Metric::kVolume ? 10 * kHundredths
                                                     : kHundredths;
    return std::max(step, RoundTo(expected, step));
  }

  uint64_t seed_;
  int scale_;
  DemoAgency agency_;
  std::vector<bool> is_holiday_;
  std::vector<Showcase> showcase_;
  std::vector<int32_t> field_staff_;
  std::vector<int32_t> coordinators_;
  std::vector<int32_t> managers_;
  std::vector<std::vector<int32_t>> retail_by_region_;
  std::vector<std::vector<int32_t>> chr_by_region_;
  std::vector<uint8_t> availability_;  // employee × day: kOff, kWeekday, kSaturdayOnly
  std::vector<uint8_t> load_;          // employee × day: quarter hours booked
};

}  // namespace

Day DemoFirstDay() {
  return FirstDay();
}
Day DemoLastDay() {
  return LastDay();
}

DemoAgency BuildDemoAgency(const DemoOptions& options) {
  return Builder(options).Build();
}

}  // namespace agencykpi::demo
