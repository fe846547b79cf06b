// The rule thresholds of the KPIs (SPEC §3) and of the dashboard's alerts,
// each named once here. The engine compares with them exactly, so each is an
// exact fraction (numerator and denominator), never a double; the API serves
// them in GET /api/v1/meta ("rules", docs/api.md) so that the dashboard reads
// them instead of retyping them. Changing a value here changes the flags and
// classes of every report, and the golden cases say so.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace agencykpi {

// num / den with den > 0.
struct RuleFraction {
  int64_t num;
  int64_t den;

  // The nearest double, for JSON and the dashboard; never for a comparison.
  [[nodiscard]] constexpr double Value() const { return static_cast<double>(num) / static_cast<double>(den); }
};

// SPEC §3.2 Pareto / ABC: "class `A` if before < 0.80".
inline constexpr RuleFraction kParetoClassABelow{80, 100};
// SPEC §3.2 Pareto / ABC: "`B` if before < 0.95, else `C`".
inline constexpr RuleFraction kParetoClassBBelow{95, 100};
// SPEC §3.3 flags: "`low_margin` (full_margin ≥ 0 and full_margin_rate < 0.15)".
inline constexpr RuleFraction kThinMarginRate{15, 100};
// SPEC §3.3 flags: "`eroding` (margin_rate_change ≤ −0.10)".
inline constexpr RuleFraction kErodingRateChange{-1, 10};
// SPEC §3.4 status: "`met` if attainment ≥ 1".
inline constexpr RuleFraction kMetAttainment{1, 1};
// SPEC §3.4 status: "for `sum`: `on_track` if projected_attainment ≥ 1,
// `behind` otherwise".
inline constexpr RuleFraction kOnTrackProjectedAttainment{1, 1};
// Dashboard alert (README, "Dashboard and API"): a client above 25 % of
// revenue is a dependence risk; a share of exactly 25 % raises no alert.
inline constexpr RuleFraction kConcentrationAlertShare{25, 100};
// Dashboard HHI bands (US DOJ usage): under 1 500 diversified, from 1 500 to
// 2 500 moderately concentrated, above 2 500 highly concentrated.
inline constexpr RuleFraction kHhiModerateFrom{1500, 1};
inline constexpr RuleFraction kHhiHighAbove{2500, 1};

// SPEC §6.3 signals: "`margin_low` … margin / revenue < 0.15".
inline constexpr RuleFraction kRenewalMarginLowRate{15, 100};
// SPEC §6.3 signals: "`activity_down` … visits dated in L < 0.8 × … in L0".
inline constexpr RuleFraction kRenewalActivityDownRatio{8, 10};
// SPEC §6.3 signals: "`revenue_down` … invoices dated in L sum to less than 0.8 × those dated in L0".
inline constexpr RuleFraction kRenewalRevenueDownRatio{8, 10};
// SPEC §6.3 level: "`high` if risk ≥ 3, `medium` if 2, `low` otherwise".
inline constexpr RuleFraction kRenewalHighRiskFrom{3, 1};
inline constexpr RuleFraction kRenewalMediumRiskFrom{2, 1};

// SPEC §6.3 windows, in days: the recent window L = [a − 89, a], the one
// before it L0 = [a − 179, a − 90], and the objectives that count
// (end_date ≥ a − 180).
inline constexpr int kRenewalWindowDays = 90;
inline constexpr int kRenewalObjectiveLookbackDays = 180;

struct NamedRule {
  std::string_view name;  // the key in /meta's "rules"
  RuleFraction value;
};

// Every rule above, in the order /meta writes them.
inline constexpr std::array<NamedRule, 14> kRules = {{
    {"pareto_class_a_below", kParetoClassABelow},
    {"pareto_class_b_below", kParetoClassBBelow},
    {"thin_margin_rate", kThinMarginRate},
    {"eroding_rate_change", kErodingRateChange},
    {"met_attainment", kMetAttainment},
    {"on_track_projected_attainment", kOnTrackProjectedAttainment},
    {"concentration_alert_share", kConcentrationAlertShare},
    {"hhi_moderate_from", kHhiModerateFrom},
    {"hhi_high_above", kHhiHighAbove},
    {"renewal_margin_low_rate", kRenewalMarginLowRate},
    {"renewal_activity_down_ratio", kRenewalActivityDownRatio},
    {"renewal_revenue_down_ratio", kRenewalRevenueDownRatio},
    {"renewal_high_risk_from", kRenewalHighRiskFrom},
    {"renewal_medium_risk_from", kRenewalMediumRiskFrom},
}};

}  // namespace agencykpi
