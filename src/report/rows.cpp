#include "report/rows.h"

#include "report/page_rows.h"
#include "report/price_rows.h"

#include <array>

#include <fmt/format.h>

namespace agencykpi {
namespace {

// The SPEC names of an enum, by ordinal, from its *Name() function.
template <typename Enum, size_t kCount>
std::array<std::string_view, kCount> NamesOf(std::string_view (*name)(Enum)) {
  std::array<std::string_view, kCount> names;
  for (size_t i = 0; i < kCount; ++i) names[i] = name(static_cast<Enum>(i));
  return names;
}

const auto kRecurrenceStatusNames =
    NamesOf<RecurrenceStatus, kRecurrenceStatusCount>(RecurrenceStatusName);
const auto kParetoClassNames = NamesOf<ParetoClass, kParetoClassCount>(ParetoClassName);
const auto kMarginFlagNames = NamesOf<MarginFlag, kMarginFlagCount>(MarginFlagName);
const auto kObjectiveStatusNames =
    NamesOf<ObjectiveStatus, kObjectiveStatusCount>(ObjectiveStatusName);
const auto kObjectiveAggregationNames = NamesOf<Aggregation, kAggregationNames.size()>(AggregationName);
const auto kRenewalSignalNames = NamesOf<RenewalSignal, kRenewalSignalCount>(RenewalSignalName);
const auto kRenewalLevelNames = NamesOf<RenewalLevel, kRenewalLevelCount>(RenewalLevelName);

const NameSet kRecurrenceStatusSet{
    "RecurrenceStatus", kRecurrenceStatusNames, {},
    [](size_t i, Language l) { return RecurrenceStatusWord(static_cast<RecurrenceStatus>(i), l); },
    [](size_t i) { return RecurrenceStatusTone(static_cast<RecurrenceStatus>(i)); }};
const NameSet kParetoClassSet{"ParetoClass", kParetoClassNames};
const NameSet kMarginFlagSet{
    "MarginFlag", kMarginFlagNames, {},
    [](size_t i, Language l) { return MarginFlagWord(static_cast<MarginFlag>(i), l); },
    [](size_t i) { return MarginFlagTone(static_cast<MarginFlag>(i)); }};
const NameSet kObjectiveStatusSet{
    "ObjectiveStatus", kObjectiveStatusNames, {},
    [](size_t i, Language l) { return ObjectiveStatusWord(static_cast<ObjectiveStatus>(i), l); },
    [](size_t i) { return ObjectiveStatusTone(static_cast<ObjectiveStatus>(i)); }};
const NameSet kAggregationSet{"Aggregation", kObjectiveAggregationNames};
const NameSet kRenewalSignalSet{
    "RenewalSignal", kRenewalSignalNames, {},
    [](size_t i, Language l) { return RenewalSignalWord(static_cast<RenewalSignal>(i), l); },
    [](size_t i) { return RenewalSignalTone(static_cast<RenewalSignal>(i)); }};
const NameSet kRenewalLevelSet{
    "RenewalLevel", kRenewalLevelNames, {},
    [](size_t i, Language l) { return RenewalLevelWord(static_cast<RenewalLevel>(i), l); },
    [](size_t i) { return RenewalLevelTone(static_cast<RenewalLevel>(i)); }};
const NameSet kActivitySet{"Activity", kActivityNames, "ACTIVITIES"};
const NameSet kExpenseCategorySet{"ExpenseCategory", kExpenseCategoryNames, "EXPENSE_CATEGORIES"};


using field::AmountsOf;
using field::Integer;
using field::NullableInteger;
using field::NullableText;
using field::RatioOf;
using field::RenewalTypeOf;
using field::Text;

template <typename Enum>
FieldValue Ordinal(Enum item) {
  return Integer(static_cast<int64_t>(item));
}

FieldValue QuantityOf(const std::optional<Micros>& micros) {
  FieldValue value;
  value.is_null = !micros;
  value.integer = micros.value_or(0);
  return value;
}

FieldValue TextsOf(const std::vector<std::string_view>& texts) {
  FieldValue value;
  value.texts = texts;
  return value;
}

template <typename Enum, size_t kCapacity>
FieldValue FlagsOf(const EnumList<Enum, kCapacity>& list) {
  FieldValue value;
  value.flags = list.ordinals();
  return value;
}


FieldValue Bool(bool flag) { return Integer(flag ? 1 : 0); }

const NameSet kVisitActionSet{"VisitAction", kVisitActionNames, "VISIT_ACTIONS"};
// A contract renewed spontaneously or when solicited reads as the client's
// recurrence status of the same name (the two enums share these ordinals).
const NameSet kRenewalTypeSet{
    "RenewalType", kRenewalTypeNames, {},
    [](size_t i, Language l) { return RecurrenceStatusWord(static_cast<RecurrenceStatus>(i), l); }};

// Every name set, in the order the TypeScript declares them.
const std::array<const NameSet*, 11> kNameSets = {
    &kRecurrenceStatusSet, &kParetoClassSet,  &kActivitySet,     &kExpenseCategorySet,
    &kMarginFlagSet,       &kObjectiveStatusSet, &kAggregationSet, &kVisitActionSet,
    &kRenewalTypeSet,      &kRenewalSignalSet, &kRenewalLevelSet};

using K = FieldKind;

const RowField<RecurrenceClient> kRecurrenceClientFields[] = {
    {"client_id", K::kId, [](const RecurrenceClient& c) { return Text(c.client_id); }, nullptr,
     {"Client", "Client"}},
    {"name", K::kText, [](const RecurrenceClient& c) { return Text(c.name); }, nullptr,
     {"Nom", "Name"}},
    {"status", K::kEnum, [](const RecurrenceClient& c) { return Ordinal(c.status); },
     &kRecurrenceStatusSet, {"Statut", "Status"}},
    {"ending_contracts", K::kIdList,
     [](const RecurrenceClient& c) { return TextsOf(c.ending_contracts); }, nullptr,
     {"Contrats échus", "Ending contracts"}},
    {"revenue", K::kMoney, [](const RecurrenceClient& c) { return Integer(c.revenue); }, nullptr,
     {"CA de la période", "Revenue in the period"}},
};

const RowField<RevenueClient> kRevenueClientFields[] = {
    {"client_id", K::kId, [](const RevenueClient& c) { return Text(c.client_id); }, nullptr,
     {"Client", "Client"}},
    {"name", K::kText, [](const RevenueClient& c) { return Text(c.name); }, nullptr,
     {"Nom", "Name"}},
    {.key = "sector",
     .kind = K::kText,
     .read = [](const RevenueClient& c) { return NullableText(c.sector); },
     .nullable = true,
     .words = {"Secteur", "Sector"}},
    {"revenue", K::kMoney, [](const RevenueClient& c) { return Integer(c.revenue); }, nullptr,
     {"CA", "Revenue"}},
    {"share", K::kRatio, [](const RevenueClient& c) { return RatioOf(c.share); }, nullptr,
     {"Part", "Share"}},
    {.key = "index_vs_average",
     .kind = K::kRatio,
     .read = [](const RevenueClient& c) { return RatioOf(c.index_vs_average); },
     .decimals = 2,
     .words = {"Indice / moyenne", "Index vs average"}},
    {"cumulative_share", K::kRatio,
     [](const RevenueClient& c) { return RatioOf(c.cumulative_share); }, nullptr,
     {"Part cumulée", "Cumulative"}},
    {"pareto_class", K::kEnum, [](const RevenueClient& c) { return Ordinal(c.pareto_class); },
     &kParetoClassSet, {"Classe", "Class"}},
    {"hours", K::kHours, [](const RevenueClient& c) { return Integer(c.hours); }, nullptr,
     {"Heures", "Hours"}},
    {"visits", K::kCount, [](const RevenueClient& c) { return Integer(c.visits); }, nullptr,
     {"Visites", "Visits"}},
    {.key = "labor_cost",
     .kind = K::kMoney,
     .read = [](const RevenueClient& c) { return Integer(c.labor_cost); },
     .words = {"Coût main-d’œuvre", "Labour cost"}},
    {.key = "expenses",
     .kind = K::kMoney,
     .read = [](const RevenueClient& c) { return Integer(c.expenses); },
     .words = {"Frais", "Expenses"}},
    {.key = "overhead",
     .kind = K::kMoney,
     .read = [](const RevenueClient& c) { return Integer(c.overhead); },
     .words = {"Frais généraux", "Overhead"}},
    {"full_cost", K::kMoney, [](const RevenueClient& c) { return Integer(c.full_cost); }, nullptr,
     {"Coût complet", "Full cost"}},
    {"margin", K::kMoney, [](const RevenueClient& c) { return Integer(c.margin); }, nullptr,
     {"Marge", "Margin"}},
    {"roi", K::kRatio, [](const RevenueClient& c) { return RatioOf(c.roi); }, nullptr,
     {"ROI", "ROI"}},
    {.key = "revenue_per_hour",
     .kind = K::kRatio,
     .read = [](const RevenueClient& c) { return RatioOf(c.revenue_per_hour); },
     .decimals = 2,
     .words = {"CA par heure", "Revenue per hour"}},
    {.key = "avg_complexity",
     .kind = K::kRatio,
     .read = [](const RevenueClient& c) { return RatioOf(c.avg_complexity); },
     .decimals = 1,
     .words = {"Complexité moyenne", "Average complexity"}},
};

const RowField<MissionMargin> kMissionMarginFields[] = {
    {"mission_id", K::kId, [](const MissionMargin& m) { return Text(m.mission_id); }, nullptr,
     {"Prestation", "Mission"}},
    {"client_id", K::kId, [](const MissionMargin& m) { return Text(m.client_id); }, nullptr,
     {"Client", "Client"}},
    {.key = "client_name",
     .kind = K::kText,
     .read = [](const MissionMargin& m) { return Text(m.client_name); },
     .words = {"Nom du client", "Client name"}},
    {"name", K::kText, [](const MissionMargin& m) { return Text(m.name); }, nullptr,
     {"Nom", "Name"}},
    {.key = "type",
     .kind = K::kText,
     .read = [](const MissionMargin& m) { return NullableText(m.type); },
     .nullable = true,
     .words = {"Type", "Type"}},
    {"revenue", K::kMoney, [](const MissionMargin& m) { return Integer(m.revenue); }, nullptr,
     {"CA", "Revenue"}},
    {"hours", K::kHours, [](const MissionMargin& m) { return Integer(m.hours); }, nullptr,
     {"Heures", "Hours"}},
    {.key = "labor_cost",
     .kind = K::kMoney,
     .read = [](const MissionMargin& m) { return Integer(m.labor_cost); },
     .words = {"Coût main-d’œuvre", "Labour cost"}},
    {.key = "expenses",
     .kind = K::kMoney,
     .read = [](const MissionMargin& m) { return Integer(m.expenses); },
     .words = {"Frais", "Expenses"}},
    {.key = "direct_cost",
     .kind = K::kMoney,
     .read = [](const MissionMargin& m) { return Integer(m.direct_cost); },
     .words = {"Coût direct", "Direct cost"}},
    {"direct_margin", K::kMoney, [](const MissionMargin& m) { return Integer(m.direct_margin); },
     nullptr, {"Marge directe", "Direct margin"}},
    {.key = "direct_margin_rate",
     .kind = K::kRatio,
     .read = [](const MissionMargin& m) { return RatioOf(m.direct_margin_rate); },
     .words = {"Taux de marge directe", "Direct margin rate"}},
    {"overhead", K::kMoney, [](const MissionMargin& m) { return Integer(m.overhead); }, nullptr,
     {"Structure", "Overhead"}},
    {.key = "full_cost",
     .kind = K::kMoney,
     .read = [](const MissionMargin& m) { return Integer(m.full_cost); },
     .words = {"Coût complet", "Full cost"}},
    {"full_margin", K::kMoney, [](const MissionMargin& m) { return Integer(m.full_margin); },
     nullptr, {"Marge complète", "Full margin"}},
    {"full_margin_rate", K::kRatio,
     [](const MissionMargin& m) { return RatioOf(m.full_margin_rate); }, nullptr,
     {"Taux", "Rate"}},
    {.key = "previous_full_margin_rate",
     .kind = K::kRatio,
     .read = [](const MissionMargin& m) { return RatioOf(m.previous_full_margin_rate); },
     .words = {"Taux de marge complet précédent", "Previous full margin rate"}},
    {"margin_rate_change", K::kRatio,
     [](const MissionMargin& m) { return RatioOf(m.margin_rate_change); }, nullptr,
     {"Évolution", "Change"}, /*never_null=*/false, /*as_points=*/true},
    {.key = "cost_by_activity",
     .kind = K::kObject,
     .read = [](const MissionMargin& m) { return AmountsOf(m.cost_by_activity); },
     .names = &kActivitySet,
     .csv_prefix = "cost_",
     .words = {"Coût", "Cost"}},
    {.key = "expenses_by_category",
     .kind = K::kObject,
     .read = [](const MissionMargin& m) { return AmountsOf(m.expenses_by_category); },
     .names = &kExpenseCategorySet,
     .csv_prefix = "expenses_",
     .words = {"Frais", "Expenses"}},
    {"flags", K::kFlags, [](const MissionMargin& m) { return FlagsOf(m.flags); }, &kMarginFlagSet,
     {"Alertes", "Flags"}},
    {.key = "fee",
     .kind = K::kMoney,
     .read = [](const MissionMargin& m) { return NullableInteger(m.fee); },
     .nullable = true,
     .words = {"Forfait", "Fixed fee"}},
    {.key = "earned_revenue",
     .kind = K::kMoney,
     .read = [](const MissionMargin& m) { return Integer(m.earned_revenue); },
     .words = {"CA acquis", "Earned revenue"}},
    {.key = "billing_gap",
     .kind = K::kMoney,
     .read = [](const MissionMargin& m) { return Integer(m.billing_gap); },
     .words = {"Écart de facturation", "Billing gap"}},
    {.key = "earned_full_margin",
     .kind = K::kMoney,
     .read = [](const MissionMargin& m) { return Integer(m.earned_full_margin); },
     .words = {"Marge complète acquise", "Earned full margin"}},
    {.key = "earned_full_margin_rate",
     .kind = K::kRatio,
     .read = [](const MissionMargin& m) { return RatioOf(m.earned_full_margin_rate); },
     .words = {"Taux de marge complet acquis", "Earned full margin rate"}},
};

const RowField<WorkloadEmployee> kWorkloadEmployeeFields[] = {
    {"employee_id", K::kId, [](const WorkloadEmployee& e) { return Text(e.employee_id); }, nullptr,
     {"Collaborateur", "Employee"}},
    {"name", K::kText, [](const WorkloadEmployee& e) { return Text(e.name); }, nullptr, {"Nom", "Name"}},
    {"role", K::kText, [](const WorkloadEmployee& e) { return NullableText(e.role); }, nullptr,
     {"Fonction", "Role"}, false, false, {}, true},
    {"hours", K::kHours, [](const WorkloadEmployee& e) { return Integer(e.hours); }, nullptr,
     {"Heures", "Hours"}},
    {.key = "mission_hours",
     .kind = K::kHours,
     .read = [](const WorkloadEmployee& e) { return Integer(e.mission_hours); },
     .words = {"Heures sur prestations", "Mission hours"}},
    {"internal_hours", K::kHours, [](const WorkloadEmployee& e) { return Integer(e.internal_hours); },
     nullptr, {"Internes", "Internal"}},
    {"billable_share", K::kRatio, [](const WorkloadEmployee& e) { return RatioOf(e.billable_share); },
     nullptr, {"Part facturable", "Billable"}},
    {.key = "hours_by_activity",
     .kind = K::kHoursObject,
     .read = [](const WorkloadEmployee& e) { return AmountsOf(e.hours_by_activity); },
     .names = &kActivitySet,
     .csv_prefix = "hours_",
     .words = {"Heures", "Hours"}},
    {"labor_cost", K::kMoney, [](const WorkloadEmployee& e) { return Integer(e.labor_cost); }, nullptr,
     {"Coût", "Labour cost"}},
    {"visits", K::kCount, [](const WorkloadEmployee& e) { return Integer(e.visits); }, nullptr,
     {"Visites", "Visits"}},
    {"missions", K::kCount, [](const WorkloadEmployee& e) { return Integer(e.missions); }, nullptr,
     {"Prestations", "Missions"}},
    {"capacity_hours", K::kHours,
     [](const WorkloadEmployee& e) { return NullableInteger(e.capacity_hours); }, nullptr,
     {"Capacité", "Capacity"}, false, false, {}, true},
    {"occupancy", K::kRatio, [](const WorkloadEmployee& e) { return RatioOf(e.occupancy); }, nullptr,
     {"Occupation", "Occupancy"}},
};

const RowField<RenewalContract> kRenewalContractFields[] = {
    {"contract_id", K::kId, [](const RenewalContract& c) { return Text(c.contract_id); }, nullptr,
     {"Contrat", "Contract"}},
    {"client_id", K::kId, [](const RenewalContract& c) { return Text(c.client_id); }, nullptr,
     {"Client", "Client"}},
    {"name", K::kText, [](const RenewalContract& c) { return Text(c.name); }, nullptr, {"Nom", "Name"}},
    {"end_date", K::kDate, [](const RenewalContract& c) { return Integer(c.end_date); }, nullptr,
     {"Fin", "End"}},
    {"days_left", K::kCount, [](const RenewalContract& c) { return Integer(c.days_left); }, nullptr,
     {"Jours restants", "Days left"}},
    {"signals", K::kFlags, [](const RenewalContract& c) { return FlagsOf(c.signals); }, &kRenewalSignalSet,
     {"Signaux", "Signals"}},
    {"risk", K::kCount, [](const RenewalContract& c) { return Integer(c.risk); }, nullptr,
     {"Risque", "Risk"}},
    {"level", K::kEnum, [](const RenewalContract& c) { return Ordinal(c.level); }, &kRenewalLevelSet,
     {"Niveau", "Level"}},
};

const RowField<ObjectiveItem> kObjectiveItemFields[] = {
    {"objective_id", K::kId, [](const ObjectiveItem& o) { return Text(o.objective_id); }, nullptr,
     {"Objectif", "Objective"}},
    {"mission_id", K::kId, [](const ObjectiveItem& o) { return Text(o.mission_id); }, nullptr,
     {"Prestation", "Mission"}},
    {.key = "mission_name",
     .kind = K::kText,
     .read = [](const ObjectiveItem& o) { return Text(o.mission_name); },
     .words = {"Nom de la prestation", "Mission name"}},
    {"client_id", K::kId, [](const ObjectiveItem& o) { return Text(o.client_id); }, nullptr,
     {"Client", "Client"}},
    {.key = "client_name",
     .kind = K::kText,
     .read = [](const ObjectiveItem& o) { return Text(o.client_name); },
     .words = {"Nom du client", "Client name"}},
    {"metric", K::kText, [](const ObjectiveItem& o) { return Text(o.metric); }, nullptr,
     {"Indicateur", "Metric"}},
    {.key = "aggregation",
     .kind = K::kEnum,
     .read = [](const ObjectiveItem& o) { return Ordinal(o.aggregation); },
     .names = &kAggregationSet,
     .words = {"Agrégation", "Aggregation"}},
    {"target", K::kQuantity, [](const ObjectiveItem& o) { return QuantityOf(o.target); }, nullptr,
     {"Cible", "Target"}, /*never_null=*/true},
    {"achieved", K::kQuantity, [](const ObjectiveItem& o) { return QuantityOf(o.achieved); },
     nullptr, {"Réalisé", "Achieved"}},
    {"attainment", K::kRatio, [](const ObjectiveItem& o) { return RatioOf(o.attainment); },
     nullptr, {"Atteinte", "Attainment"}},
    {"elapsed", K::kRatio, [](const ObjectiveItem& o) { return RatioOf(o.elapsed); }, nullptr,
     {"Temps écoulé", "Elapsed"}, /*never_null=*/true},
    {"projected_attainment", K::kRatio,
     [](const ObjectiveItem& o) { return RatioOf(o.projected_attainment); }, nullptr,
     {"Projection", "Projected"}},
    {"status", K::kEnum, [](const ObjectiveItem& o) { return Ordinal(o.status); },
     &kObjectiveStatusSet, {"Statut", "Status"}},
};

const RowField<ReviewDnMonth> kReviewDnMonthFields[] = {
    {"month", K::kText, [](const ReviewDnMonth& m) { return Text(m.label); }, nullptr,
     {"Mois", "Month"}},
    {"stores", K::kCount, [](const ReviewDnMonth& m) { return Integer(m.stores); }, nullptr,
     {"Magasins audités", "Stores audited"}},
    {"present", K::kCount, [](const ReviewDnMonth& m) { return Integer(m.present); }, nullptr,
     {"Présente", "Present"}},
    {"dn", K::kRatio, [](const ReviewDnMonth& m) { return RatioOf(m.dn); }, nullptr,
     {"DN", "DN"}},
};

const RowField<ReviewSalesMonth> kReviewSalesMonthFields[] = {
    {"month", K::kText, [](const ReviewSalesMonth& m) { return Text(m.label); }, nullptr,
     {"Mois", "Month"}},
    {"sales", K::kMoney, [](const ReviewSalesMonth& m) { return Integer(m.sales); }, nullptr,
     {"Ventes", "Sales"}},
};

const RowField<ReviewChain> kReviewChainFields[] = {
    {"chain", K::kText,
     [](const ReviewChain& c) { return c.chain ? Text(*c.chain) : NullableText({}); }, nullptr,
     {"Enseigne", "Chain"}, false, false, {}, true},
    {"stores", K::kCount, [](const ReviewChain& c) { return Integer(c.stores); }, nullptr,
     {"Magasins audités", "Stores audited"}},
    {"present", K::kCount, [](const ReviewChain& c) { return Integer(c.present); }, nullptr,
     {"Présente", "Present"}},
    {"dn", K::kRatio, [](const ReviewChain& c) { return RatioOf(c.dn); }, nullptr,
     {"DN", "DN"}},
    {"dn_previous", K::kRatio, [](const ReviewChain& c) { return RatioOf(c.dn_previous); },
     nullptr, {"DN précédente", "Previous DN"}},
};

const RowField<ReviewStore> kReviewStoreFields[] = {
    {"store_id", K::kId, [](const ReviewStore& r) { return Text(r.store_id); }, nullptr,
     {"Magasin", "Store"}},
    {"name", K::kText, [](const ReviewStore& r) { return Text(r.name); }, nullptr,
     {"Nom", "Name"}},
    {"chain", K::kText, [](const ReviewStore& r) { return NullableText(r.chain); }, nullptr,
     {"Enseigne", "Chain"}, false, false, {}, true},
    {"region", K::kText, [](const ReviewStore& r) { return NullableText(r.region); }, nullptr,
     {"Région", "Region"}, false, false, {}, true},
    {"tracked", K::kBool, [](const ReviewStore& r) { return Bool(r.tracked); }},
    {"worked", K::kBool, [](const ReviewStore& r) { return Bool(r.worked); }, nullptr,
     {"Travaillé", "Worked"}},
    {"visits", K::kCount, [](const ReviewStore& r) { return Integer(r.visits); }, nullptr,
     {"Visites", "Visits"}},
    {"by_action", K::kCounts, [](const ReviewStore& r) { return AmountsOf(r.by_action); },
     &kVisitActionSet, {}, false, false, "visits_"},
    {"present_previous", K::kCount,
     [](const ReviewStore& r) { return NullableInteger(r.present_previous); }, nullptr,
     {"Présente avant", "Present before"}, false, false, {}, true},
    {"present", K::kCount, [](const ReviewStore& r) { return NullableInteger(r.present); },
     nullptr, {"Présente", "Present"}, false, false, {}, true},
    {"facings_previous", K::kCount,
     [](const ReviewStore& r) { return NullableInteger(r.facings_previous); }, nullptr,
     {"Faces avant", "Facings before"}, false, false, {}, true},
    {"facings", K::kCount, [](const ReviewStore& r) { return NullableInteger(r.facings); },
     nullptr, {"Faces", "Facings"}, false, false, {}, true},
    {"sales", K::kMoney, [](const ReviewStore& r) { return Integer(r.sales); }, nullptr,
     {"Ventes", "Sales"}},
    {"sales_previous", K::kMoney, [](const ReviewStore& r) { return Integer(r.sales_previous); },
     nullptr, {"Ventes avant", "Sales before"}},
};

const RowField<ReviewContract> kReviewContractFields[] = {
    {"contract_id", K::kId, [](const ReviewContract& c) { return Text(c.contract_id); }, nullptr,
     {"Contrat", "Contract"}},
    {"start_date", K::kDate, [](const ReviewContract& c) { return Integer(c.start_date); },
     nullptr, {"Début", "Start"}},
    {"end_date", K::kDate, [](const ReviewContract& c) { return Integer(c.end_date); }, nullptr,
     {"Fin", "End"}},
    {"renewal_of", K::kId, [](const ReviewContract& c) { return NullableText(c.renewal_of); },
     nullptr, {"Renouvelle", "Renews"}, false, false, {}, true},
    {"renewal_type", K::kEnum, [](const ReviewContract& c) { return RenewalTypeOf(c.renewal_type); },
     &kRenewalTypeSet, {"Renouvellement", "Renewal"}, false, false, {}, true},
};

const RowField<TrendPoint> kTrendPointFields[] = {
    {"period", K::kText, [](const TrendPoint& p) { return Text(p.label); }},
    {"start", K::kDate, [](const TrendPoint& p) { return Integer(p.period.start); }},
    {"end", K::kDate, [](const TrendPoint& p) { return Integer(p.period.end); }},
    {"recurrence_rate", K::kRatio, [](const TrendPoint& p) { return RatioOf(p.recurrence_rate); }},
    {"renewal_rate", K::kRatio, [](const TrendPoint& p) { return RatioOf(p.renewal_rate); }},
    {"churn_rate", K::kRatio, [](const TrendPoint& p) { return RatioOf(p.churn_rate); }},
    {"total_revenue", K::kMoney, [](const TrendPoint& p) { return Integer(p.total_revenue); }},
    {"average_per_client", K::kMoney, [](const TrendPoint& p) { return NullableInteger(p.average_per_client); },
     nullptr, {}, false, false, {}, true},
    {"top1_share", K::kRatio, [](const TrendPoint& p) { return RatioOf(p.top1_share); }},
    {"hhi", K::kRatio, [](const TrendPoint& p) { return RatioOf(p.hhi); }},
    {"margin", K::kMoney, [](const TrendPoint& p) { return Integer(p.margin); }},
    {"margin_rate", K::kRatio, [](const TrendPoint& p) { return RatioOf(p.margin_rate); }},
    {"met_share", K::kRatio, [](const TrendPoint& p) { return RatioOf(p.met_share); }},
    {"mean_capped_attainment", K::kRatio, [](const TrendPoint& p) { return RatioOf(p.mean_capped_attainment); }},
};
const RowDescription<TrendPoint> kTrendPointRow{"TrendPoint", kTrendPointFields};

// --- The report and the review as described rows --------------------------

const RowField<ReportPeriod> kReportPeriodFields[] = {
    {.key = "start",
     .kind = K::kDate,
     .read = [](const ReportPeriod& p) { return Integer(p.period.start); },
     .words = {"Début de la période", "Period start"}},
    {.key = "end",
     .kind = K::kDate,
     .read = [](const ReportPeriod& p) { return Integer(p.period.end); },
     .words = {"Fin de la période", "Period end"}},
    {.key = "as_of",
     .kind = K::kDate,
     .read = [](const ReportPeriod& p) { return Integer(p.as_of); },
     .words = {"Arrêté au", "As of"}},
    {.key = "previous_start",
     .kind = K::kDate,
     .read = [](const ReportPeriod& p) { return Integer(p.previous.start); },
     .words = {"Début de la période précédente", "Previous period start"}},
    {.key = "previous_end",
     .kind = K::kDate,
     .read = [](const ReportPeriod& p) { return Integer(p.previous.end); },
     .words = {"Fin de la période précédente", "Previous period end"}},
    // Made from the period when written: a FieldValue holds views, never its own text.
    {.key = "label",
     .kind = K::kNested,
     .read = nullptr,
     .nested = [](JsonWriter& w, const ReportPeriod& p) { w.String(FormatPeriod(p.period)); },
     .ts_nested = [] { return std::string("string"); }},
    {.key = "grace_days",
     .kind = K::kCount,
     .read = [](const ReportPeriod& p) { return Integer(p.grace_days); },
     .words = {"Jours de grâce", "Grace days"}},
};

const RowField<RecurrenceSection> kRecurrenceSectionFields[] = {
    {"ending_clients", K::kCount, [](const RecurrenceSection& r) { return Integer(r.ending_clients); }, nullptr,
     {"Clients en fin de contrat", "Clients with an ending contract"}},
    {"spontaneous", K::kCount, [](const RecurrenceSection& r) { return Integer(r.spontaneous); }, nullptr,
     {"Renouvelés spontanément", "Renewed spontaneously"}},
    {"solicited", K::kCount, [](const RecurrenceSection& r) { return Integer(r.solicited); }, nullptr,
     {"Renouvelés sur sollicitation", "Renewed when solicited"}},
    {"pending", K::kCount, [](const RecurrenceSection& r) { return Integer(r.pending); }, nullptr,
     {"En attente", "Pending"}},
    {"lost", K::kCount, [](const RecurrenceSection& r) { return Integer(r.lost); }, nullptr,
     {"Perdus", "Lost"}},
    {"decided", K::kCount, [](const RecurrenceSection& r) { return Integer(r.decided); }, nullptr,
     {"Décidés", "Decided"}},
    {"recurrence_rate", K::kRatio, [](const RecurrenceSection& r) { return RatioOf(r.recurrence_rate); }, nullptr,
     {"Taux de récurrence", "Recurrence rate"}},
    {"renewal_rate", K::kRatio, [](const RecurrenceSection& r) { return RatioOf(r.renewal_rate); }, nullptr,
     {"Taux de renouvellement", "Renewal rate"}},
    {"churn_rate", K::kRatio, [](const RecurrenceSection& r) { return RatioOf(r.churn_rate); }, nullptr,
     {"Taux d'attrition", "Churn rate"}},
    NestedField<RecurrenceSection, &RecurrenceSection::clients>("clients"),
};

const RowField<RevenueSection> kRevenueSectionFields[] = {
    {"total_revenue", K::kMoney, [](const RevenueSection& r) { return Integer(r.total_revenue); }, nullptr,
     {"CA total", "Total revenue"}},
    {"clients_billed", K::kCount, [](const RevenueSection& r) { return Integer(r.clients_billed); }, nullptr,
     {"Clients facturés", "Clients billed"}},
    {"average_per_client", K::kMoney,
     [](const RevenueSection& r) { return NullableInteger(r.average_per_client); }, nullptr,
     {"CA moyen par client", "Average per client"}, false, false, {}, true},
    {"unallocated_revenue", K::kMoney, [](const RevenueSection& r) { return Integer(r.unallocated_revenue); }, nullptr,
     {"CA non affecté à une prestation", "Revenue not tied to a mission"}},
    {"top1_share", K::kRatio, [](const RevenueSection& r) { return RatioOf(r.top1_share); }, nullptr,
     {"Part du premier client", "Top client share"}},
    {"top3_share", K::kRatio, [](const RevenueSection& r) { return RatioOf(r.top3_share); }, nullptr,
     {"Part des trois premiers", "Top 3 clients share"}},
    {.key = "hhi",
     .kind = K::kRatio,
     .read = [](const RevenueSection& r) { return RatioOf(r.hhi); },
     .label = {"Indice de concentration (HHI)", "Concentration index (HHI)"},
     .decimals = 0},
    NestedField<RevenueSection, &RevenueSection::clients>("clients"),
};

const RowField<MarginSection> kMarginSectionFields[] = {
    {"revenue", K::kMoney, [](const MarginSection& m) { return Integer(m.revenue); }, nullptr,
     {"CA", "Revenue"}},
    {"labor_cost", K::kMoney, [](const MarginSection& m) { return Integer(m.labor_cost); }, nullptr,
     {"Coût du travail", "Labor cost"}},
    {"expenses", K::kMoney, [](const MarginSection& m) { return Integer(m.expenses); }, nullptr,
     {"Frais", "Expenses"}},
    {"total_cost", K::kMoney, [](const MarginSection& m) { return Integer(m.total_cost); }, nullptr,
     {"Coût total", "Total cost"}},
    {"margin", K::kMoney, [](const MarginSection& m) { return Integer(m.margin); }, nullptr,
     {"Marge", "Margin"}},
    {"margin_rate", K::kRatio, [](const MarginSection& m) { return RatioOf(m.margin_rate); }, nullptr,
     {"Taux de marge", "Margin rate"}},
    {"overhead_pool", K::kMoney, [](const MarginSection& m) { return Integer(m.overhead_pool); }, nullptr,
     {"Frais de structure", "Overhead pool"}},
    {"overhead_unallocated", K::kMoney, [](const MarginSection& m) { return Integer(m.overhead_unallocated); }, nullptr,
     {"Frais de structure non répartis", "Overhead not allocated"}},
    {"earned_revenue", K::kMoney, [](const MarginSection& m) { return Integer(m.earned_revenue); }, nullptr,
     {"CA acquis (forfaits au prorata)", "Earned revenue (fees pro rata)"}},
    {"earned_margin", K::kMoney, [](const MarginSection& m) { return Integer(m.earned_margin); }, nullptr,
     {"Marge acquise", "Earned margin"}},
    {"earned_margin_rate", K::kRatio, [](const MarginSection& m) { return RatioOf(m.earned_margin_rate); }, nullptr,
     {"Taux de marge acquise", "Earned margin rate"}},
    NestedField<MarginSection, &MarginSection::missions>("missions"),
};

const RowField<ObjectivesSection> kObjectivesSectionFields[] = {
    {"count", K::kCount, [](const ObjectivesSection& o) { return Integer(o.count); }, nullptr,
     {"Objectifs", "Objectives"}},
    {"met", K::kCount, [](const ObjectivesSection& o) { return Integer(o.met); }, nullptr,
     {"Atteints", "Met"}},
    {"met_share", K::kRatio, [](const ObjectivesSection& o) { return RatioOf(o.met_share); }, nullptr,
     {"Part atteinte", "Met share"}},
    {"mean_attainment", K::kRatio, [](const ObjectivesSection& o) { return RatioOf(o.mean_attainment); }, nullptr,
     {"Atteinte moyenne", "Mean attainment"}},
    {"mean_capped_attainment", K::kRatio,
     [](const ObjectivesSection& o) { return RatioOf(o.mean_capped_attainment); }, nullptr,
     {"Atteinte moyenne plafonnée à 100\u00A0%", "Mean attainment capped at 100%"}},
    NestedField<ObjectivesSection, &ObjectivesSection::items>("items"),
};

const RowField<Report> kReportFields[] = {
    NestedField<Report, &Report::period>("period"),
    {"currency", K::kText, [](const Report& r) { return Text(r.currency); }},
    NestedField<Report, &Report::recurrence>("recurrence"),
    NestedField<Report, &Report::revenue>("revenue"),
    NestedField<Report, &Report::margin>("margin"),
    NestedField<Report, &Report::objectives>("objectives"),
    NestedField<Report, &Report::workload>("workload"),
    NestedField<Report, &Report::renewal_risk>("renewal_risk"),
};

const RowField<WorkloadSection> kWorkloadSectionFields[] = {
    {"employees", K::kCount, [](const WorkloadSection& w) { return Integer(w.employees); }, nullptr,
     {"Collaborateurs", "Employees"}},
    {"hours", K::kHours, [](const WorkloadSection& w) { return Integer(w.hours); }, nullptr,
     {"Heures", "Hours"}},
    {"mission_hours", K::kHours, [](const WorkloadSection& w) { return Integer(w.mission_hours); }, nullptr,
     {"Heures sur prestations", "Mission hours"}},
    {"internal_hours", K::kHours, [](const WorkloadSection& w) { return Integer(w.internal_hours); }, nullptr,
     {"Heures internes", "Internal hours"}},
    {"billable_share", K::kRatio, [](const WorkloadSection& w) { return RatioOf(w.billable_share); }, nullptr,
     {"Part facturable", "Billable share"}},
    {.key = "cost_per_visit",
     .kind = K::kRatio,
     .read = [](const WorkloadSection& w) { return RatioOf(w.cost_per_visit); },
     .label = {"Coût complet d'une visite", "Cost per visit"},
     .decimals = 2},
    NestedField<WorkloadSection, &WorkloadSection::items>("items"),
};

const RowField<RenewalRiskSection> kRenewalRiskSectionFields[] = {
    {"horizon_days", K::kCount, [](const RenewalRiskSection& r) { return Integer(r.horizon_days); }, nullptr,
     {"Horizon (jours)", "Horizon (days)"}},
    NestedField<RenewalRiskSection, &RenewalRiskSection::contracts>("contracts"),
};

const RowField<ReviewClient> kReviewClientFields[] = {
    {"client_id", K::kId, [](const ReviewClient& c) { return Text(c.client_id); }},
    {"name", K::kText, [](const ReviewClient& c) { return Text(c.name); }},
    {"sector", K::kText, [](const ReviewClient& c) { return NullableText(c.sector); }, nullptr, {}, false,
     false, {}, true},
};

const RowField<ShelfState> kShelfStateFields[] = {
    {"stores", K::kCount, [](const ShelfState& s) { return Integer(s.stores); }},
    {"present", K::kCount, [](const ShelfState& s) { return Integer(s.present); }},
    {"dn", K::kRatio, [](const ShelfState& s) { return RatioOf(s.dn); }},
    {"facings", K::kCount, [](const ShelfState& s) { return Integer(s.facings); }},
    {"facings_per_present_store", K::kRatio,
     [](const ShelfState& s) { return RatioOf(s.facings_per_present_store); }},
};

const RowField<PanelDn> kPanelDnFields[] = {
    {"stores", K::kCount, [](const PanelDn& p) { return Integer(p.stores); }},
    {"dn_start", K::kRatio, [](const PanelDn& p) { return RatioOf(p.dn_start); }},
    {"dn_end", K::kRatio, [](const PanelDn& p) { return RatioOf(p.dn_end); }},
    {"dn_change", K::kRatio, [](const PanelDn& p) { return RatioOf(p.dn_change); }},
};

const RowField<ReviewShelf> kReviewShelfFields[] = {
    NestedField<ReviewShelf, &ReviewShelf::current>("current"),
    NestedField<ReviewShelf, &ReviewShelf::previous>("previous"),
    {"dn_change", K::kRatio, [](const ReviewShelf& s) { return RatioOf(s.dn_change); }},
    NestedField<ReviewShelf, &ReviewShelf::panel>("panel"),
};

const RowField<ReviewActions> kReviewActionsFields[] = {
    {"visits", K::kCount, [](const ReviewActions& a) { return Integer(a.visits); }},
    {"stores_visited", K::kCount, [](const ReviewActions& a) { return Integer(a.stores_visited); }},
    {"worked_stores", K::kCount, [](const ReviewActions& a) { return Integer(a.worked_stores); }},
    {"by_action", K::kCounts, [](const ReviewActions& a) { return AmountsOf(a.by_action); }, &kVisitActionSet},
};

const RowField<ReviewImpact> kReviewImpactFields[] = {
    NestedField<ReviewImpact, &ReviewImpact::worked>("worked"),
    NestedField<ReviewImpact, &ReviewImpact::control>("control"),
    {"dn_lift", K::kRatio, [](const ReviewImpact& i) { return RatioOf(i.dn_lift); }},
};

const RowField<SalesGroup> kSalesGroupFields[] = {
    {"stores", K::kCount, [](const SalesGroup& g) { return Integer(g.stores); }},
    {"sales", K::kMoney, [](const SalesGroup& g) { return Integer(g.sales); }},
    {"sales_previous", K::kMoney, [](const SalesGroup& g) { return Integer(g.sales_previous); }},
    {"change_rate", K::kRatio, [](const SalesGroup& g) { return RatioOf(g.change_rate); }},
};

// The tracked stores' group is spelt out at the top of the object (SPEC §5).
const RowField<ReviewSales> kReviewSalesFields[] = {
    {"tracked_stores", K::kCount, [](const ReviewSales& s) { return Integer(s.tracked.stores); }},
    {"sales", K::kMoney, [](const ReviewSales& s) { return Integer(s.tracked.sales); }},
    {"sales_previous", K::kMoney, [](const ReviewSales& s) { return Integer(s.tracked.sales_previous); }},
    {"change_rate", K::kRatio, [](const ReviewSales& s) { return RatioOf(s.tracked.change_rate); }},
    NestedField<ReviewSales, &ReviewSales::worked>("worked"),
    NestedField<ReviewSales, &ReviewSales::control>("control"),
    {"lift", K::kRatio, [](const ReviewSales& s) { return RatioOf(s.lift); }},
    {.key = "all_stores",
     .kind = K::kNested,
     .read = nullptr,
     .nested =
         [](JsonWriter& w, const ReviewSales& s) {
           w.BeginObject();
           w.Key("sales").Money(s.all_stores_sales);
           w.Key("sales_previous").Money(s.all_stores_sales_previous);
           w.EndObject();
         },
     .ts_nested = [] { return std::string("{ sales: number; sales_previous: number }"); }},
};

FieldValue RecurrenceStatusOf(const std::optional<RecurrenceStatus>& status) {
  FieldValue value = Integer(static_cast<int64_t>(status.value_or(RecurrenceStatus::kLost)));
  value.is_null = !status;
  return value;
}

const RowField<Review> kReviewFields[] = {
    NestedField<Review, &Review::period>("period"),
    {"currency", K::kText, [](const Review& r) { return Text(r.currency); }},
    NestedField<Review, &Review::client>("client"),
    NestedField<Review, &Review::shelf>("shelf"),
    NestedField<Review, &Review::actions>("actions"),
    NestedField<Review, &Review::impact>("impact"),
    NestedField<Review, &Review::sales>("sales"),
    NestedField<Review, &Review::dn_by_month>("dn_by_month"),
    NestedField<Review, &Review::sales_by_month>("sales_by_month"),
    NestedField<Review, &Review::by_chain>("by_chain"),
    NestedField<Review, &Review::stores>("stores"),
    NestedField<Review, &Review::objectives>("objectives"),  // the report's section, over the brand's objectives
    {"recurrence_status", K::kEnum, [](const Review& r) { return RecurrenceStatusOf(r.recurrence_status); },
     &kRecurrenceStatusSet, {}, false, false, {}, true},
    NestedField<Review, &Review::contracts>("contracts"),
};

const RowDescription<ReportPeriod> kReportPeriodRow{"ReportPeriod", kReportPeriodFields};
const RowDescription<RecurrenceSection> kRecurrenceSectionRow{"Recurrence", kRecurrenceSectionFields};
const RowDescription<RevenueSection> kRevenueSectionRow{"Revenue", kRevenueSectionFields};
const RowDescription<MarginSection> kMarginSectionRow{"Margin", kMarginSectionFields};
const RowDescription<ObjectivesSection> kObjectivesSectionRow{"Objectives", kObjectivesSectionFields};
const RowDescription<WorkloadSection> kWorkloadSectionRow{"Workload", kWorkloadSectionFields};
const RowDescription<RenewalRiskSection> kRenewalRiskSectionRow{"RenewalRisk", kRenewalRiskSectionFields};
const RowDescription<Report> kReportRow{"Report", kReportFields};
const RowDescription<ReviewClient> kReviewClientRow{"ReviewClient", kReviewClientFields};
const RowDescription<ShelfState> kShelfStateRow{"ShelfState", kShelfStateFields};
const RowDescription<PanelDn> kPanelDnRow{"PanelPart", kPanelDnFields};
const RowDescription<ReviewShelf> kReviewShelfRow{"ReviewShelf", kReviewShelfFields};
const RowDescription<ReviewActions> kReviewActionsRow{"ReviewActions", kReviewActionsFields};
const RowDescription<ReviewImpact> kReviewImpactRow{"ReviewImpact", kReviewImpactFields};
const RowDescription<SalesGroup> kSalesGroupRow{"SalesPart", kSalesGroupFields};
const RowDescription<ReviewSales> kReviewSalesRow{"ReviewSales", kReviewSalesFields};
const RowDescription<Review> kReviewRow{"Review", kReviewFields};

const RowDescription<ReviewDnMonth> kReviewDnMonthRow{"ReviewDnMonth", kReviewDnMonthFields};
const RowDescription<ReviewSalesMonth> kReviewSalesMonthRow{"ReviewSalesMonth",
                                                            kReviewSalesMonthFields};
const RowDescription<ReviewChain> kReviewChainRow{"ReviewChain", kReviewChainFields};
const RowDescription<ReviewStore> kReviewStoreRow{"ReviewStore", kReviewStoreFields};
const RowDescription<ReviewContract> kReviewContractRow{"ReviewContract", kReviewContractFields};

const RowDescription<RecurrenceClient> kRecurrenceClientRow{"RecurrenceClient",
                                                            kRecurrenceClientFields};
const RowDescription<RevenueClient> kRevenueClientRow{"RevenueClient", kRevenueClientFields};
const RowDescription<MissionMargin> kMissionMarginRow{"MissionMargin", kMissionMarginFields};
const RowDescription<ObjectiveItem> kObjectiveItemRow{"ObjectiveItem", kObjectiveItemFields};
const RowDescription<WorkloadEmployee> kWorkloadEmployeeRow{"WorkloadEmployee", kWorkloadEmployeeFields};
const RowDescription<RenewalContract> kRenewalContractRow{"RenewalContract", kRenewalContractFields};

// --- The renewal price (SPEC §6.5) ---------------------------------------

// SPEC §6.5's period of a price: the nominal bounds and the as-of date.
void WritePricePeriod(JsonWriter& w, const PriceQuote& q) {
  w.BeginObject();
  w.Key("start").String(FormatDate(q.period.start));
  w.Key("end").String(FormatDate(q.period.end));
  w.Key("as_of").String(FormatDate(q.as_of));
  w.EndObject();
}

const RowField<PriceQuote> kPriceQuoteFields[] = {
    {"mission_id", K::kId, [](const PriceQuote& q) { return Text(q.mission_id); }},
    {"client_id", K::kId, [](const PriceQuote& q) { return Text(q.client_id); }},
    {"name", K::kText, [](const PriceQuote& q) { return Text(q.name); }},
    {.key = "period",
     .kind = K::kNested,
     .read = nullptr,
     .nested = WritePricePeriod,
     .ts_nested = [] { return std::string("{ start: string; end: string; as_of: string }"); }},
    // R and X exactly as given (never null): millionths written as decimals.
    {"target_margin", K::kQuantity, [](const PriceQuote& q) { return Integer(q.target_margin); }, nullptr, {}, true},
    {"scope_change", K::kQuantity, [](const PriceQuote& q) { return Integer(q.scope_change); }, nullptr, {}, true},
    {"full_cost", K::kMoney, [](const PriceQuote& q) { return Integer(q.full_cost); }},
    {"revenue", K::kMoney, [](const PriceQuote& q) { return Integer(q.revenue); }},
    {"hours", K::kHours, [](const PriceQuote& q) { return Integer(q.hours); }},
    {"visits", K::kCount, [](const PriceQuote& q) { return Integer(q.visits); }},
    {"projected_cost", K::kMoney, [](const PriceQuote& q) { return Integer(q.projected_cost); }},
    {"minimum_price", K::kMoney, [](const PriceQuote& q) { return Integer(q.minimum_price); }},
    {.key = "annual_minimum_price",
     .kind = K::kMoney,
     .read = [](const PriceQuote& q) { return NullableInteger(q.annual_minimum_price); },
     .nullable = true},
    {"required_change", K::kRatio, [](const PriceQuote& q) { return RatioOf(q.required_change); }},
    {"per_visit", K::kRatio, [](const PriceQuote& q) { return RatioOf(q.per_visit); }},
    {"per_hour", K::kRatio, [](const PriceQuote& q) { return RatioOf(q.per_hour); }},
};

const RowDescription<PriceQuote> kPriceQuoteRow{"PriceQuote", kPriceQuoteFields};


// --- The dashboard's pages: a client, a mission, the brands --------------

const RowField<PageClient> kPageClientFields[] = {
    {"client_id", K::kId, [](const PageClient& c) { return Text(c.client_id); }},
    {"name", K::kText, [](const PageClient& c) { return Text(c.name); }},
    {"sector", K::kText, [](const PageClient& c) { return Text(c.sector); }},
};

const RowField<PageContract> kPageContractFields[] = {
    {"contract_id", K::kId, [](const PageContract& c) { return Text(c.contract_id); }},
    {"start_date", K::kDate, [](const PageContract& c) { return Integer(c.start_date); }},
    {"end_date", K::kDate, [](const PageContract& c) { return Integer(c.end_date); }},
    {"signed_on", K::kDate, [](const PageContract& c) { return Integer(c.signed_on); }},
    {.key = "renewal_of",
     .kind = K::kId,
     .read = [](const PageContract& c) { return NullableText(c.renewal_of); },
     .nullable = true},
    {.key = "renewal_type",
     .kind = K::kEnum,
     .read = [](const PageContract& c) { return RenewalTypeOf(c.renewal_type); },
     .names = &kRenewalTypeSet,
     .nullable = true},
    {.key = "renewed_by",
     .kind = K::kId,
     .read = [](const PageContract& c) { return NullableText(c.renewed_by); },
     .nullable = true},
};

const RowField<ClientPage> kClientPageFields[] = {
    NestedField<ClientPage, &ClientPage::period>("period"),
    NestedField<ClientPage, &ClientPage::client>("client"),
    NestedField<ClientPage, &ClientPage::revenue>("revenue"),
    NestedField<ClientPage, &ClientPage::recurrence>("recurrence"),
    NestedField<ClientPage, &ClientPage::missions>("missions"),
    NestedField<ClientPage, &ClientPage::objectives>("objectives"),
    NestedField<ClientPage, &ClientPage::contracts>("contracts"),
    {"visits_by_action", K::kCounts, [](const ClientPage& p) { return AmountsOf(p.visits_by_action); },
     &kVisitActionSet},
};

const RowField<PageMission> kPageMissionFields[] = {
    {"mission_id", K::kId, [](const PageMission& m) { return Text(m.mission_id); }},
    {"client_id", K::kId, [](const PageMission& m) { return Text(m.client_id); }},
    {"client_name", K::kText, [](const PageMission& m) { return Text(m.client_name); }},
    {"name", K::kText, [](const PageMission& m) { return Text(m.name); }},
    {"type", K::kText, [](const PageMission& m) { return Text(m.type); }},
    {"start_date", K::kDate, [](const PageMission& m) { return Integer(m.start_date); }},
    {"end_date", K::kDate, [](const PageMission& m) { return Integer(m.end_date); }},
    {.key = "contract_id",
     .kind = K::kId,
     .read = [](const PageMission& m) { return NullableText(m.contract_id); },
     .nullable = true},
    {.key = "complexity",
     .kind = K::kCount,
     .read =
         [](const PageMission& m) {
           return NullableInteger(m.complexity == 0 ? std::nullopt : std::optional<int64_t>(m.complexity));
         },
     .nullable = true},
};

const RowField<MissionMonth> kMissionMonthFields[] = {
    // Made from the month when written: a FieldValue holds views, never its own text.
    {.key = "month",
     .kind = K::kNested,
     .read = nullptr,
     .nested = [](JsonWriter& w, const MissionMonth& m) { w.String(FormatPeriod(m.month)); },
     .ts_nested = [] { return std::string("string"); }},
    {"revenue", K::kMoney, [](const MissionMonth& m) { return Integer(m.revenue); }},
    {"full_cost", K::kMoney, [](const MissionMonth& m) { return Integer(m.full_cost); }},
    {"full_margin", K::kMoney, [](const MissionMonth& m) { return Integer(m.full_margin); }},
    {"full_margin_rate", K::kRatio, [](const MissionMonth& m) { return RatioOf(m.full_margin_rate); }},
};

const RowField<MissionPage> kMissionPageFields[] = {
    NestedField<MissionPage, &MissionPage::period>("period"),
    NestedField<MissionPage, &MissionPage::mission>("mission"),
    NestedField<MissionPage, &MissionPage::margin>("margin"),
    NestedField<MissionPage, &MissionPage::monthly>("monthly"),
    NestedField<MissionPage, &MissionPage::objectives>("objectives"),
};

const RowField<BrandLine> kBrandLineFields[] = {
    {"client_id", K::kId, [](const BrandLine& b) { return Text(b.client_id); }},
    {"name", K::kText, [](const BrandLine& b) { return Text(b.name); }},
    {"audits", K::kCount, [](const BrandLine& b) { return Integer(b.audits); }},
    {"visits", K::kCount, [](const BrandLine& b) { return Integer(b.visits); }},
    {"sales_rows", K::kCount, [](const BrandLine& b) { return Integer(b.sales_rows); }},
};

const RowField<BrandsPage> kBrandsPageFields[] = {
    NestedField<BrandsPage, &BrandsPage::period>("period"),
    NestedField<BrandsPage, &BrandsPage::brands>("brands"),
};

const RowDescription<PageClient> kPageClientRow{"ClientHeader", kPageClientFields};
const RowDescription<PageContract> kPageContractRow{"Contract", kPageContractFields};
const RowDescription<ClientPage> kClientPageRow{"ClientDetail", kClientPageFields};
const RowDescription<PageMission> kPageMissionRow{"MissionHeader", kPageMissionFields};
const RowDescription<MissionMonth> kMissionMonthRow{"MonthlyPoint", kMissionMonthFields};
const RowDescription<MissionPage> kMissionPageRow{"MissionDetail", kMissionPageFields};
const RowDescription<BrandLine> kBrandLineRow{"BrandLine", kBrandLineFields};
const RowDescription<BrandsPage> kBrandsPageRow{"BrandListing", kBrandsPageFields};


// --- TypeScript ----------------------------------------------------------

constexpr std::string_view kTsHeader =
    "// Generated by `agencykpi schema --format ts` from the report's row\n"
    "// descriptions (src/report/rows.cpp): do not edit. Regenerate with\n"
    "//   build/agencykpi schema --format ts > web/src/report-rows.ts\n"
    "// Money is in euros, hours in hours, ratios unrounded, undefined figures null.\n";

std::string TsTypeOf(FieldKind kind, const NameSet* names, bool never_null) {
  switch (kind) {
    case FieldKind::kId:
    case FieldKind::kText: return "string";
    case FieldKind::kEnum: return std::string(names->ts_type);
    case FieldKind::kMoney:
    case FieldKind::kHours:
    case FieldKind::kCount: return "number";
    case FieldKind::kRatio:
    case FieldKind::kQuantity: return never_null ? "number" : "Num";
    case FieldKind::kFlags: return fmt::format("{}[]", names->ts_type);
    case FieldKind::kIdList: return "string[]";
    case FieldKind::kObject:
    case FieldKind::kCounts:
    case FieldKind::kHoursObject: return fmt::format("Record<{}, number>", names->ts_type);
    case FieldKind::kBool: return "boolean";
    case FieldKind::kDate: return "string";
    case FieldKind::kNested: break;  // named by the field itself
  }
  return "unknown";
}

void AppendNameSet(std::string& out, const NameSet& set) {
  if (!set.ts_list.empty()) {
    out += fmt::format("\nexport const {} = [\n", set.ts_list);
    for (std::string_view name : set.names) out += fmt::format("  '{}',\n", name);
    out += fmt::format("] as const;\nexport type {} = (typeof {})[number];\n", set.ts_type,
                       set.ts_list);
    return;
  }
  out += fmt::format("\nexport type {} =\n", set.ts_type);
  for (size_t i = 0; i < set.names.size(); ++i) {
    out += fmt::format("  | '{}'{}\n", set.names[i], i + 1 == set.names.size() ? ";" : "");
  }
}

template <typename Row>
void AppendInterface(std::string& out) {
  const RowDescription<Row>& row = RowDescriptionOf<Row>();
  out += fmt::format("\nexport interface {} {{\n", row.ts_type);
  for (const RowField<Row>& field : row.fields) {
    const std::string type = field.kind == FieldKind::kNested
                                 ? field.ts_nested()
                                 : TsTypeOf(field.kind, field.names, field.never_null);
    out += fmt::format("  {}: {}{};\n", field.key, type, field.nullable ? " | null" : "");
  }
  out += "}\n";
}

}  // namespace

template <>
const RowDescription<RecurrenceClient>& RowDescriptionOf<RecurrenceClient>() {
  return kRecurrenceClientRow;
}
template <>
const RowDescription<RevenueClient>& RowDescriptionOf<RevenueClient>() {
  return kRevenueClientRow;
}
template <>
const RowDescription<MissionMargin>& RowDescriptionOf<MissionMargin>() {
  return kMissionMarginRow;
}
template <>
const RowDescription<ObjectiveItem>& RowDescriptionOf<ObjectiveItem>() {
  return kObjectiveItemRow;
}

template <>
const RowDescription<TrendPoint>& RowDescriptionOf<TrendPoint>() {
  return kTrendPointRow;
}

template <>
const RowDescription<ReviewDnMonth>& RowDescriptionOf<ReviewDnMonth>() {
  return kReviewDnMonthRow;
}
template <>
const RowDescription<ReviewSalesMonth>& RowDescriptionOf<ReviewSalesMonth>() {
  return kReviewSalesMonthRow;
}
template <>
const RowDescription<ReviewChain>& RowDescriptionOf<ReviewChain>() {
  return kReviewChainRow;
}
template <>
const RowDescription<ReviewStore>& RowDescriptionOf<ReviewStore>() {
  return kReviewStoreRow;
}
template <>
const RowDescription<ReviewContract>& RowDescriptionOf<ReviewContract>() {
  return kReviewContractRow;
}

#define AGENCYKPI_DESCRIBED(Type, row) \
  template <>                           \
  const RowDescription<Type>& RowDescriptionOf<Type>() { return row; }
AGENCYKPI_DESCRIBED(ReportPeriod, kReportPeriodRow)
AGENCYKPI_DESCRIBED(RecurrenceSection, kRecurrenceSectionRow)
AGENCYKPI_DESCRIBED(RevenueSection, kRevenueSectionRow)
AGENCYKPI_DESCRIBED(MarginSection, kMarginSectionRow)
AGENCYKPI_DESCRIBED(ObjectivesSection, kObjectivesSectionRow)
AGENCYKPI_DESCRIBED(WorkloadEmployee, kWorkloadEmployeeRow)
AGENCYKPI_DESCRIBED(RenewalContract, kRenewalContractRow)
AGENCYKPI_DESCRIBED(WorkloadSection, kWorkloadSectionRow)
AGENCYKPI_DESCRIBED(RenewalRiskSection, kRenewalRiskSectionRow)
AGENCYKPI_DESCRIBED(Report, kReportRow)
AGENCYKPI_DESCRIBED(ReviewClient, kReviewClientRow)
AGENCYKPI_DESCRIBED(ShelfState, kShelfStateRow)
AGENCYKPI_DESCRIBED(PanelDn, kPanelDnRow)
AGENCYKPI_DESCRIBED(ReviewShelf, kReviewShelfRow)
AGENCYKPI_DESCRIBED(ReviewActions, kReviewActionsRow)
AGENCYKPI_DESCRIBED(ReviewImpact, kReviewImpactRow)
AGENCYKPI_DESCRIBED(SalesGroup, kSalesGroupRow)
AGENCYKPI_DESCRIBED(ReviewSales, kReviewSalesRow)
AGENCYKPI_DESCRIBED(Review, kReviewRow)
#undef AGENCYKPI_DESCRIBED
template <>
const RowDescription<PriceQuote>& RowDescriptionOf<PriceQuote>() {
  return kPriceQuoteRow;
}
template <>
const RowDescription<PageClient>& RowDescriptionOf<PageClient>() {
  return kPageClientRow;
}
template <>
const RowDescription<PageContract>& RowDescriptionOf<PageContract>() {
  return kPageContractRow;
}
template <>
const RowDescription<ClientPage>& RowDescriptionOf<ClientPage>() {
  return kClientPageRow;
}
template <>
const RowDescription<PageMission>& RowDescriptionOf<PageMission>() {
  return kPageMissionRow;
}
template <>
const RowDescription<MissionMonth>& RowDescriptionOf<MissionMonth>() {
  return kMissionMonthRow;
}
template <>
const RowDescription<MissionPage>& RowDescriptionOf<MissionPage>() {
  return kMissionPageRow;
}
template <>
const RowDescription<BrandLine>& RowDescriptionOf<BrandLine>() {
  return kBrandLineRow;
}
template <>
const RowDescription<BrandsPage>& RowDescriptionOf<BrandsPage>() {
  return kBrandsPageRow;
}


SortValue SortValueOf(FieldKind kind, const FieldValue& value) {
  if (value.is_null) return SortValue{};
  switch (kind) {
    case FieldKind::kId:
    case FieldKind::kText: return SortValue{false, 0, value.text, true};
    case FieldKind::kRatio: return SortValue{false, value.ratio, {}, false};
    case FieldKind::kFlags:
      return SortValue{false, static_cast<double>(value.flags.size()), {}, false};
    case FieldKind::kEnum:
    case FieldKind::kMoney:
    case FieldKind::kHours:
    case FieldKind::kCount:
    case FieldKind::kQuantity:
    case FieldKind::kBool:
    case FieldKind::kDate:
      return SortValue{false, static_cast<double>(value.integer), {}, false};
    case FieldKind::kIdList:
    case FieldKind::kObject:
    case FieldKind::kCounts:
    case FieldKind::kHoursObject:
    case FieldKind::kNested: break;
  }
  return SortValue{};
}

void WriteFieldJson(JsonWriter& w, FieldKind kind, const NameSet* names, const FieldValue& value) {
  if (value.is_null) return w.Null();
  switch (kind) {
    case FieldKind::kId:
    case FieldKind::kText: return w.String(value.text);
    case FieldKind::kEnum: return w.String(names->names[static_cast<size_t>(value.integer)]);
    case FieldKind::kMoney: return w.Money(value.integer);
    case FieldKind::kHours: return w.Hours(value.integer);
    case FieldKind::kCount: return w.Int(value.integer);
    case FieldKind::kRatio: return w.Double(value.ratio);
    case FieldKind::kQuantity: return w.Micros(value.integer);
    case FieldKind::kFlags:
      w.BeginArray();
      for (const uint8_t flag : value.flags) w.String(names->names[flag]);
      return w.EndArray();
    case FieldKind::kIdList:
      w.BeginArray();
      for (const std::string_view text : value.texts) w.String(text);
      return w.EndArray();
    case FieldKind::kObject:
      w.BeginObject();
      for (size_t k = 0; k < value.amounts.size(); ++k) w.Key(names->names[k]).Money(value.amounts[k]);
      return w.EndObject();
    case FieldKind::kCounts:
      w.BeginObject();
      for (size_t k = 0; k < value.amounts.size(); ++k) w.Key(names->names[k]).Int(value.amounts[k]);
      return w.EndObject();
    case FieldKind::kHoursObject:
      w.BeginObject();
      for (size_t k = 0; k < value.amounts.size(); ++k) w.Key(names->names[k]).Hours(value.amounts[k]);
      return w.EndObject();
    case FieldKind::kBool: return w.Bool(value.integer != 0);
    case FieldKind::kDate: return w.String(FormatDate(static_cast<Day>(value.integer)));
    case FieldKind::kNested: return;  // written by the field's own writer (WriteRowJson)
  }
}

std::string RowsTypeScript() {
  std::string out(kTsHeader);
  out += "\nexport type Num = number | null;\n";
  for (const NameSet* set : kNameSets) AppendNameSet(out, *set);
  AppendInterface<RecurrenceClient>(out);
  AppendInterface<RevenueClient>(out);
  AppendInterface<MissionMargin>(out);
  AppendInterface<ObjectiveItem>(out);
  AppendInterface<WorkloadEmployee>(out);
  AppendInterface<RenewalContract>(out);
  AppendInterface<TrendPoint>(out);
  AppendInterface<ReviewDnMonth>(out);
  AppendInterface<ReviewSalesMonth>(out);
  AppendInterface<ReviewChain>(out);
  AppendInterface<ReviewStore>(out);
  AppendInterface<ReviewContract>(out);
  AppendInterface<ReportPeriod>(out);
  AppendInterface<RecurrenceSection>(out);
  AppendInterface<RevenueSection>(out);
  AppendInterface<MarginSection>(out);
  AppendInterface<ObjectivesSection>(out);
  AppendInterface<WorkloadSection>(out);
  AppendInterface<RenewalRiskSection>(out);
  AppendInterface<Report>(out);
  AppendInterface<ReviewClient>(out);
  AppendInterface<ShelfState>(out);
  AppendInterface<PanelDn>(out);
  AppendInterface<ReviewShelf>(out);
  AppendInterface<ReviewActions>(out);
  AppendInterface<ReviewImpact>(out);
  AppendInterface<SalesGroup>(out);
  AppendInterface<ReviewSales>(out);
  AppendInterface<Review>(out);
  AppendInterface<PriceQuote>(out);
  AppendInterface<PageClient>(out);
  AppendInterface<PageContract>(out);
  AppendInterface<ClientPage>(out);
  AppendInterface<PageMission>(out);
  AppendInterface<MissionMonth>(out);
  AppendInterface<MissionPage>(out);
  AppendInterface<BrandLine>(out);
  AppendInterface<BrandsPage>(out);
  return out;
}

}  // namespace agencykpi
